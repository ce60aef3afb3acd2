//! The traceroute as its view shows it (`src/trace.rs`), natively: the verdict, the rows
//! with silent runs collapsed, the jump marks and what the later hops say of them, the
//! bars' scale, the CSV, and which ping offers "Trace the path" and to where.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::traceroute::{
    Destination, TraceHop, TraceProbe, TraceSource, Traceroute, TracerouteTestResult,
};
use ap_ping_widget::stats::{parse_ping_status, TestStatus};
use ap_ping_widget::trace::{
    bar, elapsed_ms, hops_csv, rows, scale_ms, trace_target, verdict, HopRow, Later, Mark, Verdict,
};
use std::rc::Rc;

/// A hop from its probes' times (`None`: lost), all from `address`, figures computed as
/// the core computes them.
fn hop(n: u32, address: &str, rtts: &[Option<f64>]) -> TraceHop {
    let probes: Vec<TraceProbe> = rtts
        .iter()
        .map(|rtt| TraceProbe {
            address: rtt.map(|_| Rc::from(address)),
            name: None,
            rtt_ms: *rtt,
            annotation: None,
        })
        .collect();
    let answered: Vec<f64> = rtts.iter().flatten().copied().collect();
    let lost = rtts.iter().filter(|r| r.is_none()).count();
    TraceHop {
        hop: n,
        loss_percent: (!rtts.is_empty()).then(|| lost as f64 * 100.0 / rtts.len() as f64),
        min_ms: answered.iter().copied().reduce(f64::min),
        avg_ms: (!answered.is_empty())
            .then(|| answered.iter().sum::<f64>() / answered.len() as f64),
        max_ms: answered.iter().copied().reduce(f64::max),
        addresses: if answered.is_empty() {
            vec![]
        } else {
            vec![Rc::from(address)]
        },
        probes,
    }
}

fn silent(n: u32) -> TraceHop {
    hop(n, "", &[None, None, None])
}

fn ok(n: u32, address: &str, ms: f64) -> TraceHop {
    hop(n, address, &[Some(ms), Some(ms + 0.2), Some(ms - 0.1)])
}

fn trace(hops: Vec<TraceHop>, reached: Option<bool>, address: Option<&str>) -> Traceroute {
    Traceroute {
        destination: Destination {
            name: Some("www.google.com".into()),
            address: address.map(Into::into),
        },
        max_hops: Some(30),
        hops,
        reached,
        source: TraceSource::Output,
        warnings: vec![],
    }
}

#[test]
fn a_reached_destination_is_reached_at_the_hop_that_answered_from_its_address() {
    let mut hops: Vec<TraceHop> = (1..=8)
        .map(|n| ok(n, &format!("10.0.0.{n}"), n as f64))
        .collect();
    hops.push(ok(9, "142.251.46.164", 9.0));
    let t = trace(hops, Some(true), Some("142.251.46.164"));
    assert_eq!(
        verdict(&t),
        Verdict::Reached {
            destination: Some("142.251.46.164"),
            hops: 9
        }
    );
}

#[test]
fn an_unreached_destination_names_the_last_hop_that_answered() {
    let mut hops: Vec<TraceHop> = (1..=3)
        .map(|n| ok(n, &format!("10.0.0.{n}"), 1.0))
        .collect();
    hops.push(ok(4, "10.27.66.2", 4.0));
    hops.extend((5..=30).map(silent));
    let t = trace(hops, Some(false), Some("142.251.46.164"));
    assert_eq!(
        verdict(&t),
        Verdict::NotReached {
            destination: Some("142.251.46.164"),
            last_answer: Some((4, Some("10.27.66.2")))
        }
    );
    let none = trace((1..=30).map(silent).collect(), Some(false), None);
    assert_eq!(
        verdict(&none),
        Verdict::NotReached {
            destination: Some("www.google.com"),
            last_answer: None
        }
    );
}

#[test]
fn when_reached_is_unknown_the_verdict_says_so() {
    let t = trace(
        vec![ok(1, "10.0.0.1", 1.0), ok(2, "10.0.0.2", 2.0)],
        None,
        None,
    );
    assert_eq!(
        verdict(&t),
        Verdict::Unknown {
            destination: Some("www.google.com"),
            last_answer: Some((2, Some("10.0.0.2")))
        }
    );
}

#[test]
fn a_run_of_silent_hops_is_one_row_and_a_gap_in_the_numbers_splits_it() {
    let mut hops = vec![ok(1, "10.0.0.1", 1.0), silent(2), ok(3, "10.0.0.3", 1.5)];
    hops.extend((5..=30).map(silent)); // hop 4 is in neither account
    let t = trace(hops, Some(false), Some("8.8.8.8"));
    let shown: Vec<String> = rows(&t)
        .iter()
        .map(|r| match r {
            HopRow::Hop { hop, .. } => format!("hop {}", hop.hop),
            HopRow::Silent { first, last } => format!("silent {first}-{last}"),
        })
        .collect();
    assert_eq!(shown, ["hop 1", "silent 2-2", "hop 3", "silent 5-30"]);
}

#[test]
fn rows_are_bounded_by_the_hops() {
    let hops: Vec<TraceHop> = (1..=255)
        .map(|n| {
            if n % 2 == 0 {
                silent(n)
            } else {
                ok(n, "10.0.0.1", 1.0)
            }
        })
        .collect();
    let t = trace(hops, Some(false), None);
    assert_eq!(rows(&t).len(), 255);
    let t = trace((1..=255).map(silent).collect(), Some(false), None);
    assert_eq!(rows(&t).len(), 1);
}

fn mark_of(t: &Traceroute, n: u32) -> Option<Mark> {
    rows(t).into_iter().find_map(|r| match r {
        HopRow::Hop { hop, mark } if hop.hop == n => Some(mark),
        _ => None,
    })?
}

#[test]
fn a_loss_jump_that_later_hops_do_not_carry_is_likely_a_rate_limit() {
    let t = trace(
        vec![
            ok(1, "10.0.0.1", 1.0),
            ok(2, "10.0.0.2", 2.0),
            hop(3, "10.0.0.3", &[Some(3.0), None, None]),
            ok(4, "10.0.0.4", 4.0),
            ok(5, "8.8.8.8", 5.0),
        ],
        Some(true),
        Some("8.8.8.8"),
    );
    assert_eq!(mark_of(&t, 2), None);
    assert_eq!(
        mark_of(&t, 3),
        Some(Mark {
            loss: true,
            latency: false,
            later: Later::Fine
        })
    );
    // Hop 4 is back to no loss: a fall is no jump.
    assert_eq!(mark_of(&t, 4), None);
}

#[test]
fn a_jump_the_last_hop_carries_is_where_the_path_degrades() {
    let t = trace(
        vec![
            ok(1, "10.0.0.1", 1.0),
            ok(2, "10.0.0.2", 80.0),
            ok(3, "10.0.0.3", 81.0),
        ],
        Some(true),
        Some("10.0.0.3"),
    );
    assert_eq!(
        mark_of(&t, 2),
        Some(Mark {
            loss: false,
            latency: true,
            later: Later::Carried
        })
    );
}

#[test]
fn a_jump_at_the_last_answering_hop_has_nothing_after_it_to_tell_by() {
    let t = trace(
        vec![
            ok(1, "10.0.0.1", 1.0),
            hop(2, "10.0.0.2", &[None, None, Some(2.0)]),
            silent(3),
        ],
        Some(false),
        Some("8.8.8.8"),
    );
    assert_eq!(mark_of(&t, 2).map(|m| m.later), Some(Later::Unknown));
}

#[test]
fn a_small_rise_after_a_slow_hop_is_no_jump_and_silent_hops_are_skipped_over() {
    // 150 → 185 ms: 35 ms more, but not double. 2 → (silent) → 40: against hop 1.
    let t = trace(
        vec![
            ok(1, "10.0.0.1", 150.0),
            ok(2, "10.0.0.2", 185.0),
            ok(3, "10.0.0.3", 2.0),
            silent(4),
            ok(5, "10.0.0.5", 40.0),
            ok(6, "10.0.0.6", 3.0),
        ],
        None,
        None,
    );
    assert_eq!(mark_of(&t, 2), None);
    assert_eq!(
        mark_of(&t, 5),
        Some(Mark {
            loss: false,
            latency: true,
            later: Later::Fine
        })
    );
}

#[test]
fn bars_share_the_slowest_probe_of_the_trace_as_their_scale() {
    let t = trace(
        vec![
            hop(1, "10.0.0.1", &[Some(10.0), Some(20.0), Some(30.0)]),
            ok(2, "10.0.0.2", 40.0),
            silent(3),
        ],
        None,
        None,
    );
    let scale = scale_ms(&t).unwrap();
    assert_eq!(scale, 40.2);
    let b = bar(&t.hops[0], scale).unwrap();
    assert!((b.from - 10.0 / 40.2 * 100.0).abs() < 1e-9, "{b:?}");
    assert!((b.avg - 20.0 / 40.2 * 100.0).abs() < 1e-9, "{b:?}");
    assert!((b.to - 30.0 / 40.2 * 100.0).abs() < 1e-9, "{b:?}");
    assert_eq!(bar(&t.hops[1], scale).unwrap().to, 100.0);
    assert_eq!(bar(&t.hops[2], scale), None);
    assert_eq!(scale_ms(&trace(vec![silent(1)], None, None)), None);
}

#[test]
fn the_csv_has_a_line_a_hop_with_lost_probes_empty_and_cells_written_safely() {
    let mut named = hop(2, "10.0.0.2", &[Some(1.5), None, Some(2.5)]);
    named.probes[0].name = Some(Rc::from("=evil,name"));
    let t = trace(
        vec![ok(1, "10.0.0.1", 1.0), named, silent(3)],
        Some(false),
        None,
    );
    let csv = hops_csv(&t);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "hop,address,name,probe1_ms,probe2_ms,probe3_ms,loss_percent,min_ms,avg_ms,max_ms"
    );
    assert_eq!(lines[1], "1,10.0.0.1,,1,1.2,0.9,0,0.9,1.033333,1.2");
    assert_eq!(
        lines[2],
        "2,10.0.0.2,\"'=evil,name\",1.5,,2.5,33.333333,1.5,2,2.5"
    );
    assert_eq!(lines[3], "3,,,,,,100,,,");
    assert_eq!(lines[4], "");
    assert_eq!(lines.len(), 5);
}

#[test]
fn elapsed_is_the_duration_once_known_else_the_time_since_the_start() {
    let mut r = TracerouteTestResult {
        status: TestStatus::Running,
        is_terminal: false,
        outcome: ap_ping_core::traceroute::TraceOutcome::Pending,
        progress_percent: Some(40.0),
        start_time: Some("2026-12-01T06:00:00Z".into()),
        end_time: None,
        duration_ms: None,
        fail_reason: None,
        raw_output: None,
        trace: None,
    };
    let start = 1_796_104_800_000.0; // 2026-12-01T06:00:00Z
    assert_eq!(elapsed_ms(&r, start + 72_000.0), Some(72_000.0));
    assert_eq!(elapsed_ms(&r, start - 1.0), None);
    r.duration_ms = Some(158_000.0);
    assert_eq!(elapsed_ms(&r, start + 72_000.0), Some(158_000.0));
}

fn ping(body: &str) -> ap_ping_widget::stats::PingTestResult {
    parse_ping_status(body).unwrap()
}

#[test]
fn only_a_finished_ping_with_loss_offers_a_trace_and_it_goes_where_the_ping_went() {
    let lossy = ping(
        r#"{"status":"COMPLETED","output":{"destination":"www.example.com","resolvedIp":"93.184.216.34","transmittedPacketsCount":"5","receivedPacketsCount":"3","packetLossPercent":"40"}}"#,
    );
    assert_eq!(
        trace_target(Some(" 8.8.8.8 "), &lossy).as_deref(),
        Some("8.8.8.8")
    );
    assert_eq!(
        trace_target(None, &lossy).as_deref(),
        Some("www.example.com")
    );
    let no_name = ping(
        r#"{"status":"COMPLETED","output":{"resolvedIp":"93.184.216.34","transmittedPacketsCount":"5","receivedPacketsCount":"4","packetLossPercent":"20"}}"#,
    );
    assert_eq!(
        trace_target(None, &no_name).as_deref(),
        Some("93.184.216.34")
    );
    let clean = ping(
        r#"{"status":"COMPLETED","output":{"destination":"www.example.com","transmittedPacketsCount":"5","receivedPacketsCount":"5","packetLossPercent":"0"}}"#,
    );
    assert_eq!(trace_target(Some("8.8.8.8"), &clean), None);
    let running = ping(r#"{"status":"RUNNING","progressPercent":"40"}"#);
    assert_eq!(trace_target(Some("8.8.8.8"), &running), None);
}

#[test]
fn the_traceroute_kind_checks_its_start_reads_a_status_and_expects_no_duration() {
    use ap_ping_widget::api::kind::{TestKind, TestStatus as _};
    use ap_ping_widget::api::traceroute::{TraceStartRequest, Traceroute as Kind};
    assert_eq!(Kind::OPERATION, "traceroute");
    assert!(
        Kind::start_body(&TraceStartRequest::default()).is_err(),
        "a destination is required"
    );
    let start = TraceStartRequest {
        destination: "www.example.com".into(),
        include_raw_output: Some(true),
        ..Default::default()
    };
    let body = Kind::start_body(&start).unwrap();
    assert!(
        body.starts_with(r#"{"destination":"www.example.com""#),
        "{body}"
    );
    assert!(body.contains(r#""includeRawOutput":true"#), "{body}");
    // How long a trace runs cannot be told from its start: polls follow its progress.
    assert_eq!(Kind::expected_duration_ms(&start), None);
    let running = Kind::read_status(r#"{"status":"RUNNING","progressPercent":"40"}"#).unwrap();
    assert!(!running.is_terminal());
    assert_eq!(running.progress_percent(), Some(40.0));
}
