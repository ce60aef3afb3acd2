// Rendering benchmark (run on demand after `scripts/build` and `cargo build -p
// mock-central`), in Chromium against mock-central. It prints ratios, not only times:
//  1. The widget's 100-reply result view (header, summary card, RTT chart with a tip per
//     reply, reply table) against a reference measured in the same run: plain JS that
//     builds the same DOM from the same answer (bench/pages/reference.js). Both are timed
//     the same way: from the moment the answer's text is in JS (`Response.text()`
//     resolves; both read it so) to the end of the task that put the table in the DOM (a
//     MutationObserver's callback), then the layout of what was built (read at once).
//     The widget's time is given as a ratio to the reference's and to one animation frame
//     measured in the same page. The widget draws its chart a frame later, for the width
//     it measured: that frame's work (from its callback to the chart in the DOM, laid out)
//     is printed apart, and so is the longest distance between two frames while drawing.
//     Apart, too: the browser's own time from the answer's last byte (Resource Timing) to
//     handing its text over.
//  2. What each progress-only poll tick changes in the DOM: nothing outside the progress
//     panel, and no table row.
import { startStack } from "../tests/e2e/support/stack.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.env.RUNS ?? 9);
const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), "pages");
const stack = await startStack({ mockArgs: ["--reply-interval-ms", "20"], roots: [PAGES] });

/** Before any script of the page: records DOM changes, frames, and the layout of the table once it is in. */
function instrument() {
  window.bench = { mutations: [], frames: [], texts: [] };
  const text = Response.prototype.text;
  Response.prototype.text = function () {
    return text.call(this).then((t) => {
      window.bench.texts.push({ url: this.url, at: performance.now() });
      return t;
    });
  };
  new MutationObserver((records) => {
    const at = performance.now();
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      window.bench.mutations.push({
        at,
        inProgress: !!el?.closest(".apw-progress-panel, .apw__header"),
        inTable: !!el?.closest(".apw-table") || [...r.addedNodes].some((n) => n.nodeType === 1 && n.querySelector?.(".apw-table")),
        inChart: !!el?.closest(".apw-chart__box"),
      });
    }
    if (window.bench.layoutMs === undefined && document.querySelectorAll(".apw-table tbody tr").length >= 100) {
      const start = performance.now();
      document.body.getBoundingClientRect();
      window.bench.layoutMs = performance.now() - start;
    }
    // Then the chart, drawn a frame later by the widget (with the rest by the reference).
    if (window.bench.chartLayoutMs === undefined && document.querySelector(".apw-chart__svg")) {
      const start = performance.now();
      document.body.getBoundingClientRect();
      window.bench.chartLayoutMs = performance.now() - start;
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // Every frame's start and its distance from the one before: a frame that took longer
  // than one interval shows as a longer distance.
  // When each animation-frame callback starts: the widget draws its chart in one.
  window.bench.callbacks = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (f) => raf((t) => {
    window.bench.callbacks.push(performance.now());
    f(t);
  });
  let last = performance.now();
  const tick = (t) => {
    window.bench.frames.push([t, t - last]);
    last = t;
    if (window.bench.frames.length < 2000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The time from the last status answer's last byte to the table in the DOM, and the layout after it. */
const measure = () => {
  const answers = performance.getEntriesByType("resource").filter((e) => e.name.includes("/async-operations/"));
  const tableAt = window.bench.mutations.filter((x) => x.inTable).at(-1)?.at;
  const frames = window.bench.frames.slice(10).map(([, d]) => d).sort((a, b) => a - b);
  const textAt = window.bench.texts.filter((t) => t.url.includes("/async-operations/")).at(-1).at;
  // The longest frame from the answer until everything is drawn (and one more frame).
  const longestFrameMs = Math.max(...window.bench.frames.filter(([t]) => t > textAt && t <= tableAt + 40).map(([, d]) => d));
  const firstAt = window.bench.mutations.find((x) => x.at > textAt)?.at;
  // The chart, drawn in a frame of its own: from the start of that frame's callback.
  const chartAt = window.bench.mutations.filter((x) => x.inChart).at(-1)?.at;
  const chartStart = Math.max(...window.bench.callbacks.filter((t) => t <= chartAt));
  return {
    handOverMs: textAt - answers.at(-1).responseEnd,
    firstMs: firstAt - textAt,
    chartMs: chartAt > tableAt ? chartAt - chartStart + window.bench.chartLayoutMs : NaN,
    longestFrameMs,
    scriptMs: tableAt - textAt,
    layoutMs: window.bench.layoutMs,
    frameMs: frames[frames.length >> 1],
    rows: document.querySelectorAll(".apw-table tbody tr").length,
    url: answers.at(-1).name,
  };
};

const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await stack.browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.addInitScript(instrument);
    await page.goto(`${stack.server.url}/embed.html?count=100&interval=250&destination=bench.example`);
    await page.waitForFunction(() => window.pingEvents?.some((e) => e.type === "ping-complete"), null, { timeout: 30_000 });
    await page.waitForFunction(() => window.bench.layoutMs !== undefined, null, { timeout: 10_000 });
    const widget = await page.evaluate(measure);
    // Progress-only ticks: mutations within 200 ms after each non-final poll answer.
    const ticks = await page.evaluate(() => {
      const polls = performance.getEntriesByType("resource").filter((e) => e.name.includes("/async-operations/"));
      let outside = 0, rowMutations = 0;
      for (const p of polls.slice(1, -1)) {
        for (const x of window.bench.mutations) {
          if (x.at >= p.responseEnd && x.at < p.responseEnd + 200) {
            if (!x.inProgress) outside++;
            if (x.inTable) rowMutations++;
          }
        }
      }
      return { ticks: polls.length - 2, outside, rowMutations };
    });
    await page.close();

    // The reference reads the very answer the widget ended on.
    const reference = await stack.browser.newPage({ viewport: { width: 1000, height: 900 } });
    await reference.addInitScript(instrument);
    const answer = new URL(widget.url).pathname;
    await reference.goto(`${stack.server.url}/reference.html?serial=CNF7G9X001&url=${encodeURIComponent(answer)}`);
    await reference.waitForFunction(() => window.referenceDone === true && window.bench.layoutMs !== undefined, null, { timeout: 10_000 });
    const plain = await reference.evaluate(measure);
    await reference.close();
    results.push({ widget, plain, ...ticks });
  }
} finally {
  await stack.stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const first = (m) => m.scriptMs + m.layoutMs;
const list = (xs) => xs.map((x) => x.toFixed(1)).join(", ");
const drawn = results.filter((r) => !Number.isNaN(r.widget.chartMs));
const frame = median(results.map((r) => r.widget.frameMs));
const widgetFirst = median(results.map((r) => first(r.widget)));
const chart = median(drawn.map((r) => r.widget.chartMs));
const plain = median(results.map((r) => first(r.plain)));
console.log(`runs: ${RUNS}; rows: widget ${results[0].widget.rows}, reference ${results[0].plain.rows}; one animation frame, measured: ${frame.toFixed(1)} ms`);
console.log(`widget, first frame (header, card, table, the chart's box): median ${widgetFirst.toFixed(1)} ms ` +
  `(script ${median(results.map((r) => r.widget.scriptMs)).toFixed(1)}, layout ${median(results.map((r) => r.widget.layoutMs)).toFixed(1)}; runs: ${list(results.map((r) => first(r.widget)))})`);
console.log(`widget, next frame (the chart, for its measured width): median ${chart.toFixed(1)} ms, laid out (runs: ${list(drawn.map((r) => r.widget.chartMs))})`);
console.log(`reference, all in one task (plain JS, the same view): median ${plain.toFixed(1)} ms ` +
  `(script ${median(results.map((r) => r.plain.scriptMs)).toFixed(1)}, layout ${median(results.map((r) => r.plain.layoutMs)).toFixed(1)}; runs: ${list(results.map((r) => first(r.plain)))})`);
const all = drawn.map((r) => (first(r.widget) + r.widget.chartMs) / first(r.plain));
const longest = drawn.map((r) => Math.max(first(r.widget), r.widget.chartMs) / first(r.plain));
console.log(`ratio widget / reference, all the work: median ${median(all).toFixed(2)} (runs: ${list(all)})`);
console.log(`ratio widget / reference, the longest task: median ${median(longest).toFixed(2)} (runs: ${list(longest)})`);
console.log(`the longest task / one frame: widget ${(Math.max(widgetFirst, chart) / frame).toFixed(2)}, reference ${(plain / frame).toFixed(2)} (target <= 1.00)`);
console.log(`the browser's hand-over of the text (not counted above): median ${median(results.map((r) => r.widget.handOverMs)).toFixed(1)} ms (widget), ` +
  `${median(results.map((r) => r.plain.handOverMs)).toFixed(1)} ms (reference); longest distance between frames while drawing: ` +
  `widget ${median(results.map((r) => r.widget.longestFrameMs)).toFixed(1)} ms, reference ${median(results.map((r) => r.plain.longestFrameMs)).toFixed(1)} ms (median)`);
console.log(`progress-only poll ticks: ${results.reduce((a, r) => a + r.ticks, 0)}; DOM mutations outside the progress panel: ` +
  `${results.reduce((a, r) => a + r.outside, 0)}; table-row mutations: ${results.reduce((a, r) => a + r.rowMutations, 0)}`);
