//! Browser tests of the fleet view's components (wasm-bindgen-test, headless Chromium and
//! Firefox): the table and the verdict line rendered from a given run, without a network.
#![cfg(target_arch = "wasm32")]

use ap_ping_core::fleet::{AccessPoint, ApState, VerdictRules};
use ap_ping_widget::components::fleet::{
    verdict_text, FleetTable, FleetTableProps, VerdictLine, VerdictLineProps,
};
use ap_ping_widget::fleet::{FleetRun, RowState};
use ap_ping_widget::poll::{Failure, FailureKind, Phase};
use ap_ping_widget::stats::parse_ping_status;
use ap_ping_widget::words::Messages;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{frames, fresh_root, texts};

fn ap(i: usize, status: ApState) -> AccessPoint {
    AccessPoint {
        serial: format!("HQ{i:08}"),
        name: format!("hq-ap-{i:02}"),
        model: Some("AP-515".into()),
        status,
        site_id: Some("24833497".into()),
        site_name: Some("HQ".into()),
        ipv4: None,
    }
}

/// 100 APs of HQ: 7 and 23 lose 60%, 5 is offline, 9 answered 404, the rest lose nothing.
fn hq() -> FleetRun {
    let aps = (1..=100)
        .map(|i| {
            ap(
                i,
                if i == 5 {
                    ApState::Offline
                } else {
                    ApState::Online
                },
            )
        })
        .collect();
    let mut run = FleetRun::listed(aps, 1);
    for i in 0..100 {
        if i == 4 {
            continue;
        }
        let state = if i == 8 {
            RowState::Failed(Failure {
                kind: FailureKind::NotFound,
                http_status: Some(404),
                error_code: None,
                message: "No such device".into(),
            })
        } else {
            let received = if i == 6 || i == 22 { 2 } else { 5 };
            let replies: Vec<String> = (0..received)
                .map(|s| format!(r#"{{"sentPacketIcmpSequenceNumber":"{s}","sentPacketTimeMilliseconds":"1{s}.5"}}"#))
                .collect();
            let body = format!(
                r#"{{"status":"COMPLETED","output":{{"transmittedPacketsCount":"5","receivedPacketsCount":"{received}","packetLossPercent":"{}","replies":[{}]}}}}"#,
                (5 - received) * 20,
                replies.join(",")
            );
            let result = Rc::new(parse_ping_status(&body).unwrap());
            RowState::of_test(&Phase::Done, Some(&result))
        };
        run.update(i, state);
    }
    run
}

#[wasm_bindgen_test]
async fn the_table_draws_the_rows_in_view_worst_loss_first_and_sorts_by_a_header() {
    let root = fresh_root();
    let run = Rc::new(hq());
    yew::Renderer::<FleetTable>::with_root_and_props(
        root.clone(),
        FleetTableProps {
            run,
            messages: Messages::default(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    frames(2).await;
    // Only the rows near the top of the box are drawn; spacers stand for the rest.
    let names = texts(&root, ".apw-fleet__row .apw-fleet__name");
    assert_eq!(names.len(), 80, "a window of the 100 rows");
    assert_eq!(names[..2], ["hq-ap-07", "hq-ap-23"], "the worst loss first");
    let table = root.query_selector("table").unwrap().unwrap();
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("101"));
    let spacer = root
        .query_selector(".apw-fleet__spacer svg")
        .unwrap()
        .expect("a spacer for the 20 rows below");
    assert!(
        spacer
            .get_attribute("height")
            .unwrap()
            .parse::<u32>()
            .unwrap()
            >= 20 * 15
    );
    assert_eq!(root.query_selector_all(".apw-spark").unwrap().length(), 80);
    let button = |n: u32| {
        root.query_selector(&format!("thead th:nth-child({n}) button"))
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
    };
    // By status: errors first, offline last (then first, turned round).
    button(4).click();
    yew::scheduler::flush().await;
    assert_eq!(texts(&root, ".apw-fleet__error")[0], "No such device");
    button(4).click();
    yew::scheduler::flush().await;
    assert_eq!(
        texts(&root, ".apw-fleet__row .apw-badge")[0],
        "offline: not tested"
    );
    assert!(
        root.query_selector("[style]").unwrap().is_none(),
        "no inline style under a strict CSP"
    );

    // A header is a button; the column it sorts says so in aria-sort.
    let name_header = root
        .query_selector("thead th:first-child button")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    name_header.click();
    yew::scheduler::flush().await;
    let th = root
        .query_selector("thead th:first-child")
        .unwrap()
        .unwrap();
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("ascending"));
    assert_eq!(
        texts(&root, ".apw-fleet__row .apw-fleet__name")[..2],
        ["hq-ap-01", "hq-ap-02"]
    );
    name_header.click();
    yew::scheduler::flush().await;
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("descending"));

    // A row opens its result in place: the card, the chart's box and the replies.
    let open = root
        .query_selector(".apw-fleet__open")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    open.click();
    yew::scheduler::flush().await;
    assert_eq!(open.get_attribute("aria-expanded").as_deref(), Some("true"));
    let detail = root.query_selector(".apw-fleet__detail").unwrap().unwrap();
    assert!(detail.query_selector(".apw-summary").unwrap().is_some());
    assert!(detail.query_selector(".apw-table").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn the_verdict_is_shown_and_announced_once_it_is_given() {
    let root = fresh_root();
    let m = Messages::default();
    let rules = VerdictRules::default();
    let text = verdict_text(&m, &hq().verdict(&rules), "8.8.8.8", &rules);
    assert_eq!(
        text,
        "2 of 98 APs lose packets: hq-ap-07 (60%), hq-ap-23 (60%)"
    );
    let app = yew::Renderer::<VerdictLine>::with_root_and_props(
        root.clone(),
        VerdictLineProps {
            text: None,
            kind: "".into(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let live = root.query_selector("[aria-live=polite]").unwrap().unwrap();
    assert_eq!(
        live.text_content().as_deref(),
        Some(""),
        "nothing before the end"
    );
    assert!(root
        .query_selector(".apw-fleet__verdict")
        .unwrap()
        .is_none());
    let mut app = app;
    app.update(VerdictLineProps {
        text: Some(text.clone().into()),
        kind: "someAps".into(),
    });
    yew::scheduler::flush().await;
    let live = root.query_selector("[aria-live=polite]").unwrap().unwrap();
    assert_eq!(
        live.text_content(),
        Some(text.clone()),
        "the same region, now filled"
    );
    let shown = root
        .query_selector(".apw-fleet__verdict--someAps")
        .unwrap()
        .unwrap();
    assert_eq!(shown.text_content(), Some(text));
}
