// Minifies what the browser downloads from dist/, then brings the page's Subresource
// Integrity hashes up to date (trunk computed them for the files as they were). Run by
// scripts/build after trunk build.
// 1. The names the wasm and its glue share: wasm-bindgen names each import after the JS
//    function and a 16-hex-digit hash (`__wbg_appendChild_a3f1e7d2c0b9e8f1`), and some
//    exports after the Rust types of a closure (up to 350 characters), and both files
//    carry every name. Both get short ones (`a`, `b`, …) here: binaryen's renaming pass
//    cannot leave the snippets' imports alone, which keep the names they export.
// 2. The glue, the snippets and the CSS, by esbuild: trunk's own JS minifier cannot read
//    wasm-bindgen's glue.
import { transformSync } from "esbuild";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// dist/, or the folder given (tests/js/minify.test.mjs runs it on a copy).
const DIST = path.resolve(process.argv[2] ?? path.join(ROOT, "dist"));

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(file);
    else if (/\.(js|css)$/.test(entry.name)) yield file;
  }
}

/** LEB128 unsigned: the value and the offset after it. */
function readU32(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const utf8 = new TextDecoder();
const name = (text) => [...u32(Buffer.byteLength(text)), ...Buffer.from(text)];

/** Short JS identifiers: a … z, A … Z, then two letters (without the keywords `do`, `if`, `in`). */
function* shortNames() {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  yield* letters;
  for (const first of letters) for (const second of letters) {
    if (!["do", "if", "in"].includes(first + second)) yield first + second;
  }
}

/**
 * Renames, in a wasm module, the imports from `glueModule` (the module becomes "a") and
 * every export. Other imports (the snippets' exported functions) keep their names.
 * Returns the new bytes and the renaming: { imports: Map, exports: Map } of old to new.
 */
function renameBoundary(bytes, glueModule) {
  const out = [bytes.subarray(0, 8)];
  const imports = new Map(), exports = new Map();
  const names = shortNames();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readU32(bytes, at + 1);
    const end = start + size;
    if (id !== 2 && id !== 7) {
      out.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    const body = [];
    let [count, p] = readU32(bytes, start);
    body.push(...u32(count));
    const readName = () => {
      const [length, from] = readU32(bytes, p);
      p = from + length;
      return utf8.decode(bytes.subarray(from, p));
    };
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        const module = readName(), field = readName();
        const descriptor = p;
        const kind = bytes[p++];
        if (kind === 0 || kind === 4) p = readU32(bytes, p + (kind === 4 ? 1 : 0))[1];
        else if (kind === 1 || kind === 2) {
          if (kind === 1) p++; // the table's element type
          const flags = bytes[p++];
          p = readU32(bytes, p)[1];
          if (flags & 1) p = readU32(bytes, p)[1];
        } else if (kind === 3) p += 2;
        else throw new Error(`unknown import kind ${kind}`);
        if (module === glueModule) {
          const short = names.next().value;
          imports.set(field, short);
          body.push(...name("a"), ...name(short));
        } else {
          body.push(...name(module), ...name(field));
        }
        body.push(...bytes.subarray(descriptor, p));
      } else {
        const field = readName();
        const descriptor = p;
        p = readU32(bytes, p + 1)[1];
        const short = names.next().value;
        exports.set(field, short);
        body.push(...name(short), ...bytes.subarray(descriptor, p));
      }
    }
    if (p !== end) throw new Error(`section ${id} was not read to its end`);
    out.push(Buffer.from([id, ...u32(body.length), ...body]));
    at = end;
  }
  return { bytes: Buffer.concat(out), imports, exports };
}

/** A name as it stands alone in JS: not part of a longer identifier. */
const standalone = (text) => new RegExp(`(?<![\\w$])${text.replace(/[$.]/g, "\\$&")}(?![\\w$])`, "g");

for (const wasmName of fs.readdirSync(DIST).filter((f) => f.endsWith("_bg.wasm"))) {
  const wasmFile = path.join(DIST, wasmName);
  const glueFile = path.join(DIST, wasmName.replace(/_bg\.wasm$/, ".js"));
  const glueModule = `./${wasmName.replace(/\.wasm$/, ".js")}`;
  const renamed = renameBoundary(fs.readFileSync(wasmFile), glueModule);
  let glue = fs.readFileSync(glueFile, "utf8");
  for (const [old, short] of renamed.imports) {
    const pattern = standalone(old);
    if (!pattern.test(glue)) throw new Error(`${glueFile}: no import named ${old}`);
    glue = glue.replace(pattern, short);
  }
  // The glue reads exports as `wasm.NAME`. An export whose name is in the glue but never
  // read that way (a wasm-bindgen upgrade that reaches exports another way) stops the
  // build: the wasm would be renamed and the glue would not. One not in the glue at all
  // (`__abort_handler`) is read by no one.
  for (const [old, short] of renamed.exports) {
    const read = standalone(`wasm.${old}`);
    if (!read.test(glue)) {
      if (standalone(old).test(glue)) throw new Error(`${glueFile}: the glue names the export ${old} but never reads it as wasm.${old}`);
      continue;
    }
    glue = glue.replace(read, `wasm.${short}`);
  }
  const key = `${JSON.stringify(glueModule)}:`;
  if (!glue.includes(key)) throw new Error(`${glueFile}: no import module ${glueModule}`);
  glue = glue.replace(key, '"a":');
  // Nothing of the old names is left: every export the glue reads is a new name, and no
  // import keeps its long one.
  const shortExports = new Set(renamed.exports.values());
  for (const [, used] of glue.matchAll(/(?<![\w$])wasm\.([\w$]+)/g)) {
    if (!shortExports.has(used)) throw new Error(`${glueFile}: the glue reads wasm.${used}, which the module does not export`);
  }
  for (const old of renamed.imports.keys()) {
    if (standalone(old).test(glue)) throw new Error(`${glueFile}: the import ${old} was not renamed everywhere`);
  }
  fs.writeFileSync(wasmFile, renamed.bytes);
  fs.writeFileSync(glueFile, glue);
}

for (const file of files(DIST)) {
  const loader = file.endsWith(".css") ? "css" : "js";
  const { code } = transformSync(fs.readFileSync(file, "utf8"), { loader, minify: true, format: loader === "js" ? "esm" : undefined });
  fs.writeFileSync(file, code);
}

// The proof: each minified glue, loaded in Node with its renamed wasm, links (every import
// the wasm names is provided) and parses a real answer through both parsers.
const answer = fs.readFileSync(path.join(ROOT, "tests", "fixtures", "seed_completed.json"), "utf8");
for (const wasmName of fs.readdirSync(DIST).filter((f) => f.endsWith("_bg.wasm"))) {
  const glueFile = path.join(DIST, wasmName.replace(/_bg\.wasm$/, ".js"));
  const glue = await import(`${pathToFileURL(glueFile).href}?checked=${Date.now()}`);
  glue.initSync({ module: fs.readFileSync(path.join(DIST, wasmName)) });
  const result = glue.parsePingStatus(answer);
  const fromText = glue.parsePingOutput(JSON.parse(answer).rawOutput);
  if (!(result.statistics?.transmitted > 0) || !(fromText.transmitted > 0)) {
    throw new Error(`${glueFile}: the minified glue and wasm did not parse the seed answer`);
  }
}

// integrity="sha384-..." on an element whose href or src names a file in dist/.
const page = path.join(DIST, "index.html");
if (fs.existsSync(page)) {
  const html = fs.readFileSync(page, "utf8").replace(/<(link|script)\b[^>]*>/g, (tag) => {
    const url = tag.match(/\b(?:href|src)="\/?([^"]+)"/)?.[1];
    if (!url || !/\bintegrity="/.test(tag) || !fs.existsSync(path.join(DIST, url))) return tag;
    const digest = crypto.createHash("sha384").update(fs.readFileSync(path.join(DIST, url))).digest("base64");
    return tag.replace(/\bintegrity="[^"]*"/, `integrity="sha384-${digest}"`);
  });
  fs.writeFileSync(page, html);
}
