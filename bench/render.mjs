// Rendering benchmark (run on demand after `trunk build --release` and
// `cargo build -p mock-central`): in Chromium, against mock-central,
//  1. how long after the terminal status answer reached the widget the 100-row reply table
//     is in the DOM, against one animation frame measured in the same page (and, apart,
//     how long the browser took from the response's last byte to handing it over);
//  2. what each progress-only poll tick changes in the DOM (MutationObserver): nothing
//     outside the progress panel, and no table row.
import { startStack } from "../tests/e2e/support/stack.mjs";

const RUNS = Number(process.env.RUNS ?? 9);
const stack = await startStack({ mockArgs: ["--reply-interval-ms", "20"] });
const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await stack.browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.addInitScript(() => {
      window.bench = { mutations: [], frames: [] };
      new MutationObserver((records) => {
        const at = performance.now();
        for (const r of records) {
          const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
          window.bench.mutations.push({
            at,
            inProgress: !!el?.closest(".apw-progress-panel, .apw__header"),
            inTable: !!el?.closest(".apw-table"),
            addedTable: [...r.addedNodes].some((n) => n.nodeType === 1 && (n.matches(".apw-table-wrap") || n.querySelector?.(".apw-table"))),
          });
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      // The widget announces the terminal status the moment its answer is read, before
      // rendering: the start of what the widget itself controls.
      document.addEventListener("ping-complete", () => { window.bench.answeredAt = performance.now(); }, true);
      let last = performance.now();
      const tick = (t) => { window.bench.frames.push(t - last); last = t; if (window.bench.frames.length < 120) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    await page.goto(`${stack.server.url}/embed.html?count=100&interval=250&destination=bench.example`);
    await page.waitForFunction(() => window.pingEvents?.some((e) => e.type === "ping-complete"), null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll(".apw-table tbody tr").length >= 100, null, { timeout: 10_000 });
    await page.waitForTimeout(100);
    const m = await page.evaluate(() => {
      const polls = performance.getEntriesByType("resource").filter((e) => e.name.includes("/async-operations/"));
      const last = polls.at(-1);
      // The last mutation in the table: all 100 rows are in the DOM from then on.
      const tableAt = window.bench.mutations.filter((x) => x.inTable || x.addedTable).at(-1)?.at;
      const frames = window.bench.frames.slice(10).sort((a, b) => a - b);
      // progress ticks: mutations within 200 ms after each non-final poll response
      let outside = 0, rowMutations = 0, ticks = 0;
      for (const p of polls.slice(1, -1)) {
        ticks++;
        for (const x of window.bench.mutations) {
          if (x.at >= p.responseEnd && x.at < p.responseEnd + 200) {
            if (!x.inProgress) outside++;
            if (x.inTable) rowMutations++;
          }
        }
      }
      return {
        networkMs: window.bench.answeredAt - last.responseEnd,
        renderMs: tableAt - window.bench.answeredAt,
        frameMs: frames[frames.length >> 1],
        rows: document.querySelectorAll(".apw-table tbody tr").length,
        ticks, outside, rowMutations,
      };
    });
    results.push(m);
    await page.close();
  }
} finally {
  await stack.stop();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const render = median(results.map((r) => r.renderMs));
const frame = median(results.map((r) => r.frameMs));
console.log(`runs: ${RUNS}; rows rendered: ${results[0].rows}`);
console.log(`browser: response's last byte -> answer in the widget: median ${median(results.map((r) => r.networkMs)).toFixed(1)} ms`);
console.log(`widget: answer read -> all 100 rows in the DOM: median ${render.toFixed(1)} ms (runs: ${results.map((r) => r.renderMs.toFixed(1)).join(", ")})`);
console.log(`one animation frame, measured: ${frame.toFixed(1)} ms;  ratio render / frame = ${(render / frame).toFixed(2)} (target <= 1.00)`);
const ticks = results.reduce((a, r) => a + r.ticks, 0);
console.log(`progress-only poll ticks: ${ticks}; DOM mutations outside the progress panel: ${results.reduce((a, r) => a + r.outside, 0)}; table-row mutations: ${results.reduce((a, r) => a + r.rowMutations, 0)}`);
