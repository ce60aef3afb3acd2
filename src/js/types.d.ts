// Generated from src/js/options.rs, src/js/events.rs and START_FIELDS by scripts/generate: do not edit.

/** Options of `mountPingWidget` and `PingWidgetHandle.update`. */
export interface PingWidgetOptions {
  /**
   * The AP's serial number (checked: no `/`, `\`, `.` or `..`, no control characters, at
   * most 128 characters; then percent-encoded, so `?`, `#` or `%` cannot change the URL).
   * Task ids follow the same rules.
   */
  serial: string;
  /** The async operation to follow. Omit it and give `start` to start a new test. */
  taskId?: string;
  /**
   * POST a new test and follow it (when no `taskId`); its fields are in the table below.
   * Checked against the API's limits before it is sent: a wrong value stops with
   * `Widget configuration: count must be between 1 and 100` and sends nothing.
   */
  start?: PingStartOptions;
  /**
   * Under a result with loss, offer "Trace the path": a traceroute to the same destination
   * from the same AP (its serial, base URL, version, token, credentials, timing, words and
   * language; it asks for the raw output), shown in place below the result, its events
   * (`traceroute-…`) sent to the same element.
   * Default: `false`.
   */
  traceOnLoss?: boolean;
  /**
   * API base URL, or your backend's proxy of it; `""` is the page's own origin.
   * Default: `""`.
   */
  baseUrl?: string;
  /**
   * Path version of the AP tests: `"v1alpha1"` (the seed's) or `"v1"` (the current
   * API description's); a 202's `location` is followed in its own version when it has
   * the status path's shape and names the same AP. (A fleet's list of APs is
   * `network-monitoring/v1`'s.)
   * Default: `"v1alpha1"`.
   */
  apiVersion?: "v1alpha1" | "v1";
  /**
   * Bearer token: held in memory only, sent only in the `Authorization` header, never
   * logged. The element takes it as a property, never as an attribute.
   */
  token?: string;
  /**
   * Cookies with the requests: `"same-origin"`, `"include"` (cookie-authenticated
   * proxies on another origin) or `"omit"`.
   * Default: `"same-origin"`.
   */
  credentials?: "include" | "same-origin" | "omit";
  /**
   * The fastest a running test's status is asked for again, in milliseconds: polls are
   * spaced by the work the test has left (README, Polling), at most 30 s apart.
   * At least 250: less is refused with `invalid widget options: pollIntervalMs must be at least 250`.
   * Default: 2000.
   */
  pollIntervalMs?: number;
  /**
   * A request not answered by then (milliseconds) is aborted and retried.
   * At least 100: less is refused with `invalid widget options: requestTimeoutMs must be at least 100`.
   * Default: 10000.
   */
  requestTimeoutMs?: number;
  /**
   * Failed requests in a row (of a test, or of the fleet's list) before giving up.
   * Default: 5.
   */
  maxRetries?: number;
  /**
   * Language of the numbers and times (a BCP 47 tag: `"de-DE"`), also set as the
   * view's `lang` attribute; a wrong tag is refused (`lang "de_DE" is not a language
   * tag`).
   * Default: the browser's.
   */
  lang?: string;
  /**
   * The view's words: an object of keys (README, Language) to strings, any subset; an
   * unknown key is refused (`messages has no key "sentt"`).
   * Default: English.
   */
  messages?: Partial<Record<PingMessageKey, string>>;
}

/** Options of `mountPingFleet` and `PingFleetHandle.update` (`<ap-ping-fleet>`: the same names in kebab case). */
export interface FleetOptions {
  /**
   * The site whose APs to test, by its id (`"24833497"`). Exactly one of `siteId`,
   * `siteName` and `serials` is given.
   */
  siteId?: string;
  /** The site whose APs to test, by its name (`"HQ"`). */
  siteName?: string;
  /** These APs, by serial number (the attribute: comma-separated). At most 2,000. */
  serials?: string[];
  /** What every AP pings: a hostname or an address. */
  destination: string;
  /**
   * Echo requests each AP sends, 1-100.
   * Default: 5.
   */
  count?: number;
  /**
   * Bytes of each echo request's data.
   * Default: the API's.
   */
  packetSize?: number;
  /**
   * An AP loses packets when its loss is above this percentage (at least 0, below 100).
   * Default: 0.
   */
  lossyAbovePercent?: number;
  /**
   * The problem is beyond the APs when at least this share of the tested APs (and at
   * least two) lose packets (above 0, at most 100).
   * Default: 100.
   */
  beyondSharePercent?: number;
  /**
   * API base URL, or your backend's proxy of it; `""` is the page's own origin.
   * Default: `""`.
   */
  baseUrl?: string;
  /**
   * Path version of the AP tests: `"v1alpha1"` (the seed's) or `"v1"` (the current
   * API description's); a 202's `location` is followed in its own version when it has
   * the status path's shape and names the same AP. (A fleet's list of APs is
   * `network-monitoring/v1`'s.)
   * Default: `"v1alpha1"`.
   */
  apiVersion?: "v1alpha1" | "v1";
  /**
   * Bearer token: held in memory only, sent only in the `Authorization` header, never
   * logged. The element takes it as a property, never as an attribute.
   */
  token?: string;
  /**
   * Cookies with the requests: `"same-origin"`, `"include"` (cookie-authenticated
   * proxies on another origin) or `"omit"`.
   * Default: `"same-origin"`.
   */
  credentials?: "include" | "same-origin" | "omit";
  /**
   * The fastest a running test's status is asked for again, in milliseconds: polls are
   * spaced by the work the test has left (README, Polling), at most 30 s apart.
   * At least 250: less is refused with `invalid fleet options: pollIntervalMs must be at least 250`.
   * Default: 2000.
   */
  pollIntervalMs?: number;
  /**
   * A request not answered by then (milliseconds) is aborted and retried.
   * At least 100: less is refused with `invalid fleet options: requestTimeoutMs must be at least 100`.
   * Default: 10000.
   */
  requestTimeoutMs?: number;
  /**
   * Failed requests in a row (of a test, or of the fleet's list) before giving up.
   * Default: 5.
   */
  maxRetries?: number;
  /**
   * Language of the numbers and times (a BCP 47 tag: `"de-DE"`), also set as the
   * view's `lang` attribute; a wrong tag is refused (`lang "de_DE" is not a language
   * tag`).
   * Default: the browser's.
   */
  lang?: string;
  /**
   * The view's words: an object of keys (README, Language) to strings, any subset; an
   * unknown key is refused (`messages has no key "sentt"`).
   * Default: English.
   */
  messages?: Partial<Record<PingMessageKey, string>>;
}

/** Options of `mountTracerouteWidget` and `TracerouteWidgetHandle.update` (`<ap-traceroute-status>`: the same names in kebab case). */
export interface TracerouteWidgetOptions {
  /** The AP's serial number (the same rules as the ping widget's). */
  serial: string;
  /**
   * The traceroute's async operation to follow. Omit it and give `start.destination` (the
   * element: `destination`) to start a new trace.
   */
  taskId?: string;
  /**
   * Start a new trace and follow it (when no `taskId`); its fields are in the table below
   * (for the element, an attribute each). Checked before it is sent: a wrong destination
   * or source interface stops with `Widget configuration: …` (kind `configuration`) and
   * sends nothing.
   */
  start?: TracerouteStartOptions;
  /**
   * API base URL, or your backend's proxy of it; `""` is the page's own origin.
   * Default: `""`.
   */
  baseUrl?: string;
  /**
   * Path version of the AP tests: `"v1alpha1"` (the seed's) or `"v1"` (the current
   * API description's); a 202's `location` is followed in its own version when it has
   * the status path's shape and names the same AP. (A fleet's list of APs is
   * `network-monitoring/v1`'s.)
   * Default: `"v1alpha1"`.
   */
  apiVersion?: "v1alpha1" | "v1";
  /**
   * Bearer token: held in memory only, sent only in the `Authorization` header, never
   * logged. The element takes it as a property, never as an attribute.
   */
  token?: string;
  /**
   * Cookies with the requests: `"same-origin"`, `"include"` (cookie-authenticated
   * proxies on another origin) or `"omit"`.
   * Default: `"same-origin"`.
   */
  credentials?: "include" | "same-origin" | "omit";
  /**
   * The fastest a running test's status is asked for again, in milliseconds: polls are
   * spaced by the work the test has left (README, Polling), at most 30 s apart.
   * At least 250: less is refused with `invalid widget options: pollIntervalMs must be at least 250`.
   * Default: 2000.
   */
  pollIntervalMs?: number;
  /**
   * A request not answered by then (milliseconds) is aborted and retried.
   * At least 100: less is refused with `invalid widget options: requestTimeoutMs must be at least 100`.
   * Default: 10000.
   */
  requestTimeoutMs?: number;
  /**
   * Failed requests in a row (of a test, or of the fleet's list) before giving up.
   * Default: 5.
   */
  maxRetries?: number;
  /**
   * Language of the numbers and times (a BCP 47 tag: `"de-DE"`), also set as the
   * view's `lang` attribute; a wrong tag is refused (`lang "de_DE" is not a language
   * tag`).
   * Default: the browser's.
   */
  lang?: string;
  /**
   * The view's words: an object of keys (README, Language) to strings, any subset; an
   * unknown key is refused (`messages has no key "sentt"`).
   * Default: English.
   */
  messages?: Partial<Record<PingMessageKey, string>>;
}

/** The POST body of a new trace (`start` of `TracerouteWidgetOptions`), checked before it is sent. */
export interface TracerouteStartOptions {
  /** Host name or address to trace to (the ping destination's rules). */
  destination: string;
  /** The AP's interface to trace from (`eth0`). */
  sourceInterface?: string;
  /**
   * Ask for the AP's traceroute text as well (shown under "Raw output").
   * Default: not sent (the API's default; mock-central sends it).
   */
  includeRawOutput?: boolean;
}

/** The POST body of a new test, checked against the API's limits before it is sent. */
export interface PingStartOptions {
  /** Hostname or IP address to ping (required). */
  destination: string;
  /** Echo requests to send. 1-100. */
  count?: number;
  /** Payload size in bytes. 10-2000. */
  packetSize?: number;
  /** VLAN to ping from. 1-4095. */
  vlan?: number;
  /** Interface to ping from, e.g. `eth0`. */
  interfacePort?: string;
  /** Role to ping as. */
  role?: string;
  /** Whether the AP's ping text (`rawOutput`) comes back too. */
  includeRawOutput?: boolean;
}

/** `detail` of the `ping-error` event. */
export interface PingErrorDetail {
  /** HTTP status, when there was an answer. */
  status: number | null;
  /** The API's errorCode (HPE_GL_ERROR_…, or older HPE_GRAVITY_…), shown as sent. */
  errorCode: string | null;
  message: string;
  kind: PingErrorKind;
}

/**
 * Why polling stopped:
 * - "forbidden": 403: the API client lacks troubleshooting access
 * - "unauthorized": 401: the token is missing, wrong or expired
 * - "notFound": 404: no such task or device
 * - "conflict": 409: the AP is offline
 * - "badRequest": 400: the request is wrong
 * - "rateLimited": 429, after every retry
 * - "server": 5xx, after every retry
 * - "network": offline, DNS or CORS: no answer at all, after every retry
 * - "timeout": no answer within `requestTimeoutMs`, after every retry
 * - "badResponse": an answer that is not the API's JSON, after every retry
 * - "client": any other 4xx
 * - "configuration": the widget's own options
 * - "proxyCredentials": central-proxy's own client id and secret, or its token, refused
 */
export type PingErrorKind =
  | "forbidden"
  | "unauthorized"
  | "notFound"
  | "conflict"
  | "badRequest"
  | "rateLimited"
  | "server"
  | "network"
  | "timeout"
  | "badResponse"
  | "client"
  | "configuration"
  | "proxyCredentials";

/** `detail` of the `fleet-progress` event: where the run is. */
export interface FleetCounts {
  /** APs whose test is over (with a result or an error), of `total`. */
  done: number;
  /** APs to test: every listed AP but the offline ones. */
  total: number;
  /** Of the done ones, those that ended on an error. */
  failed: number;
  /** APs listed as offline: not tested. */
  offline: number;
}

/** One AP of the run. */
export interface FleetAp {
  name: string;
  serial: string;
  model: string | null;
  /** As the list says. */
  status: "online" | "offline" | "unknown";
  /** Where its test is. */
  state: "offline" | "queued" | "running" | "done" | "failed";
  /** What its row shows; null when its test measured nothing. */
  figures: FleetApFigures | null;
  /** Its test's last status, the same object `parsePingStatus` returns; null unless done. */
  result: PingTestResult | null;
  /** Why its test could not be followed (as `ping-error` says it); null unless failed. */
  error: PingErrorDetail | null;
}

export interface FleetApFigures {
  lossPercent: number | null;
  medianMs: number | null;
  avgMs: number | null;
  jitterMs: number | null;
  transmitted: number;
  received: number;
}

/** The verdict: is it these APs, or the path beyond them? */
export interface FleetVerdict {
  /**
   * - "beyondAps": at least `beyondSharePercent` of the tested APs (and at least two) lose packets;
   * - "someAps": some do (`worst` names up to five, the worst first);
   * - "noLoss": none does (`medianMs`: the median of the APs' medians; `minMs`, `maxMs`: their spread);
   * - "nothingTested": no AP has a result.
   */
  kind: "beyondAps" | "someAps" | "noLoss" | "nothingTested";
  /** The sentence the view shows, in the view's words. */
  text: string;
  /** APs with a loss figure. */
  tested: number;
  /** Of those, APs losing more than `lossyAbovePercent`. */
  lossy: number;
  worst: { name: string; lossPercent: number }[];
  medianMs: number | null;
  minMs: number | null;
  maxMs: number | null;
}

/** `detail` of the `fleet-complete` event, and what "Download JSON" saves. */
export interface FleetRunDetail {
  destination: string;
  counts: FleetCounts;
  verdict: FleetVerdict;
  /** Every listed AP, in the list's order. */
  aps: FleetAp[];
}

/** `detail` of the `fleet-error` event: the run stopped as a whole. */
export interface FleetErrorDetail {
  /**
   * - "configuration": the options cannot make a run (the message says which);
   * - "unauthorized": a 401 (the token), on the list or any AP's test;
   * - "listForbidden": the list of APs answered 403;
   * - "listFailed": the list failed otherwise, after its retries;
   * - "tooManyAps": more than 2,000 APs;
   * - "budgetSpent": the page's request budget holds every request for minutes.
   */
  kind: "configuration" | "unauthorized" | "listForbidden" | "listFailed" | "tooManyAps" | "budgetSpent";
  /** HTTP status, when an answer caused it. */
  status: number | null;
  /** The API's errorCode, when it sent one. */
  errorCode: string | null;
  /** What the view says. */
  message: string;
}

/** The events `<ap-ping-status>` and `mountPingWidget`'s target receive (`CustomEvent`s that bubble and cross the shadow root). */
export interface PingWidgetEventMap {
  /** A new test was started (`start`). */
  "ping-started": CustomEvent<{ taskId: string }>;
  /** Each new status while the test runs. */
  "ping-progress": CustomEvent<PingTestResult>;
  /** The terminal status (`COMPLETED` or `FAILED`). */
  "ping-complete": CustomEvent<PingTestResult>;
  /** Polling stopped on an error. */
  "ping-error": CustomEvent<PingErrorDetail>;
}

/**
 * The events `<ap-traceroute-status>` and `mountTracerouteWidget`'s target receive, and
 * `<ap-ping-status>` too for the trace its "Trace the path" (`traceOnLoss`) started.
 */
export interface TracerouteEventMap {
  /** A new trace was started (`destination`, or "Trace the path"). */
  "traceroute-started": CustomEvent<{ taskId: string }>;
  /** Each new status while the trace runs (`progressPercent`; `trace` is null until it ends). */
  "traceroute-progress": CustomEvent<TracerouteTestResult>;
  /** The terminal status: the object `parseTracerouteStatus` returns. */
  "traceroute-complete": CustomEvent<TracerouteTestResult>;
  /** Polling stopped on an error (the same detail as `ping-error`). */
  "traceroute-error": CustomEvent<PingErrorDetail>;
}
