//! The traceroute over real HTTP on 127.0.0.1: each destination's scenario from start to
//! end in both path versions, read back by the widget's own reader
//! (`ap_ping_core::traceroute`), the AP's shapes field by field, and the errors. What a
//! device's own scenario does to any test (409, 403, 429s, slow and broken answers) is
//! tested for both tests in `api.rs`.

use ap_ping_core::stats::TestStatus;
use ap_ping_core::traceroute::{
    parse_traceroute_output, parse_traceroute_status, TraceOutcome, TraceSource, Traceroute,
    TracerouteTestResult,
};
use mock_central::scenario::traceroute::TRACE_SCENARIOS;
use mock_central::Config;
use reqwest::StatusCode;
use serde_json::{json, Value};

mod support;
use support::{start, Mock};

const VERSIONS: [&str; 2] = ["v1alpha1", "v1"];
const V1: &str = "/network-troubleshooting/v1";

/// One hop every 10 ms: the 30 hops of the unreachable trace take 0.3 s.
fn fast() -> Config {
    support::fast(10)
}

/// What these tests ask beyond the shared helpers.
trait TraceApi {
    async fn start_trace(&self, version: &str, serial: &str, body: Value) -> (StatusCode, Value);
    async fn run_trace(&self, version: &str, serial: &str, body: Value) -> Vec<Value>;
    async fn trace(&self, version: &str, destination: &str) -> (Vec<Value>, TracerouteTestResult);
}

impl TraceApi for Mock {
    /// `POST …/{version}/aps/{serial}/traceroute`: status and body.
    async fn start_trace(&self, version: &str, serial: &str, body: Value) -> (StatusCode, Value) {
        let api = format!("/network-troubleshooting/{version}");
        self.post_start(&api, "traceroute", serial, &body).await
    }

    /// A whole trace started with `body`, its 202 checked: every status seen.
    async fn run_trace(&self, version: &str, serial: &str, body: Value) -> Vec<Value> {
        let (status, started) = self.start_trace(version, serial, body).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{started}");
        assert_eq!(started["status"], "INITIATED");
        assert!(started["startTime"].is_string());
        let location = started["location"].as_str().unwrap();
        let prefix =
            format!("/network-troubleshooting/{version}/aps/{serial}/traceroute/async-operations/");
        assert!(location.starts_with(&prefix), "{location}");
        assert_eq!(location.len(), prefix.len() + 36, "a UUID task id");
        self.poll_to_end(location).await
    }

    /// A whole trace to `destination` from the clean demo AP: every status seen, and the
    /// last one as the widget reads it.
    async fn trace(&self, version: &str, destination: &str) -> (Vec<Value>, TracerouteTestResult) {
        let seen = self
            .run_trace(version, "CNF7G9X001", json!({ "destination": destination }))
            .await;
        let last = seen.last().unwrap().to_string();
        let result = parse_traceroute_status(&last).unwrap_or_else(|e| panic!("{e}: {last}"));
        (seen, result)
    }
}

/// The trace of a completed result.
fn trace_of(result: &TracerouteTestResult) -> &Traceroute {
    result.trace.as_deref().expect("a trace")
}

/// Each hop's distinct addresses.
fn addresses(trace: &Traceroute) -> Vec<(u32, Vec<String>)> {
    trace
        .hops
        .iter()
        .map(|h| (h.hop, h.addresses.iter().map(|a| a.to_string()).collect()))
        .collect()
}

/// Progress only rises, each value the hops done over the hops run, to 100 at the end.
fn assert_progress_by_hop(seen: &[Value], hops: u32) {
    let progress: Vec<u32> = seen
        .iter()
        .map(|b| b["progressPercent"].as_u64().unwrap() as u32)
        .collect();
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    assert_eq!(progress.last(), Some(&100));
    for p in &progress[..progress.len() - 1] {
        assert!(
            (0..hops).any(|done| done * 100 / hops == *p),
            "{p}% is not a whole number of {hops} hops: {progress:?}"
        );
    }
    assert!(
        seen.iter().any(|b| b["status"] == "RUNNING"),
        "seen running: {seen:?}"
    );
}

/// The trace takes one reply interval a hop, after half an interval to start.
fn assert_duration(result: &TracerouteTestResult, hops: u32) {
    let expected = 10.0 * f64::from(hops) + 5.0;
    let took = result.duration_ms.unwrap();
    assert!((took - expected).abs() < 0.001, "{took} ms for {hops} hops");
}

#[tokio::test]
async fn a_trace_to_any_other_destination_reaches_it_in_8_hops() {
    let mock = start(fast()).await;
    for version in VERSIONS {
        for (destination, address) in [("www.example.com", "203.0.113.80"), ("8.8.8.8", "8.8.8.8")]
        {
            let (seen, result) = mock.trace(version, destination).await;
            assert_progress_by_hop(&seen, 8);
            assert_duration(&result, 8);
            assert_eq!(result.status, TestStatus::Completed);
            assert_eq!(result.outcome, TraceOutcome::Traced);
            let trace = trace_of(&result);
            assert_eq!(trace.destination.name.as_deref(), Some(destination));
            assert_eq!(trace.destination.address.as_deref(), Some(address));
            assert_eq!(trace.reached, Some(true), "{version} {destination}");
            let hops: Vec<u32> = trace.hops.iter().map(|h| h.hop).collect();
            assert_eq!(hops, (1..=8).collect::<Vec<_>>());
            assert!(trace.hops.iter().all(|h| h.loss_percent == Some(0.0)));
            assert_eq!(addresses(trace)[0], (1, vec!["10.27.113.225".to_owned()]));
            assert_eq!(addresses(trace)[7], (8, vec![address.to_owned()]));
            assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);
        }
    }
}

#[tokio::test]
async fn an_unreachable_trace_answers_to_hop_4_and_is_silent_to_30() {
    let mock = start(fast()).await;
    for version in VERSIONS {
        for destination in ["unreachable.example", "192.0.2.1"] {
            let (seen, result) = mock.trace(version, destination).await;
            assert_progress_by_hop(&seen, 30);
            assert_duration(&result, 30);
            let trace = trace_of(&result);
            assert_eq!(trace.destination.address.as_deref(), Some("192.0.2.1"));
            assert_eq!(trace.reached, Some(false), "{version} {destination}");
            let hops: Vec<u32> = trace.hops.iter().map(|h| h.hop).collect();
            assert_eq!(hops, (1..=30).collect::<Vec<_>>());
            let loss: Vec<f64> = trace.hops.iter().map(|h| h.loss_percent.unwrap()).collect();
            assert_eq!(loss[..4], [0.0; 4]);
            assert_eq!(loss[4..], [100.0; 26]);
            assert!(trace.hops[4..].iter().all(|h| h.addresses.is_empty()));
        }
    }
}

#[tokio::test]
async fn a_lossy_path_loses_at_one_hop_only_and_slows_for_good_at_another() {
    let mock = start(fast()).await;
    for version in VERSIONS {
        let (seen, result) = mock.trace(version, "lossy-path.example").await;
        assert_progress_by_hop(&seen, 10);
        assert_duration(&result, 10);
        let trace = trace_of(&result);
        assert_eq!(trace.reached, Some(true));
        assert_eq!(trace.hops.len(), 10);
        let loss: Vec<f64> = trace.hops.iter().map(|h| h.loss_percent.unwrap()).collect();
        assert!(
            (loss[3] - 200.0 / 3.0).abs() < 0.01,
            "hop 4 loses 2 of 3: {loss:?}"
        );
        assert!(
            loss.iter().enumerate().all(|(i, l)| i == 3 || *l == 0.0),
            "the hops after it are fine: {loss:?}"
        );
        let avg: Vec<f64> = trace.hops.iter().map(|h| h.avg_ms.unwrap()).collect();
        assert!(avg[6] > 4.0 * avg[5], "hop 7 jumps: {avg:?}");
        let before = trace.hops[5].max_ms.unwrap();
        assert!(
            trace.hops[6..]
                .iter()
                .all(|h| h.min_ms.unwrap() > 4.0 * before),
            "and stays up: {avg:?}"
        );
    }
}

#[tokio::test]
async fn a_two_address_hop_is_missing_from_output_hops_and_present_in_raw_output() {
    let mock = start(fast()).await;
    for version in VERSIONS {
        // Not asked for: this scenario sends rawOutput anyway.
        let seen = mock
            .run_trace(
                version,
                "CNF7G9X001",
                json!({ "destination": "multipath.example", "includeRawOutput": false }),
            )
            .await;
        assert_progress_by_hop(&seen, 9);
        let last = seen.last().unwrap();
        let listed: Vec<&str> = last["output"]["hops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["hop"].as_str().unwrap())
            .collect();
        assert_eq!(listed, ["1", "2", "4", "5", "6", "7", "8", "9"]);
        let raw = last["rawOutput"].as_str().unwrap();
        let line = raw.lines().find(|l| l.starts_with(" 3  ")).unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            [words[1], words[4]],
            ["10.186.128.6", "10.186.128.4"],
            "{line}"
        );

        let result = parse_traceroute_status(&last.to_string()).unwrap();
        let trace = trace_of(&result);
        assert_eq!(trace.source, TraceSource::Merged);
        assert_eq!(trace.hops.len(), 9);
        assert_eq!(
            addresses(trace)[2],
            (
                3,
                vec!["10.186.128.6".to_owned(), "10.186.128.4".to_owned()]
            )
        );
        assert_eq!(trace.warnings, ["hop 3 filled in from rawOutput"]);
        assert_eq!(trace.reached, Some(true));
    }
}

#[tokio::test]
async fn an_unresolvable_destination_completes_with_a_fail_reason_and_no_output() {
    let mock = start(fast()).await;
    for version in VERSIONS {
        let (_, result) = mock.trace(version, "unresolvable.example").await;
        assert_eq!(result.status, TestStatus::Completed);
        assert_eq!(result.outcome, TraceOutcome::NoResult);
        assert_eq!(
            result.fail_reason.as_deref(),
            Some("Destination not resolved")
        );
        assert!(result.trace.is_none());
        assert_eq!(
            result.raw_output.as_deref(),
            Some("\nCOMMAND=traceroute unresolvable.example\ntraceroute: bad address 'unresolvable.example'\n")
        );
    }
    // A device whose tests never resolve does the same with any destination.
    let last = mock
        .run_trace(
            "v1",
            "CNF7G9X012",
            json!({ "destination": "www.example.com" }),
        )
        .await
        .pop()
        .unwrap();
    assert_eq!(
        (&last["status"], &last["failReason"], &last["output"]),
        (
            &json!("COMPLETED"),
            &json!("Destination not resolved"),
            &Value::Null
        )
    );
}

/// Every value a string, as the AP writes them: `"1"`, `"0.942 ms"`, `"*"`, `"null"`.
#[tokio::test]
async fn the_status_is_in_the_aps_shapes() {
    let mock = start(fast()).await;
    let (_, started) = mock
        .start_trace(
            "v1",
            "CNF7G9X001",
            json!({ "destination": "lossy-path.example" }),
        )
        .await;
    let location = started["location"].as_str().unwrap();
    let first = mock.get(location).await.json::<Value>().await.unwrap();
    assert_eq!(
        first,
        json!({ "startTime": started["startTime"], "endTime": null, "rawOutput": null, "output": null,
                "failReason": null, "progressPercent": 0, "status": "INITIATED" })
    );
    let last = mock.poll_to_end(location).await.pop().unwrap();
    let nanos = |t: &Value| {
        let t = t.as_str().unwrap();
        t.len() == 30 && t.ends_with('Z') && t.as_bytes()[19] == b'.'
    };
    assert!(
        nanos(&last["startTime"]) && nanos(&last["endTime"]),
        "{last}"
    );
    let output = &last["output"];
    assert_eq!(output["destination"], "lossy-path.example");
    assert_eq!(output["resolvedIp"], "203.0.113.120");
    let hops = output["hops"].as_array().unwrap();
    for (i, hop) in hops.iter().enumerate() {
        assert_eq!(hop["hop"], json!((i + 1).to_string()));
        for probe in hop["probes"].as_array().unwrap() {
            assert_eq!(probe["ipAddress"], "null", "the AP's address is elsewhere");
            let time = probe["responseTimeMilliseconds"].as_str().unwrap();
            let address = probe["reverseDnsResolution"].as_str().unwrap();
            if time == "*" {
                assert_eq!(address, "null");
                continue;
            }
            let number = time.strip_suffix(" ms").unwrap();
            let (whole, fraction) = number.split_once('.').unwrap();
            assert!(
                whole.parse::<u32>().is_ok() && fraction.len() == 3,
                "{time}"
            );
            assert!(address.parse::<std::net::IpAddr>().is_ok(), "{address}");
        }
    }
    let lost: Vec<&Value> = hops[3]["probes"].as_array().unwrap()[1..].iter().collect();
    assert_eq!(
        lost,
        [&json!({ "ipAddress": "null", "responseTimeMilliseconds": "*", "reverseDnsResolution": "null" });
            2]
    );
    let raw = last["rawOutput"].as_str().unwrap();
    assert!(
        raw.starts_with("\nCOMMAND=traceroute lossy-path.example\ntraceroute to 203.0.113.120 (203.0.113.120), 30 hops max, 38 byte packets\n 1  10.27.113.225  "),
        "{raw}"
    );

    // A hop where nothing answered is one lost probe, as in the description's example.
    let last = mock
        .run_trace(
            "v1",
            "CNF7G9X001",
            json!({ "destination": "unreachable.example" }),
        )
        .await
        .pop()
        .unwrap();
    assert_eq!(
        last["output"]["hops"][29],
        json!({ "hop": "30", "probes": [{ "ipAddress": "null", "responseTimeMilliseconds": "*", "reverseDnsResolution": "null" }] })
    );
    assert!(last["rawOutput"]
        .as_str()
        .unwrap()
        .contains("\n 5  * * *\n"));
}

/// `rawOutput`, read as text, says what `output.hops` says.
#[tokio::test]
async fn raw_output_reads_back_as_the_same_path() {
    let mock = start(fast()).await;
    for destination in [
        "www.example.com",
        "unreachable.example",
        "lossy-path.example",
    ] {
        let (_, result) = mock.trace("v1", destination).await;
        let from_output = trace_of(&result);
        let raw = result.raw_output.as_deref().unwrap();
        let from_raw = parse_traceroute_output(raw).unwrap_or_else(|e| panic!("{e}: {raw}"));
        assert_eq!(from_raw.max_hops, Some(30));
        assert_eq!(from_raw.reached, from_output.reached, "{destination}");
        assert_eq!(
            addresses(&from_raw),
            addresses(from_output),
            "{destination}"
        );
        let times = |t: &Traceroute| -> Vec<Vec<Option<f64>>> {
            t.hops
                .iter()
                .map(|h| h.probes.iter().map(|p| p.rtt_ms).collect())
                .collect()
        };
        let (raw_times, output_times) = (times(&from_raw), times(from_output));
        for (hop, (r, o)) in raw_times.iter().zip(&output_times).enumerate() {
            // A silent hop is three stars in the text, one lost probe in `output`.
            if o.iter().all(Option::is_none) {
                assert!(r.iter().all(Option::is_none), "hop {}", hop + 1);
            } else {
                assert_eq!(r, o, "{destination} hop {}", hop + 1);
            }
        }
    }
}

#[tokio::test]
async fn the_same_seed_draws_the_same_trace() {
    let mut runs = Vec::new();
    for seed in [42, 42, 43] {
        let mock = start(Config { seed, ..fast() }).await;
        let mut last = mock
            .run_trace(
                "v1",
                "CNF7G9X001",
                json!({ "destination": "lossy-path.example" }),
            )
            .await
            .pop()
            .unwrap();
        for time in ["startTime", "endTime"] {
            last[time] = Value::Null;
        }
        runs.push(last);
    }
    assert_eq!(runs[0], runs[1]);
    assert_ne!(
        runs[2]["output"], runs[0]["output"],
        "another seed, other times"
    );
}

#[tokio::test]
async fn a_bad_start_body_gets_400_with_every_problem_named() {
    let mock = start(fast()).await;
    for (body, message) in [
        (json!({}), "Validation errors - destination is required"),
        (
            json!({ "destination": "not a host!" }),
            "Validation errors - destination must be a hostname or an IP address",
        ),
        (
            json!({ "includeRawOutput": "yes", "sourceInterface": 5, "destination": "a b" }),
            "Validation errors - includeRawOutput: expected true or false, got the string \"yes\"; sourceInterface: expected a string, got the number 5; destination must be a hostname or an IP address",
        ),
        (
            json!({ "destination": "a.example", "sourceInterface": "" }),
            "Validation errors - sourceInterface must be a short, non-empty text",
        ),
        (
            json!([1]),
            "Validation errors - expected a JSON object, got an array",
        ),
    ] {
        for version in VERSIONS {
            let (status, error) = mock.start_trace(version, "CNF7G9X001", body.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(
                error,
                json!({ "errorCode": "HPE_GL_ERROR_BAD_REQUEST", "message": message })
            );
        }
    }
    let (status, _) = mock
        .start_trace(
            "v1",
            "CNF7G9X001",
            json!({ "destination": "a.example", "sourceInterface": "eth0", "includeRawOutput": true, "maxHops": 64 }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::ACCEPTED,
        "every field the API knows, others ignored"
    );
    assert_eq!(
        mock.mock_endpoint("state").await["tasks"],
        1,
        "no task for a 400"
    );
}

#[tokio::test]
async fn unknown_tasks_devices_and_operations_get_404() {
    let mock = start(fast()).await;
    let r = mock
        .get(&format!(
            "{V1}/aps/CNF7G9X001/traceroute/async-operations/c7a3f2d1-e8a9-4b7c-8d1e-0f9a3b2c1d0e"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({ "errorCode": "HPE_GL_ERROR_NOT_FOUND", "message": "Async operation task not found: c7a3f2d1-e8a9-4b7c-8d1e-0f9a3b2c1d0e" })
    );
    let (status, body) = mock
        .start_trace("v1", "CNNOSUCH01", json!({ "destination": "a.example" }))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["message"], "Device not found: CNNOSUCH01");

    // A task is found only under the operation and serial that started it.
    let (_, started) = mock
        .start_trace("v1", "CNF7G9X001", json!({ "destination": "a.example" }))
        .await;
    let trace = started["location"].as_str().unwrap();
    assert_eq!(mock.get(trace).await.status(), StatusCode::OK);
    for elsewhere in [
        trace.replace("/traceroute/", "/ping/"),
        trace.replace("CNF7G9X001", "CNF7G9X002"),
    ] {
        assert_eq!(
            mock.get(&elsewhere).await.status(),
            StatusCode::NOT_FOUND,
            "{elsewhere}"
        );
    }
    let (status, body) = mock
        .post_start(
            V1,
            "nslookup",
            "CNF7G9X001",
            &json!({ "host": "a.example" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["message"],
        "No route for POST /network-troubleshooting/v1/aps/CNF7G9X001/nslookup"
    );
}

#[tokio::test]
async fn a_device_that_reports_no_progress_traces_without_saying_how_far() {
    let mock = start(fast()).await;
    let seen = mock
        .run_trace(
            "v1",
            "CNF7G9X015",
            json!({ "destination": "www.example.com" }),
        )
        .await;
    let (last, before) = seen.split_last().unwrap();
    assert!(
        before.iter().all(|b| b["progressPercent"].is_null()),
        "{before:?}"
    );
    assert!(before.iter().any(|b| b["status"] == "RUNNING"));
    assert_eq!(last["progressPercent"], 100);
    assert_eq!(last["output"]["hops"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn the_request_log_names_traceroute_requests() {
    let mock = start(fast()).await;
    let (_, started) = mock
        .start_trace(
            "v1alpha1",
            "CNF7G9X001",
            json!({ "destination": "a.example" }),
        )
        .await;
    mock.get(started["location"].as_str().unwrap()).await;
    let ping = mock
        .post_ping(V1, "CNF7G9X001", &json!({ "destination": "a.example" }))
        .await
        .1;
    mock.get(ping["location"].as_str().unwrap()).await;
    let log = mock.mock_endpoint("requests").await;
    let kinds: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["traceroute-start", "traceroute-status", "start", "status"]
    );
}

#[tokio::test]
async fn the_scenarios_are_listed_for_the_demos_picker() {
    let mock = start(fast()).await;
    let listed = mock.mock_endpoint("traceroute-scenarios").await;
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), TRACE_SCENARIOS.len());
    let summary: Vec<(&str, u64, bool)> = listed
        .iter()
        .map(|s| {
            (
                s["destination"].as_str().unwrap(),
                s["hops"].as_u64().unwrap(),
                s["reached"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("www.example.com", 8, true),
            ("unreachable.example", 30, false),
            ("lossy-path.example", 10, true),
            ("multipath.example", 9, true),
            ("unresolvable.example", 0, false),
        ]
    );
    assert_eq!(listed[1]["also"], json!(["192.0.2.1"]));
    assert!(listed
        .iter()
        .all(|s| !s["description"].as_str().unwrap().is_empty()));
}
