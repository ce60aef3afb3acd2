// <ap-ping-status>, <ap-ping-fleet> and <ap-traceroute-status>: the ping widget, the fleet
// view and the traceroute widget as custom elements.
// Each renders into a shadow root (the page's CSS cannot reach in, the widget's cannot leak
// out) and delegates everything to the Rust `mount` it is given. The token is a property
// only, never an attribute, so it never appears in the DOM or in markup.

// ── generated from src/js/options.rs and START_FIELDS by scripts/generate: do not edit ──
const OPTIONS = { serial: "s", taskId: "s", traceOnLoss: "b", baseUrl: "s", apiVersion: "s", credentials: "s", pollIntervalMs: "n", requestTimeoutMs: "n", maxRetries: "n", lang: "s" };
const START = { destination: "s", count: "n", packetSize: "n", vlan: "n", interfacePort: "s", role: "s", includeRawOutput: "b" };
const FLEET = { siteId: "s", siteName: "s", serials: "l", destination: "s", count: "n", packetSize: "n", lossyAbovePercent: "n", beyondSharePercent: "n", baseUrl: "s", apiVersion: "s", credentials: "s", pollIntervalMs: "n", requestTimeoutMs: "n", maxRetries: "n", lang: "s" };
const TRACE = { serial: "s", taskId: "s", baseUrl: "s", apiVersion: "s", credentials: "s", pollIntervalMs: "n", requestTimeoutMs: "n", maxRetries: "n", lang: "s" };
const TRACE_START = { destination: "s", sourceInterface: "s", includeRawOutput: "b" };
// ── end of generated code ──

/** `baseUrl` → `base-url`: each option's attribute. */
const kebab = (name) => name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/** A present boolean attribute's value: HTML's true (empty, its own name, "true"), "false" false, else as given. */
const flag = (value, attribute) =>
  value === "" || value === attribute || value === "true" ? true : value === "false" ? false : value;

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

export function defineElement(mount, mountFleet, mountTrace) {
  if (!globalThis.customElements) return;

  /** What both elements share: the token and messages properties, the shadow root, the stylesheet, mount and destroy. */
  class ApPingElement extends HTMLElement {
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

    /**
     * The options `fields` describe (name: "s" text, "n" number, "b" true or false, "l"
     * comma-separated texts), each from its attribute; an absent one is not given, nor an
     * empty one but a boolean's. A boolean attribute follows HTML: present with no value,
     * an empty one or its own name (`trace-on-loss`, `trace-on-loss=""`) is true, as is
     * "true"; "false" is false; any other value is passed on as given, for mount to refuse.
     */
    read(fields) {
      const options = {};
      for (const [name, kind] of Object.entries(fields)) {
        const attribute = kebab(name);
        const value = this.getAttribute(attribute);
        options[name] = value == null ? undefined
          : kind === "b" ? flag(value, attribute)
          : value === "" ? undefined
          : kind === "n" ? Number(value)
          : kind === "l" ? value.split(",").map((s) => s.trim()).filter(Boolean)
          : value;
      }
      return options;
    }

    /** The options given as properties: the token and the words. */
    properties() {
      return { token: this.#token ?? undefined, messages: this.#messages ?? undefined };
    }

    #render() {
      if (!this.isConnected || !this.#container) return;
      try {
        const options = this.options();
        if (this.#handle) this.#handle.update(options);
        else this.#handle = this.mount(this.#container, this, options);
      } catch (error) {
        this.dispatchEvent(new CustomEvent(this.errorEvent, {
          bubbles: true, composed: true,
          detail: { status: null, errorCode: null, message: String(error?.message ?? error), kind: "configuration" },
        }));
      }
    }
  }

  /**
   * Defines the element `name` (unless the page already has one): its options read from
   * the attributes of `fields` (and a `start` of those of `startFields`, when given a
   * destination), mounted by `mountView`, its configuration errors sent as `errorEvent`.
   */
  function define(name, errorEvent, mountView, fields, startFields) {
    if (customElements.get(name)) return;
    const attributes = [...Object.keys(fields), ...Object.keys(startFields ?? {})].map(kebab).concat("stylesheet");
    customElements.define(name, class extends ApPingElement {
      static get observedAttributes() {
        return attributes;
      }

      get errorEvent() {
        return errorEvent;
      }

      mount(container, host, options) {
        return mountView(container, host, options);
      }

      options() {
        const options = { ...this.read(fields), ...this.properties() };
        if (!startFields) return options;
        const start = this.read(startFields);
        return { ...options, start: start.destination ? start : undefined };
      }
    });
  }

  define("ap-ping-status", "ping-error", mount, OPTIONS, START);
  define("ap-ping-fleet", "fleet-error", mountFleet, FLEET);
  define("ap-traceroute-status", "traceroute-error", mountTrace, TRACE, TRACE_START);
}
