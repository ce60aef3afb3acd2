// Transfer size of the release build (run on demand after `trunk build --release`):
// the wasm, the JS glue (with its snippets) and the CSS, raw and gzip -9, against the
// 120 KB gzip budget.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const BUDGET = 120 * 1024;

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

const shipped = [
  path.join(DIST, "ap-ping-widget_bg.wasm"),
  path.join(DIST, "ap-ping-widget.js"),
  ...files(path.join(DIST, "snippets")),
  path.join(DIST, "ap-ping-widget.css"),
];
let raw = 0, gz = 0;
for (const file of shipped) {
  const body = fs.readFileSync(file);
  const zipped = zlib.gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gz += zipped;
  console.log(`${path.relative(DIST, file).padEnd(52)} ${String(body.length).padStart(8)} B  ${String(zipped).padStart(7)} B gzip`);
}
console.log(`${"total".padEnd(52)} ${String(raw).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
console.log(`gzip total / 120 KB budget = ${(gz / BUDGET).toFixed(2)}${gz <= BUDGET ? "" : "  (over budget)"}`);
