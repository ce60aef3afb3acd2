// scripts/demo as a user runs it: it serves the demo on 127.0.0.1:8080 from a debug build
// in a folder of its own (target/demo), proxies the API paths and the stand-in's lists to
// mock-central, and leaves dist/, the release build, as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT, DIST } from "./support/browser.mjs";

/** The release build as files and their hashes. */
function snapshot() {
  return Object.fromEntries(fs.readdirSync(DIST).filter((f) => /\.(js|wasm|css|html)$/.test(f)).map((f) =>
    [f, crypto.createHash("sha256").update(fs.readFileSync(path.join(DIST, f))).digest("hex")]));
}

/** Waits until `url` answers 200, asking every half second, for at most `ms`. */
async function answered(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

test("scripts/demo serves its own debug build from target/demo and leaves dist/ (the release build) alone", { timeout: 600_000 }, async () => {
  const before = snapshot();
  assert.ok(before["ap-ping-widget_bg.wasm"], "a release build in dist/ to begin with (scripts/build)");
  const demo = spawn("bash", ["scripts/demo"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  demo.stdout.on("data", (d) => (output += d));
  demo.stderr.on("data", (d) => (output += d));
  try {
    const page = await (await answered("http://127.0.0.1:8080/", 540_000)).text();
    assert.match(page, /ap-ping-widget/, "the demo page");
    const served = await answered("http://127.0.0.1:8080/ap-ping-widget_bg.wasm", 10_000);
    const wasm = Buffer.from(await served.arrayBuffer());
    const staged = fs.readFileSync(path.join(ROOT, "target", "demo", "ap-ping-widget_bg.wasm"));
    assert.ok(wasm.equals(staged), "what it serves is target/demo's build");
    assert.ok(wasm.length > fs.statSync(path.join(DIST, "ap-ping-widget_bg.wasm")).size, "a debug build, larger than the release one");
    assert.match(output, /debug build, in target\/demo/, "it says where its debug build goes");
    // trunk serve's proxies (Trunk.toml) reach mock-central for the fleet view: its sites
    // for the demo's picker, and the list of a site's APs; and for the traceroute's picker.
    const sites = await (await answered("http://127.0.0.1:8080/__mock/sites", 10_000)).json();
    assert.deepEqual(sites.map((s) => s.siteName).sort(), ["CAMPUS", "DEMO", "HQ", "LOCKED", "WAREHOUSE"]);
    const hq = sites.find((s) => s.siteName === "HQ");
    const filter = encodeURIComponent(`siteId eq '${hq.siteId}'`);
    const aps = await fetch(`http://127.0.0.1:8080/network-monitoring/v1/aps?filter=${filter}&limit=1000`, {
      headers: { Authorization: "Bearer demo-token" },
    });
    assert.equal(aps.status, 200);
    assert.equal((await aps.json()).items.length, 40, "HQ's 40 APs through the proxy");
    // And the traceroute scenarios, for the demo's destination picker.
    const scenarios = await (await answered("http://127.0.0.1:8080/__mock/traceroute-scenarios", 10_000)).json();
    assert.ok(scenarios.some((s) => s.destination === "unreachable.example"), JSON.stringify(scenarios));
    assert.deepEqual(snapshot(), before, "dist/ is still the release build, file for file");
  } finally {
    process.kill(-demo.pid, "SIGTERM");
    await new Promise((resolve) => demo.once("exit", resolve));
  }
});
