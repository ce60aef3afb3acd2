// Starts the real mock-central binary (built by scripts/test) on a free port of 127.0.0.1
// and offers what the tests need: its URL, a proxy for the static server, its request log.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { ROOT } from "./browser.mjs";

export async function startMockCentral(args = []) {
  const binary = path.join(ROOT, "target", "debug", "mock-central");
  const child = spawn(binary, ["--port", "0", "--quiet", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`mock-central exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`mock-central did not start: ${out}`)), 10_000);
  });
  const { port } = new URL(url);

  return {
    url,
    /** Forwards a request to the stand-in unchanged, as an admin backend's proxy would. */
    proxy(req, res) {
      const upstream = http.request(
        { host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (e) => {
        if (process.env.E2E_DEBUG) console.error("proxy:", e);
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      // The browser gave up (abort, timeout): so does the proxy, as a real one would.
      res.on("close", () => {
        if (!res.writableEnded) upstream.destroy();
      });
      req.pipe(upstream);
    },
    async requests() {
      return (await fetch(`${url}/__mock/requests`)).json();
    },
    async clearRequests() {
      await fetch(`${url}/__mock/requests`, { method: "DELETE" });
    },
    async status(location, token = "demo-token") {
      const r = await fetch(`${url}${location}`, { headers: { authorization: `Bearer ${token}` } });
      return r.text();
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}
