// scripts/minify-dist.mjs renames the names a wasm module and its glue share. Run here on a
// copy of the parser module as wasm-bindgen made it (left by scripts/build): it must stop when the glue reaches an export or an import in a
// way it does not rename, and its output must load in Node and parse.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// scripts/build-parse's staging folder: under target/release-std/ when the standard
// library was rebuilt (scripts/lib.sh: use_release_std), else under target/.
const BUILT = ["release-std/ap-ping-parse", "ap-ping-parse"]
  .map((dir) => path.join(ROOT, "target", dir))
  .find((dir) => fs.existsSync(path.join(dir, "ap-ping-parse.js")));

/** A copy of the parser module as wasm-bindgen made it, with `edit` applied to its glue. */
function copy(edit = (glue) => glue) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apw-minify-"));
  fs.cpSync(BUILT, dir, { recursive: true });
  const glue = path.join(dir, "ap-ping-parse.js");
  fs.writeFileSync(glue, edit(fs.readFileSync(glue, "utf8")));
  return dir;
}

function minify(dir) {
  try {
    execFileSync("node", [path.join(ROOT, "scripts", "minify-dist.mjs"), dir], { stdio: "pipe" });
    return null;
  } catch (e) {
    return String(e.stderr);
  }
}

test("the renamed module and glue load in Node and parse, with short names only", async () => {
  const dir = copy();
  assert.equal(minify(dir), null);
  const glue = await import(path.join(dir, "ap-ping-parse.js"));
  glue.initSync({ module: fs.readFileSync(path.join(dir, "ap-ping-parse_bg.wasm")) });
  const result = glue.parsePingStatus(fs.readFileSync(path.join(ROOT, "tests/fixtures/seed_completed.json"), "utf8"));
  assert.equal(result.status, "COMPLETED");
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(path.join(dir, "ap-ping-parse_bg.wasm"))));
  assert.ok(exports.every((e) => e.name.length <= 2), exports.map((e) => e.name).join(" "));
  fs.rmSync(dir, { recursive: true });
});

test("an export the glue reaches another way than wasm.NAME stops the build", () => {
  const dir = copy((glue) => {
    assert.match(glue, /wasm\.parsePingStatus\(/);
    return glue.replace(/wasm\.parsePingStatus\(/, 'wasm["parsePingStatus"](');
  });
  assert.match(minify(dir), /names the export parsePingStatus but never reads it as wasm\.parsePingStatus/);
  fs.rmSync(dir, { recursive: true });
});

test("an import the glue does not provide by its name stops the build", () => {
  const dir = copy((glue) => {
    const name = glue.match(/(__wbg_\w+_[0-9a-f]{16})/)[1];
    return glue.replaceAll(name, `${name}_renamed`);
  });
  assert.match(minify(dir), /no import named __wbg_/);
  fs.rmSync(dir, { recursive: true });
});

test("a glue that reads an export the module does not have stops the build", () => {
  const dir = copy((glue) => glue.replace(/wasm\.__wbindgen_start\(\)/, "wasm.__wbindgen_start(); wasm.__not_exported()"));
  assert.match(minify(dir), /reads wasm\.__not_exported, which the module does not export/);
  fs.rmSync(dir, { recursive: true });
});
