// The whole stack for an end-to-end test: mock-central, a static server for dist/ and the
// test pages (proxying the API path to the stand-in, as an admin backend would), and
// Debian's Chromium (or none, for tests that drive another browser).
import path from "node:path";
import { startStaticServer } from "./static-server.mjs";
import { startMockCentral } from "./mock-central.mjs";
import { startCentralProxy } from "./central-proxy.mjs";
import { launchBrowser, DIST, ROOT } from "./browser.mjs";

export const PAGES = path.join(ROOT, "tests", "e2e", "pages");
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * With `proxy`, the page's API requests go through the real central-proxy, which gets
 * OAuth tokens from mock-central (`proxy.tokenTtlSecs` long; with `proxy.secret`, a secret
 * other than the one mock-central takes); otherwise straight to it. `forwarded` lists
 * every request the page sent past the static files (to the proxy or the mock), in order.
 */
export async function startStack({ mockArgs = [], proxy = null, chromium = true, roots = [] } = {}) {
  const secret = "e2e-client-secret";
  const oauthArgs = proxy
    ? ["--client-id", "e2e-client", "--client-secret", secret, "--token-ttl-secs", String(proxy.tokenTtlSecs ?? 7200)]
    : [];
  const mock = await startMockCentral(["--reply-interval-ms", "150", ...oauthArgs, ...mockArgs]);
  const centralProxy = proxy
    ? await startCentralProxy({ centralUrl: mock.url, clientId: "e2e-client", secret: proxy.secret ?? secret })
    : null;
  const forwarded = [];
  const server = await startStaticServer({
    roots: [DIST, PAGES, ...roots],
    headers: (url) => (url.searchParams.get("csp") === "strict" ? { "content-security-policy": STRICT_CSP } : {}),
    fallback: (req, res) => {
      forwarded.push({ method: req.method, path: req.url });
      return centralProxy ? centralProxy.forward(req, res) : mock.proxy(req, res);
    },
  });
  const browser = chromium ? await launchBrowser() : null;
  return {
    mock,
    centralProxy,
    server,
    browser,
    forwarded,
    async stop() {
      await browser?.close();
      await server.close();
      centralProxy?.stop();
      mock.stop();
    },
  };
}

/** Console errors that are the browser reporting an HTTP error status the test asked for. */
export const isHttpStatusReport = (problem) => problem.includes("Failed to load resource: the server responded with a status of");
