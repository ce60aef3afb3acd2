// Minifies what the browser downloads from dist/ (the glue, the snippets, the CSS) with
// esbuild, then brings the page's Subresource Integrity hashes up to date: trunk computed
// them for the files as they were. Run by scripts/build after trunk build.
// trunk's own JS minifier cannot read wasm-bindgen's glue, hence this step.
import { transformSync } from "esbuild";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(file);
    else if (/\.(js|css)$/.test(entry.name)) yield file;
  }
}

for (const file of files(DIST)) {
  const loader = file.endsWith(".css") ? "css" : "js";
  const { code } = transformSync(fs.readFileSync(file, "utf8"), { loader, minify: true, format: loader === "js" ? "esm" : undefined });
  fs.writeFileSync(file, code);
}

// integrity="sha384-..." on an element whose href or src names a file in dist/.
const page = path.join(DIST, "index.html");
const html = fs.readFileSync(page, "utf8").replace(/<(link|script)\b[^>]*>/g, (tag) => {
  const url = tag.match(/\b(?:href|src)="\/?([^"]+)"/)?.[1];
  if (!url || !/\bintegrity="/.test(tag) || !fs.existsSync(path.join(DIST, url))) return tag;
  const digest = crypto.createHash("sha384").update(fs.readFileSync(path.join(DIST, url))).digest("base64");
  return tag.replace(/\bintegrity="[^"]*"/, `integrity="sha384-${digest}"`);
});
fs.writeFileSync(page, html);
