// Firefox ESR (Debian's) over WebDriver: geckodriver (crates.io, installed by
// scripts/setup) driven by selenium-webdriver. playwright-core cannot drive a stock
// Firefox, so the Firefox tests speak the W3C WebDriver protocol instead.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Builder } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { ROOT, SCREENSHOTS } from "./browser.mjs";

// Firefox's capabilities, shared with the wasm-bindgen browser tests (webdriver.json, which
// their runner reads from the project's root):
// on top of geckodriver's own recommended preferences, nothing that would reach past
// 127.0.0.1 on this closed network, and en-US for the numbers the tests read.
const CAPABILITIES = JSON.parse(await fs.readFile(path.join(ROOT, "webdriver.json"), "utf8"))["moz:firefoxOptions"];

export const GECKODRIVER = process.env.GECKODRIVER ?? path.join(os.homedir(), ".cargo", "bin", "geckodriver");
export const FIREFOX = process.env.FIREFOX ?? CAPABILITIES.binary;

/** A headless Firefox at `width` x `height`, in light or dark. */
export async function launchFirefox({ width = 1000, height = 900, colorScheme = "light" } = {}) {
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments("-headless", `--width=${width}`, `--height=${height}`);
  for (const [name, value] of Object.entries(CAPABILITIES.prefs)) options.setPreference(name, value);
  // 0 dark, 1 light: what prefers-color-scheme reports to pages.
  options.setPreference("layout.css.prefers-color-scheme.content-override", colorScheme === "dark" ? 0 : 1);
  const driver = await new Builder()
    .forBrowser("firefox")
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER))
    .build();
  await driver.manage().window().setRect({ width, height });
  return driver;
}

/** Waits until `script` (a function body run in the page) returns something truthy. */
export function waitFor(driver, script, timeout = 20_000, ...args) {
  return driver.wait(() => driver.executeScript(script, ...args), timeout, `waiting for: ${script}`);
}

/** Saves a PNG of the page under target/screenshots/. */
export async function firefoxScreenshot(driver, name) {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await fs.writeFile(file, Buffer.from(await driver.takeFullPageScreenshot(), "base64"));
  return file;
}
