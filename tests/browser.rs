//! Browser tests (wasm-bindgen-test in headless Chromium): components and JS exports.
#![cfg(target_arch = "wasm32")]

use ap_ping_widget::components::{ProgressBar, ProgressBarProps};
use ap_ping_widget::parse_ping_status_js;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{frames, fresh_root, shown, texts};

const SEED_COMPLETED: &str = include_str!("fixtures/seed_completed.json");

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
    use ap_ping_widget::parse_ping_output_js;
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

// ── view components, rendered for the seed example ────────────────────────────────────

use ap_ping_widget::components::{
    ErrorPanel, ErrorPanelProps, NoResultCard, NoResultCardProps, RawOutput, RawOutputProps,
    ReplyTable, ReplyTableProps, RttChart, RttChartProps, SummaryCard, SummaryCardProps,
};
use ap_ping_widget::poll::{Failure, FailureKind};
use ap_ping_widget::stats::parse_ping_status;
use std::rc::Rc;

async fn render<C>(props: C::Properties) -> web_sys::Element
where
    C: yew::BaseComponent,
{
    let root = fresh_root();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn seed_stats() -> Rc<ap_ping_widget::stats::PingStatistics> {
    parse_ping_status(SEED_COMPLETED)
        .unwrap()
        .statistics
        .unwrap()
}

/// The tests here expect English numbers ("200.2 ms"): scripts/test and webdriver.json
/// start the browser in en-US whatever the machine's language. If that pin is lost, this
/// says so plainly, rather than as a wrong number in another test.
#[wasm_bindgen_test]
fn the_browser_formats_numbers_in_the_pinned_english_locale() {
    let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let locale = js_sys::Reflect::get(&format.resolved_options(), &"locale".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        locale.starts_with("en"),
        "the browser runs in {locale}: run the browser tests through scripts/test (LANGUAGE=en_US)"
    );
    let text = format
        .format()
        .call1(&wasm_bindgen::JsValue::NULL, &1200.5.into())
        .unwrap();
    assert_eq!(text.as_string().as_deref(), Some("1,200.5"));
}

#[wasm_bindgen_test]
async fn reply_table_shows_the_lost_sequence_as_its_own_row_in_order() {
    let root = render::<ReplyTable>(ReplyTableProps {
        messages: Default::default(),
        stats: seed_stats(),
    })
    .await;
    let first_cells = texts(&root, "tbody tr td:first-child");
    assert_eq!(first_cells, ["0", "1", "2", "3", "4"]);
    let lost = root.query_selector_all("tr.apw-row--lost").unwrap();
    assert_eq!(lost.length(), 1);
    assert!(texts(&root, "tr.apw-row--lost")[0].contains("lost"));
    assert_eq!(
        texts(&root, "tbody tr:first-child td:last-child"),
        ["200.2 ms"]
    );
    // Every reply came from the resolved address (the card shows it): no "From" column.
    assert_eq!(
        texts(&root, "tbody tr:first-child td"),
        ["0", "64", "108", "200.2 ms"]
    );
    assert_eq!(texts(&root, "thead th"), ["Seq", "Bytes", "TTL", "RTT"]);
}

#[wasm_bindgen_test]
async fn summary_card_shows_counts_loss_and_rtts() {
    let root = render::<SummaryCard>(SummaryCardProps {
        messages: Default::default(),
        stats: seed_stats(),
        duration_ms: Some(15184.342778),
    })
    .await;
    let values = texts(&root, ".apw-stat__value");
    let text = root.text_content().unwrap();
    assert!(
        text.contains("www.google.com") && text.contains("142.251.46.164"),
        "{text}"
    );
    assert!(values[0].starts_with("20%"), "{values:?}");
    assert!(
        root.query_selector(".apw-loss--bad").unwrap().is_some(),
        "20% loss is bad"
    );
    for expected in [
        "5", "4", "1", "200.2 ms", "204.7 ms", "209.8 ms", "204.5 ms", "15.2 s",
    ] {
        assert!(
            values.iter().any(|v| v == expected),
            "{expected} in {values:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn rtt_chart_marks_the_lost_packet_and_has_a_text_alternative() {
    let root = render::<RttChart>(RttChartProps {
        messages: Default::default(),
        stats: seed_stats(),
    })
    .await;
    assert!(
        root.query_selector(".apw-chart__box:empty")
            .unwrap()
            .is_some(),
        "first the box alone, as high as the chart will be"
    );
    let svg = shown(&root, "svg").await;
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let desc = texts(&root, "desc").join("");
    assert_eq!(desc, "Round-trip time of 4 replies (lost: sequence 2); min 200.2 ms, avg 204.7 ms, max 209.8 ms.");
    assert_eq!(
        texts(&root, ".apw-chart__points title"),
        [
            "seq 0: 200.2 ms, TTL 108",
            "seq 1: 209.8 ms, TTL 108",
            "seq 3: 208.8 ms, TTL 108",
            "seq 4: 200.2 ms, TTL 108"
        ],
        "a dot with a tip per reply"
    );
    assert_eq!(
        texts(&root, ".apw-chart__y-labels text"),
        ["200 ms", "205 ms", "210 ms"]
    );
    assert_eq!(
        texts(&root, ".apw-chart__x-labels text"),
        ["0", "1", "2", "3", "4"]
    );
    let line = root.query_selector(".apw-chart__line").unwrap().unwrap();
    assert_eq!(
        line.get_attribute("d").unwrap().matches('M').count(),
        2,
        "the line is lifted over the lost packet"
    );
    let lost = root.query_selector(".apw-chart__lost").unwrap().unwrap();
    assert_eq!(
        lost.get_attribute("d").unwrap().matches('M').count(),
        2,
        "one × (two strokes)"
    );
    assert_eq!(
        root.query_selector_all(".apw-chart__guide")
            .unwrap()
            .length(),
        3
    );
}

#[wasm_bindgen_test]
async fn error_panel_shows_the_api_error_and_what_to_do() {
    let failure = Failure {
        kind: FailureKind::NotFound,
        http_status: Some(404),
        error_code: Some("HPE_GRAVITY_TASK_NOT_FOUND".into()),
        message: "Async operation task not found: c7a3".into(),
    };
    let retried = Rc::new(std::cell::Cell::new(false));
    let on_retry = {
        let retried = retried.clone();
        yew::Callback::from(move |()| retried.set(true))
    };
    let root = render::<ErrorPanel>(ErrorPanelProps {
        messages: Default::default(),
        failure: failure.clone(),
        retrying: None,
        retry_at_ms: None,
        on_retry: Some(on_retry),
    })
    .await;
    let text = root.text_content().unwrap();
    assert!(
        text.contains("HTTP 404 · HPE_GRAVITY_TASK_NOT_FOUND"),
        "{text}"
    );
    assert!(text.contains("Check the AP serial number"), "{text}");
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    assert!(retried.get());

    let root = render::<ErrorPanel>(ErrorPanelProps {
        messages: Default::default(),
        failure,
        retrying: Some((2, 5, 3400)),
        retry_at_ms: Some(js_sys::Date::now() + 3400.0),
        on_retry: None,
    })
    .await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("Retrying in 4 s (attempt 2 of 5)"));
    assert!(root.query_selector("button").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_rate_limited_retry_says_until_when() {
    let at = js_sys::Date::now() + 45_000.0;
    let root = render::<ErrorPanel>(ErrorPanelProps {
        messages: Default::default(),
        failure: Failure {
            kind: FailureKind::RateLimited,
            http_status: Some(429),
            error_code: Some("HPE_GL_ERROR_TOO_MANY_REQUESTS".into()),
            message: "Rate limit exceeded.".into(),
        },
        retrying: Some((1, 5, 45_000)),
        retry_at_ms: Some(at),
        on_retry: None,
    })
    .await;
    let text = root.text_content().unwrap();
    let expected = format!(
        "Rate limited until {} (attempt 1 of 5)",
        ap_ping_widget::words::format::clock_time(at, "")
    );
    assert!(text.contains(&expected), "{text}");
    assert!(
        text.contains("HTTP 429 · HPE_GL_ERROR_TOO_MANY_REQUESTS"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn a_403_names_the_missing_permission() {
    let root = render::<ErrorPanel>(ErrorPanelProps {
        messages: Default::default(),
        failure: Failure {
            kind: FailureKind::Forbidden,
            http_status: Some(403),
            error_code: Some("HPE_GL_ERROR_FORBIDDEN".into()),
            message: "Forbidden: Access is denied.".into(),
        },
        retrying: None,
        retry_at_ms: None,
        on_retry: None,
    })
    .await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Forbidden: Access is denied."), "{text}");
    assert!(text.contains("HTTP 403 · HPE_GL_ERROR_FORBIDDEN"), "{text}");
    assert!(text.contains("troubleshooting access"), "{text}");
}

#[wasm_bindgen_test]
async fn a_refused_proxy_client_points_at_the_proxys_credentials_not_the_token() {
    let message = "The token endpoint refused the proxy's API client credentials (HTTP 401, invalid_client): check --client-id and the client secret.";
    let root = render::<ErrorPanel>(ErrorPanelProps {
        messages: Default::default(),
        failure: Failure {
            kind: FailureKind::ProxyCredentials,
            http_status: Some(502),
            error_code: Some("CENTRAL_PROXY_CREDENTIALS_REFUSED".into()),
            message: message.into(),
        },
        retrying: None,
        retry_at_ms: None,
        on_retry: Some(yew::Callback::from(|()| {})),
    })
    .await;
    assert_eq!(texts(&root, ".apw-alert__message"), [message]);
    assert_eq!(
        texts(&root, ".apw-alert__code"),
        ["HTTP 502 · CENTRAL_PROXY_CREDENTIALS_REFUSED"]
    );
    let next = texts(&root, ".apw-alert__next").join("");
    assert!(
        next.contains("Check the proxy's own client id and secret (not this page's token)"),
        "{next}"
    );
    assert!(!next.contains("API token"), "{next}");
    assert_eq!(
        texts(&root, "button"),
        ["Try again"],
        "once the proxy is fixed"
    );
}

#[wasm_bindgen_test]
async fn a_test_without_result_shows_the_reason_and_the_aps_own_line() {
    let body = include_str!("fixtures/completed_without_result.json");
    let result = Rc::new(parse_ping_status(body).unwrap());
    let root = render::<NoResultCard>(NoResultCardProps {
        result,
        messages: Default::default(),
    })
    .await;
    let text = root.text_content().unwrap();
    assert!(
        text.contains("The test ended without a result for www.djgdij.com"),
        "{text}"
    );
    assert!(text.contains("Destination not resolved"), "{text}");
    assert!(
        text.contains("The access point said: host address failed because the ipv4/v6 address www.djgdij.com is invalid."),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn markup_in_api_strings_is_rendered_as_text() {
    let evil = "<img src=x onerror=alert(1)><b>bold</b>";
    let body = serde_json::json!({
        "status": "COMPLETED",
        "rawOutput": format!("COMMAND=ping {evil}\n64 bytes from {evil}: icmp_seq=0 ttl=1 time=1 ms\n"),
        "failReason": evil,
        "output": {
            "destination": evil, "resolvedIp": evil, "transmittedPacketsCount": "1", "receivedPacketsCount": "1",
            // Another sender than the resolved address, so that the table shows it.
            "replies": [{ "sentPacketAddress": format!("{evil}!"), "sentPacketIcmpSequenceNumber": "0" }]
        }
    });
    let result = Rc::new(parse_ping_status(&body.to_string()).unwrap());
    let stats = result.statistics.clone().unwrap();
    let roots = [
        render::<SummaryCard>(SummaryCardProps {
            messages: Default::default(),
            stats: stats.clone(),
            duration_ms: None,
        })
        .await,
        render::<ReplyTable>(ReplyTableProps {
            stats,
            messages: Default::default(),
        })
        .await,
        render::<RawOutput>(RawOutputProps {
            on_run_again: None,
            messages: Default::default(),
            result: result.clone().into(),
            file_stem: "x".into(),
        })
        .await,
        render::<ErrorPanel>(ErrorPanelProps {
            messages: Default::default(),
            failure: Failure {
                kind: FailureKind::Server,
                http_status: Some(500),
                error_code: Some(evil.into()),
                message: evil.into(),
            },
            retrying: None,
            retry_at_ms: None,
            on_retry: None,
        })
        .await,
        render::<NoResultCard>(NoResultCardProps {
            messages: Default::default(),
            result: result.clone(),
        })
        .await,
    ];
    for root in roots {
        assert!(
            root.query_selector("img, b").unwrap().is_none(),
            "no element made from API text"
        );
        assert!(root
            .text_content()
            .unwrap()
            .contains("<img src=x onerror=alert(1)>"));
    }
}

#[wasm_bindgen_test]
async fn raw_output_is_collapsible_with_export_buttons() {
    let result = Rc::new(parse_ping_status(SEED_COMPLETED).unwrap());
    let root = render::<RawOutput>(RawOutputProps {
        on_run_again: None,
        messages: Default::default(),
        result: result.into(),
        file_stem: "ping".into(),
    })
    .await;
    let details = root.query_selector("details").unwrap().unwrap();
    assert!(!details.has_attribute("open"), "collapsed by default");
    assert!(texts(&root, "pre")[0].starts_with("COMMAND=ping www.google.com"));
    assert_eq!(
        texts(&root, "button"),
        ["Copy results as JSON", "Download JSON", "Download CSV"]
    );
}

#[wasm_bindgen_test]
fn a_language_tag_picks_the_intl_formats_and_a_wrong_one_is_refused() {
    use ap_ping_widget::words::{format, Messages};
    assert_eq!(format::number(1234.5, 1, "de-DE"), "1.234,5");
    assert_eq!(format::number(1234.5, 1, "en-US"), "1,234.5");
    assert_eq!(format::canonical_lang("en-us").as_deref(), Some("en-US"));
    assert_eq!(
        format::canonical_lang("de_DE"),
        None,
        "Intl throws a RangeError, caught"
    );
    let m = Messages::new("fr-FR", []).unwrap();
    assert_eq!(m.lang().as_str(), "fr-FR");
    assert_eq!(m.number(0.5, 1,), "0,5");
    assert_eq!(
        Messages::new("not a tag", [])
            .err()
            .map(|e| e.to_string())
            .as_deref(),
        Some(r#"lang "not a tag" is not a language tag"#)
    );
}

// ── language: plural forms, the chart's name, the percent's limits ─────────────────────

/// German words for the texts with a count, each in its two forms, and the chart's name.
fn german() -> ap_ping_widget::words::Messages {
    let texts = [
        ("chartTitle", "Umlaufzeit je ICMP-Sequenz"),
        (
            "chartSummary",
            "Umlaufzeit von {count} Antworten ({lost}); min {min}, Mittel {avg}, max {max}.",
        ),
        (
            "chartSummaryOne",
            "Umlaufzeit von {count} Antwort ({lost}); min {min}, Mittel {avg}, max {max}.",
        ),
        ("chartLostSequences", "verloren: Sequenzen {sequences}"),
        ("chartLostSequencesOne", "verloren: Sequenz {sequences}"),
        ("percentAbove", "über {value} %"),
        ("percentBelow", "unter {value} %"),
    ];
    let texts = texts.map(|(k, v)| (k.to_owned(), v.to_owned()));
    ap_ping_widget::words::Messages::new("de-DE", texts).unwrap()
}

#[wasm_bindgen_test]
fn intl_plural_rules_pick_each_languages_forms() {
    use ap_ping_widget::words::format::plural;
    // 0 other, 1 zero, 2 one, 3 two, 4 few, 5 many.
    assert_eq!([1.0, 2.0, 0.0].map(|n| plural(n, "de-DE")), [2, 0, 0]);
    assert_eq!(
        [1.0, 3.0, 5.0, 22.0].map(|n| plural(n, "pl-PL")),
        [2, 4, 5, 4]
    );
    assert_eq!([0.0, 2.0].map(|n| plural(n, "ar")), [1, 3]);
    let m = german();
    assert_eq!(
        m.percent(99.99),
        "über 99,9 %",
        "the comparison inside the language's text"
    );
    assert_eq!(m.percent(0.01), "unter 0,1 %");
}

#[wasm_bindgen_test]
async fn the_chart_speaks_german_with_plural_forms() {
    // The seed: 4 replies, sequence 2 lost.
    let root = render::<RttChart>(RttChartProps {
        messages: german(),
        stats: seed_stats(),
    })
    .await;
    shown(&root, "svg").await;
    assert_eq!(
        texts(&root, "svg > title"),
        ["Umlaufzeit je ICMP-Sequenz"],
        "the chart's name from the messages"
    );
    assert_eq!(
        texts(&root, "desc").join(""),
        "Umlaufzeit von 4 Antworten (verloren: Sequenz 2); min 200,2 ms, Mittel 204,7 ms, max 209,8 ms."
    );
    // One reply, sequences 1 and 2 lost: the other forms.
    let body = r#"{"status":"COMPLETED","output":{"transmittedPacketsCount":"3","receivedPacketsCount":"1","replies":[{"sentPacketIcmpSequenceNumber":"0","sentPacketTimeMilliseconds":"5.5"}]}}"#;
    let root = render::<RttChart>(RttChartProps {
        messages: german(),
        stats: parse_ping_status(body).unwrap().statistics.unwrap(),
    })
    .await;
    shown(&root, "svg").await;
    assert_eq!(
        texts(&root, "desc").join(""),
        "Umlaufzeit von 1 Antwort (verloren: Sequenzen 1–2); min 5,5 ms, Mittel 5,5 ms, max 5,5 ms."
    );
}

/// Replaces `navigator.clipboard.writeText` with `body` (a JS function body).
fn fake_clipboard(body: &str) {
    let clipboard = web_sys::window().unwrap().navigator().clipboard();
    let write = js_sys::Function::new_with_args("text", body);
    js_sys::Reflect::set(&clipboard, &"writeText".into(), &write).unwrap();
}

/// Waits a frame at a time (at most 120) until `element`'s text is not empty.
async fn said(element: &web_sys::Element) -> String {
    for _ in 0..120 {
        let text = element.text_content().unwrap_or_default();
        if !text.is_empty() {
            return text;
        }
        frames(1).await;
    }
    panic!("nothing was said within 120 frames");
}

#[wasm_bindgen_test]
async fn copied_is_said_once_the_clipboard_has_the_text_and_a_refusal_says_so() {
    let result = Rc::new(parse_ping_status(SEED_COMPLETED).unwrap());
    let root = render::<RawOutput>(RawOutputProps {
        on_run_again: None,
        messages: Default::default(),
        result: result.into(),
        file_stem: "ping".into(),
    })
    .await;
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let status = root.query_selector(".apw-raw__copied").unwrap().unwrap();
    // A write the test settles by hand.
    fake_clipboard(
        "window.apwCopied = text; return new Promise((ok) => { window.apwSettle = ok; });",
    );
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(
        status.text_content().as_deref(),
        Some(""),
        "nothing said while the write runs"
    );
    let window = web_sys::window().unwrap();
    let copied = js_sys::Reflect::get(&window, &"apwCopied".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        copied.contains("\"status\": \"COMPLETED\""),
        "the JSON went to the clipboard"
    );
    let settle: js_sys::Function = js_sys::Reflect::get(&window, &"apwSettle".into())
        .unwrap()
        .unchecked_into();
    settle.call0(&JsValue::NULL).unwrap();
    assert_eq!(said(&status).await, "Copied");
    fake_clipboard("return Promise.reject(new DOMException('denied', 'NotAllowedError'));");
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(said(&status).await, "Could not copy");
}
