// End to end: "Try again" after polling stopped on a 429 that said when the budget comes
// back (#19, section 3). The click sends nothing before that time; the widget says when it
// will ask, offers no second button meanwhile, and asks once, at that time.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { startStack, isHttpStatusReport } from "./support/stack.mjs";
import { screenshot } from "./support/browser.mjs";
import { openEmbed, waitForEvent, WIDE } from "./support/embed-page.mjs";

const COMPLETED = fs.readFileSync("tests/fixtures/seed_completed.json", "utf8");
const TASK = "c7a3f2d1-e8a9-4b7c-8d1e-0f9a3b2c1d0e";
const WAIT_MS = 4000;

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

/** hh:mm:ss of a moment, in UTC: the pages run in en-GB and UTC. */
const clock = (ms) => new Date(ms).toISOString().slice(11, 19);

const CASES = [
  // What the API documents: the budget is spent until the reset.
  ["X-RateLimit-Remaining: 0 and X-RateLimit-Reset", (resetAt) => ({
    "x-ratelimit-limit": "7", "x-ratelimit-remaining": "0", "x-ratelimit-reset": new Date(resetAt).toISOString(),
  }), WIDE, "light", "wide"],
  ["Retry-After", () => ({ "retry-after": String(WAIT_MS / 1000) }), { width: 320, height: 800 }, "dark", "narrow"],
];

for (const [said, headers, viewport, colorScheme, look] of CASES) {
  test(`Try again after a 429 with ${said} waits for that time, says so, and asks once`, async () => {
    const requests = [];
    let resetAt = 0;
    const page = await openEmbed(stack, { serial: "CNF7G9X001", taskId: TASK, retries: "0" }, {
      viewport,
      colorScheme,
      watch: (p) => p.route("**/async-operations/**", (route) => {
        requests.push(Date.now());
        if (requests.length === 1) {
          resetAt = Date.now() + WAIT_MS;
          return route.fulfill({
            status: 429,
            contentType: "application/json",
            headers: headers(resetAt),
            body: JSON.stringify({ errorCode: "HPE_GL_ERROR_TOO_MANY_REQUESTS", message: "Rate limit exceeded." }),
          });
        }
        return route.fulfill({ status: 200, contentType: "application/json", body: COMPLETED });
      }),
    });
    const error = await waitForEvent(page, "ping-error");
    assert.equal(error.kind, "rateLimited");
    const button = page.getByRole("button", { name: "Try again" });
    await screenshot(page, `widget-try-again-stopped-${colorScheme}-${look}`);
    const clickedAt = Date.now();
    await button.click();
    // Said at once: the alert gives way to the wait, with the time it ends.
    const note = page.locator(".apw-progress-panel__budget");
    await note.waitFor();
    const shown = /^Request budget used up: next check at (\d\d:\d\d:\d\d)$/.exec(await note.textContent());
    assert.ok(shown, await note.textContent());
    assert.ok([clock(resetAt - 1000), clock(resetAt), clock(resetAt + 1000)].includes(shown[1]), `${shown[1]} names the reset ${clock(resetAt)}`);
    assert.equal(await page.locator(".apw-badge").textContent(), "Waiting");
    assert.equal(await page.locator(".apw-alert").count(), 0, "the stopped alert is gone");
    assert.equal(await button.count(), 0, "no second Try again while it waits");
    assert.equal(requests.length, 1, "nothing sent on the click");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll at ${viewport.width} px (${overflow}px)`);
    await screenshot(page, `widget-try-again-waiting-${colorScheme}-${look}`);
    const complete = await waitForEvent(page, "ping-complete", 20_000);
    assert.equal(complete.status, "COMPLETED");
    assert.equal(requests.length, 2, "one request after the click");
    // Date.now() in the page and here read the same clock.
    assert.ok(requests[1] >= resetAt - 50, `asked ${requests[1] - resetAt} ms after the reset (clicked ${resetAt - clickedAt} ms before it)`);
    assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
  });
}
