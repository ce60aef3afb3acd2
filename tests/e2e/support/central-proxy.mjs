// Starts the real central-proxy binary (built by scripts/test) on a free port of
// 127.0.0.1, in front of a mock-central that issues OAuth tokens, and offers a
// forwarder for the static server, as an admin page's own origin would have.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { ROOT } from "./browser.mjs";

export async function startCentralProxy({ centralUrl, clientId, secret, args = [] }) {
  const binary = path.join(ROOT, "target", "debug", "central-proxy");
  const child = spawn(
    binary,
    ["--central-url", centralUrl, "--token-url", `${centralUrl}/as/token.oauth2`, "--client-id", clientId,
     "--listen", "127.0.0.1:0", "--quiet", ...args],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CENTRAL_CLIENT_SECRET: secret } },
  );
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /central-proxy listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`central-proxy exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`central-proxy did not start: ${output}`)), 10_000);
  });
  const { port } = new URL(url);
  return {
    url,
    /** Everything it printed so far. */
    output: () => output,
    /** Forwards a request to the proxy unchanged. */
    forward(req, res) {
      const upstream = http.request(
        { host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      res.on("close", () => {
        if (!res.writableEnded) upstream.destroy();
      });
      req.pipe(upstream);
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}
