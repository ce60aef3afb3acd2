// What the JS tests share: the repository's root, its fixtures, and the built modules of
// dist/ loaded as a page's build tooling would (initSync with the wasm's bytes).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** tests/fixtures/`name`, as text. */
export const fixture = (name) => fs.readFileSync(path.join(ROOT, "tests/fixtures", name), "utf8");

/** dist/`name`.js, initialized with dist/`name`_bg.wasm. */
export async function load(name) {
  const glue = await import(path.join(ROOT, `dist/${name}.js`));
  glue.initSync({ module: fs.readFileSync(path.join(ROOT, `dist/${name}_bg.wasm`)) });
  return glue;
}
