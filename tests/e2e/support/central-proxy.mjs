// Starts the real central-proxy binary (built by scripts/test) on a free port of
// 127.0.0.1, in front of a mock-central that issues OAuth tokens, with the secret in its
// environment as a deployment would give it.
import path from "node:path";
import { ROOT } from "./browser.mjs";
import { startServer, forwardTo } from "./process.mjs";

export async function startCentralProxy({ centralUrl, clientId, secret, args = [] }) {
  const binary = path.join(ROOT, "target", "debug", "central-proxy");
  const { url, child, output } = await startServer(
    "central-proxy",
    binary,
    ["--central-url", centralUrl, "--token-url", `${centralUrl}/as/token.oauth2`, "--client-id", clientId,
     "--listen", "127.0.0.1:0", ...args],
    { env: { ...process.env, CENTRAL_CLIENT_SECRET: secret } },
  );
  return {
    url,
    /** Everything it printed so far. */
    output,
    /** Forwards a request to the proxy unchanged. */
    forward: forwardTo(url),
    stop() {
      child.kill("SIGTERM");
    },
  };
}
