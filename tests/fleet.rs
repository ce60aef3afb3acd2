//! The fleet run's model natively (`src/fleet.rs`): rows from tests' states, counts, the
//! time left at the page's budget, sorting, the text filter, and when the run stops.

use ap_ping_core::fleet::{AccessPoint, ApState, Verdict, VerdictRules};
use ap_ping_widget::budget::BudgetLimits;
use ap_ping_widget::fleet::{
    matches_filter, needs_confirmation, selection_of, too_many, visible_rows, ApSelection, Column,
    FleetRun, RowState, RunPhase, RunStop, SortOrder, SPENT_AFTER_MS,
};
use ap_ping_widget::poll::{Failure, FailureKind, Phase};
use ap_ping_widget::stats::{parse_ping_status, PingTestResult};
use std::rc::Rc;

fn ap(name: &str, serial: &str, model: Option<&str>, status: ApState) -> AccessPoint {
    AccessPoint {
        serial: serial.into(),
        name: name.into(),
        model: model.map(Into::into),
        status,
        site_id: Some("24833497".into()),
        site_name: Some("HQ".into()),
        ipv4: None,
    }
}

/// A finished 5-packet test: `received` replies, each of `rtt` ms.
fn finished(received: u32, rtt: f64) -> Rc<PingTestResult> {
    let replies: Vec<String> = (0..received)
        .map(|seq| {
            format!(
                r#"{{"sentPacketIcmpSequenceNumber":"{seq}","sentPacketTimeMilliseconds":"{rtt}","sentPacketAddress":"8.8.8.8"}}"#
            )
        })
        .collect();
    let loss = (5 - received) * 20;
    let body = format!(
        r#"{{"status":"COMPLETED","output":{{"transmittedPacketsCount":"5","receivedPacketsCount":"{received}","packetLossPercent":"{loss}","replies":[{}]}}}}"#,
        replies.join(",")
    );
    Rc::new(parse_ping_status(&body).unwrap())
}

fn running(percent: u32) -> Rc<PingTestResult> {
    Rc::new(
        parse_ping_status(&format!(
            r#"{{"status":"RUNNING","progressPercent":{percent}}}"#
        ))
        .unwrap(),
    )
}

fn failure(kind: FailureKind, status: u16) -> Failure {
    Failure {
        kind,
        http_status: Some(status),
        error_code: None,
        message: format!("HTTP {status}"),
    }
}

fn done(result: Rc<PingTestResult>) -> RowState {
    RowState::of_test(&Phase::Done, Some(&result))
}

/// Four online APs and one offline, as listed.
fn hq() -> FleetRun {
    FleetRun::listed(
        vec![
            ap("hq-ap-01", "HQ00000001", Some("AP-515"), ApState::Online),
            ap("hq-ap-02", "HQ00000002", Some("AP-635"), ApState::Online),
            ap("hq-ap-03", "HQ00000003", None, ApState::Unknown),
            ap("HQ-AP-04", "HQ00000004", Some("AP-515"), ApState::Online),
            ap("hq-ap-05", "HQ00000005", Some("AP-515"), ApState::Offline),
        ],
        1,
    )
}

fn names(run: &FleetRun, order: &[usize]) -> Vec<String> {
    order.iter().map(|&i| run.rows[i].ap.name.clone()).collect()
}

#[test]
fn offline_aps_are_not_tested_and_unknown_ones_are() {
    let run = hq();
    assert_eq!(run.phase, RunPhase::Running);
    assert_eq!(run.rows[4].state, RowState::Offline);
    assert_eq!(
        run.rows[2].state,
        RowState::Queued,
        "unknown may well be up"
    );
    assert_eq!(run.to_start().collect::<Vec<_>>(), [0, 1, 2, 3]);
    let counts = run.counts();
    assert_eq!((counts.total, counts.done, counts.offline), (4, 0, 1));
    assert_eq!(
        run.estimate(),
        4 * 3 + 1,
        "a start and two polls an AP, and the list"
    );
}

#[test]
fn a_tests_phase_and_status_make_its_row() {
    assert_eq!(RowState::of_test(&Phase::Starting, None), RowState::Queued);
    assert_eq!(RowState::of_test(&Phase::Idle, None), RowState::Queued);
    assert_eq!(
        RowState::of_test(&Phase::Waiting, None),
        RowState::Running { percent: None },
        "started, no status yet"
    );
    assert_eq!(
        RowState::of_test(&Phase::Waiting, Some(&running(40))),
        RowState::Running {
            percent: Some(40.0)
        }
    );
    let f = failure(FailureKind::Conflict, 409);
    assert_eq!(
        RowState::of_test(&Phase::Failed(f.clone()), None),
        RowState::Failed(f)
    );
    let row = done(finished(2, 12.0));
    assert_eq!(row.figures().and_then(|f| f.loss_percent), Some(60.0));
    assert!(row.is_over());
}

#[test]
fn counts_follow_the_tests_and_the_last_one_finishes_the_run() {
    let mut run = hq();
    assert!(run.update(0, done(finished(5, 10.0))));
    assert!(
        !run.update(0, done(finished(5, 10.0))),
        "no change, no render"
    );
    run.update(1, RowState::Failed(failure(FailureKind::Conflict, 409)));
    run.update(
        2,
        RowState::Running {
            percent: Some(50.0),
        },
    );
    let c = run.counts();
    assert_eq!((c.total, c.done, c.failed, c.offline), (4, 2, 1, 1));
    assert_eq!(run.phase, RunPhase::Running);
    run.update(2, done(finished(3, 10.0)));
    run.update(3, done(finished(5, 10.0)));
    assert_eq!(run.phase, RunPhase::Finished);
    assert_eq!(run.counts().done, 4);
}

#[test]
fn one_aps_404_409_or_403_is_its_own_but_a_401_stops_the_run() {
    let mut run = hq();
    for (i, (kind, status)) in [
        (FailureKind::NotFound, 404),
        (FailureKind::Conflict, 409),
        (FailureKind::Forbidden, 403),
    ]
    .into_iter()
    .enumerate()
    {
        run.update(i, RowState::Failed(failure(kind, status)));
        assert_eq!(run.phase, RunPhase::Running, "{status} is that AP's");
    }
    run.update(3, RowState::Failed(failure(FailureKind::Unauthorized, 401)));
    assert!(matches!(
        run.phase,
        RunPhase::Stopped(RunStop::Unauthorized(_))
    ));
    assert!(run.is_over());
}

#[test]
fn the_lists_401_and_403_stop_by_name_and_other_failures_as_a_failed_list() {
    let stop = |kind, status| RunStop::of_list_failure(failure(kind, status)).kind();
    assert_eq!(stop(FailureKind::Unauthorized, 401), "unauthorized");
    assert_eq!(stop(FailureKind::Forbidden, 403), "listForbidden");
    assert_eq!(stop(FailureKind::Server, 500), "listFailed");
    assert_eq!(too_many(2001).map(|s| s.kind()), Some("tooManyAps"));
    assert_eq!(too_many(2000), None);
}

#[test]
fn a_budget_held_for_minutes_is_spent_and_a_short_hold_is_waited_out() {
    let now = 1_000_000.0;
    assert_eq!(RunStop::of_budget_hold(None, now), None);
    assert_eq!(RunStop::of_budget_hold(Some(now + 30_000.0), now), None);
    assert_eq!(
        RunStop::of_budget_hold(Some(now + SPENT_AFTER_MS + 1.0), now),
        Some(RunStop::BudgetSpent {
            until_ms: now + SPENT_AFTER_MS + 1.0
        })
    );
    let mut run = hq();
    run.update(0, done(finished(5, 10.0)));
    run.stop(RunStop::BudgetSpent { until_ms: 5.0 });
    assert_eq!(
        run.phase,
        RunPhase::Stopped(RunStop::BudgetSpent { until_ms: 5.0 })
    );
    run.stop(RunStop::TooManyAps { listed: 1 });
    assert_eq!(
        run.phase,
        RunPhase::Stopped(RunStop::BudgetSpent { until_ms: 5.0 }),
        "the first reason stays"
    );
}

#[test]
fn time_left_is_the_requests_at_the_budgets_rate_and_at_least_the_tests_run() {
    let limits = BudgetLimits {
        max_requests_per_second: 5,
        max_in_flight: 4,
    };
    let mut run = hq();
    // 4 queued tests: 12 requests at 5 a second (1,100 ms windows) = 2.64 s; each test runs 5 s.
    assert_eq!(run.time_left_ms(limits, 5000), Some(5000.0));
    let many = FleetRun::listed(
        (0..40)
            .map(|i| ap(&format!("a{i}"), &format!("S{i}"), None, ApState::Online))
            .collect(),
        1,
    );
    // 40 × 3 requests at 5 per 1.1 s: 26.4 s, longer than one test's 5 s.
    let left = many.time_left_ms(limits, 5000).unwrap();
    assert!((left - 26_400.0).abs() < 1e-6, "{left}");
    run.update(0, done(finished(5, 10.0)));
    run.update(1, done(finished(5, 10.0)));
    run.update(2, done(finished(5, 10.0)));
    run.update(
        3,
        RowState::Running {
            percent: Some(80.0),
        },
    );
    let left = run.time_left_ms(limits, 5000).unwrap();
    assert!((left - 1000.0).abs() < 1e-6, "20% of a 5 s test: {left}");
    run.update(3, done(finished(5, 10.0)));
    assert_eq!(run.time_left_ms(limits, 5000), None, "over");
}

#[test]
fn the_worst_loss_comes_first_once_results_are_in_missing_last_and_stable() {
    let mut run = hq();
    let none = visible_rows(&run.rows, None, "");
    assert_eq!(
        names(&run, &none),
        ["hq-ap-01", "hq-ap-02", "hq-ap-03", "HQ-AP-04", "hq-ap-05"],
        "no results yet: the list's order"
    );
    run.update(1, done(finished(2, 10.0))); // 60%
    run.update(3, done(finished(2, 12.0))); // 60%
    run.update(0, done(finished(5, 9.0))); // 0%
    let order = visible_rows(&run.rows, None, "");
    assert_eq!(
        names(&run, &order),
        ["hq-ap-02", "HQ-AP-04", "hq-ap-01", "hq-ap-03", "hq-ap-05"],
        "equal losses keep the list's order; no figures last"
    );
}

#[test]
fn every_column_sorts_both_ways_with_missing_values_last() {
    let mut run = hq();
    run.update(0, done(finished(5, 30.0)));
    run.update(1, done(finished(4, 10.0)));
    run.update(2, RowState::Failed(failure(FailureKind::NotFound, 404)));
    let by = |column, descending| {
        names(
            &run,
            &visible_rows(&run.rows, Some(SortOrder { column, descending }), ""),
        )
    };
    assert_eq!(
        by(Column::Name, false),
        ["hq-ap-01", "hq-ap-02", "hq-ap-03", "HQ-AP-04", "hq-ap-05"],
        "without case"
    );
    assert_eq!(
        by(Column::Name, true),
        ["hq-ap-05", "HQ-AP-04", "hq-ap-03", "hq-ap-02", "hq-ap-01"]
    );
    assert_eq!(by(Column::Serial, true)[0], "hq-ap-05");
    assert_eq!(
        by(Column::Model, false),
        ["hq-ap-01", "HQ-AP-04", "hq-ap-05", "hq-ap-02", "hq-ap-03"],
        "no model last"
    );
    assert_eq!(
        by(Column::Model, true),
        ["hq-ap-02", "hq-ap-01", "HQ-AP-04", "hq-ap-05", "hq-ap-03"],
        "no model last, descending too"
    );
    assert_eq!(
        by(Column::Median, false),
        ["hq-ap-02", "hq-ap-01", "hq-ap-03", "HQ-AP-04", "hq-ap-05"]
    );
    assert_eq!(
        by(Column::Median, true),
        ["hq-ap-01", "hq-ap-02", "hq-ap-03", "HQ-AP-04", "hq-ap-05"]
    );
    assert_eq!(by(Column::Avg, true)[0], "hq-ap-01");
    assert_eq!(by(Column::Jitter, false)[..2], ["hq-ap-01", "hq-ap-02"]);
    assert_eq!(
        by(Column::Status, false),
        ["hq-ap-03", "hq-ap-01", "hq-ap-02", "HQ-AP-04", "hq-ap-05"],
        "errors first, then results, then waiting, offline last"
    );
    assert_eq!(by(Column::Loss, true)[0], "hq-ap-02");
}

#[test]
fn a_click_turns_a_column_round_and_a_new_one_starts_largest_first_for_numbers() {
    let loss = SortOrder::clicked(None, Column::Loss);
    assert!(loss.descending);
    assert!(!SortOrder::clicked(Some(loss), Column::Loss).descending);
    assert!(!SortOrder::clicked(Some(loss), Column::Name).descending);
}

#[test]
fn the_filter_matches_name_serial_or_model_without_ascii_case() {
    let run = hq();
    let shown = |f: &str| names(&run, &visible_rows(&run.rows, None, f));
    assert_eq!(shown("AP-04"), ["HQ-AP-04"]);
    assert_eq!(shown("hq00000002"), ["hq-ap-02"]);
    assert_eq!(shown("ap-635"), ["hq-ap-02"]);
    assert_eq!(shown("  "), shown(""), "blank matches all");
    assert_eq!(shown("nothing"), Vec::<String>::new());
    assert!(
        !matches_filter(&run.rows[2], "AP-515"),
        "no model, no match"
    );
}

#[test]
fn the_verdict_is_written_from_the_finished_rows() {
    let mut run = hq();
    assert_eq!(
        run.verdict(&VerdictRules::default()),
        Verdict::NothingTested
    );
    run.update(0, done(finished(2, 10.0)));
    run.update(1, done(finished(5, 10.0)));
    run.update(2, done(finished(5, 10.0)));
    run.update(3, RowState::Failed(failure(FailureKind::NotFound, 404)));
    match run.verdict(&VerdictRules::default()) {
        Verdict::SomeAps {
            lossy,
            tested,
            worst,
        } => {
            assert_eq!((lossy, tested), (1, 3));
            assert_eq!(worst, [("hq-ap-01".to_owned(), 60.0)]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_csv_has_a_line_per_ap_with_its_state_or_error() {
    let mut run = hq();
    run.update(0, done(finished(2, 10.0)));
    run.update(1, RowState::Failed(failure(FailureKind::Conflict, 409)));
    let csv = run.csv(|r| r.state.name().to_owned());
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 6, "{csv}");
    assert!(
        lines[1].starts_with("hq-ap-01,HQ00000001,AP-515,done,60"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("failed") && lines[2].ends_with("HTTP 409"),
        "{}",
        lines[2]
    );
    assert!(lines[5].contains("offline"), "{}", lines[5]);
}

#[test]
fn a_page_names_exactly_one_selection() {
    assert_eq!(
        selection_of(Some("24833497".into()), None, None),
        Ok(ApSelection::SiteId("24833497".into()))
    );
    assert!(selection_of(None, None, None)
        .unwrap_err()
        .contains("required"));
    assert!(selection_of(Some("1".into()), Some("HQ".into()), None)
        .unwrap_err()
        .contains("only one"));
}

#[test]
fn a_lower_allowance_than_the_estimate_asks_first_unless_it_refills_during_the_run() {
    let limits = BudgetLimits::default();
    let day = Some(8 * 3600 * 1000);
    assert!(needs_confirmation(Some(100), day, 121, limits));
    assert!(!needs_confirmation(Some(121), day, 121, limits));
    assert!(
        !needs_confirmation(None, day, 121, limits),
        "no header: nothing known"
    );
    assert!(
        needs_confirmation(Some(100), None, 121, limits),
        "no reset: as it is"
    );
    assert!(
        !needs_confirmation(Some(6), Some(900), 121, limits),
        "a second's window (mock-central's, Central's 7 a second) refills as the run goes"
    );
    // A small fleet: 6 left, 7 to spend; the 6 last 1.26 s at 5 a second, and the window
    // refills in under a second.
    assert!(!needs_confirmation(Some(6), Some(990), 7, limits));
    // What is left would be spent before the reset: ask.
    assert!(needs_confirmation(Some(2), Some(990), 7, limits));
}
