// What the e2e tests need of a server binary of this project: start it on a free port of
// 127.0.0.1, read the address it prints first, and forward a page's requests to it
// unchanged, as an admin backend's proxy would.
import { spawn } from "node:child_process";
import http from "node:http";

/**
 * Starts `binary` and waits for its "<name> listening on http://127.0.0.1:PORT" line.
 * Everything it prints is kept (`output()`), for tests that check what it never prints.
 */
export async function startServer(name, binary, args, { env = process.env } = {}) {
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env });
  let output = "";
  child.stderr.on("data", (chunk) => {
    output += chunk;
    if (process.env.E2E_DEBUG) process.stderr.write(chunk);
  });
  const pattern = new RegExp(`${name} listening on (http://127\\.0\\.0\\.1:\\d+)`);
  const url = await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 10_000);
  });
  return { url, child, output: () => output };
}

/** A handler that forwards a request to `url`'s port and pipes the answer back. */
export function forwardTo(url) {
  const { port } = new URL(url);
  return (req, res) => {
    const upstream = http.request(
      { host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (e) => {
      if (process.env.E2E_DEBUG) console.error("forward:", e);
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    // The browser gave up (abort, timeout): so does the forwarder, as a real proxy would.
    res.on("close", () => {
      if (!res.writableEnded) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
