// The render benchmark's reference (bench/render.mjs): plain JS, no framework, that reads
// a completed status answer and builds the DOM the widget shows for it (header, summary
// card, RTT chart with a tip per reply, reply table), with the widget's classes and CSS
// and numbers formatted by Intl. It is measured in the same page setup, on the same answer,
// in the same run, so that the widget's time can be given as a ratio to it.
const q = new URLSearchParams(location.search);
const SVG = "http://www.w3.org/2000/svg";
const nf = [0, 1, 2].map((d) => new Intl.NumberFormat(undefined, { maximumFractionDigits: d }));
const ms = (v) => `${nf[v < 10 ? 2 : 1].format(v)} ms`;

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function stats(out) {
  const replies = out.replies.map((r) => ({
    seq: Number(r.sentPacketIcmpSequenceNumber), ttl: Number(r.sentPacketTimeToLive),
    bytes: Number(r.sentPacketSizeBytes), time: Number(r.sentPacketTimeMilliseconds), from: r.sentPacketAddress,
  })).sort((a, b) => a.seq - b.seq);
  const times = replies.map((r) => r.time);
  const sorted = [...times].sort((a, b) => a - b);
  const avg = times.reduce((a, b) => a + b, 0) / times.length;
  const jitter = times.slice(1).reduce((a, t, i) => a + Math.abs(t - times[i]), 0) / Math.max(1, times.length - 1);
  const stddev = Math.sqrt(times.reduce((a, t) => a + (t - avg) ** 2, 0) / times.length);
  const sent = Number(out.transmittedPacketsCount);
  const seen = new Set(replies.map((r) => r.seq));
  const lost = [...Array(sent).keys()].filter((s) => !seen.has(s));
  return {
    replies, lost, sent, received: replies.length, min: sorted[0], max: sorted.at(-1), avg,
    median: sorted[sorted.length >> 1], jitter, stddev, loss: (100 * lost.length) / sent,
  };
}

function chart(s, width) {
  const height = 300, left = 48, right = width - 12, top = 12, bottom = height - 28;
  const lo = Math.floor(s.min), hi = Math.ceil(s.max), span = Math.max(1, hi - lo);
  const x = (seq) => left + ((right - left) * seq) / Math.max(1, s.sent - 1);
  const y = (t) => bottom - ((bottom - top) * (t - lo)) / span;
  const svg = el("svg:svg", { class: "apw-chart__svg", viewBox: `0 0 ${width} ${height}`, role: "img" });
  svg.append(el("svg:title", {}, "Round-trip time per ICMP sequence"));
  let grid = "";
  const yLabels = el("svg:g", { class: "apw-chart__y-labels", "aria-hidden": "true" });
  for (let i = 0; i <= 4; i++) {
    const t = lo + (span * i) / 4;
    grid += `M${left} ${y(t).toFixed(1)}H${right}`;
    yLabels.append(el("svg:text", { x: left - 6, y: (y(t) + 4).toFixed(1) }, `${nf[0].format(t)} ms`));
  }
  svg.append(el("svg:path", { class: "apw-chart__grid", d: grid }), yLabels);
  const xLabels = el("svg:g", { class: "apw-chart__x-labels", "aria-hidden": "true" });
  for (let seq = 0; seq < s.sent; seq += 10) xLabels.append(el("svg:text", { x: x(seq).toFixed(1), y: bottom + 18 }, String(seq)));
  svg.append(xLabels);
  let line = "", previous = -2;
  const points = el("svg:g", { class: "apw-chart__points" });
  for (const r of s.replies) {
    line += `${r.seq === previous + 1 ? "L" : "M"}${x(r.seq).toFixed(1)} ${y(r.time).toFixed(1)}`;
    previous = r.seq;
    points.append(el("svg:circle", { cx: x(r.seq).toFixed(1), cy: y(r.time).toFixed(1), r: 2.5 },
      el("svg:title", {}, `seq ${r.seq}: ${ms(r.time)}, TTL ${r.ttl}`)));
  }
  svg.append(el("svg:path", { class: "apw-chart__line", d: line }), points);
  svg.append(el("svg:path", { class: "apw-chart__lost", d: s.lost.map((seq) => `M${x(seq) - 4} ${bottom - 4}l8 8m0 -8l-8 8`).join("") }));
  return el("figure", { class: "apw-chart" }, el("div", { class: "apw-chart__box" }, svg),
    el("figcaption", { class: "apw-chart__legend" }, `RTT min ${ms(s.min)} avg ${ms(s.avg)} max ${ms(s.max)} × lost`));
}

function render(out, root) {
  const s = stats(out);
  const stat = (label, value) => el("div", { class: "apw-stat" }, el("dt", { class: "apw-stat__label" }, label), el("dd", { class: "apw-stat__value" }, value));
  const card = el("section", { class: "apw-summary", "aria-label": "Summary" },
    el("p", { class: "apw-summary__destination" }, el("span", { class: "apw-summary__name" }, out.destination)),
    el("dl", { class: "apw-summary__grid" },
      stat("Packet loss", `${nf[1].format(s.loss)}%`), stat("Sent", nf[0].format(s.sent)), stat("Received", nf[0].format(s.received)),
      stat("Lost", nf[0].format(s.lost.length)), stat("Min RTT", ms(s.min)), stat("Avg RTT", ms(s.avg)), stat("Max RTT", ms(s.max)),
      stat("Median", ms(s.median)), stat("Jitter", ms(s.jitter)), stat("Std dev", ms(s.stddev))));
  const body = el("tbody");
  const rows = [...s.replies.map((r) => [r.seq, r]), ...s.lost.map((seq) => [seq, null])].sort((a, b) => a[0] - b[0]);
  for (const [seq, r] of rows) {
    body.append(r
      ? el("tr", {}, el("td", {}, String(seq)), el("td", {}, String(r.bytes)), el("td", {}, String(r.ttl)), el("td", {}, ms(r.time)))
      : el("tr", { class: "apw-row--lost" }, el("td", {}, String(seq)), el("td", { colspan: "3" }, el("span", { class: "apw-tag apw-tag--lost" }, "lost"), " no reply")));
  }
  const table = el("div", { class: "apw-table-wrap" }, el("table", { class: "apw-table" },
    el("thead", {}, el("tr", {}, ...["Seq", "Bytes", "TTL", "RTT"].map((h) => el("th", { scope: "col" }, h)))), body));
  root.replaceChildren(el("section", { class: "apw" },
    el("header", { class: "apw__header" }, el("h2", { class: "apw__title" }, "Ping from AP ", el("span", { class: "apw__serial" }, q.get("serial"))),
      el("span", { class: "apw-badge apw-badge--done" }, "Completed")),
    card, chart(s, root.clientWidth - 40), table));
}

// Like the widget, which polls for a while before the last answer: the page is loaded and
// idle, and the formatters are made, when the answer is asked for.
for (const f of nf) f.format(0);
await new Promise((resolve) => setTimeout(resolve, 300));
const root = document.querySelector("#mount-target");
const answer = await fetch(q.get("url"), { headers: { Authorization: "Bearer demo-token", Accept: "application/json" } });
render(JSON.parse(await answer.text()).output, root);
window.referenceDone = true;
