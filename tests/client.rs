//! URLs and the classification of answers, natively.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_widget::api::client::*;
use ap_ping_widget::poll::{FailureKind, Outcome};

fn answer(status: u16, content_type: &str, body: &str) -> RawAnswer {
    RawAnswer {
        status,
        content_type: Some(content_type.into()),
        retry_after: None,
        body: body.into(),
        // 2015-10-21T07:27:55Z
        received_at_ms: 1_445_412_475_000.0,
    }
}

fn failure_of(outcome: Outcome) -> (ap_ping_widget::poll::Failure, Option<u32>) {
    match outcome {
        Outcome::Failed {
            failure,
            retry_after_ms,
        } => (failure, retry_after_ms),
        Outcome::Status(s) => panic!("expected a failure, got {s:?}"),
    }
}

#[test]
fn status_url_has_the_api_path() {
    assert_eq!(
        status_url("https://admin.example.com/central/", "CNF7G9X001", "c7a3f2d1-e8a9").unwrap(),
        "https://admin.example.com/central/network-troubleshooting/v1alpha1/aps/CNF7G9X001/ping/async-operations/c7a3f2d1-e8a9"
    );
    assert_eq!(
        status_url("", "CN1", "t1").unwrap(),
        "/network-troubleshooting/v1alpha1/aps/CN1/ping/async-operations/t1"
    );
    assert_eq!(
        start_url("", "CN1").unwrap(),
        "/network-troubleshooting/v1alpha1/aps/CN1/ping"
    );
}

#[test]
fn slashes_and_dots_in_segments_cannot_change_the_path() {
    let url = status_url("", "../../admin", "a/b?c#d").unwrap();
    assert_eq!(
        url,
        "/network-troubleshooting/v1alpha1/aps/..%2F..%2Fadmin/ping/async-operations/a%2Fb%3Fc%23d"
    );
    assert_eq!(
        encode_segment("serial", "..").unwrap_err(),
        r#"serial ".." is not a valid path segment"#
    );
    assert_eq!(
        encode_segment("serial", ".").unwrap_err(),
        r#"serial "." is not a valid path segment"#
    );
    assert_eq!(
        encode_segment("serial", " ").unwrap_err(),
        "serial is required"
    );
    assert_eq!(
        encode_segment("task id", "a\nb").unwrap_err(),
        "task id contains control characters"
    );
    assert!(encode_segment("serial", &"x".repeat(129)).is_err());
    assert_eq!(encode_segment("serial", "ünï").unwrap(), "%C3%BCn%C3%AF");
}

#[test]
fn a_base_url_with_a_query_is_rejected() {
    assert!(status_url("https://x.example/?a=1", "CN1", "t").is_err());
}

#[test]
fn task_id_is_the_last_segment_of_the_location() {
    assert_eq!(
        task_id_from_location(
            "/network-troubleshooting/v1alpha1/aps/CN1/ping/async-operations/abc-123"
        )
        .as_deref(),
        Some("abc-123")
    );
    assert_eq!(
        task_id_from_location("https://h/x/async-operations/t9/?q=1").as_deref(),
        Some("t9")
    );
    assert_eq!(task_id_from_location("/somewhere/else"), None);
}

#[test]
fn a_200_with_the_api_json_is_a_status() {
    let outcome = classify(&answer(
        200,
        "application/json",
        include_str!("fixtures/seed_completed.json"),
    ));
    assert!(matches!(outcome, Outcome::Status(s) if s.is_terminal));
}

#[test]
fn a_200_that_is_not_json_is_a_bad_response() {
    let (f, _) = failure_of(classify(&answer(200, "text/html; charset=utf-8", "<html>")));
    assert_eq!(f.kind, FailureKind::BadResponse);
    assert!(f.message.contains("text/html"), "{}", f.message);
    let (f, _) = failure_of(classify(&answer(
        200,
        "application/json",
        r#"{"status": "RUN"#,
    )));
    assert_eq!(f.kind, FailureKind::BadResponse);
    assert!(
        f.message
            .starts_with("The status answer could not be read: not valid JSON"),
        "{}",
        f.message
    );
}

#[test]
fn api_errors_keep_their_code_and_message() {
    for (status, fixture, kind) in [
        (
            400,
            include_str!("fixtures/error_400_bad_request.json"),
            FailureKind::BadRequest,
        ),
        (
            401,
            include_str!("fixtures/error_401_unauthorized.json"),
            FailureKind::Unauthorized,
        ),
        (
            404,
            include_str!("fixtures/error_404_task_not_found.json"),
            FailureKind::NotFound,
        ),
        (
            429,
            include_str!("fixtures/error_429_too_many_requests.json"),
            FailureKind::RateLimited,
        ),
        (
            500,
            include_str!("fixtures/error_500_internal.json"),
            FailureKind::Server,
        ),
    ] {
        let (f, _) = failure_of(classify(&answer(status, "application/json", fixture)));
        assert_eq!(f.kind, kind);
        assert_eq!(f.http_status, Some(status));
        let expected: serde_json::Value = serde_json::from_str(fixture).unwrap();
        assert_eq!(f.error_code.as_deref(), expected["errorCode"].as_str());
        assert_eq!(Some(f.message.as_str()), expected["message"].as_str());
    }
    let (f, _) = failure_of(classify(&answer(
        409,
        "application/json",
        r#"{"errorCode":"HPE_GRAVITY_DEVICE_OFFLINE","message":"offline"}"#,
    )));
    assert_eq!(f.kind, FailureKind::Conflict);
    let (f, _) = failure_of(classify(&answer(502, "text/html", "<h1>Bad Gateway</h1>")));
    assert_eq!((f.kind, f.error_code), (FailureKind::Server, None));
    assert_eq!(f.message, "HTTP 502 (the body is not the API's error JSON)");
}

#[test]
fn retry_after_in_seconds_or_as_a_date_is_read() {
    let mut a = answer(
        429,
        "application/json",
        include_str!("fixtures/error_429_too_many_requests.json"),
    );
    a.retry_after = Some("3".into());
    assert_eq!(failure_of(classify(&a)).1, Some(3000));
    a.retry_after = Some("Wed, 21 Oct 2015 07:28:00 GMT".into());
    assert_eq!(
        failure_of(classify(&a)).1,
        Some(5000),
        "5 s after the answer arrived"
    );
    a.retry_after = Some("Wed, 21 Oct 2015 07:27:00 GMT".into());
    assert_eq!(
        failure_of(classify(&a)).1,
        Some(0),
        "a date in the past: now"
    );
    for unreadable in [
        "soon",
        "-3",
        "Wed, 21 Foo 2015 07:28:00 GMT",
        "Wed, 21 Oct 2015 07:28:00 CET",
        "",
    ] {
        a.retry_after = Some(unreadable.into());
        assert_eq!(
            failure_of(classify(&a)).1,
            None,
            "{unreadable:?}: the backoff applies"
        );
    }
    a.status = 503;
    a.retry_after = Some("3".into());
    assert_eq!(
        failure_of(classify(&a)).1,
        None,
        "only a 429's Retry-After is honoured"
    );
}

#[test]
fn transport_failures_are_network_or_timeout() {
    assert_eq!(transport_failure(true, "").kind, FailureKind::Timeout);
    let f = transport_failure(false, "TypeError: Failed to fetch");
    assert_eq!(f.kind, FailureKind::Network);
    assert!(f.message.ends_with("Failed to fetch"));
}
