//! Embedding for other pages: `mountPingWidget(target, options)`, its handle, the
//! `<ap-ping-status>` custom element, and the DOM events the widget sends its host.

use crate::api::client::http::Auth;
use crate::api::client::{ApiVersion, CredentialsMode};
use crate::components::{Messages, PingWidget, PingWidgetProps};
use crate::hooks::{PingTaskConfig, StartRequest, TaskCallbacks};
use crate::poll::{FailureKind, PollSettings};
use ap_ping_core::json::quoted;
use ap_ping_parse::flat;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::{AppHandle, Callback};

/// The options' and events' TypeScript, for the generated `.d.ts` (and the test that
/// keeps `PingErrorKind` equal to [`kind_name`]).
// Used by `TS_OPTIONS` (which the macro turns into a custom section, unseen by the lint)
// and by the test.
#[allow(dead_code)]
const TS_TEXT: &str = r#"
/** Options of `mountPingWidget` and `PingWidgetHandle.update`. */
export interface PingWidgetOptions {
  /** Base URL of the API or of your backend's proxy of it; "" (default) for this page's origin. */
  baseUrl?: string;
  /**
   * Path version of the troubleshooting API: "v1alpha1" (default, the seed's) or "v1"
   * (the current API description's). A 202's `location` is followed in its own version.
   */
  apiVersion?: "v1alpha1" | "v1";
  /** The access point's serial number. */
  serial: string;
  /** The async operation to follow. Omit it and give `start` to start a new test. */
  taskId?: string;
  /** Bearer token: sent only in the Authorization header, kept in memory only. */
  token?: string;
  /** Cookies with the requests: "same-origin" (default), "include" (cookie-authenticated proxies on another origin) or "omit". */
  credentials?: "include" | "same-origin" | "omit";
  /** Time between status requests while the test runs (default 2000). */
  pollIntervalMs?: number;
  /** A request not answered by then is aborted and retried (default 10000). */
  requestTimeoutMs?: number;
  /** Failed requests in a row before giving up (default 5). */
  maxRetries?: number;
  /** Start a new test (POST) and follow it; checked against the API's limits before it is sent. */
  start?: PingStartOptions;
  /**
   * Language of the numbers and times (a BCP 47 tag such as "de-DE"), also set as the
   * widget's `lang`. Default: the browser's language.
   */
  lang?: string;
  /** The widget's words in another language, or other words: any keys, the rest in English. */
  messages?: Partial<Record<PingMessageKey, string>>;
}

/** The POST body of a new test. Only `destination` is required. */
export interface PingStartOptions {
  /** Hostname or IP address to ping. */
  destination: string;
  /** Echo requests, 1-100. */
  count?: number;
  /** Payload bytes, 10-2000. */
  packetSize?: number;
  /** VLAN to ping from, 1-4095. */
  vlan?: number;
  /** Interface to ping from, e.g. "eth0". */
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
 * Why polling stopped: "forbidden" is a 403 (the API client lacks troubleshooting
 * access), "unauthorized" a 401, "rateLimited" a 429 after every retry,
 * "proxyCredentials" central-proxy's own API client refused (its client id and secret,
 * not the page's token: errorCode CENTRAL_PROXY_CREDENTIALS_REFUSED or
 * CENTRAL_PROXY_TOKEN_REJECTED), "configuration" the widget's own options.
 */
export type PingErrorKind =
  | "rateLimited" | "server" | "network" | "timeout" | "badResponse" | "badRequest"
  | "unauthorized" | "forbidden" | "notFound" | "conflict" | "client" | "configuration"
  | "proxyCredentials";
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &'static str = TS_TEXT;

#[wasm_bindgen(typescript_custom_section)]
const TS_MESSAGE_KEYS: &'static str = crate::words::messages::TS_KEYS;

#[wasm_bindgen(module = "/src/js/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(
        mount: &Closure<
            dyn FnMut(web_sys::Element, web_sys::Element, JsValue) -> Result<JsValue, JsValue>,
        >,
    );
}

/// What a page passes, read from a plain JS object. No `Debug`: it holds the token.
#[derive(Default)]
struct MountOptions {
    base_url: String,
    api_version: ApiVersion,
    serial: String,
    task_id: Option<String>,
    token: Option<String>,
    credentials: CredentialsMode,
    poll_interval_ms: Option<u32>,
    request_timeout_ms: Option<u32>,
    max_retries: Option<u32>,
    start: Option<StartRequest>,
    messages: Messages,
}

impl MountOptions {
    /// Reads the options object field by field (`undefined` and `null` mean "not given"),
    /// with an error that names the field.
    fn from_js(options: JsValue) -> Result<Self, JsError> {
        if options.is_undefined() || options.is_null() {
            return Ok(Self::default());
        }
        if !options.is_object() {
            return Err(invalid("", "expected an object"));
        }
        let start = match field(&options, "start")? {
            None => None,
            Some(start) if start.is_object() => Some(StartRequest {
                destination: string(&start, "destination")?
                    .ok_or_else(|| invalid("start.destination", " is required"))?,
                count: whole(&start, "count")?,
                packet_size: whole(&start, "packetSize")?,
                vlan: whole(&start, "vlan")?,
                interface_port: string(&start, "interfacePort")?.filter(|v| !v.is_empty()),
                role: string(&start, "role")?.filter(|v| !v.is_empty()),
                include_raw_output: boolean(&start, "includeRawOutput")?,
            }),
            Some(_) => return Err(invalid("start", " must be an object")),
        };
        Ok(MountOptions {
            base_url: string(&options, "baseUrl")?.unwrap_or_default(),
            api_version: match string(&options, "apiVersion")?.filter(|v| !v.is_empty()) {
                None => ApiVersion::default(),
                Some(name) => {
                    ApiVersion::from_name(&name).map_err(|e| invalid("", &e.to_string()))?
                }
            },
            serial: string(&options, "serial")?.unwrap_or_default(),
            task_id: string(&options, "taskId")?,
            token: string(&options, "token")?,
            credentials: match string(&options, "credentials")?.filter(|v| !v.is_empty()) {
                None => CredentialsMode::default(),
                Some(name) => {
                    CredentialsMode::from_name(&name).map_err(|e| invalid("", &e.to_string()))?
                }
            },
            poll_interval_ms: whole(&options, "pollIntervalMs")?,
            request_timeout_ms: whole(&options, "requestTimeoutMs")?,
            max_retries: whole(&options, "maxRetries")?,
            start,
            messages: Messages::new(
                &string(&options, "lang")?.unwrap_or_default(),
                texts(&options, "messages")?,
            )
            .map_err(|e| invalid("", &e))?,
        })
    }

    fn into_props(self, events: &EventSink) -> PingWidgetProps {
        let mut settings = PollSettings::default();
        if let Some(ms) = self.poll_interval_ms {
            settings.interval_ms = ms.max(250);
        }
        if let Some(ms) = self.request_timeout_ms {
            settings.request_timeout_ms = ms.max(100);
        }
        if let Some(n) = self.max_retries {
            settings.retry.max_attempts = n;
        }
        PingWidgetProps {
            config: PingTaskConfig {
                base_url: self.base_url.into(),
                api_version: self.api_version,
                serial: self.serial.into(),
                task_id: self.task_id.filter(|t| !t.is_empty()).map(Into::into),
                start: self.start,
                auth: Auth {
                    token: self.token.filter(|t| !t.is_empty()).map(Rc::from),
                    credentials: self.credentials,
                },
                settings,
            },
            callbacks: callbacks_for(events),
            class: Default::default(),
            messages: self.messages,
        }
    }
}

/// "invalid widget options: " then `name` and `problem`: every refusal of an option says
/// so in one way, made in one place.
fn invalid(name: &str, problem: &str) -> JsError {
    let mut message = String::from("invalid widget options: ");
    message.push_str(name);
    message.push_str(problem);
    JsError::new(&message)
}

/// `object[name]`, or `None` when it is `undefined` or `null`.
fn field(object: &JsValue, name: &str) -> Result<Option<JsValue>, JsError> {
    let value = js_sys::Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| invalid(name, " cannot be read"))?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

fn string(object: &JsValue, name: &str) -> Result<Option<String>, JsError> {
    match field(object, name)? {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| invalid(name, " must be a string")),
    }
}

/// A plain object of strings (`messages`), as (key, text) pairs.
fn texts(object: &JsValue, name: &str) -> Result<Vec<(String, String)>, JsError> {
    let Some(map) = field(object, name)? else {
        return Ok(Vec::new());
    };
    if !map.is_object() || js_sys::Array::is_array(&map) {
        return Err(invalid(name, " must be an object of strings"));
    }
    let mut texts = Vec::new();
    for key in js_sys::Object::keys(map.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        match field(&map, &key)?.and_then(|v| v.as_string()) {
            Some(text) => texts.push((key, text)),
            None => return Err(invalid(&format!("{name}.{key}"), " must be a string")),
        }
    }
    Ok(texts)
}

fn boolean(object: &JsValue, name: &str) -> Result<Option<bool>, JsError> {
    match field(object, name)? {
        None => Ok(None),
        Some(v) => v
            .as_bool()
            .map(Some)
            .ok_or_else(|| invalid(name, " must be true or false")),
    }
}

fn whole(object: &JsValue, name: &str) -> Result<Option<u32>, JsError> {
    match field(object, name)? {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n)
                if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) =>
            {
                Ok(Some(n as u32))
            }
            _ => Err(invalid(name, " must be a whole number")),
        },
    }
}

/// Where a widget's events go: its host element, while the widget lives.
#[derive(Clone)]
struct EventSink {
    target: web_sys::EventTarget,
    /// False once `destroy()` was called: events still on their way are dropped.
    live: Rc<std::cell::Cell<bool>>,
}

impl EventSink {
    fn new(target: web_sys::EventTarget) -> Self {
        Self {
            target,
            live: Rc::new(std::cell::Cell::new(true)),
        }
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
fn callbacks_for(sink: &EventSink) -> TaskCallbacks {
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

fn kind_name(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::RateLimited => "rateLimited",
        FailureKind::Server => "server",
        FailureKind::Network => "network",
        FailureKind::Timeout => "timeout",
        FailureKind::BadResponse => "badResponse",
        FailureKind::BadRequest => "badRequest",
        FailureKind::Unauthorized => "unauthorized",
        FailureKind::Forbidden => "forbidden",
        FailureKind::NotFound => "notFound",
        FailureKind::Conflict => "conflict",
        FailureKind::Client => "client",
        FailureKind::Configuration => "configuration",
        FailureKind::ProxyCredentials => "proxyCredentials",
    }
}

/// A mounted widget. `destroy()` stops every request and timer and removes it.
#[wasm_bindgen]
pub struct PingWidgetHandle {
    app: Option<AppHandle<PingWidget>>,
    events: EventSink,
}

#[wasm_bindgen]
impl PingWidgetHandle {
    /// Replaces the options. A new serial, task id, token or timing starts over.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PingWidgetOptions")] options: JsValue,
    ) -> Result<(), JsError> {
        let props = MountOptions::from_js(options)?.into_props(&self.events);
        match self.app.as_mut() {
            Some(app) => {
                app.update(props);
                Ok(())
            }
            None => Err(JsError::new("this widget has been destroyed")),
        }
    }

    /// Unmounts the widget: the request in flight is aborted, timers are cleared.
    /// Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            self.events.live.set(false);
            app.destroy();
        }
    }
}

/// Mounts the widget into `target` (an element or a CSS selector). Events
/// (`ping-progress`, `ping-complete`, `ping-error`, `ping-started`) are sent to `target`.
#[wasm_bindgen(js_name = mountPingWidget)]
pub fn mount_ping_widget(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PingWidgetOptions")] options: JsValue,
) -> Result<PingWidgetHandle, JsError> {
    let root = resolve_target(&target)?;
    mount(root.clone(), root.into(), options)
}

fn mount(
    root: web_sys::Element,
    events: web_sys::EventTarget,
    options: JsValue,
) -> Result<PingWidgetHandle, JsError> {
    let events = EventSink::new(events);
    let props = MountOptions::from_js(options)?.into_props(&events);
    let app = yew::Renderer::<PingWidget>::with_root_and_props(root, props).render();
    Ok(PingWidgetHandle {
        app: Some(app),
        events,
    })
}

/// Registers `<ap-ping-status>` when the module is initialized.
#[wasm_bindgen(start)]
pub fn register_custom_element() {
    let mount = Closure::<
        dyn FnMut(web_sys::Element, web_sys::Element, JsValue) -> Result<JsValue, JsValue>,
    >::new(
        |container: web_sys::Element, host: web_sys::Element, options: JsValue| {
            mount(container, host.into(), options)
                .map(JsValue::from)
                .map_err(JsValue::from)
        },
    );
    define_element(&mount);
    // The element class keeps calling it for the page's lifetime: it must outlive this call.
    mount.forget();
}

/// An element as given, or the first match of a selector.
fn resolve_target(target: &JsValue) -> Result<web_sys::Element, JsError> {
    if let Some(selector) = target.as_string() {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document to mount into"))?;
        return document
            .query_selector(&selector)
            .map_err(|_| JsError::new(&format!("invalid selector {}", quoted(&selector))))?
            .ok_or_else(|| JsError::new(&format!("no element matches {}", quoted(&selector))));
    }
    target
        .clone()
        .dyn_into::<web_sys::Element>()
        .map_err(|_| JsError::new("mount target must be an Element or a CSS selector"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind, in `FailureKind`'s order (a new one must be added here, and then to the
    /// union and the README, or this fails).
    const KINDS: [FailureKind; 13] = [
        FailureKind::RateLimited,
        FailureKind::Server,
        FailureKind::Network,
        FailureKind::Timeout,
        FailureKind::BadResponse,
        FailureKind::BadRequest,
        FailureKind::Unauthorized,
        FailureKind::Forbidden,
        FailureKind::NotFound,
        FailureKind::Conflict,
        FailureKind::Client,
        FailureKind::Configuration,
        FailureKind::ProxyCredentials,
    ];

    /// The `kind` of `ping-error` is named alike in the code, the TypeScript union
    /// (`PingErrorKind`) and the README's table of events.
    #[test]
    fn every_error_kind_has_one_name_in_the_code_the_typescript_and_the_readme() {
        for (i, kind) in KINDS.iter().enumerate() {
            assert_eq!(*kind as usize, i, "{kind:?} listed in its order");
        }
        let union = TS_TEXT
            .split_once("export type PingErrorKind =")
            .and_then(|(_, rest)| rest.split_once(';'))
            .expect("the PingErrorKind union")
            .0;
        let in_union: Vec<&str> = union.split('"').skip(1).step_by(2).collect();
        let names: Vec<&str> = KINDS.iter().map(|k| kind_name(*k)).collect();
        assert_eq!(in_union, names, "the TypeScript union, in the same order");
        let readme = include_str!("../../README.md");
        let row = readme
            .lines()
            .find(|l| l.starts_with("| `ping-error` |"))
            .expect("the README's ping-error row");
        for name in &names {
            assert!(row.contains(&format!("`{name}`")), "README lacks `{name}`");
        }
    }
}
