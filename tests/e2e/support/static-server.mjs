// A small static file server for the end-to-end tests: serves the built dist/ (and any
// extra folders, such as test pages) on 127.0.0.1 at a free port.
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".ts": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Starts the server. `roots` are folders searched in order for each path; `headers(url)`
 * may add response headers (a Content-Security-Policy for a page, say); `fallback(req, res)`
 * handles what no root has (an API proxy, say).
 */
export async function startStaticServer({ roots, headers = () => ({}), fallback } = {}) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let urlPath = decodeURIComponent(url.pathname);
    if (urlPath.endsWith("/")) urlPath += "index.html";
    for (const root of roots) {
      const file = path.join(root, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ""));
      if (!file.startsWith(path.resolve(root))) break;
      try {
        const body = await fs.readFile(file);
        res.writeHead(200, {
          "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
          "cache-control": "no-store",
          ...headers(url),
        });
        res.end(body);
        return;
      } catch {
        // not in this root: try the next
      }
    }
    if (fallback) return fallback(req, res);
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
