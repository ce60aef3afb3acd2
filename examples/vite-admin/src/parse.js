// Only the parsers: the package's "ap-ping-widget/parse" entry, a module without Yew.
import init, { parsePingOutput } from "ap-ping-widget/parse";

await init();
const text = document.querySelector("#text");
const summary = document.querySelector("#summary");
const show = () => {
  try {
    const s = parsePingOutput(text.value);
    summary.textContent = `${s.received} of ${s.transmitted} replies, ${s.lossPercent}% loss, avg ${s.rtt?.avgMs} ms`;
  } catch (error) {
    summary.textContent = error.message;
  }
};
text.addEventListener("input", show);
show();
window.appReady = true;
