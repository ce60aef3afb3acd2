//! Browser tests (wasm-bindgen-test in headless Chromium): components and JS exports.
#![cfg(target_arch = "wasm32")]

use ap_ping_widget::components::{ProgressBar, ProgressBarProps};
use ap_ping_widget::js::exports::parse_ping_status_js;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_COMPLETED: &str = include_str!("fixtures/seed_completed.json");

/// A fresh element in the document to render into.
fn fresh_root() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

#[wasm_bindgen_test]
async fn progress_bar_exposes_its_value_to_assistive_technology() {
    let root = fresh_root();
    yew::Renderer::<ProgressBar>::with_root_and_props(
        root.clone(),
        ProgressBarProps {
            percent: Some(41.6),
            label: "Ping test progress".into(),
        },
    )
    .render();
    yew::scheduler::flush().await;

    let bar = root
        .query_selector("[role=progressbar]")
        .unwrap()
        .expect("a progressbar");
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("42"));
    assert_eq!(bar.get_attribute("aria-valuemin").as_deref(), Some("0"));
    assert_eq!(bar.get_attribute("aria-valuemax").as_deref(), Some("100"));
    let fill = root.query_selector(".apw-progress__fill").unwrap().unwrap();
    assert_eq!(fill.get_attribute("width").as_deref(), Some("42"));
    assert!(
        bar.get_attribute("style").is_none(),
        "no inline style under a strict CSP"
    );
}

#[wasm_bindgen_test]
async fn progress_bar_without_a_value_is_indeterminate() {
    let root = fresh_root();
    yew::Renderer::<ProgressBar>::with_root_and_props(
        root.clone(),
        ProgressBarProps {
            percent: None,
            label: "Ping test progress".into(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let bar = root.query_selector("[role=progressbar]").unwrap().unwrap();
    assert!(bar.get_attribute("aria-valuenow").is_none());
    assert!(bar
        .get_attribute("class")
        .unwrap()
        .contains("apw-progress--indeterminate"));
}

#[wasm_bindgen_test]
fn parse_ping_status_returns_a_plain_object() {
    let value = parse_ping_status_js(JsValue::from_str(SEED_COMPLETED)).unwrap();
    let get = |k: &str| js_sys::Reflect::get(&value, &JsValue::from_str(k)).unwrap();
    assert_eq!(get("status").as_string().as_deref(), Some("COMPLETED"));
    assert_eq!(get("isTerminal").as_bool(), Some(true));
    assert_eq!(get("progressPercent").as_f64(), Some(100.0));
}

#[wasm_bindgen_test]
fn parse_ping_status_accepts_an_already_parsed_object() {
    let object = js_sys::JSON::parse(r#"{"status":"RUNNING","progressPercent":20}"#).unwrap();
    let value = parse_ping_status_js(object).unwrap();
    let progress = js_sys::Reflect::get(&value, &JsValue::from_str("progressPercent")).unwrap();
    assert_eq!(progress.as_f64(), Some(20.0));
}

#[wasm_bindgen_test]
fn parse_ping_status_throws_a_js_error_on_malformed_json() {
    let thrown: JsValue = parse_ping_status_js(JsValue::from_str("{\"status\":"))
        .unwrap_err()
        .into();
    let error = thrown.dyn_into::<js_sys::Error>().expect("a JS Error");
    let message = String::from(error.message());
    assert!(message.starts_with("not valid JSON"), "{message}");
}

#[wasm_bindgen_test]
fn parse_ping_status_throws_on_a_progress_of_null_status() {
    let thrown: JsValue = parse_ping_status_js(JsValue::from_str("{\"status\":null}"))
        .unwrap_err()
        .into();
    let error = thrown.dyn_into::<js_sys::Error>().expect("a JS Error");
    assert_eq!(
        String::from(error.message()),
        "status: required field is missing"
    );
}

#[wasm_bindgen_test]
fn parse_ping_status_returns_typed_statistics_with_the_lost_sequence() {
    let value = parse_ping_status_js(JsValue::from_str(SEED_COMPLETED)).unwrap();
    let stats = js_sys::Reflect::get(&value, &"statistics".into()).unwrap();
    let get = |k: &str| js_sys::Reflect::get(&stats, &JsValue::from_str(k)).unwrap();
    assert_eq!(get("lost").as_f64(), Some(1.0));
    assert_eq!(get("lossPercent").as_f64(), Some(20.0));
    assert_eq!(get("source").as_string().as_deref(), Some("output"));
    let missing: js_sys::Array = get("missingSequences").dyn_into().unwrap();
    assert_eq!(missing.to_vec(), vec![JsValue::from_f64(2.0)]);
    let replies: js_sys::Array = get("replies").dyn_into().unwrap();
    assert_eq!(replies.length(), 4);
}

#[wasm_bindgen_test]
fn parse_ping_output_reads_text_and_throws_on_a_non_string() {
    use ap_ping_widget::js::exports::parse_ping_output_js;
    let text = include_str!("fixtures/raw_busybox.txt");
    let stats = parse_ping_output_js(JsValue::from_str(text)).unwrap();
    let received = js_sys::Reflect::get(&stats, &"received".into()).unwrap();
    assert_eq!(received.as_f64(), Some(3.0));
    let thrown: JsValue = parse_ping_output_js(JsValue::from_f64(1.0))
        .unwrap_err()
        .into();
    let error = thrown.dyn_into::<js_sys::Error>().expect("a JS Error");
    assert_eq!(
        String::from(error.message()),
        "expected the ping output as a string"
    );
}
