// The npm package, made from the release build in dist/: target/npm/ap-ping-widget/ with
// its package.json (the version is Cargo.toml's), then `npm pack` into target/npm/.
// Run by scripts/build. Two entries: "ap-ping-widget" (the widget and the parsers) and
// "ap-ping-widget/parse" (the parsers alone, ping's and traceroute's, so that an app that
// only reads results never loads Yew), each with its types; the stylesheet and the wasm
// files are exported too.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");
const OUT = path.join(ROOT, "target", "npm");
const PACKAGE = path.join(OUT, "ap-ping-widget");

const cargo = fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, "m"))[1];

const files = [
  "ap-ping-widget.js", "ap-ping-widget_bg.wasm", "ap-ping-widget.d.ts", "ap-ping-widget.css",
  "ap-ping-parse.js", "ap-ping-parse_bg.wasm", "ap-ping-parse.d.ts", "snippets",
];
fs.rmSync(PACKAGE, { recursive: true, force: true });
fs.mkdirSync(PACKAGE, { recursive: true });
for (const file of files) {
  const from = path.join(DIST, file);
  if (!fs.existsSync(from)) throw new Error(`${from} is missing: run scripts/build first`);
  fs.cpSync(from, path.join(PACKAGE, file), { recursive: true });
}
fs.copyFileSync(path.join(ROOT, "packaging", "README.md"), path.join(PACKAGE, "README.md"));

const manifest = {
  name: "ap-ping-widget",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  type: "module",
  main: "./ap-ping-widget.js",
  types: "./ap-ping-widget.d.ts",
  exports: {
    ".": { types: "./ap-ping-widget.d.ts", default: "./ap-ping-widget.js" },
    "./parse": { types: "./ap-ping-parse.d.ts", default: "./ap-ping-parse.js" },
    "./ap-ping-widget.css": "./ap-ping-widget.css",
    "./ap-ping-widget_bg.wasm": "./ap-ping-widget_bg.wasm",
    "./ap-ping-parse_bg.wasm": "./ap-ping-parse_bg.wasm",
    "./package.json": "./package.json",
  },
  // Importing the stylesheet is what it is for; the modules do nothing until init().
  sideEffects: ["*.css"],
  files: [...files, "README.md"],
  keywords: ["aruba", "central", "ping", "traceroute", "wasm", "yew", "widget"],
};
fs.writeFileSync(path.join(PACKAGE, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", OUT], {
  cwd: PACKAGE, encoding: "utf8",
}));
console.log(`[package] target/npm/${packed.filename}: ${packed.entryCount} files, ${packed.size} bytes`);
