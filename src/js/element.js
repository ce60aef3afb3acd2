// <ap-ping-status>: the widget as a custom element. It renders into a shadow root (the
// page's CSS cannot reach in, the widget's cannot leak out) and delegates everything to
// the Rust `mount` it is given. The token is a property only, never an attribute, so it
// never appears in the DOM or in markup.

const ATTRIBUTES = [
  "base-url", "api-version", "serial", "task-id", "poll-interval-ms", "request-timeout-ms",
  "credentials", "destination", "count", "packet-size", "vlan", "interface-port", "role",
  "include-raw-output", "stylesheet", "lang",
];

// dist/snippets/<crate>/src/js/element.js -> dist/ap-ping-widget.css
const DEFAULT_STYLESHEET = new URL("../../../../ap-ping-widget.css", import.meta.url).href;

/**
 * The widget's stylesheet as the page already has it (an app that imported
 * `ap-ping-widget/ap-ping-widget.css`, or a page that links it), copied once into a
 * constructed sheet that every element's shadow root adopts: the browser then downloads
 * and parses it once. A constructed sheet is not markup, so a strict CSP allows it. `null`
 * when the page has no such sheet or the browser cannot adopt one: the element links the
 * file instead.
 */
let shared;
function pageStylesheet() {
  if (shared !== undefined) return shared;
  shared = null;
  if (!("adoptedStyleSheets" in ShadowRoot.prototype) || typeof CSSStyleSheet !== "function") return shared;
  for (const sheet of document.styleSheets) {
    let rules;
    try {
      rules = [...sheet.cssRules];
    } catch {
      continue; // another origin's sheet: not readable, and not ours
    }
    // The widget's own sheet marks itself (a page's theme may set `.apw` properties too).
    if (!rules.some((rule) => rule.selectorText === ".apw" && rule.style?.getPropertyValue("--apw-stylesheet"))) continue;
    shared = new CSSStyleSheet();
    shared.replaceSync(rules.map((rule) => rule.cssText).join("\n"));
    break;
  }
  return shared;
}

export function defineElement(mount) {
  if (!globalThis.customElements || customElements.get("ap-ping-status")) return;

  class ApPingStatus extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }

    #token = null;
    #messages = null;
    #handle = null;
    #container = null;
    #link = null;

    /** The bearer token, held in memory only. */
    get token() {
      return this.#token;
    }

    set token(value) {
      this.#token = value == null || value === "" ? null : String(value);
      this.#render();
    }

    /** The widget's words, keys to strings (README: Language); null for English. */
    get messages() {
      return this.#messages;
    }

    set messages(value) {
      this.#messages = value ?? null;
      this.#render();
    }

    connectedCallback() {
      // A page may set `token` or `messages` before this module defined the element: the
      // value then sits on the instance and hides the accessor. Take it over (lazy
      // property upgrade).
      if (Object.prototype.hasOwnProperty.call(this, "token")) {
        const early = this.token;
        delete this.token;
        this.#token = early == null || early === "" ? null : String(early);
      }
      if (Object.prototype.hasOwnProperty.call(this, "messages")) {
        const early = this.messages;
        delete this.messages;
        this.#messages = early ?? null;
      }
      if (!this.#container) {
        const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
        this.#container = document.createElement("div");
        root.append(this.#container);
      }
      this.#style();
      this.#render();
    }

    disconnectedCallback() {
      const handle = this.#handle;
      this.#handle = null;
      if (handle) {
        handle.destroy();
        handle.free();
      }
    }

    attributeChangedCallback(name) {
      if (name === "stylesheet" && this.#container) this.#style();
      this.#render();
    }

    /** The `stylesheet` attribute's file if given; else the page's copy of the widget's sheet, adopted; else the file next to the glue. */
    #style() {
      const root = this.shadowRoot;
      const href = this.getAttribute("stylesheet");
      const adopted = href ? null : pageStylesheet();
      root.adoptedStyleSheets = adopted ? [adopted] : [];
      if (adopted) {
        this.#link?.remove();
        this.#link = null;
        return;
      }
      if (!this.#link) {
        this.#link = document.createElement("link");
        this.#link.rel = "stylesheet";
        root.prepend(this.#link);
      }
      this.#link.href = href || DEFAULT_STYLESHEET;
    }

    #number(name) {
      const value = this.getAttribute(name);
      return value == null || value === "" ? undefined : Number(value);
    }

    /** "true" or "false" as a boolean; absent (or anything else, which mount rejects) as given. */
    #boolean(name) {
      const value = this.getAttribute(name);
      if (value == null || value === "") return undefined;
      return value === "true" ? true : value === "false" ? false : value;
    }

    #options() {
      const destination = this.getAttribute("destination");
      return {
        baseUrl: this.getAttribute("base-url") ?? "",
        apiVersion: this.getAttribute("api-version") || undefined,
        serial: this.getAttribute("serial") ?? "",
        taskId: this.getAttribute("task-id") || undefined,
        token: this.#token ?? undefined,
        credentials: this.getAttribute("credentials") || undefined,
        lang: this.getAttribute("lang") || undefined,
        messages: this.#messages ?? undefined,
        pollIntervalMs: this.#number("poll-interval-ms"),
        requestTimeoutMs: this.#number("request-timeout-ms"),
        start: destination
          ? {
            destination,
            count: this.#number("count"),
            packetSize: this.#number("packet-size"),
            vlan: this.#number("vlan"),
            interfacePort: this.getAttribute("interface-port") || undefined,
            role: this.getAttribute("role") || undefined,
            includeRawOutput: this.#boolean("include-raw-output"),
          }
          : undefined,
      };
    }

    #render() {
      if (!this.isConnected || !this.#container) return;
      try {
        const options = this.#options();
        if (this.#handle) this.#handle.update(options);
        else this.#handle = mount(this.#container, this, options);
      } catch (error) {
        this.dispatchEvent(new CustomEvent("ping-error", {
          bubbles: true, composed: true,
          detail: { status: null, errorCode: null, message: String(error?.message ?? error), kind: "configuration" },
        }));
      }
    }
  }

  customElements.define("ap-ping-status", ApPingStatus);
}
