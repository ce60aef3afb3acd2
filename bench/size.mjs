// Transfer size of the release build's two bundles (run on demand after `trunk build
// --release`): for each, everything a page loads to use it (wasm, JS glue, the snippets
// the glue imports, and the widget's CSS), raw and gzip -9, against its budget.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const KB = 1024;
const BUNDLES = [
  // 50 KB with both tests' parsers (ping's, and traceroute's since #22).
  { name: "ap-ping-parse (parsers only, built for speed)", glue: "ap-ping-parse.js", wasm: "ap-ping-parse_bg.wasm", extra: [], budget: 50 * KB, aim: 40 * KB },
  // 185 KB since #22 (ping, the fleet view and traceroute); 170 KB was #21's, with the fleet view.
  { name: "ap-ping-widget (widget and parsers, built for size)", glue: "ap-ping-widget.js", wasm: "ap-ping-widget_bg.wasm", extra: ["ap-ping-widget.css"], budget: 185 * KB, aim: 120 * KB },
];

/** The snippets a glue file imports, as paths in dist/. */
function snippets(glue) {
  const text = fs.readFileSync(path.join(DIST, glue), "utf8");
  return [...new Set([...text.matchAll(/from\s*['"]\.\/(snippets\/[^'"]+)['"]/g)].map((m) => m[1]))];
}

const stdFile = path.join(DIST, "..", "target", "apw-release-std.txt");
const mode = fs.existsSync(stdFile) ? fs.readFileSync(stdFile, "utf8").trim() : "unknown (built without scripts/build)";

for (const bundle of BUNDLES) {
  console.log(`\n${bundle.name}`);
  let raw = 0, gz = 0;
  for (const file of [bundle.wasm, bundle.glue, ...snippets(bundle.glue), ...bundle.extra]) {
    const body = fs.readFileSync(path.join(DIST, file));
    const zipped = zlib.gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += zipped;
    console.log(`  ${file.padEnd(58)} ${String(body.length).padStart(8)} B  ${String(zipped).padStart(7)} B gzip`);
  }
  console.log(`  ${"total".padEnd(58)} ${String(raw).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
  const ratio = gz / bundle.budget;

  console.log(`  gzip ${(gz / KB).toFixed(1)} KB / ${bundle.budget / KB} KB budget = ${ratio.toFixed(2)}${ratio <= 1 ? "" : "  (over budget)"}; aim ${bundle.aim / KB} KB`);
}
console.log(`\nstandard library of the last scripts/build: ${mode}`);

