// A page that wants only the numbers: it loads the parser-only module, reads a status
// answer fetched from the API path (mock-central behind this origin) and some ping text.
// What it read is kept on window.parsed for the test.
import init, { parsePingStatus, parsePingOutput } from "/ap-ping-parse.js";

await init({ module_or_path: "/ap-ping-parse_bg.wasm" });
const q = new URLSearchParams(location.search);
const text = await (await fetch(q.get("status"), { headers: { authorization: "Bearer demo-token" } })).text();
const result = parsePingStatus(text);
const output = parsePingOutput("64 bytes from 10.0.0.1: icmp_seq=0 ttl=64 time=1.5 ms\n64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=2.5 ms\n");
let error = null;
try {
  parsePingStatus('{"status": 7}');
} catch (e) {
  error = `${e.constructor.name}: ${e.message}`;
}
window.parsed = { text, result, output, error };
document.querySelector("#out").textContent = `${result.status}: ${result.statistics?.received ?? "–"} of ${result.statistics?.transmitted ?? "–"} replies`;
