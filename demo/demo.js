// The demo page's script, and the embedding example: load the built glue, mount the widget.
import init, { mountPingWidget } from "./ap-ping-widget.js";

await init({ module_or_path: new URL("./ap-ping-widget_bg.wasm", import.meta.url) });
window.pingWidget = mountPingWidget("#ping-widget", { progressPercent: 40 });
