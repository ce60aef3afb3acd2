// Three pages: the widget (index.html), the fleet view of a site (fleet.html) and the
// parsers alone (parse.html), so that the build shows what each one downloads.
import { defineConfig } from "vite";

export default defineConfig({
  build: {
    target: "es2022",
    rollupOptions: { input: { main: "index.html", fleet: "fleet.html", parse: "parse.html" } },
  },
});
