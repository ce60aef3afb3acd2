//! Browser tests of the traceroute widget (wasm-bindgen-test, headless Chromium and
//! Firefox): `TracerouteWidget` following a task whose status answers are AP-shaped bodies
//! (served by a stand-in `fetch`), and the ping widget's "Trace the path".
#![cfg(target_arch = "wasm32")]

use ap_ping_widget::components::traceroute::{
    TraceTaskConfig, TracerouteWidget, TracerouteWidgetProps,
};
use ap_ping_widget::components::{PingWidget, PingWidgetProps};
use ap_ping_widget::hooks::PingTaskConfig;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{frames, fresh_root, shown, texts};

const SEED_COMPLETED: &str = include_str!("fixtures/seed_completed.json");

/// A stand-in for the API: `fetch` answers a request whose URL contains `pattern` (and
/// whose method is `method`) with `status` and `body`; every request is kept on
/// `window.apwRequests`. Each test uses its own serials, so their answers never mix.
fn answer(pattern: &str, method: &str, status: u16, body: &str) {
    js_sys::Function::new_with_args(
        "pattern, method, status, body",
        r#"
        if (!window.apwReplies) {
          window.apwReplies = [];
          window.apwRequests = [];
          window.fetch = async (url, init) => {
            const m = (init && init.method) || "GET";
            window.apwRequests.push({ url: String(url), method: m, body: (init && init.body) || null });
            const r = window.apwReplies.find((r) => String(url).includes(r.pattern) && r.method === m);
            return r
              ? new Response(r.body, { status: r.status, headers: { "content-type": "application/json" } })
              : new Response("{}", { status: 404, headers: { "content-type": "application/json" } });
          };
        }
        window.apwReplies.push({ pattern, method, status, body });
        "#,
    )
    .call4(
        &JsValue::NULL,
        &pattern.into(),
        &method.into(),
        &status.into(),
        &body.into(),
    )
    .unwrap();
}

/// The requests sent so far whose URL contains `pattern`, as `METHOD url body`.
fn requests(pattern: &str) -> Vec<String> {
    let window = web_sys::window().unwrap();
    let list = js_sys::Reflect::get(&window, &"apwRequests".into()).unwrap();
    if list.is_undefined() {
        return vec![];
    }
    js_sys::Array::from(&list)
        .iter()
        .map(|r| {
            let get = |k: &str| js_sys::Reflect::get(&r, &k.into()).unwrap();
            format!(
                "{} {} {}",
                get("method").as_string().unwrap(),
                get("url").as_string().unwrap(),
                get("body").as_string().unwrap_or_default()
            )
        })
        .filter(|r| r.contains(pattern))
        .collect()
}

/// An AP's hop: its number and each probe's time ("*" for a lost one), from `address`.
fn ap_hop(hop: u32, address: &str, times: &[&str]) -> String {
    let probes: Vec<String> = times
        .iter()
        .map(|t| {
            let (time, address) = if *t == "*" {
                ("*".to_owned(), "null")
            } else {
                (format!("{t} ms"), address)
            };
            format!(
                r#"{{"ipAddress":"null","responseTimeMilliseconds":"{time}","reverseDnsResolution":"{address}"}}"#
            )
        })
        .collect();
    format!(r#"{{"hop":"{hop}","probes":[{}]}}"#, probes.join(","))
}

/// A COMPLETED AP status answer to www.google.com (142.251.46.164) with `hops`.
fn completed(hops: &[String]) -> String {
    format!(
        r#"{{"status":"COMPLETED","progressPercent":"100","startTime":"2025-05-20T13:07:48.849780286Z","endTime":"2025-05-20T13:10:26.849780286Z","output":{{"destination":"www.google.com","resolvedIp":"142.251.46.164","hops":[{}]}}}}"#,
        hops.join(",")
    )
}

fn trace_props(serial: &str, task: &str) -> TracerouteWidgetProps {
    TracerouteWidgetProps {
        config: TraceTaskConfig {
            serial: serial.into(),
            task_id: Some(task.into()),
            ..Default::default()
        },
        callbacks: Default::default(),
        class: Default::default(),
        messages: Default::default(),
        nested: false,
    }
}

/// Mounts a traceroute widget following task `t-1` of `serial`, whose status is `body`.
fn traced(serial: &str, body: &str) -> web_sys::Element {
    answer(
        &format!("/aps/{serial}/traceroute/async-operations/t-1"),
        "GET",
        200,
        body,
    );
    let root = fresh_root();
    yew::Renderer::<TracerouteWidget>::with_root_and_props(
        root.clone(),
        trace_props(serial, "t-1"),
    )
    .render();
    root
}

#[wasm_bindgen_test]
async fn a_completed_trace_shows_its_verdict_hops_lost_probes_and_actions() {
    let mut hops: Vec<String> = (1..=8)
        .map(|n| ap_hop(n, &format!("10.27.{n}.1"), &["1.5", "1.25", "1.75"]))
        .collect();
    hops[2] = ap_hop(3, "10.27.3.1", &["2.5", "*", "2.25"]);
    hops.push(ap_hop(9, "142.251.46.164", &["9.5", "9.25", "9.75"]));
    let root = traced("TRACEREACHED", &completed(&hops));

    let verdict = shown(&root, ".apw-trace__verdict").await;
    assert_eq!(
        verdict.text_content().unwrap(),
        "Reached 142.251.46.164 in 9 hops"
    );
    assert!(verdict.class_name().contains("apw-trace__verdict--reached"));
    assert_eq!(texts(&root, ".apw-hops tbody tr > td:first-child").len(), 9);
    assert_eq!(
        texts(&root, ".apw-hop__probe--lost"),
        ["*lost"],
        "one lost probe, said as lost"
    );
    assert_eq!(
        texts(&root, ".apw-hops tbody tr:nth-child(3) .apw-hop__probe"),
        ["2.5 ms", "*lost", "2.25 ms"]
    );
    assert_eq!(
        texts(&root, ".apw-hops tbody tr:nth-child(3) td:nth-child(4)"),
        ["33.3%"]
    );
    // The loss at hop 3 does not carry on: marked as likely a rate limit.
    assert_eq!(
        texts(&root, ".apw-hop__mark--fine"),
        ["Loss jumps here. Later hops are fine: likely only this router's ICMP rate limit."]
    );
    // One bar a hop, drawn with attributes: no inline style under a strict CSP.
    assert_eq!(
        root.query_selector_all(".apw-hop__bar").unwrap().length(),
        9
    );
    assert!(
        root.query_selector("[style]").unwrap().is_none(),
        "no inline style"
    );
    assert_eq!(
        texts(&root, ".apw-raw button"),
        ["Copy results as JSON", "Download JSON", "Download CSV"]
    );
    assert_eq!(texts(&root, ".apw-badge"), ["Completed"]);
    assert!(texts(&root, ".apw-trace__duration")[0].ends_with("2 min 38 s"));
}

#[wasm_bindgen_test]
async fn an_unreached_trace_names_the_last_answer_and_shows_its_silent_hops_as_one_row() {
    let mut hops: Vec<String> = (1..=3)
        .map(|n| ap_hop(n, &format!("10.27.{n}.1"), &["1", "1", "1"]))
        .collect();
    hops.push(ap_hop(4, "10.27.66.2", &["4", "4", "4"]));
    hops.extend((5..=30).map(|n| ap_hop(n, "", &["*", "*", "*"])));
    let root = traced("TRACELOST", &completed(&hops));

    let verdict = shown(&root, ".apw-trace__verdict").await;
    assert_eq!(
        verdict.text_content().unwrap(),
        "Did not reach 142.251.46.164: no answer after hop 4 (10.27.66.2)"
    );
    // One cell, one sentence: nothing to run together at 320 px.
    assert_eq!(
        texts(&root, ".apw-hop--silent td"),
        ["hops 5–30: no answer"]
    );
    assert_eq!(
        root.query_selector_all(".apw-hops tbody tr")
            .unwrap()
            .length(),
        5
    );
}

#[wasm_bindgen_test]
async fn a_single_silent_hop_is_named_alone() {
    let hops = [
        ap_hop(1, "10.0.0.1", &["1", "1", "1"]),
        ap_hop(2, "", &["*", "*", "*"]),
        ap_hop(3, "142.251.46.164", &["3", "3", "3"]),
    ];
    let root = traced("TRACEGAP", &completed(&hops));
    shown(&root, ".apw-trace__verdict").await;
    assert_eq!(texts(&root, ".apw-hop--silent td"), ["hop 2: no answer"]);
}

#[wasm_bindgen_test]
async fn a_trace_without_a_result_names_its_destination_in_its_own_words() {
    answer(
        "/aps/TRACENONE/traceroute",
        "POST",
        202,
        r#"{"location":"/network-troubleshooting/v1alpha1/aps/TRACENONE/traceroute/async-operations/t-7","status":"INITIATED"}"#,
    );
    answer(
        "/aps/TRACENONE/traceroute/async-operations/t-7",
        "GET",
        200,
        r#"{"status":"FAILED","failReason":"AP is not reachable"}"#,
    );
    let root = fresh_root();
    let mut props = trace_props("TRACENONE", "");
    props.config.task_id = None;
    props.config.start = Some(ap_ping_widget::api::traceroute::TraceStartRequest {
        destination: "www.example.com".into(),
        ..Default::default()
    });
    yew::Renderer::<TracerouteWidget>::with_root_and_props(root.clone(), props).render();
    let title = shown(&root, ".apw-noresult__title").await;
    assert_eq!(
        title.text_content().unwrap(),
        "The traceroute to www.example.com ended without a result"
    );
    assert_eq!(
        texts(&root, ".apw-noresult__reason"),
        ["AP is not reachable"]
    );

    // Followed by its task id alone, nothing names the destination.
    let unnamed = traced(
        "TRACENONE2",
        r#"{"status":"FAILED","failReason":"AP is not reachable"}"#,
    );
    let title = shown(&unnamed, ".apw-noresult__title").await;
    assert_eq!(
        title.text_content().unwrap(),
        "The traceroute ended without a result"
    );
}

#[wasm_bindgen_test]
async fn a_running_trace_shows_its_progress_and_how_long_it_has_run() {
    let start = js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() - 72_500.0));
    let body = format!(
        r#"{{"status":"RUNNING","progressPercent":"40","startTime":"{}"}}"#,
        String::from(start.to_iso_string())
    );
    answer(
        "/aps/TRACERUNNING/traceroute/async-operations/t-3",
        "GET",
        200,
        &body,
    );
    let root = fresh_root();
    let app = yew::Renderer::<TracerouteWidget>::with_root_and_props(
        root.clone(),
        trace_props("TRACERUNNING", "t-3"),
    )
    .render();
    let elapsed = shown(&root, ".apw-progress-panel__elapsed").await;
    assert!(
        elapsed
            .text_content()
            .unwrap()
            .starts_with("Running for 1 min 1"),
        "{:?}",
        elapsed.text_content()
    );
    assert_eq!(
        texts(&root, ".apw-progress-panel__status"),
        ["Tracing the path…"]
    );
    let bar = root.query_selector("[role=progressbar]").unwrap().unwrap();
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("40"));
    assert_eq!(
        bar.get_attribute("aria-label").as_deref(),
        Some("Traceroute progress")
    );
    assert!(
        root.query_selector(".apw-hops").unwrap().is_none(),
        "no hops while running"
    );
    app.destroy();
}

fn ping_props(serial: &str, trace_on_loss: bool) -> PingWidgetProps {
    PingWidgetProps {
        config: PingTaskConfig {
            serial: serial.into(),
            task_id: Some("p-1".into()),
            ..Default::default()
        },
        callbacks: Default::default(),
        class: Default::default(),
        messages: Default::default(),
        trace_on_loss,
        trace_callbacks: Default::default(),
    }
}

/// Mounts a ping widget whose test ended with `body`; its root once the result is shown.
async fn finished_ping(serial: &str, body: &str, trace_on_loss: bool) -> web_sys::Element {
    answer(
        &format!("/aps/{serial}/ping/async-operations/p-1"),
        "GET",
        200,
        body,
    );
    let root = fresh_root();
    yew::Renderer::<PingWidget>::with_root_and_props(
        root.clone(),
        ping_props(serial, trace_on_loss),
    )
    .render();
    shown(&root, ".apw-raw").await;
    root
}

fn trace_button(root: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    let list = root.query_selector_all("button").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap())
        .find(|b| b.text_content().as_deref() == Some("Trace the path"))
        .map(|b| b.unchecked_into())
}

#[wasm_bindgen_test]
async fn trace_the_path_is_offered_only_with_trace_on_loss_and_a_lossy_result() {
    // The seed example lost one packet of five.
    let without = finished_ping("PINGLOSSOFF", SEED_COMPLETED, false).await;
    assert!(
        trace_button(&without).is_none(),
        "not offered unless the page allows it"
    );
    let clean = r#"{"status":"COMPLETED","progressPercent":100,"output":{"destination":"www.google.com","transmittedPacketsCount":"5","receivedPacketsCount":"5","packetLossPercent":"0"}}"#;
    let no_loss = finished_ping("PINGCLEAN", clean, true).await;
    assert!(
        trace_button(&no_loss).is_none(),
        "nothing to trace without loss"
    );
    let lossy = finished_ping("PINGLOSSY", SEED_COMPLETED, true).await;
    assert!(
        trace_button(&lossy).is_some(),
        "offered with loss and traceOnLoss"
    );
}

#[wasm_bindgen_test]
async fn trace_the_path_starts_a_trace_to_the_pings_destination_from_the_same_ap_in_place() {
    answer(
        "/aps/PINGTRACE/traceroute",
        "POST",
        202,
        r#"{"location":"/network-troubleshooting/v1alpha1/aps/PINGTRACE/traceroute/async-operations/t-9","status":"INITIATED"}"#,
    );
    let hops = [
        ap_hop(1, "10.0.0.1", &["1", "1", "1"]),
        ap_hop(2, "142.251.46.164", &["2", "2", "2"]),
    ];
    answer(
        "/aps/PINGTRACE/traceroute/async-operations/t-9",
        "GET",
        200,
        &completed(&hops),
    );
    let root = finished_ping("PINGTRACE", SEED_COMPLETED, true).await;
    assert!(root.query_selector(".apw-trace").unwrap().is_none());
    trace_button(&root).unwrap().click();
    let verdict = shown(&root, ".apw .apw-trace .apw-trace__verdict").await;
    assert_eq!(
        verdict.text_content().unwrap(),
        "Reached 142.251.46.164 in 2 hops"
    );
    assert!(trace_button(&root).is_none(), "offered once");
    // The outline: the ping's h2, the nested trace's title an h3 under it.
    assert_eq!(texts(&root, "h2"), ["Ping from AP PINGTRACE"]);
    assert_eq!(
        texts(&root, ".apw-trace h3.apw__title"),
        ["Traceroute from AP PINGTRACE"]
    );
    let posts = requests("POST ");
    let post = posts
        .iter()
        .find(|r| r.contains("/aps/PINGTRACE/traceroute"))
        .expect("the trace's start");
    assert!(
        post.starts_with("POST /network-troubleshooting/v1alpha1/aps/PINGTRACE/traceroute {\"destination\":\"www.google.com\""),
        "{post}"
    );
}

#[wasm_bindgen_test]
async fn the_time_running_counts_on_between_answers() {
    let start = js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() - 10_000.0));
    let body = format!(
        r#"{{"status":"RUNNING","progressPercent":"10","startTime":"{}"}}"#,
        String::from(start.to_iso_string())
    );
    answer(
        "/aps/TRACETICKS/traceroute/async-operations/t-4",
        "GET",
        200,
        &body,
    );
    let root = fresh_root();
    let mut props = trace_props("TRACETICKS", "t-4");
    props.config.settings.interval_ms = 60_000; // one answer in this test's time
    let app = yew::Renderer::<TracerouteWidget>::with_root_and_props(root.clone(), props).render();
    let elapsed = shown(&root, ".apw-progress-panel__elapsed").await;
    let first = elapsed.text_content().unwrap();
    let mut later = first.clone();
    for _ in 0..300 {
        later = elapsed.text_content().unwrap();
        if later != first {
            break;
        }
        frames(1).await;
    }
    assert_ne!(later, first, "still {first} after 300 frames");
    assert!(later.starts_with("Running for 1"), "{later}");
    assert_eq!(
        requests("/aps/TRACETICKS/").len(),
        1,
        "counted on without a new answer"
    );
    app.destroy();
}
