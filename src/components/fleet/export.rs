//! The whole run as one plain JS object: what the `fleet-complete` event carries and what
//! "Download JSON" saves (`JSON.stringify`ed). Each AP's result is the same object
//! `parsePingStatus` returns (the parse crate's one writer), or its error.

use super::verdict_line::{verdict_kind, verdict_text};
use crate::api::outcome::kind_name;
use crate::fleet::{Counts, FleetRun, RowState, RunStop};
use crate::poll::Failure;
use crate::words::Messages;
use ap_ping_core::fleet::{ApFigures, Verdict, VerdictRules};
use wasm_bindgen::JsValue;

fn object() -> js_sys::Object {
    js_sys::Object::new()
}

fn set(object: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &value.into());
}

fn text(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

fn number(v: Option<f64>) -> JsValue {
    v.filter(|v| v.is_finite())
        .map_or(JsValue::NULL, JsValue::from)
}

/// `{done, total, failed, offline}`: the `fleet-progress` detail.
pub fn counts_to_js(c: Counts) -> JsValue {
    let o = object();
    set(&o, "done", c.done as f64);
    set(&o, "total", c.total as f64);
    set(&o, "failed", c.failed as f64);
    set(&o, "offline", c.offline as f64);
    o.into()
}

/// `{kind, status, errorCode, message}`, as `ping-error`'s detail.
pub fn failure_to_js(f: &Failure) -> JsValue {
    let o = object();
    set(&o, "kind", kind_name(f.kind));
    set(
        &o,
        "status",
        f.http_status.map_or(JsValue::NULL, JsValue::from),
    );
    set(&o, "errorCode", text(f.error_code.as_deref()));
    set(&o, "message", f.message.as_str());
    o.into()
}

/// `{kind, status, errorCode, message}` of a run that stopped as a whole: the
/// `fleet-error` detail (`message`: the sentence the view shows).
pub fn stop_to_js(stop: &RunStop, message: &str) -> JsValue {
    let o = object();
    set(&o, "kind", stop.kind());
    let f = stop.failure();
    set(
        &o,
        "status",
        f.and_then(|f| f.http_status)
            .map_or(JsValue::NULL, JsValue::from),
    );
    set(
        &o,
        "errorCode",
        text(f.and_then(|f| f.error_code.as_deref())),
    );
    set(&o, "message", message);
    o.into()
}

fn figures_to_js(f: &ApFigures) -> JsValue {
    let o = object();
    set(&o, "lossPercent", number(f.loss_percent));
    set(&o, "medianMs", number(f.median_ms));
    set(&o, "avgMs", number(f.avg_ms));
    set(&o, "jitterMs", number(f.jitter_ms));
    set(&o, "transmitted", f64::from(f.transmitted));
    set(&o, "received", f64::from(f.received));
    o.into()
}

/// `{kind, text, tested, lossy, worst, medianMs, minMs, maxMs}`.
pub fn verdict_to_js(
    m: &Messages,
    verdict: &Verdict,
    destination: &str,
    rules: &VerdictRules,
) -> JsValue {
    let o = object();
    set(&o, "kind", verdict_kind(verdict));
    set(&o, "text", verdict_text(m, verdict, destination, rules));
    let (tested, lossy) = match verdict {
        Verdict::NothingTested => (0, 0),
        Verdict::BeyondAps { lossy, tested } | Verdict::SomeAps { lossy, tested, .. } => {
            (*tested, *lossy)
        }
        Verdict::NoLoss { tested, .. } => (*tested, 0),
    };
    set(&o, "tested", tested as f64);
    set(&o, "lossy", lossy as f64);
    let worst = js_sys::Array::new();
    if let Verdict::SomeAps { worst: named, .. } = verdict {
        for (name, loss) in named {
            let w = object();
            set(&w, "name", name.as_str());
            set(&w, "lossPercent", *loss);
            worst.push(&w);
        }
    }
    set(&o, "worst", worst);
    let (median, min, max) = match verdict {
        Verdict::NoLoss {
            median_ms,
            min_ms,
            max_ms,
            ..
        } => (*median_ms, *min_ms, *max_ms),
        _ => (None, None, None),
    };
    set(&o, "medianMs", number(median));
    set(&o, "minMs", number(min));
    set(&o, "maxMs", number(max));
    o.into()
}

/// The whole run: `{destination, counts, verdict, aps: [{name, serial, model, status,
/// state, figures, result, error}]}`.
pub fn run_to_js(m: &Messages, run: &FleetRun, destination: &str, rules: &VerdictRules) -> JsValue {
    let o = object();
    set(&o, "destination", destination);
    set(&o, "counts", counts_to_js(run.counts()));
    set(
        &o,
        "verdict",
        verdict_to_js(m, &run.verdict(rules), destination, rules),
    );
    let aps = js_sys::Array::new();
    for row in &run.rows {
        let ap = object();
        set(&ap, "name", row.ap.name.as_str());
        set(&ap, "serial", row.ap.serial.as_str());
        set(&ap, "model", text(row.ap.model.as_deref()));
        set(&ap, "status", row.ap.status.as_str());
        set(&ap, "state", row.state.name());
        set(
            &ap,
            "figures",
            row.state.figures().map_or(JsValue::NULL, figures_to_js),
        );
        let (result, error) = match &row.state {
            RowState::Done { result, .. } => (
                ap_ping_parse::flat::test_result_to_js(result),
                JsValue::NULL,
            ),
            RowState::Failed(f) => (JsValue::NULL, failure_to_js(f)),
            _ => (JsValue::NULL, JsValue::NULL),
        };
        set(&ap, "result", result);
        set(&ap, "error", error);
        aps.push(&ap);
    }
    set(&o, "aps", aps);
    o.into()
}

/// [`run_to_js`] as indented JSON: "Download JSON".
pub fn run_json(m: &Messages, run: &FleetRun, destination: &str, rules: &VerdictRules) -> String {
    let value = run_to_js(m, run, destination, rules);
    js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}
