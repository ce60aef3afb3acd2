//! The stand-in over real HTTP on 127.0.0.1: every endpoint, error and scenario.

use ap_ping_core::stats::{parse_ping_output, parse_ping_status, StatisticsSource};
use mock_central::Config;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

const API: &str = "/network-troubleshooting/v1alpha1";

mod support;
use support::{start, Mock};

fn fast() -> Config {
    support::fast(20)
}

/// Both tests, for what every test's device does alike.
const OPERATIONS: [&str; 2] = ["ping", "traceroute"];

/// What these tests ask beyond the shared helpers.
trait PingApi {
    async fn post(&self, serial: &str, body: Value) -> (StatusCode, Value);
    async fn start_test(&self, serial: &str, destination: &str) -> String;
    async fn start_operation(&self, operation: &str, serial: &str, destination: &str) -> String;
}

impl PingApi for Mock {
    async fn post(&self, serial: &str, body: Value) -> (StatusCode, Value) {
        self.post_ping(API, serial, &body).await
    }

    async fn start_test(&self, serial: &str, destination: &str) -> String {
        let (status, body) = self
            .post(serial, json!({ "destination": destination, "count": 5 }))
            .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        body["location"].as_str().unwrap().to_owned()
    }

    async fn start_operation(&self, operation: &str, serial: &str, destination: &str) -> String {
        let (status, body) = self
            .post_start(
                API,
                operation,
                serial,
                &json!({ "destination": destination }),
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{operation}: {body}");
        body["location"].as_str().unwrap().to_owned()
    }
}

/// Whether `text` reads as a status answer of `operation`.
fn reads_as_status(operation: &str, text: &str) -> bool {
    match operation {
        "ping" => parse_ping_status(text).is_ok(),
        _ => ap_ping_core::traceroute::parse_traceroute_status(text).is_ok(),
    }
}

#[tokio::test]
async fn the_demo_devices_are_listed_with_what_each_shows() {
    let mock = start(fast()).await;
    let devices = mock.mock_endpoint("devices").await;
    let devices = devices.as_array().unwrap();
    assert_eq!(devices.len(), mock_central::scenario::DEVICES.len());
    assert_eq!(
        devices[0],
        json!({ "serial": "CNF7G9X001", "name": "lobby-ap-01 (clean)" })
    );
    assert!(devices
        .iter()
        .any(|d| d["name"] == "warehouse-ap-02 (lossy)"));
}

#[tokio::test]
async fn a_clean_test_runs_from_initiated_to_completed_with_rising_progress() {
    let mock = start(fast()).await;
    let (status, started) = mock
        .post(
            "CNF7G9X001",
            json!({ "destination": "www.google.com", "count": 5 }),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(started["status"], "INITIATED");
    let location = started["location"].as_str().unwrap();
    assert!(location.starts_with(&format!("{API}/aps/CNF7G9X001/ping/async-operations/")));
    assert_eq!(
        location.rsplit('/').next().unwrap().len(),
        36,
        "a UUID task id"
    );

    let seen = mock.poll_to_end(location).await;
    let progress: Vec<i64> = seen
        .iter()
        .map(|b| b["progressPercent"].as_i64().unwrap())
        .collect();
    assert!(
        progress.windows(2).all(|w| w[0] <= w[1]),
        "progress only rises: {progress:?}"
    );
    assert!(seen.iter().any(|b| b["status"] == "RUNNING"));
    let last = seen.last().unwrap();
    assert_eq!(last["status"], "COMPLETED");
    assert_eq!(last["progressPercent"], 100);

    let result = parse_ping_status(&last.to_string()).unwrap();
    let stats = result.statistics.unwrap();
    assert_eq!(stats.source, StatisticsSource::Output);
    assert_eq!((stats.transmitted, stats.received, stats.lost), (5, 5, 0));
    assert_eq!(stats.destination.as_deref(), Some("www.google.com"));
    assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
    assert!(result.duration_ms.unwrap() > 0.0);
}

#[tokio::test]
async fn output_is_in_the_api_shape_and_consistent_with_raw_output() {
    let mock = start(fast()).await;
    let location = mock.start_test("CNF7G9X002", "www.google.com").await;
    let last = mock.poll_to_end(&location).await.pop().unwrap();
    let output = &last["output"];
    for field in [
        "receivedPacketsCount",
        "transmittedPacketsCount",
        "packetLossPercent",
        "averageRoundTripTimeMilliseconds",
    ] {
        assert!(
            output[field].is_string(),
            "{field} is a string as in the API"
        );
    }
    assert!(output["replies"][0]["sentPacketIcmpSequenceNumber"].is_string());
    let raw = last["rawOutput"].as_str().unwrap();
    assert!(raw.starts_with("\nCOMMAND=ping www.google.com\nPING "));

    let from_output = parse_ping_status(&last.to_string())
        .unwrap()
        .statistics
        .unwrap();
    let from_raw = parse_ping_output(raw).unwrap();
    assert!(from_output.lost >= 1, "the lossy AP loses packets");
    assert_eq!(from_output.transmitted, from_raw.transmitted);
    assert_eq!(from_output.received, from_raw.received);
    assert_eq!(from_output.loss_percent, from_raw.loss_percent);
    assert_eq!(from_output.replies, from_raw.replies);
    assert_eq!(from_output.missing_sequences, from_raw.missing_sequences);
    assert_eq!(from_output.rtt, from_raw.rtt);
    assert!(from_raw.warnings.is_empty(), "{:?}", from_raw.warnings);
}

#[tokio::test]
async fn total_loss_and_unresolvable_destinations() {
    let mock = start(fast()).await;
    let location = mock.start_test("CNF7G9X003", "10.255.255.1").await;
    let last = mock.poll_to_end(&location).await.pop().unwrap();
    let stats = parse_ping_status(&last.to_string())
        .unwrap()
        .statistics
        .unwrap();
    assert_eq!((stats.received, stats.loss_percent), (0, Some(100.0)));
    assert_eq!(stats.rtt, None);

    let location = mock.start_test("CNF7G9X001", "no-such-host.invalid").await;
    let last = mock.poll_to_end(&location).await.pop().unwrap();
    assert_eq!(last["status"], "FAILED");
    assert_eq!(
        last["failReason"],
        "Unable to resolve host: no-such-host.invalid"
    );
}

#[tokio::test]
async fn invalid_requests_get_400_with_the_api_message() {
    let mock = start(fast()).await;
    for (body, message) in [
        (
            json!({ "destination": "a.example", "packetSize": 5 }),
            "Validation errors - packetSize must be between 10 and 2000",
        ),
        (
            json!({ "destination": "a.example", "count": 101 }),
            "Validation errors - count must be between 1 and 100",
        ),
        (
            json!({ "destination": "a.example", "vlan": 0 }),
            "Validation errors - vlan must be between 1 and 4095",
        ),
        (
            json!({ "destination": "a.example", "role": 5 }),
            "Validation errors - role: expected a string, got the number 5",
        ),
        (
            json!({ "destination": "a.example", "includeRawOutput": "yes" }),
            "Validation errors - includeRawOutput: expected true or false, got the string \"yes\"",
        ),
        (json!({}), "Validation errors - destination is required"),
        (
            json!({ "count": "5", "vlan": 0 }),
            "Validation errors - count: expected a whole number, got the string \"5\"; destination is required; vlan must be between 1 and 4095",
        ),
        (
            json!({ "destination": "not a host!" }),
            "Validation errors - destination must be a hostname or an IP address",
        ),
    ] {
        let (status, error) = mock.post("CNF7G9X001", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            error,
            json!({ "errorCode": "HPE_GL_ERROR_BAD_REQUEST", "message": message })
        );
    }
    let r = mock
        .client
        .post(format!("{}{API}/aps/CNF7G9X001/ping", mock.base))
        .bearer_auth("demo-token")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let error: Value = r.json().await.unwrap();
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("Validation errors - not valid JSON"),
        "{message}"
    );
}

#[tokio::test]
async fn a_missing_or_wrong_token_gets_401_on_both_endpoints() {
    let mock = start(fast()).await;
    let location = mock.start_test("CNF7G9X001", "a.example").await;
    let url = format!("{}{location}", mock.base);
    for request in [
        mock.client.get(&url),
        mock.client.get(&url).bearer_auth("wrong"),
        mock.client
            .post(format!("{}{API}/aps/CNF7G9X001/ping", mock.base))
            .json(&json!({"destination": "a.example"})),
    ] {
        let r = request.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let body: Value = r.json().await.unwrap();
        assert_eq!(
            body,
            json!({ "errorCode": "HPE_GL_ERROR_UNAUTHORIZED", "message": "Authentication required." })
        );
    }
}

#[tokio::test]
async fn unknown_devices_tasks_and_offline_aps() {
    let mock = start(fast()).await;
    let (status, body) = mock
        .post("CNNOSUCH01", json!({ "destination": "a.example" }))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["errorCode"], "HPE_GL_ERROR_NOT_FOUND");

    for operation in OPERATIONS {
        let (status, body) = mock
            .post_start(
                API,
                operation,
                "CNF7G9X004",
                &json!({ "destination": "a.example" }),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{operation}");
        assert_eq!(body["errorCode"], "HPE_GL_ERROR_CONFLICT");
    }

    let r = mock
        .get(&format!(
            "{API}/aps/CNF7G9X001/ping/async-operations/c7a3f2d1-e8a9-4b7c-8d1e-0f9a3b2c1d0e"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({ "errorCode": "HPE_GL_ERROR_NOT_FOUND", "message": "Async operation task not found: c7a3f2d1-e8a9-4b7c-8d1e-0f9a3b2c1d0e" })
    );

    let location = mock.start_test("CNF7G9X001", "a.example").await;
    let other_serial = location.replace("CNF7G9X001", "CNF7G9X002");
    assert_eq!(
        mock.get(&other_serial).await.status(),
        StatusCode::NOT_FOUND,
        "a task of another serial"
    );
}

#[tokio::test]
async fn the_per_token_rate_limit_answers_429_with_and_without_retry_after() {
    for retry_after in [true, false] {
        let mock = start(Config {
            rate_limit_per_second: 3,
            retry_after,
            ..fast()
        })
        .await;
        let url = format!("{API}/aps/CNF7G9X001/ping/async-operations/x");
        let mut statuses = Vec::new();
        let mut header = None;
        for _ in 0..5 {
            let r = mock.get(&url).await;
            statuses.push(r.status().as_u16());
            if r.status() == StatusCode::TOO_MANY_REQUESTS {
                header = Some(
                    r.headers()
                        .get("retry-after")
                        .map(|v| v.to_str().unwrap().to_owned()),
                );
                let body: Value = r.json().await.unwrap();
                assert_eq!(body["errorCode"], "HPE_GL_ERROR_TOO_MANY_REQUESTS");
            }
        }
        assert_eq!(statuses, [404, 404, 404, 429, 429]);
        assert_eq!(header, Some(retry_after.then(|| "1".to_owned())));
    }
}

#[tokio::test]
async fn scenario_devices_misbehave_as_documented() {
    let mock = start(fast()).await;
    for operation in OPERATIONS {
        let statuses = |serial: &'static str| {
            let mock = &mock;
            async move {
                let location = mock.start_operation(operation, serial, "a.example").await;
                let mut out = Vec::new();
                for _ in 0..4 {
                    let r = mock.get(&location).await;
                    out.push((
                        r.status().as_u16(),
                        r.headers().get("retry-after").is_some(),
                    ));
                }
                out
            }
        };
        assert_eq!(
            statuses("CNF7G9X007").await,
            [(200, false), (500, false), (200, false), (500, false)],
            "{operation}"
        );
        assert_eq!(
            statuses("CNF7G9X008").await,
            [(429, true), (200, false), (200, false), (429, true)],
            "{operation}"
        );
        assert_eq!(
            statuses("CNF7G9X009").await,
            [(429, false), (200, false), (200, false), (429, false)],
            "{operation}"
        );

        let location = mock
            .start_operation(operation, "CNF7G9X010", "a.example")
            .await;
        let text = mock.get(&location).await.text().await.unwrap();
        assert!(
            serde_json::from_str::<Value>(&text).is_err(),
            "cut-off JSON: {text}"
        );
        assert!(!reads_as_status(operation, &text), "{operation}: {text}");

        let location = mock
            .start_operation(operation, "CNF7G9X011", "a.example")
            .await;
        let r = mock.get(&location).await;
        assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");

        let location = mock
            .start_operation(operation, "CNF7G9X005", "a.example")
            .await;
        let began = std::time::Instant::now();
        let r = mock.get(&location).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            began.elapsed() >= Duration::from_millis(1400),
            "slow answers are slow"
        );
        assert!(reads_as_status(operation, &r.text().await.unwrap()));

        let location = mock
            .start_operation(operation, "CNF7G9X006", "a.example")
            .await;
        let hanging = mock
            .client
            .get(format!("{}{location}", mock.base))
            .bearer_auth("demo-token")
            .timeout(Duration::from_millis(300))
            .send()
            .await;
        assert!(
            hanging.unwrap_err().is_timeout(),
            "hanging answers never come"
        );
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_runs() {
    let mut runs = Vec::new();
    for _ in 0..2 {
        let mock = start(Config { seed: 42, ..fast() }).await;
        let location = mock.start_test("CNF7G9X002", "lossy.example").await;
        let mut last = mock.poll_to_end(&location).await.pop().unwrap();
        for time in ["startTime", "endTime"] {
            last[time] = Value::Null;
        }
        runs.push((location, last));
    }
    assert_eq!(runs[0], runs[1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_pollers_all_see_their_test_to_the_end() {
    let mock = std::sync::Arc::new(start(fast()).await);
    let mut pollers = Vec::new();
    for i in 0..50 {
        let mock = mock.clone();
        pollers.push(tokio::spawn(async move {
            let serial = if i % 2 == 0 {
                "CNF7G9X001"
            } else {
                "CNF7G9X002"
            };
            let location = mock.start_test(serial, &format!("host-{i}.example")).await;
            let last = mock.poll_to_end(&location).await.pop().unwrap();
            let stats = parse_ping_status(&last.to_string())
                .unwrap()
                .statistics
                .unwrap();
            assert_eq!(stats.destination, Some(format!("host-{i}.example")));
            assert_eq!(stats.transmitted, 5);
            location
        }));
    }
    let mut locations = Vec::new();
    for p in pollers {
        locations.push(p.await.unwrap());
    }
    locations.sort();
    locations.dedup();
    assert_eq!(locations.len(), 50, "every poller had its own task");
    assert_eq!(mock.mock_endpoint("state").await["tasks"], 50);
}

#[tokio::test]
async fn stored_tasks_stay_bounded() {
    let mock = start(Config {
        max_tasks: 20,
        ..fast()
    })
    .await;
    let first = mock.start_test("CNF7G9X001", "a.example").await;
    for _ in 0..100 {
        mock.start_test("CNF7G9X001", "a.example").await;
    }
    assert_eq!(mock.mock_endpoint("state").await["tasks"], 20);
    assert_eq!(
        mock.get(&first).await.status(),
        StatusCode::NOT_FOUND,
        "the oldest task was forgotten"
    );
}

#[tokio::test]
async fn the_request_log_counts_every_api_request() {
    let mock = start(fast()).await;
    let location = mock.start_test("CNF7G9X001", "a.example").await;
    mock.get(&location).await;
    mock.get(&location).await;
    let log = mock.mock_endpoint("requests").await;
    let log = log.as_array().unwrap();
    let methods: Vec<&str> = log.iter().map(|e| e["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["POST", "GET", "GET"]);
    assert_eq!(log[1]["path"], location);
}

#[tokio::test]
async fn both_path_versions_serve_the_same_operations_and_locations_keep_the_version() {
    let mock = start(fast()).await;
    for version in ["v1alpha1", "v1"] {
        let r = mock
            .client
            .post(format!(
                "{}/network-troubleshooting/{version}/aps/CNF7G9X001/ping",
                mock.base
            ))
            .bearer_auth("demo-token")
            .json(&json!({ "destination": "a.example", "count": 2 }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::ACCEPTED);
        let body: Value = r.json().await.unwrap();
        let location = body["location"].as_str().unwrap().to_owned();
        assert!(
            location.starts_with(&format!(
                "/network-troubleshooting/{version}/aps/CNF7G9X001/ping/async-operations/"
            )),
            "{location}"
        );
        let last = mock.poll_to_end(&location).await.pop().unwrap();
        assert_eq!(last["status"], "COMPLETED", "{version}");
    }
}

#[tokio::test]
async fn every_answer_says_the_rate_limit_in_x_ratelimit_headers() {
    let mock = start(Config {
        rate_limit_per_second: 4,
        ..fast()
    })
    .await;
    let location = mock.start_test("CNF7G9X001", "a.example").await; // request 1
    let before = std::time::SystemTime::now();
    let mut remaining = Vec::new();
    for _ in 0..4 {
        let r = mock.get(&location).await; // requests 2..=5
        let h = r.headers();
        assert_eq!(h["x-ratelimit-limit"], "4");
        remaining.push(h["x-ratelimit-remaining"].to_str().unwrap().to_owned());
        let reset = h["x-ratelimit-reset"].to_str().unwrap();
        let reset_ns = ap_ping_core::stats::timestamp::parse_rfc3339_nanos(reset).unwrap();
        let before_ns = before
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as i128;
        assert!(
            (reset_ns as i128 - before_ns).abs() < 1_500_000_000,
            "the reset is within the window of a second: {reset}"
        );
    }
    assert_eq!(remaining, ["2", "1", "0", "0"], "the last one is a 429");
    let unauthenticated = mock
        .client
        .get(format!("{}{location}", mock.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthenticated.status(), StatusCode::UNAUTHORIZED);
    assert!(unauthenticated.headers().contains_key("x-ratelimit-reset"));
}

#[tokio::test]
async fn the_current_descriptions_cases_have_their_own_devices() {
    let mock = start(fast()).await;
    // COMPLETED with a failReason, output null and the AP's own error line.
    let location = mock.start_test("CNF7G9X012", "www.djgdij.com").await;
    let last = mock.poll_to_end(&location).await.pop().unwrap();
    assert_eq!(last["status"], "COMPLETED");
    assert_eq!(last["failReason"], "Destination not resolved");
    assert_eq!(last["output"], Value::Null);
    assert_eq!(
        last["rawOutput"],
        "\nCOMMAND=ping www.djgdij.com\nhost address failed because the ipv4/v6 address www.djgdij.com is invalid.\n"
    );
    let parsed = parse_ping_status(&last.to_string()).unwrap();
    assert_eq!(parsed.outcome, ap_ping_core::stats::TestOutcome::NoResult);

    for operation in OPERATIONS {
        // 403 on both endpoints.
        let (status, body) = mock
            .post_start(
                API,
                operation,
                "CNF7G9X013",
                &json!({ "destination": "a.example" }),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{operation}");
        assert_eq!(
            body,
            json!({ "errorCode": "HPE_GL_ERROR_FORBIDDEN", "message": "Forbidden: Access is denied." })
        );
        let r = mock
            .get(&format!(
                "{API}/aps/CNF7G9X013/{operation}/async-operations/t1"
            ))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{operation}");

        // A 429 that says only when the window resets.
        let location = mock
            .start_operation(operation, "CNF7G9X009", "a.example")
            .await;
        let r = mock.get(&location).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{operation}");
        assert!(r.headers().get("retry-after").is_none());
        assert_eq!(r.headers()["x-ratelimit-remaining"], "0");
        assert!(r.headers().contains_key("x-ratelimit-reset"));
    }
}

#[tokio::test]
async fn a_spent_budget_refuses_requests_until_its_reset() {
    let mock = start(fast()).await;
    for (refused, operation) in OPERATIONS.into_iter().enumerate() {
        let location = mock
            .start_operation(operation, "CNF7G9X014", "a.example")
            .await;
        let first = mock.get(&location).await;
        assert_eq!(first.status(), StatusCode::OK, "{operation}");
        assert_eq!(first.headers()["x-ratelimit-remaining"], "0");
        let reset = first.headers()["x-ratelimit-reset"]
            .to_str()
            .unwrap()
            .to_owned();
        let early = mock.get(&location).await;
        assert_eq!(early.status(), StatusCode::TOO_MANY_REQUESTS, "{operation}");
        assert_eq!(early.headers()["x-ratelimit-reset"], reset.as_str());
        assert_eq!(mock.mock_endpoint("state").await["overBudget"], refused + 1);
        tokio::time::sleep(mock_central::scenario::BUDGET_WINDOW).await;
        assert_eq!(
            mock.get(&location).await.status(),
            StatusCode::OK,
            "{operation}"
        );
    }
}

fn oauth(ttl: Duration) -> Config {
    Config {
        token: None,
        oauth: Some(mock_central::server::OAuthClient {
            client_id: "client-1".into(),
            client_secret: "s3cret".into(),
            token_ttl: ttl,
        }),
        ..fast()
    }
}

impl Mock {
    async fn token(&self, form: &[(&str, &str)], basic: Option<(&str, &str)>) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/as/token.oauth2", self.base))
            .form(form);
        if let Some((id, secret)) = basic {
            request = request.basic_auth(id, Some(secret));
        }
        request.send().await.unwrap()
    }

    async fn status_with(&self, token: &str) -> StatusCode {
        self.client
            .get(format!(
                "{}{API}/aps/CNF7G9X001/ping/async-operations/none",
                self.base
            ))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
    }
}

#[tokio::test]
async fn client_credentials_in_the_form_or_as_basic_get_a_bearer_token() {
    let mock = start(oauth(Duration::from_secs(60))).await;
    let grant = ("grant_type", "client_credentials");
    for r in [
        mock.token(
            &[
                grant,
                ("client_id", "client-1"),
                ("client_secret", "s3cret"),
            ],
            None,
        )
        .await,
        mock.token(&[grant], Some(("client-1", "s3cret"))).await,
    ] {
        assert_eq!(r.status(), StatusCode::OK);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 60);
        let token = body["access_token"].as_str().unwrap();
        assert_eq!(token.len(), 32);
        // Known task or not, an accepted token gets past auth: 404 for no such task.
        assert_eq!(mock.status_with(token).await, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        mock.status_with("demo-token").await,
        StatusCode::UNAUTHORIZED,
        "no static token unless one is given"
    );
}

#[tokio::test]
async fn wrong_client_credentials_and_grants_are_oauth_errors() {
    let mock = start(oauth(Duration::from_secs(60))).await;
    let r = mock
        .token(
            &[
                ("grant_type", "client_credentials"),
                ("client_id", "client-1"),
                ("client_secret", "wrong"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");
    let r = mock
        .token(&[("grant_type", "password")], Some(("client-1", "s3cret")))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "unsupported_grant_type");
    let without_oauth = start(fast()).await;
    let r = without_oauth
        .token(&[("grant_type", "client_credentials")], Some(("a", "b")))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "no token endpoint unless configured"
    );
}

#[tokio::test]
async fn an_issued_token_stops_working_when_it_expires() {
    let mock = start(oauth(Duration::from_secs(1))).await;
    let body: Value = mock
        .token(
            &[("grant_type", "client_credentials")],
            Some(("client-1", "s3cret")),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(mock.status_with(&token).await, StatusCode::NOT_FOUND);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(mock.status_with(&token).await, StatusCode::UNAUTHORIZED);
}
