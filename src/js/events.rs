//! The DOM events a widget sends its host (`ping-started`, `ping-progress`,
//! `ping-complete`, `ping-error`; a traceroute's `traceroute-…` alike), and the names of
//! the error kinds, described once.
//!
//! From `error_kinds!` (with `FailureKind`, in `api::outcome`) come `kind_name` (the `kind` of `ping-error`; the match is
//! exhaustive, so a new `FailureKind` does not compile without a name) and, by
//! `super::generate`, the `PingErrorKind` union (`types.d.ts`) and the README's
//! `ping-error` row. `scripts/generate` rewrites those copies, and a native test fails
//! while one is stale.

use crate::hooks::use_test_task::TaskCallbacks;
use ap_ping_core::traceroute::TracerouteTestResult;
use ap_ping_parse::flat;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// The TypeScript of `ping-error`'s detail, as [`callbacks_for`] builds it.
#[cfg(not(target_arch = "wasm32"))]
pub const TS_ERROR_DETAIL: &str = r#"/** `detail` of the `ping-error` event. */
export interface PingErrorDetail {
  /** HTTP status, when there was an answer. */
  status: number | null;
  /** The API's errorCode (HPE_GL_ERROR_…, or older HPE_GRAVITY_…), shown as sent. */
  errorCode: string | null;
  message: string;
  kind: PingErrorKind;
}
"#;

/// The TypeScript of the fleet view's events, as `fleet_callbacks_for` and
/// `components::fleet::export` build their details.
#[cfg(not(target_arch = "wasm32"))]
pub const TS_FLEET_EVENTS: &str = r#"
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
"#;

/// The TypeScript of the widgets' events, as [`callbacks_for`] sends them.
#[cfg(not(target_arch = "wasm32"))]
pub const TS_TEST_EVENTS: &str = r#"
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
"#;

pub use crate::api::outcome::kind_name;
#[cfg(not(target_arch = "wasm32"))]
pub use crate::api::outcome::{ErrorKindLayout, ERROR_KINDS};

/// Where a widget's events go: its host element, while the widget lives.
#[derive(Clone)]
pub(super) struct EventSink {
    target: web_sys::EventTarget,
    /// False once `destroy()` was called: events still on their way are dropped.
    live: Rc<std::cell::Cell<bool>>,
}

impl EventSink {
    pub(super) fn new(target: web_sys::EventTarget) -> Self {
        Self {
            target,
            live: Rc::new(std::cell::Cell::new(true)),
        }
    }

    /// Drops every event not sent yet, and any later one (`destroy()`).
    pub(super) fn close(&self) {
        self.live.set(false);
    }

    /// Sends the event `name` with the detail `detail()` makes, in a task of its own: the
    /// JS object of a result (a million missing sequences at worst) is then built apart
    /// from the render of it, and neither task is long. Every event goes this way, so
    /// they keep their order.
    fn send_later(&self, name: &'static str, detail: impl FnOnce() -> JsValue + 'static) {
        let sink = self.clone();
        let send = Closure::once_into_js(move || {
            if !sink.live.get() {
                return;
            }
            let init = web_sys::CustomEventInit::new();
            init.set_bubbles(true);
            init.set_composed(true);
            init.set_detail(&detail());
            if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
                let _ = sink.target.dispatch_event(&event);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(send.unchecked_ref(), 0);
        }
    }
}

/// The names of a test's four events, and how its status becomes their detail.
pub(super) struct TestEvents<S> {
    started: &'static str,
    progress: &'static str,
    complete: &'static str,
    error: &'static str,
    /// The status as JavaScript sees it: the object the kind's parser returns.
    to_js: fn(&S) -> JsValue,
}

/// `ping-started`, `ping-progress`, `ping-complete`, `ping-error`.
pub(super) const PING_EVENTS: TestEvents<crate::stats::PingTestResult> = TestEvents {
    started: "ping-started",
    progress: "ping-progress",
    complete: "ping-complete",
    error: "ping-error",
    to_js: flat::test_result_to_js,
};

/// `traceroute-started`, `traceroute-progress`, `traceroute-complete`, `traceroute-error`.
pub(super) const TRACEROUTE_EVENTS: TestEvents<TracerouteTestResult> = TestEvents {
    started: "traceroute-started",
    progress: "traceroute-progress",
    complete: "traceroute-complete",
    error: "traceroute-error",
    to_js: flat::traceroute_result_to_js,
};

/// Callbacks that turn a test's notifications into DOM events on the sink's target: its
/// status (the parser's object) with progress and the end, `{ status, errorCode, message,
/// kind }` with an error, `{ taskId }` with a start.
pub(super) fn callbacks_for<S: 'static>(
    sink: &EventSink,
    names: &TestEvents<S>,
) -> TaskCallbacks<S> {
    let (progress, complete, error, started) =
        (sink.clone(), sink.clone(), sink.clone(), sink.clone());
    let to_js = names.to_js;
    let (progress_name, complete_name) = (names.progress, names.complete);
    TaskCallbacks {
        on_progress: Some(Callback::from(move |r: Rc<S>| {
            progress.send_later(progress_name, move || to_js(&r))
        })),
        on_complete: Some(Callback::from(move |r: Rc<S>| {
            complete.send_later(complete_name, move || to_js(&r))
        })),
        on_error: Some({
            let name = names.error;
            Callback::from(move |f: crate::poll::Failure| {
                error.send_later(name, move || {
                    let detail = js_sys::Object::new();
                    let set = |k: &str, v: JsValue| {
                        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(k), &v);
                    };
                    set("status", f.http_status.map_or(JsValue::NULL, JsValue::from));
                    set(
                        "errorCode",
                        f.error_code
                            .as_deref()
                            .map_or(JsValue::NULL, JsValue::from_str),
                    );
                    set("message", JsValue::from_str(&f.message));
                    set("kind", JsValue::from_str(kind_name(f.kind)));
                    detail.into()
                });
            })
        }),
        on_started: Some({
            let name = names.started;
            Callback::from(move |task_id: String| {
                started.send_later(name, move || {
                    let detail = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(
                        &detail,
                        &"taskId".into(),
                        &JsValue::from_str(&task_id),
                    );
                    detail.into()
                });
            })
        }),
    }
}

/// Callbacks that turn the fleet's notifications into DOM events on the sink's target:
/// `fleet-progress` (the counts), `fleet-complete` (the whole run, the object "Download
/// JSON" saves) and `fleet-error` (why the run stopped as a whole).
pub(super) fn fleet_callbacks_for(
    sink: &EventSink,
    messages: &crate::words::Messages,
    destination: &str,
    rules: &ap_ping_core::fleet::VerdictRules,
) -> crate::hooks::FleetCallbacks {
    use crate::components::fleet::{export, stop_text};
    let (progress, complete, error) = (sink.clone(), sink.clone(), sink.clone());
    let (m, destination, rules) = (messages.clone(), destination.to_owned(), rules.clone());
    let m2 = m.clone();
    crate::hooks::FleetCallbacks {
        on_progress: Some(Callback::from(move |counts| {
            progress.send_later("fleet-progress", move || export::counts_to_js(counts))
        })),
        on_complete: Some(Callback::from(move |run: Rc<crate::fleet::FleetRun>| {
            let (m, destination, rules) = (m.clone(), destination.clone(), rules.clone());
            complete.send_later("fleet-complete", move || {
                export::run_to_js(&m, &run, &destination, &rules)
            })
        })),
        on_error: Some(Callback::from(
            move |(stop, _): (crate::fleet::RunStop, Rc<crate::fleet::FleetRun>)| {
                let message = stop_text(&m2, &stop);
                error.send_later("fleet-error", move || export::stop_to_js(&stop, &message))
            },
        )),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::poll::FailureKind;

    /// Every kind has a name of its own (the match in `kind_name` makes sure each has one).
    #[test]
    fn every_error_kind_has_a_name_of_its_own() {
        for (i, kind) in ERROR_KINDS.iter().enumerate() {
            assert!(
                ERROR_KINDS[..i].iter().all(|k| k.name != kind.name),
                "{} is named twice",
                kind.name
            );
        }
        assert_eq!(kind_name(FailureKind::Forbidden), "forbidden");
        assert_eq!(
            kind_name(FailureKind::ProxyCredentials),
            ERROR_KINDS.last().unwrap().name
        );
    }
}
