//! The DOM events a widget sends its host (`ping-started`, `ping-progress`,
//! `ping-complete`, `ping-error`), and the names of the error kinds, described once.
//!
//! From `error_kinds!` below come `kind_name` (the `kind` of `ping-error`; the match is
//! exhaustive, so a new `FailureKind` does not compile without a name) and, by
//! `super::generate`, the `PingErrorKind` union (`types.d.ts`) and the README's
//! `ping-error` row. `scripts/generate` rewrites those copies, and a native test fails
//! while one is stale.

use crate::hooks::TaskCallbacks;
use crate::poll::FailureKind;
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

/// One error kind, as `generate` reads it.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub struct ErrorKindLayout {
    /// Its name in JavaScript.
    pub name: &'static str,
    /// What it means, in a few words (README and TypeScript).
    pub doc: &'static str,
}

/// Describes the kinds once: `Variant => "jsName"`, with a short doc; expands to
/// `kind_name` and `ERROR_KINDS`.
macro_rules! error_kinds {
    ($( #[doc = $doc:literal] $variant:ident => $name:literal, )*) => {
        /// The `kind` of `ping-error` for a failure of this kind.
        pub fn kind_name(kind: FailureKind) -> &'static str {
            match kind {
                $(FailureKind::$variant => $name,)*
            }
        }

        /// Every kind, in the order the README and the TypeScript list them.
        #[cfg(not(target_arch = "wasm32"))]
        pub const ERROR_KINDS: &[ErrorKindLayout] = &[$(
            ErrorKindLayout { name: $name, doc: $doc.trim_ascii() }
        ),*];
    };
}

error_kinds! {
    /// 403: the API client lacks troubleshooting access
    Forbidden => "forbidden",
    /// 401: the token is missing, wrong or expired
    Unauthorized => "unauthorized",
    /// 404: no such task or device
    NotFound => "notFound",
    /// 409: the AP is offline
    Conflict => "conflict",
    /// 400: the request is wrong
    BadRequest => "badRequest",
    /// 429, after every retry
    RateLimited => "rateLimited",
    /// 5xx, after every retry
    Server => "server",
    /// offline, DNS or CORS: no answer at all, after every retry
    Network => "network",
    /// no answer within `requestTimeoutMs`, after every retry
    Timeout => "timeout",
    /// an answer that is not the API's JSON, after every retry
    BadResponse => "badResponse",
    /// any other 4xx
    Client => "client",
    /// the widget's own options
    Configuration => "configuration",
    /// central-proxy's own client id and secret, or its token, refused
    ProxyCredentials => "proxyCredentials",
}

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

/// Callbacks that turn the widget's notifications into DOM events on the sink's target.
pub(super) fn callbacks_for(sink: &EventSink) -> TaskCallbacks {
    let (progress, complete, error, started) =
        (sink.clone(), sink.clone(), sink.clone(), sink.clone());
    TaskCallbacks {
        on_progress: Some(Callback::from(
            move |r: Rc<crate::stats::PingTestResult>| {
                progress.send_later("ping-progress", move || flat::test_result_to_js(&r))
            },
        )),
        on_complete: Some(Callback::from(
            move |r: Rc<crate::stats::PingTestResult>| {
                complete.send_later("ping-complete", move || flat::test_result_to_js(&r))
            },
        )),
        on_error: Some(Callback::from(move |f: crate::poll::Failure| {
            error.send_later("ping-error", move || {
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
        })),
        on_started: Some(Callback::from(move |task_id: String| {
            started.send_later("ping-started", move || {
                let detail = js_sys::Object::new();
                let _ =
                    js_sys::Reflect::set(&detail, &"taskId".into(), &JsValue::from_str(&task_id));
                detail.into()
            });
        })),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

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
