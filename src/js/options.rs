//! The options of `mountPingWidget` and `PingWidgetHandle.update`, described once.
//!
//! From the description below (`options!`) come, by `super::generate`, the
//! `PingWidgetOptions` TypeScript interface (`types.d.ts`), the table of attributes
//! `<ap-ping-status>` reads (`element.js`) and the README's options table;
//! `scripts/generate` rewrites those copies, and a native test fails while one is stale.
//! The reader, `MountOptions::from_js`, is written out by hand: a reader generated
//! from the description through a struct of every option made the widget 0.4 KB gzip
//! larger, over its budget. The tests below keep it equal to the description instead:
//! each option read by its name, with the reader its kind names, and its minimum. The
//! start request's fields (`start`) are described with the request itself, in
//! `ap_ping_core::wire::START_FIELDS`.

use crate::api::client::http::Auth;
use crate::api::client::{ApiVersion, CredentialsMode};
use crate::api::kind::TestKind;
use crate::api::ping::Ping;
use crate::api::traceroute::TraceStartRequest;
use crate::components::{Messages, PingFleetProps, PingWidgetProps, TracerouteWidgetProps};
use crate::fleet::selection_of;
use crate::hooks::{FleetConfig, StartRequest, TaskConfig};
use crate::poll::PollSettings;
use ap_ping_core::fleet::{list_filters, VerdictRules};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How `<ap-ping-status>` gives an option.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    /// An attribute, named like the option in kebab case (`base-url`), read as text.
    Text,
    /// An attribute, named like the option in kebab case, read as a number.
    Number,
    /// A property of the element, never an attribute (the token, `messages`).
    Property,
    /// The start request's fields, each an attribute of its own (`START_FIELDS`).
    Start,
    /// An attribute, named like the option in kebab case, of comma-separated texts
    /// (`serials="CNF7G9X001,CNF7G9X002"`).
    List,
    /// An attribute, named like the option in kebab case: HTML's boolean (the attribute
    /// alone, or `true`, is on; `false` is off).
    Flag,
}

/// One option, as `generate` reads it.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[derive(Debug)]
pub struct OptionLayout {
    /// The JS property name.
    pub name: &'static str,
    /// Its doc comment, one entry a line (Markdown: the README shows it too).
    pub doc: &'static [&'static str],
    /// The function of this file that reads it (`string`, `whole`, …).
    pub reader: &'static str,
    /// Its TypeScript type.
    pub ts: &'static str,
    /// Whether the TypeScript requires it.
    pub required: bool,
    /// Its default, as the README shows it (`—` for none).
    pub default: &'static str,
    /// The least value taken; a smaller one is refused.
    pub minimum: Option<u32>,
    pub element: Element,
}

/// Describes a set of options once; expands to the constant it names (`OPTIONS`,
/// `FLEET_OPTIONS`).
///
/// ```text
/// const NAME;
/// /// Doc of the option.
/// jsName: reader [at least minimum], ts "TS type" required, default "…", element Kind;
/// ```
macro_rules! options {
    (@minimum) => { None };
    (@minimum $min:literal) => { Some($min) };
    (const $const:ident; $(
        $(#[doc = $doc:literal])*
        $js:ident: $read:ident $([at least $min:literal])?,
            ts $ts:literal $($required:ident)?, default $default:literal, element $element:ident;
    )*) => {
        /// Every option, as data for `generate` and the tests.
        #[cfg(not(target_arch = "wasm32"))]
        pub const $const: &[OptionLayout] = &[$(
            OptionLayout {
                name: stringify!($js),
                doc: &[$($doc),*],
                reader: stringify!($read),
                ts: $ts,
                required: false $(|| stringify!($required).len() > 0)?,
                default: $default,
                minimum: options!(@minimum $($min)?),
                element: Element::$element,
            }
        ),*];
    };
}

/// Expands to `options!` with the given head and entries, then the options both views
/// take (where, how, in which words): described once, listed by both.
macro_rules! with_common_options {
    ($($head:tt)*) => {
        options! {
            $($head)*
            /// API base URL, or your backend's proxy of it; `""` is the page's own origin.
            baseUrl: string, ts "string", default "`\"\"`", element Text;
            /// Path version of the AP tests: `"v1alpha1"` (the seed's) or `"v1"` (the current
            /// API description's); a 202's `location` is followed in its own version when it has
            /// the status path's shape and names the same AP. (A fleet's list of APs is
            /// `network-monitoring/v1`'s.)
            apiVersion: string, ts "\"v1alpha1\" | \"v1\"", default "`\"v1alpha1\"`", element Text;
            /// Bearer token: held in memory only, sent only in the `Authorization` header, never
            /// logged. The element takes it as a property, never as an attribute.
            token: string, ts "string", default "—", element Property;
            /// Cookies with the requests: `"same-origin"`, `"include"` (cookie-authenticated
            /// proxies on another origin) or `"omit"`.
            credentials: string, ts "\"include\" | \"same-origin\" | \"omit\"", default "`\"same-origin\"`", element Text;
            /// The fastest a running test's status is asked for again, in milliseconds: polls are
            /// spaced by the work the test has left (README, Polling), at most 30 s apart.
            pollIntervalMs: whole [at least 250], ts "number", default "2000", element Number;
            /// A request not answered by then (milliseconds) is aborted and retried.
            requestTimeoutMs: whole [at least 100], ts "number", default "10000", element Number;
            /// Failed requests in a row (of a test, or of the fleet's list) before giving up.
            maxRetries: whole, ts "number", default "5", element Number;
            /// Language of the numbers and times (a BCP 47 tag: `"de-DE"`), also set as the
            /// view's `lang` attribute; a wrong tag is refused (`lang "de_DE" is not a language
            /// tag`).
            lang: string, ts "string", default "the browser's", element Text;
            /// The view's words: an object of keys (README, Language) to strings, any subset; an
            /// unknown key is refused (`messages has no key "sentt"`).
            messages: texts, ts "Partial<Record<PingMessageKey, string>>", default "English", element Property;
        }
    };
}

with_common_options! {
    const OPTIONS;
    /// The AP's serial number (checked: no `/`, `\`, `.` or `..`, no control characters, at
    /// most 128 characters; then percent-encoded, so `?`, `#` or `%` cannot change the URL).
    /// Task ids follow the same rules.
    serial: string, ts "string" required, default "—", element Text;
    /// The async operation to follow. Omit it and give `start` to start a new test.
    taskId: string, ts "string", default "—", element Text;
    /// POST a new test and follow it (when no `taskId`); its fields are in the table below.
    /// Checked against the API's limits before it is sent: a wrong value stops with
    /// `Widget configuration: count must be between 1 and 100` and sends nothing.
    start: start_request, ts "PingStartOptions", default "—", element Start;
    /// Under a result with loss, offer "Trace the path": a traceroute to the same destination
    /// from the same AP (its serial, base URL, version, token, credentials, timing, words and
    /// language; it asks for the raw output), shown in place below the result, its events
    /// (`traceroute-…`) sent to the same element.
    traceOnLoss: boolean, ts "boolean", default "`false`", element Flag;
}

with_common_options! {
    const TRACEROUTE_OPTIONS;
    /// The AP's serial number (the same rules as the ping widget's).
    serial: string, ts "string" required, default "—", element Text;
    /// The traceroute's async operation to follow. Omit it and give `start.destination` (the
    /// element: `destination`) to start a new trace.
    taskId: string, ts "string", default "—", element Text;
    /// Start a new trace and follow it (when no `taskId`); its fields are in the table below
    /// (for the element, an attribute each). Checked before it is sent: a wrong destination
    /// or source interface stops with `Widget configuration: …` (kind `configuration`) and
    /// sends nothing.
    start: trace_start, ts "TracerouteStartOptions", default "—", element Start;
}

options! {
    const TRACE_START_FIELDS;
    /// Host name or address to trace to (the ping destination's rules).
    destination: string, ts "string" required, default "—", element Text;
    /// The AP's interface to trace from (`eth0`).
    sourceInterface: string, ts "string", default "—", element Text;
    /// Ask for the AP's traceroute text as well (shown under "Raw output").
    includeRawOutput: boolean, ts "boolean", default "not sent (the API's default; mock-central sends it)", element Flag;
}

with_common_options! {
    const FLEET_OPTIONS;
    /// The site whose APs to test, by its id (`"24833497"`). Exactly one of `siteId`,
    /// `siteName` and `serials` is given.
    siteId: string, ts "string", default "—", element Text;
    /// The site whose APs to test, by its name (`"HQ"`).
    siteName: string, ts "string", default "—", element Text;
    /// These APs, by serial number (the attribute: comma-separated). At most 2,000.
    serials: strings, ts "string[]", default "—", element List;
    /// What every AP pings: a hostname or an address.
    destination: string, ts "string" required, default "—", element Text;
    /// Echo requests each AP sends, 1-100.
    count: whole, ts "number", default "5", element Number;
    /// Bytes of each echo request's data.
    packetSize: whole, ts "number", default "the API's", element Number;
    /// An AP loses packets when its loss is above this percentage (at least 0, below 100).
    lossyAbovePercent: percent, ts "number", default "0", element Number;
    /// The problem is beyond the APs when at least this share of the tested APs (and at
    /// least two) lose packets (above 0, at most 100).
    beyondSharePercent: percent, ts "number", default "100", element Number;
}

/// The options both views take (where, how, in which words), read once for both. No
/// `Debug`: it holds the token.
#[derive(Default)]
struct Common {
    base_url: String,
    api_version: ApiVersion,
    auth: Auth,
    settings: PollSettings,
    messages: Messages,
}

impl Common {
    /// The configuration of one test of kind `K` (an empty task id is none), and the words.
    fn task<K: TestKind>(
        self,
        serial: String,
        task_id: Option<String>,
        start: Option<K::Start>,
    ) -> (TaskConfig<K>, Messages) {
        let config = TaskConfig {
            base_url: self.base_url.into(),
            api_version: self.api_version,
            serial: serial.into(),
            task_id: task_id.filter(|t| !t.is_empty()).map(Into::into),
            start,
            auth: self.auth,
            settings: self.settings,
        };
        (config, self.messages)
    }
}

/// Reads the options both views take, field by field (`undefined` and `null` mean "not
/// given"), with an error that names the option: its type, its minimum, and the names of
/// a version, a credentials mode, a language or a message key.
fn common(options: &JsValue) -> Result<Common, Problem> {
    let mut settings = PollSettings::default();
    if let Some(ms) = whole(options, "pollIntervalMs")? {
        if ms < 250 {
            return Err(invalid("pollIntervalMs", " must be at least 250"));
        }
        settings.interval_ms = ms;
    }
    if let Some(ms) = whole(options, "requestTimeoutMs")? {
        if ms < 100 {
            return Err(invalid("requestTimeoutMs", " must be at least 100"));
        }
        settings.request_timeout_ms = ms;
    }
    if let Some(n) = whole(options, "maxRetries")? {
        settings.retry.max_attempts = n;
    }
    Ok(Common {
        base_url: string(options, "baseUrl")?.unwrap_or_default(),
        api_version: match string(options, "apiVersion")?.filter(|v| !v.is_empty()) {
            None => ApiVersion::default(),
            Some(name) => ApiVersion::from_name(&name).map_err(|e| invalid("", &e.to_string()))?,
        },
        auth: Auth {
            token: string(options, "token")?
                .filter(|t| !t.is_empty())
                .map(Rc::from),
            credentials: match string(options, "credentials")?.filter(|v| !v.is_empty()) {
                None => CredentialsMode::default(),
                Some(name) => {
                    CredentialsMode::from_name(&name).map_err(|e| invalid("", &e.to_string()))?
                }
            },
        },
        settings,
        messages: Messages::new(
            &string(options, "lang")?.unwrap_or_default(),
            texts(options, "messages")?.unwrap_or_default(),
        )
        .map_err(|e| invalid("", &e.to_string()))?,
    })
}

/// What a page passes to `mountPingWidget`, interpreted.
#[derive(Default)]
pub(super) struct MountOptions {
    common: Common,
    serial: String,
    task_id: Option<String>,
    start: Option<StartRequest>,
    trace_on_loss: bool,
}

impl MountOptions {
    /// Reads the options object: the common ones, and what to follow or start.
    pub(super) fn from_js(options: JsValue) -> Result<Self, Problem> {
        if options.is_undefined() || options.is_null() {
            return Ok(Self::default());
        }
        if !options.is_object() {
            return Err(invalid("", "expected an object"));
        }
        Ok(MountOptions {
            common: common(&options)?,
            serial: string(&options, "serial")?.unwrap_or_default(),
            task_id: string(&options, "taskId")?,
            start: start_request(&options, "start")?,
            trace_on_loss: boolean(&options, "traceOnLoss")?.unwrap_or(false),
        })
    }

    pub(super) fn into_props(self, events: &super::events::EventSink) -> PingWidgetProps {
        let (config, messages) = self.common.task(self.serial, self.task_id, self.start);
        PingWidgetProps {
            config,
            callbacks: super::events::callbacks_for(events, &super::events::PING_EVENTS),
            class: Default::default(),
            messages,
            trace_on_loss: self.trace_on_loss,
            trace_callbacks: super::events::callbacks_for(
                events,
                &super::events::TRACEROUTE_EVENTS,
            ),
        }
    }
}

/// What a page passes to `mountTracerouteWidget`, interpreted. No `Debug`: it holds the
/// token.
pub(super) struct TraceMountOptions {
    common: Common,
    serial: String,
    task_id: Option<String>,
    start: Option<TraceStartRequest>,
}

impl TraceMountOptions {
    /// Reads the options object: the common ones, and what to follow or start.
    pub(super) fn from_js(options: JsValue) -> Result<Self, Problem> {
        if !options.is_object() {
            return Err(invalid("", "expected an object"));
        }
        Ok(TraceMountOptions {
            common: common(&options)?,
            serial: string(&options, "serial")?.unwrap_or_default(),
            task_id: string(&options, "taskId")?,
            start: trace_start(&options, "start")?,
        })
    }

    pub(super) fn into_props(self, events: &super::events::EventSink) -> TracerouteWidgetProps {
        let (config, messages) = self.common.task(self.serial, self.task_id, self.start);
        TracerouteWidgetProps {
            config,
            callbacks: super::events::callbacks_for(events, &super::events::TRACEROUTE_EVENTS),
            class: Default::default(),
            messages,
            nested: false,
        }
    }
}

/// What a page passes to `mountPingFleet`, interpreted. No `Debug`: it holds the token.
pub(super) struct FleetMountOptions {
    config: FleetConfig,
    rules: VerdictRules,
    messages: Messages,
}

impl FleetMountOptions {
    /// Reads the options object: the common ones, the APs (exactly one of `siteId`,
    /// `siteName` and `serials`), the test (a `destination` is required) and the verdict's
    /// rules.
    pub(super) fn from_js(options: JsValue) -> Result<Self, Problem> {
        if !options.is_object() {
            return Err(invalid("", "expected an object"));
        }
        let Common {
            base_url,
            api_version,
            auth,
            settings,
            messages,
        } = common(&options)?;
        let given = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        let selection = selection_of(
            given(string(&options, "siteId")?),
            given(string(&options, "siteName")?),
            strings(&options, "serials")?,
        )
        .map_err(|e| invalid("", &e))?;
        let start = StartRequest {
            destination: string(&options, "destination")?
                .ok_or_else(|| invalid("destination", " is required"))?,
            count: whole(&options, "count")?,
            packet_size: whole(&options, "packetSize")?,
            ..Default::default()
        };
        let defaults = VerdictRules::default();
        let rules = VerdictRules {
            lossy_above_percent: percent(&options, "lossyAbovePercent")?
                .unwrap_or(defaults.lossy_above_percent),
            beyond_share_percent: percent(&options, "beyondSharePercent")?
                .unwrap_or(defaults.beyond_share_percent),
            ..defaults
        };
        rules.check().map_err(|e| invalid("", &e.to_string()))?;
        // What the run would refuse (a serial the filter cannot carry, a count over 100) is
        // refused here, before anything is mounted.
        list_filters(&selection)
            .and_then(|_| <Ping as TestKind>::start_body(&start))
            .map_err(|e| invalid("", &e.to_string()))?;
        Ok(FleetMountOptions {
            config: FleetConfig {
                base_url: base_url.into(),
                api_version,
                selection,
                start,
                auth,
                settings,
            },
            rules,
            messages,
        })
    }

    pub(super) fn into_props(self, events: &super::events::EventSink) -> PingFleetProps {
        let callbacks = super::events::fleet_callbacks_for(
            events,
            &self.messages,
            &self.config.start.destination,
            &self.rules,
        );
        PingFleetProps {
            config: self.config,
            callbacks,
            rules: self.rules,
            class: Default::default(),
            messages: self.messages,
        }
    }
}

/// `start`: an object of the start request's fields (`START_FIELDS`, whose names the test
/// below keeps equal to the ones read here).
fn start_request(options: &JsValue, name: &str) -> Result<Option<StartRequest>, Problem> {
    match field(options, name)? {
        None => Ok(None),
        Some(start) if start.is_object() => Ok(Some(StartRequest {
            destination: string(&start, "destination")?
                .ok_or_else(|| invalid("start.destination", " is required"))?,
            count: whole(&start, "count")?,
            packet_size: whole(&start, "packetSize")?,
            vlan: whole(&start, "vlan")?,
            interface_port: string(&start, "interfacePort")?.filter(|v| !v.is_empty()),
            role: string(&start, "role")?.filter(|v| !v.is_empty()),
            include_raw_output: boolean(&start, "includeRawOutput")?,
        })),
        Some(_) => Err(invalid(name, " must be an object")),
    }
}

/// `start` of a trace: an object of `TRACE_START_FIELDS`.
fn trace_start(options: &JsValue, name: &str) -> Result<Option<TraceStartRequest>, Problem> {
    match field(options, name)? {
        None => Ok(None),
        Some(start) if start.is_object() => Ok(Some(TraceStartRequest {
            destination: string(&start, "destination")?
                .ok_or_else(|| invalid("start.destination", " is required"))?,
            source_interface: string(&start, "sourceInterface")?.filter(|v| !v.is_empty()),
            include_raw_output: boolean(&start, "includeRawOutput")?,
        })),
        Some(_) => Err(invalid(name, " must be an object")),
    }
}

/// Why an option cannot be taken: `name` and what is wrong with it. Said by
/// [`Problem::widget`] ("invalid widget options: …", also what `?` makes of it) or
/// [`Problem::fleet`] ("invalid fleet options: …"): every refusal of an option says so in
/// one way, made in one place.
pub(super) struct Problem(String);

impl Problem {
    fn said(self, what: &str) -> JsError {
        let mut message = String::from("invalid ");
        message.push_str(what);
        message.push_str(" options: ");
        message.push_str(&self.0);
        JsError::new(&message)
    }

    /// `invalid widget options: …`
    pub(super) fn widget(self) -> JsError {
        self.said("widget")
    }

    /// `invalid fleet options: …`
    pub(super) fn fleet(self) -> JsError {
        self.said("fleet")
    }

    /// `invalid request budget: …`
    pub(super) fn budget(self) -> JsError {
        JsError::new(&["invalid request budget: ", &self.0].concat())
    }
}

impl From<Problem> for JsError {
    fn from(problem: Problem) -> Self {
        problem.widget()
    }
}

pub(super) fn invalid(name: &str, problem: &str) -> Problem {
    Problem(format!("{name}{problem}"))
}

/// `object[name]`, or `None` when it is `undefined` or `null`.
fn field(object: &JsValue, name: &str) -> Result<Option<JsValue>, Problem> {
    let value = js_sys::Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| invalid(name, " cannot be read"))?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

fn string(object: &JsValue, name: &str) -> Result<Option<String>, Problem> {
    match field(object, name)? {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| invalid(name, " must be a string")),
    }
}

/// A plain object of strings (`messages`), as (key, text) pairs.
fn texts(object: &JsValue, name: &str) -> Result<Option<Vec<(String, String)>>, Problem> {
    let Some(map) = field(object, name)? else {
        return Ok(None);
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
    Ok(Some(texts))
}

/// An array of strings, or one string of comma-separated ones (an attribute's), each
/// trimmed, the empty ones left out.
fn strings(object: &JsValue, name: &str) -> Result<Option<Vec<String>>, Problem> {
    let Some(value) = field(object, name)? else {
        return Ok(None);
    };
    let items: Vec<String> = if let Some(text) = value.as_string() {
        text.split(',').map(str::to_owned).collect()
    } else if js_sys::Array::is_array(&value) {
        let mut items = Vec::new();
        for item in js_sys::Array::from(&value).iter() {
            items.push(
                item.as_string()
                    .ok_or_else(|| invalid(name, " must be an array of strings"))?,
            );
        }
        items
    } else {
        return Err(invalid(name, " must be an array of strings"));
    };
    let items: Vec<String> = items
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    Ok((!items.is_empty()).then_some(items))
}

/// A finite number (its range is the verdict rules' to check).
fn percent(object: &JsValue, name: &str) -> Result<Option<f64>, Problem> {
    match field(object, name)? {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(invalid(name, " must be a number")),
        },
    }
}

fn boolean(object: &JsValue, name: &str) -> Result<Option<bool>, Problem> {
    match field(object, name)? {
        None => Ok(None),
        Some(v) => v
            .as_bool()
            .map(Some)
            .ok_or_else(|| invalid(name, " must be true or false")),
    }
}

pub(super) fn whole(object: &JsValue, name: &str) -> Result<Option<u32>, Problem> {
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use ap_ping_core::wire::{StartFieldKind, START_FIELDS};

    /// The text of the function `function` of this file (the first of that name after
    /// `after`).
    fn body_of(after: &str, function: &str) -> &'static str {
        let source = include_str!("options.rs");
        let rest = source
            .split_once(after)
            .expect("the marker in options.rs")
            .1;
        rest.split_once(&format!("fn {function}("))
            .and_then(|(_, rest)| rest.split_once("\n}\n").or(rest.split_once("\n    }\n")))
            .expect("the reader in options.rs")
            .0
    }

    /// `reader:name` for each option read in `body` from `object` (`string(&options, "…")`
    /// or `string(options, "…")`), in its order.
    fn names_read_in(body: &str, object: &str) -> Vec<String> {
        let mut found: Vec<(usize, String)> = Vec::new();
        for pattern in [format!("(&{object}, \""), format!("({object}, \"")] {
            for (at, _) in body.match_indices(&pattern) {
                let reader = body[..at]
                    .rsplit(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or_default();
                let rest = &body[at + pattern.len()..];
                found.push((at, format!("{reader}:{}", &rest[..rest.find('"').unwrap()])));
            }
        }
        found.sort();
        found.into_iter().map(|(_, name)| name).collect()
    }

    fn names_read_by(function: &str, object: &str) -> Vec<String> {
        names_read_in(body_of("", function), object)
    }

    /// What a view's reader reads: the common options, and its own.
    fn read_by_view(view: &str) -> Vec<String> {
        let mut read = names_read_in(body_of("", "common"), "options");
        read.extend(names_read_in(body_of(view, "from_js"), "options"));
        read.sort();
        read
    }

    /// Each option with a minimum is refused under it, in the words the README and the
    /// TypeScript give.
    fn assert_minimums_refused(options: &[OptionLayout]) {
        let source: String = include_str!("options.rs").split_whitespace().collect();
        for o in options {
            if let Some(min) = o.minimum {
                let refusal = format!(
                    "ifms<{min}{{returnErr(invalid(\"{}\",\"mustbeatleast{min}\"));",
                    o.name
                );
                assert!(
                    source.contains(&refusal),
                    "{} is not refused under {min}",
                    o.name
                );
            }
        }
    }

    /// The widget reads each field of the start request the way `START_FIELDS` describes
    /// it (a text, a whole number, true or false), by its name, in its order.
    #[test]
    fn the_start_reader_reads_the_fields_start_fields_describes() {
        let described: Vec<String> = START_FIELDS
            .iter()
            .map(|f| {
                let reader = match f.kind {
                    StartFieldKind::Host | StartFieldKind::Text => "string",
                    StartFieldKind::Whole(_) => "whole",
                    StartFieldKind::Flag => "boolean",
                };
                format!("{reader}:{}", f.name)
            })
            .collect();
        assert_eq!(names_read_by("start_request", "start"), described);
    }

    /// `MountOptions::from_js` reads every option the description lists, by its name and
    /// with the reader it names, and nothing else; an option with a minimum is refused
    /// under it.
    #[test]
    fn the_reader_reads_the_options_the_description_lists() {
        let mut described: Vec<String> = OPTIONS
            .iter()
            .map(|o| format!("{}:{}", o.reader, o.name))
            .collect();
        described.sort();
        assert_eq!(read_by_view("impl MountOptions {"), described);
        assert_minimums_refused(OPTIONS);
    }

    /// The fleet's reader reads every option of `FLEET_OPTIONS` by its name, with the
    /// reader it names, and nothing else; an option with a minimum is refused under it.
    #[test]
    fn the_fleet_reader_reads_the_options_its_description_lists() {
        let mut described: Vec<String> = FLEET_OPTIONS
            .iter()
            .map(|o| format!("{}:{}", o.reader, o.name))
            .collect();
        described.sort();
        assert_eq!(read_by_view("impl FleetMountOptions {"), described);
        assert_minimums_refused(FLEET_OPTIONS);
    }

    /// The traceroute's reader reads every option of `TRACEROUTE_OPTIONS` by its name, with
    /// the reader it names, and nothing else.
    #[test]
    fn the_traceroute_reader_reads_the_options_its_description_lists() {
        let mut described: Vec<String> = TRACEROUTE_OPTIONS
            .iter()
            .map(|o| format!("{}:{}", o.reader, o.name))
            .collect();
        described.sort();
        assert_eq!(read_by_view("impl TraceMountOptions {"), described);
        assert_minimums_refused(TRACEROUTE_OPTIONS);
        let start: Vec<String> = TRACE_START_FIELDS
            .iter()
            .map(|o| format!("{}:{}", o.reader, o.name))
            .collect();
        assert_eq!(names_read_by("trace_start", "start"), start);
    }

    #[test]
    fn every_option_is_named_once_and_only_numbers_have_a_minimum() {
        for options in [OPTIONS, FLEET_OPTIONS, TRACEROUTE_OPTIONS] {
            for (i, o) in options.iter().enumerate() {
                assert!(
                    options[..i].iter().all(|p| p.name != o.name),
                    "{} is described twice",
                    o.name
                );
                assert!(
                    o.minimum.is_none() || o.ts == "number",
                    "{} has a minimum but is no number",
                    o.name
                );
            }
        }
    }
}
