// End to end: a host page localises the widget with `lang` and `messages`, through
// mountPingWidget and through the custom element, in Chromium against mock-central.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./support/stack.mjs";
import { screenshot } from "./support/browser.mjs";
import { openEmbed, waitForEvent, NARROW } from "./support/embed-page.mjs";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

const GERMAN = {
  title: "Ping vom AP {serial}",
  badgeCompleted: "Abgeschlossen",
  sent: "Gesendet",
  received: "Empfangen",
  avgRtt: "Mittlere RTT",
  columnBytes: "Bytes",
  downloadCsv: "CSV herunterladen",
  finishedAt: "Beendet um {time}",
};

/** The text of the first element matching `selector`, in the light DOM or the element's shadow root. */
const text = (page, selector) => page.evaluate((s) => {
  const root = window.pingElement?.shadowRoot ?? document;
  return root.querySelector(s)?.textContent ?? null;
}, selector);

test("lang and messages: the page's words where given, English elsewhere, numbers in the language's format", async () => {
  const page = await open({ serial: "CNF7G9X002", count: "6", lang: "de-DE", messages: JSON.stringify(GERMAN) });
  const complete = await waitForEvent(page, "ping-complete");
  await page.locator(".apw-badge", { hasText: "Abgeschlossen" }).waitFor();
  assert.equal(await text(page, ".apw__title"), "Ping vom AP CNF7G9X002");
  assert.equal(await page.evaluate(() => document.querySelector(".apw").lang), "de-DE", "the widget says its language");
  const stats = Object.fromEntries(await page.$$eval(".apw-stat", (all) =>
    all.map((s) => [s.querySelector("dt").textContent, s.querySelector("dd").textContent])));
  assert.equal(stats.Gesendet, "6");
  assert.equal(stats.Empfangen, String(complete.statistics.received));
  assert.ok("Lost" in stats, "a key the page did not give stays English");
  const avg = complete.statistics.rtt.avgMs;
  const german = new Intl.NumberFormat("de-DE", { maximumFractionDigits: avg < 10 ? 2 : 1 }).format(avg);
  assert.equal(stats["Mittlere RTT"], `${german} ms`, "de-DE writes a decimal comma whatever the browser's locale (en-GB)");
  assert.match(await text(page, ".apw-progress-panel__status"), /^Beendet um \d\d:\d\d:\d\d$/);
  assert.ok(await page.getByRole("button", { name: "CSV herunterladen" }).isVisible());
  await screenshot(page, "widget-german-light-wide");
  assert.deepEqual(page.problems, []);
});

test("the custom element takes lang as an attribute and messages as a property, and a new text does not restart the test", async () => {
  const page = await open(
    { mode: "element", serial: "CNF7G9X002", lang: "de-DE", messages: JSON.stringify(GERMAN) },
    { viewport: NARROW, colorScheme: "dark" },
  );
  await waitForEvent(page, "ping-complete");
  assert.equal(await text(page, ".apw-badge"), "Abgeschlossen");
  await screenshot(page, "widget-german-dark-narrow");
  await stack.mock.clearRequests();
  await page.evaluate(() => {
    window.pingElement.messages = { badgeCompleted: "Fertig" };
  });
  await page.waitForFunction(() => window.pingElement.shadowRoot.querySelector(".apw-badge").textContent === "Fertig");
  assert.equal(await text(page, ".apw__title"), "Ping from AP CNF7G9X002", "the new table replaces the old one");
  assert.deepEqual(await stack.mock.requests(), [], "changing the words sent no request");
  assert.equal((await page.evaluate(() => window.pingEvents.filter((e) => e.type === "ping-started").length)), 1);
  assert.deepEqual(page.problems, []);
});

/** German texts with a count, each in its `one` and `other` form, and the chart's name. */
const GERMAN_COUNTS = {
  ...GERMAN,
  percent: "{value} %",
  noReplyRun: "{count} Anfragen ohne Antwort",
  noReplyRunOne: "{count} Anfrage ohne Antwort",
  announceCompleted: "Test beendet: {received} von {sent} Antworten erhalten, {loss} Verlust.",
  announceCompletedOne: "Test beendet: {received} von {sent} Antwort erhalten, {loss} Verlust.",
  chartTitle: "Umlaufzeit je ICMP-Sequenz",
  chartSummary: "Umlaufzeit von {count} Antworten ({lost}); min {min}, Mittel {avg}, max {max}.",
  chartSummaryOne: "Umlaufzeit von {count} Antwort ({lost}); min {min}, Mittel {avg}, max {max}.",
  chartNoneLost: "keine verloren",
  chartLostSequences: "verloren: Sequenzen {sequences}",
  chartLostSequencesOne: "verloren: Sequenz {sequences}",
};

test("plural forms: each count in the form German gives it, the chart named in German", async () => {
  // Every packet lost: one run in the table, and the announcement counts what was sent.
  for (const [count, run, announced] of [
    ["3", "3 Anfragen ohne Antwort", "Test beendet: 0 von 3 Antworten erhalten, 100 % Verlust."],
    ["1", null, "Test beendet: 0 von 1 Antwort erhalten, 100 % Verlust."],
  ]) {
    const page = await open({ serial: "CNF7G9X003", count, lang: "de-DE", messages: JSON.stringify(GERMAN_COUNTS) });
    await waitForEvent(page, "ping-complete");
    await page.waitForFunction(() => document.querySelector("[role=status]")?.textContent.startsWith("Test beendet"));
    assert.equal(await text(page, "[role=status]"), announced);
    if (run) {
      assert.equal(await text(page, ".apw-row--lost td:last-child"), `lost ${run}`);
      await screenshot(page, "widget-german-plural-light-wide");
    }
    assert.deepEqual(page.problems, []);
  }
  const page = await open(
    { serial: "CNF7G9X002", count: "6", lang: "de-DE", messages: JSON.stringify(GERMAN_COUNTS) },
    { viewport: NARROW, colorScheme: "dark" },
  );
  const complete = await waitForEvent(page, "ping-complete");
  await page.locator(".apw-chart svg").waitFor();
  assert.equal(await text(page, ".apw-chart svg > title"), "Umlaufzeit je ICMP-Sequenz", "the chart's accessible name");
  const { received, missingSequences } = complete.statistics;
  const desc = await text(page, ".apw-chart desc");
  const replies = received === 1 ? "1 Antwort" : `${received} Antworten`;
  const lost = missingSequences.length === 0 ? "keine verloren"
    : missingSequences.length === 1 ? `verloren: Sequenz ${missingSequences[0]}` : "verloren: Sequenzen ";
  assert.ok(desc.startsWith(`Umlaufzeit von ${replies} (${lost}`), desc);
  assert.match(desc, /min \d+(,\d+)? ms, Mittel \d+(,\d+)? ms/, "numbers in German");
  await screenshot(page, "widget-german-plural-dark-narrow");
  assert.deepEqual(page.problems, []);
});

test("an unknown key, a text that is not a string and a wrong language tag are refused by name", async () => {
  const page = await open({ serial: "CNF7G9X002" });
  const refused = await page.evaluate(() => {
    const target = document.createElement("div");
    document.body.append(target);
    const attempt = (extra) => {
      try {
        window.mountPingWidget(target, { ...window.pingOptions, ...extra }).destroy();
        return "mounted";
      } catch (error) {
        return error.message;
      }
    };
    return [
      attempt({ messages: { sentt: "x" } }),
      attempt({ messages: { sent: 3 } }),
      attempt({ messages: ["sent"] }),
      attempt({ lang: "de_DE" }),
      attempt({ lang: "de-DE", messages: { sent: "Gesendet" } }),
    ];
  });
  assert.deepEqual(refused, [
    'invalid widget options: messages has no key "sentt"',
    "invalid widget options: messages.sent must be a string",
    "invalid widget options: messages must be an object of strings",
    'invalid widget options: lang "de_DE" is not a language tag',
    "mounted",
  ]);
  assert.deepEqual(page.problems, []);
});

function open(query, options) {
  return openEmbed(stack, query, options);
}
