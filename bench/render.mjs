// Rendering benchmark (run on demand after `scripts/build` and `cargo build -p
// mock-central`), in Chromium against mock-central. It prints ratios, not only times:
//  1. The widget's 100-reply result view (header, summary card, RTT chart with a tip per
//     reply, reply table) against a reference measured in the same run: plain JS that
//     builds the same DOM from the same answer, in one task (bench/pages/reference.js).
//     Both are timed the same way, frame by frame, from the moment the answer's text is
//     in JS (`Response.text()` resolves; both read it so) until the table and the chart
//     are complete: each task's script (to the MutationObserver callback after it) and the
//     layout of what it changed (read at once), added up per frame. The widget draws in
//     two frames (the chart waits for its box's measured width). Printed: all the work,
//     the longest frame's work, their ratios to the reference's, and the longest frame's
//     work against one animation frame measured in the same page. Apart: the browser's
//     own time from the answer's last byte (Resource Timing) to handing its text over.
//  2. What each progress-only poll tick changes in the DOM: nothing outside the progress
//     panel, and no table row.
import { startStack } from "../tests/e2e/support/stack.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.env.RUNS ?? 9);
const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), "pages");
const stack = await startStack({ mockArgs: ["--reply-interval-ms", "20"], roots: [PAGES] });

/** Before any script of the page: records DOM changes with the layout they cost, frames, and when answers are read. */
function instrument() {
  window.bench = { mutations: [], frames: [], texts: [], tasks: [] };
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
    // The layout of what this task changed, read at once: a task's whole cost is its
    // script and this.
    const start = performance.now();
    document.body.getBoundingClientRect();
    window.bench.tasks.push({ at, layoutMs: performance.now() - start });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // Every frame's start and its distance from the one before: a frame that took longer
  // than one interval shows as a longer distance.
  // When each animation-frame callback starts: the widget draws its chart in one.
  window.bench.callbacks = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (f) => raf((t) => {
    window.bench.callbacks.push({ start: performance.now(), frame: t });
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

/**
 * The work that drew the last answer, frame by frame, from its text being read until the
 * table and the chart are complete: each task's script (from its start: the text read, or
 * the animation-frame callback it ran in) and the layout of what it changed, added up per
 * frame.
 */
const measure = () => {
  const answers = performance.getEntriesByType("resource").filter((e) => e.name.includes("/async-operations/"));
  const textAt = window.bench.texts.filter((t) => t.url.includes("/async-operations/")).at(-1).at;
  const doneAt = window.bench.mutations.filter((x) => x.inTable || x.inChart).at(-1).at;
  // Tasks run in animation-frame callbacks of one frame add up: they are one frame's work.
  const tasks = [];
  let previous = textAt;
  for (const task of window.bench.tasks.filter((t) => t.at > textAt && t.at <= doneAt)) {
    const callback = window.bench.callbacks.filter((c) => c.start > previous && c.start <= task.at).at(-1);
    const start = tasks.length === 0 || !callback ? previous : callback.start;
    const frame = tasks.length === 0 || !callback ? `task ${tasks.length}` : callback.frame;
    const same = tasks.at(-1)?.frame === frame ? tasks.at(-1) : null;
    if (same) {
      same.scriptMs += task.at - start;
      same.layoutMs += task.layoutMs;
    } else {
      tasks.push({ frame, scriptMs: task.at - start, layoutMs: task.layoutMs });
    }
    previous = task.at;
  }
  const frames = window.bench.frames.slice(10).map(([, d]) => d).sort((a, b) => a - b);
  return {
    tasks,
    handOverMs: textAt - answers.at(-1).responseEnd,
    longestFrameMs: Math.max(...window.bench.frames.filter(([t]) => t > textAt && t <= doneAt + 40).map(([, d]) => d)),
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
    await page.goto(`${stack.server.url}/embed.html?count=100&interval=250&destination=bench.example&prestart=1`);
    await page.waitForFunction(() => window.pingEvents?.some((e) => e.type === "ping-complete"), null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll(".apw-table tbody tr").length >= 100 && document.querySelector(".apw-chart__svg"), null, { timeout: 10_000 });
    await page.waitForTimeout(100);
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
    await reference.waitForFunction(() => window.referenceDone === true, null, { timeout: 10_000 });
    await reference.waitForTimeout(100);
    const plain = await reference.evaluate(measure);
    await reference.close();
    results.push({ widget, plain, ...ticks });
  }
} finally {
  await stack.stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const list = (xs) => xs.map((x) => x.toFixed(1)).join(", ");
const cost = (t) => t.scriptMs + t.layoutMs;
const all = (m) => m.tasks.reduce((sum, t) => sum + cost(t), 0);
const longest = (m) => Math.max(...m.tasks.map(cost));
const frame = median(results.map((r) => r.widget.frameMs));
const show = (name, pick) => {
  const a = results.map((r) => all(pick(r))), l = results.map((r) => longest(pick(r)));
  console.log(`${name}: ${median(results.map((r) => pick(r).tasks.length))} frames (median); all the work: median ${median(a).toFixed(1)} ms ` +
    `(runs: ${list(a)}); the longest frame's work: median ${median(l).toFixed(1)} ms (runs: ${list(l)})`);
  const first = pick(results[0]).tasks.map((t) => `${t.scriptMs.toFixed(1)} + ${t.layoutMs.toFixed(1)}`).join("; ");
  console.log(`  first run, each frame's script + layout (ms): ${first}`);
};
console.log(`runs: ${RUNS}; rows: widget ${results[0].widget.rows}, reference ${results[0].plain.rows}; one animation frame, measured: ${frame.toFixed(1)} ms`);
show("widget", (r) => r.widget);
show("reference (plain JS, the same view)", (r) => r.plain);
const allRatio = results.map((r) => all(r.widget) / all(r.plain));
const longRatio = results.map((r) => longest(r.widget) / longest(r.plain));
console.log(`ratio widget / reference, all the work: median ${median(allRatio).toFixed(2)} (runs: ${list(allRatio)})`);
console.log(`ratio widget / reference, the longest frame's work: median ${median(longRatio).toFixed(2)} (runs: ${list(longRatio)})`);
console.log(`the longest frame's work / one frame: widget ${(median(results.map((r) => longest(r.widget))) / frame).toFixed(2)}, ` +
  `reference ${(median(results.map((r) => longest(r.plain))) / frame).toFixed(2)} (target <= 1.00)`);
console.log(`the browser's hand-over of the text (not counted above): median ${median(results.map((r) => r.widget.handOverMs)).toFixed(1)} ms (widget), ` +
  `${median(results.map((r) => r.plain.handOverMs)).toFixed(1)} ms (reference); longest distance between frames while drawing: ` +
  `widget ${median(results.map((r) => r.widget.longestFrameMs)).toFixed(1)} ms, reference ${median(results.map((r) => r.plain.longestFrameMs)).toFixed(1)} ms (median)`);
console.log(`progress-only poll ticks: ${results.reduce((a, r) => a + r.ticks, 0)}; DOM mutations outside the progress panel: ` +
  `${results.reduce((a, r) => a + r.outside, 0)}; table-row mutations: ${results.reduce((a, r) => a + r.rowMutations, 0)}`);
