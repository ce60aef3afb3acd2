// The npm package that scripts/build packs (target/npm/ap-ping-widget-<version>.tgz),
// installed into a new project the way an app installs it, and used through its two
// entries: the widget module and the parser-only one, each with ping's and traceroute's parsers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const version = fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]*)"/m)[1];
const tarball = path.join(ROOT, "target", "npm", `ap-ping-widget-${version}.tgz`);

test("npm install of the packed tarball gives both entries, typed, with the stylesheet and the wasm", () => {
  assert.ok(fs.existsSync(tarball), `${tarball} (made by scripts/build)`);
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "apw-app-"));
  try {
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "admin-app", private: true, type: "module" }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", "--loglevel=error", tarball], { cwd: app });
    const installed = JSON.parse(fs.readFileSync(path.join(app, "node_modules/ap-ping-widget/package.json"), "utf8"));
    assert.equal(installed.version, version, "the version is Cargo.toml's");
    fs.writeFileSync(path.join(app, "use.mjs"), `
      import fs from "node:fs";
      import { fileURLToPath } from "node:url";
      import * as parse from "ap-ping-widget/parse";
      import * as widget from "ap-ping-widget";
      const file = (name) => fs.readFileSync(fileURLToPath(import.meta.resolve(name)));
      parse.initSync({ module: file("ap-ping-widget/ap-ping-parse_bg.wasm") });
      widget.initSync({ module: file("ap-ping-widget/ap-ping-widget_bg.wasm") });
      const seed = fs.readFileSync(process.argv[2], "utf8");
      console.log(JSON.stringify({
        parse: Object.keys(parse).sort(),
        widget: Object.keys(widget).sort(),
        lossFromParse: parse.parsePingStatus(seed).statistics.lossPercent,
        lossFromWidget: widget.parsePingStatus(seed).statistics.lossPercent,
        traceFromParse: parse.parseTracerouteOutput(fs.readFileSync(process.argv[3], "utf8")).hops.map((h) => h.addresses),
        traceFromWidget: widget.parseTracerouteOutput(fs.readFileSync(process.argv[3], "utf8")).hops.map((h) => h.addresses),
        css: file("ap-ping-widget/ap-ping-widget.css").toString().includes(".apw"),
        parseGlueNamesOnlyItsWasm: !file("ap-ping-widget/parse").toString().includes("ap-ping-widget_bg.wasm"),
      }));
    `);
    const trace = path.join(ROOT, "crates/ap-ping-core/tests/fixtures/traceroute/ap_busybox.txt");
    const out = JSON.parse(execFileSync("node", ["use.mjs", path.join(ROOT, "tests/fixtures/seed_completed.json"), trace], { cwd: app, encoding: "utf8" }));
    assert.deepEqual(out.parse, ["default", "initSync", "parsePingOutput", "parsePingStatus", "parseTracerouteOutput", "parseTracerouteStatus"], "the parser entry is the parsers alone");
    for (const name of ["mountPingWidget", "parsePingStatus", "parseTracerouteStatus", "parseTracerouteOutput"]) {
      assert.ok(out.widget.includes(name), `the widget entry has ${name}: ${out.widget}`);
    }
    assert.equal(out.lossFromParse, 20);
    assert.equal(out.lossFromWidget, 20);
    const path4 = [["10.27.113.225"], ["10.27.66.2"], [], ["142.251.46.164"]];
    assert.deepEqual(out.traceFromParse, path4);
    assert.deepEqual(out.traceFromWidget, path4);
    assert.ok(out.css, "ap-ping-widget/ap-ping-widget.css is the stylesheet");
    assert.ok(out.parseGlueNamesOnlyItsWasm, "the parser entry never loads the widget's wasm");
    for (const types of ["ap-ping-widget.d.ts", "ap-ping-parse.d.ts"]) {
      assert.ok(fs.existsSync(path.join(app, "node_modules/ap-ping-widget", types)), types);
    }
    assert.equal(installed.exports["./parse"].types, "./ap-ping-parse.d.ts");
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
});
