//! The API's `rawOutput` in a collapsible block, the result as JSON to copy or save, and
//! its table as CSV (ping's replies, traceroute's hops), and "Run again".

use crate::components::reply_table::replies_csv;
use crate::stats::PingTestResult;
use crate::words::{Messages, Msg};
use ap_ping_core::traceroute::TracerouteTestResult;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// A finished test's result, of either kind: what [`RawOutput`] shows and exports.
#[derive(Debug, Clone, PartialEq)]
pub enum Exported {
    /// A ping's: its replies as CSV.
    Ping(Rc<PingTestResult>),
    /// A traceroute's: its hops as CSV.
    Trace(Rc<TracerouteTestResult>),
}

impl From<Rc<PingTestResult>> for Exported {
    fn from(result: Rc<PingTestResult>) -> Self {
        Exported::Ping(result)
    }
}

impl From<Rc<TracerouteTestResult>> for Exported {
    fn from(result: Rc<TracerouteTestResult>) -> Self {
        Exported::Trace(result)
    }
}

impl Exported {
    fn raw_output(&self) -> Option<&String> {
        match self {
            Exported::Ping(r) => r.raw_output.as_ref(),
            Exported::Trace(r) => r.raw_output.as_ref(),
        }
    }

    /// The same object the kind's parser returns (`parsePingStatus`,
    /// `parseTracerouteStatus`), the one the events carry.
    pub(crate) fn to_js(&self) -> JsValue {
        match self {
            Exported::Ping(r) => ap_ping_parse::flat::test_result_to_js(r),
            Exported::Trace(r) => ap_ping_parse::flat::traceroute_result_to_js(r),
        }
    }

    /// Its table as CSV, when it has one.
    fn csv(&self) -> Option<String> {
        match self {
            Exported::Ping(r) => r.statistics.as_deref().map(replies_csv),
            Exported::Trace(r) => r.trace.as_deref().map(crate::trace::hops_csv),
        }
    }
}

/// Props of [`RawOutput`].
#[derive(Properties, PartialEq, Clone)]
pub struct RawOutputProps {
    /// The result to show and export.
    pub result: Exported,
    /// Used in the downloaded file's name.
    pub file_stem: AttrValue,
    /// The words.
    #[prop_or_default]
    pub messages: Messages,
    /// The "Run again" button, when the widget can start the same test again.
    #[prop_or_default]
    pub on_run_again: Option<Callback<()>>,
}

/// `<details>` with the raw text, and "copy" / "download" buttons.
#[function_component]
pub fn RawOutput(props: &RawOutputProps) -> Html {
    let m = &props.messages;
    // Whether the last copy reached the clipboard: said once the browser has answered.
    let copied = use_state(|| None::<bool>);
    // The JSON is made on click, not on every render.
    let on_copy = {
        let result = props.result.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            copied.set(None);
            let (copied, written) = (copied.clone(), copy_to_clipboard(&as_json(&result)));
            wasm_bindgen_futures::spawn_local(async move {
                let done = match written {
                    Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
                    None => false,
                };
                copied.set(Some(done));
            });
        })
    };
    let on_download = {
        let result = props.result.clone();
        let name = props.file_stem.to_string() + ".json";
        Callback::from(move |_| {
            download(&name, "application/json", &as_json(&result));
        })
    };
    let has_table = matches!(&props.result, Exported::Ping(r) if r.statistics.is_some())
        || matches!(&props.result, Exported::Trace(r) if r.trace.is_some());
    let on_download_csv = has_table.then(|| {
        let name = props.file_stem.to_string() + ".csv";
        let result = props.result.clone();
        Callback::from(move |_| {
            download(&name, "text/csv", &result.csv().unwrap_or_default());
        })
    });
    html! {
        <div class="apw-raw">
            if let Some(raw) = props.result.raw_output().filter(|r| !r.trim().is_empty()) {
                <details class="apw-raw__details">
                    <summary>{ m.get(Msg::RawOutput) }</summary>
                    <pre class="apw-raw__text">{ raw.trim_matches('\n').to_owned() }</pre>
                </details>
            }
            <div class="apw-raw__actions">
                if let Some(run_again) = props.on_run_again.clone() {
                    <button type="button" class="apw-button apw-button--primary" onclick={move |_| run_again.emit(())}>{ m.get(Msg::RunAgain) }</button>
                }
                <button type="button" class="apw-button" onclick={on_copy}>{ m.get(Msg::CopyJson) }</button>
                <button type="button" class="apw-button" onclick={on_download}>{ m.get(Msg::DownloadJson) }</button>
                if let Some(on_download_csv) = on_download_csv {
                    <button type="button" class="apw-button" onclick={on_download_csv}>{ m.get(Msg::DownloadCsv) }</button>
                }
                <span class="apw-raw__copied" aria-live="polite">
                    { match *copied { Some(true) => m.get(Msg::Copied), Some(false) => m.get(Msg::CopyUnavailable), None => AttrValue::default() } }
                </span>
            </div>
        </div>
    }
}

/// The same object the kind's parser returns, as indented JSON (one JS shape, one writer).
pub(crate) fn as_json(result: &Exported) -> String {
    let object = result.to_js();
    js_sys::JSON::stringify_with_replacer_and_space(&object, &JsValue::NULL, &JsValue::from(2))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// Starts writing to the clipboard: the browser's promise, which rejects when it refuses
/// (no permission, the page not focused); `None` where there is no clipboard (an
/// insecure context).
fn copy_to_clipboard(text: &str) -> Option<js_sys::Promise> {
    let clipboard = web_sys::window()?.navigator().clipboard();
    if JsValue::from(clipboard.clone()).is_undefined() {
        return None;
    }
    Some(clipboard.write_text(text))
}

/// Saves `text` as a file of type `mime` through a temporary object URL.
pub(crate) fn download(name: &str, mime: &str, text: &str) -> Option<()> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).ok()
}
