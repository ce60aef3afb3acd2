// Generated from src/js/options.rs, src/js/events.rs and START_FIELDS by scripts/generate: do not edit.

/** Options of `mountPingWidget` and `PingWidgetHandle.update`. */
export interface PingWidgetOptions {
  /**
   * API base URL, or your backend's proxy of it; `""` is the page's own origin.
   * Default: `""`.
   */
  baseUrl?: string;
  /**
   * Path version: `"v1alpha1"` (the seed's) or `"v1"` (the current API description's);
   * a 202's `location` is followed in its own version when it has the status path's
   * shape and names the same AP.
   * Default: `"v1alpha1"`.
   */
  apiVersion?: "v1alpha1" | "v1";
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
   * Time between status requests while the test runs, in milliseconds.
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
   * Failed requests in a row before giving up.
   * Default: 5.
   */
  maxRetries?: number;
  /**
   * Language of the numbers and times (a BCP 47 tag: `"de-DE"`), also set as the
   * widget's `lang` attribute; a wrong tag stops with
   * `invalid widget options: lang "de_DE" is not a language tag`.
   * Default: the browser's.
   */
  lang?: string;
  /**
   * The widget's words: an object of keys (README, Language) to strings, any subset;
   * an unknown key stops with `invalid widget options: messages has no key "sentt"`.
   * Default: English.
   */
  messages?: Partial<Record<PingMessageKey, string>>;
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
