// Two pages: the widget (index.html) and the parsers alone (parse.html), so that the build
// shows what each one downloads.
import { defineConfig } from "vite";

export default defineConfig({
  build: {
    target: "es2022",
    rollupOptions: { input: { main: "index.html", parse: "parse.html" } },
  },
});
