// Starts the real mock-central binary (built by scripts/test) on a free port of 127.0.0.1
// and offers what the tests need: its URL, a forwarder for the static server, its log.
import path from "node:path";
import { ROOT } from "./browser.mjs";
import { startServer, forwardTo } from "./process.mjs";

export async function startMockCentral(args = []) {
  const binary = path.join(ROOT, "target", "debug", "mock-central");
  const { url, child } = await startServer("mock-central", binary, ["--port", "0", "--quiet", ...args]);
  return {
    url,
    /** Forwards a request to the stand-in unchanged, as an admin backend's proxy would. */
    proxy: forwardTo(url),
    async requests() {
      return (await fetch(`${url}/__mock/requests`)).json();
    },
    async clearRequests() {
      await fetch(`${url}/__mock/requests`, { method: "DELETE" });
    },
    async state() {
      return (await fetch(`${url}/__mock/state`)).json();
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
