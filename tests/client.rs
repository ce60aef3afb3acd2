//! URLs and the classification of answers, natively.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_widget::api::client::*;
use ap_ping_widget::poll::{Answer, FailureKind, Outcome};

fn answer(status: u16, content_type: &str, body: &str) -> RawAnswer {
    RawAnswer {
        status,
        content_type: Some(content_type.into()),
        retry_after: None,
        rate_limit_remaining: None,
        rate_limit_reset: None,
        body: body.into(),
        // 2015-10-21T07:27:55Z
        received_at_ms: 1_445_412_475_000.0,
    }
}

fn failure_of(answer: Answer) -> (ap_ping_widget::poll::Failure, Option<u32>) {
    match answer.outcome {
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
        status_url("https://admin.example.com/central/", ApiVersion::V1Alpha1, "CNF7G9X001", "c7a3f2d1-e8a9").unwrap(),
        "https://admin.example.com/central/network-troubleshooting/v1alpha1/aps/CNF7G9X001/ping/async-operations/c7a3f2d1-e8a9"
    );
    assert_eq!(
        status_url("", ApiVersion::V1Alpha1, "CN1", "t1").unwrap(),
        "/network-troubleshooting/v1alpha1/aps/CN1/ping/async-operations/t1"
    );
    assert_eq!(
        start_url("", ApiVersion::V1Alpha1, "CN1").unwrap(),
        "/network-troubleshooting/v1alpha1/aps/CN1/ping"
    );
}

#[test]
fn v1_paths_have_the_current_descriptions_prefix() {
    assert_eq!(
        status_url("https://h", ApiVersion::V1, "CN1", "t1").unwrap(),
        "https://h/network-troubleshooting/v1/aps/CN1/ping/async-operations/t1"
    );
    assert_eq!(
        start_url("", ApiVersion::V1, "CN1").unwrap(),
        "/network-troubleshooting/v1/aps/CN1/ping"
    );
}

#[test]
fn slashes_and_dots_in_segments_cannot_change_the_path() {
    let url = status_url("", ApiVersion::V1Alpha1, "CN 1?x", "a%b?c#d").unwrap();
    assert_eq!(
        url,
        "/network-troubleshooting/v1alpha1/aps/CN%201%3Fx/ping/async-operations/a%25b%3Fc%23d"
    );
    for (serial, task) in [("../../admin", "t"), ("CN1", "a/b"), ("CN1", "a\\b")] {
        assert!(
            status_url("", ApiVersion::V1, serial, task).is_err(),
            "{serial} {task}: no serial or task id has a slash"
        );
    }
    assert_eq!(
        encode_segment("serial", "..").unwrap_err().to_string(),
        r#"serial ".." is not a valid path segment"#
    );
    assert_eq!(
        encode_segment("serial", ".").unwrap_err().to_string(),
        r#"serial "." is not a valid path segment"#
    );
    assert_eq!(
        encode_segment("serial", " ").unwrap_err().to_string(),
        "serial is required"
    );
    assert_eq!(
        encode_segment("task id", "a\nb").unwrap_err().to_string(),
        "task id contains control characters"
    );
    assert!(encode_segment("serial", &"x".repeat(129)).is_err());
    assert_eq!(encode_segment("serial", "ünï").unwrap(), "%C3%BCn%C3%AF");
}

#[test]
fn a_base_url_with_a_query_is_rejected() {
    assert!(status_url("https://x.example/?a=1", ApiVersion::V1Alpha1, "CN1", "t").is_err());
}

#[test]
fn a_location_is_followed_in_its_own_version_when_it_has_the_status_paths_shape() {
    assert_eq!(
        task_from_location(
            "/network-troubleshooting/v1alpha1/aps/CN1/ping/async-operations/abc-123",
            "CN1"
        ),
        Ok((ApiVersion::V1Alpha1, "abc-123".into()))
    );
    assert_eq!(
        task_from_location(
            "https://us5.api.central.arubanetworks.com/network-troubleshooting/v1/aps/CN1/ping/async-operations/t9?q=1",
            "CN1"
        ),
        Ok((ApiVersion::V1, "t9".into()))
    );
    for wrong in [
        "/somewhere/else",
        "https://h/x/async-operations/t9/?q=1",
        "/network-troubleshooting/v1/aps/CN1/ping",
        "/network-troubleshooting/v1/aps/CN1/ping/async-operations/..",
        "/network-troubleshooting/v1/aps/CN1/ping/async-operations/a%2F..%2Fb",
        "/network-troubleshooting/v9/aps/CN1/ping/async-operations/t",
    ] {
        let why = task_from_location(wrong, "CN1").unwrap_err().to_string();
        assert!(why.contains("is not a ping status path"), "{wrong}: {why}");
    }
    assert_eq!(
        task_from_location(
            "/network-troubleshooting/v1/aps/OTHER/ping/async-operations/t",
            "CN1"
        )
        .unwrap_err()
        .to_string(),
        r#"its location names another access point ("OTHER")"#
    );
}

#[test]
fn a_200_with_the_api_json_is_a_status() {
    let outcome = classify(&answer(
        200,
        "application/json",
        include_str!("fixtures/seed_completed.json"),
    ));
    assert!(matches!(outcome.outcome, Outcome::Status(s) if s.is_terminal));
    assert_eq!(outcome.budget_spent_for_ms, None);
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
            403,
            r#"{"errorCode":"HPE_GL_ERROR_FORBIDDEN","message":"Forbidden: Access is denied."}"#,
            FailureKind::Forbidden,
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
fn a_429_without_retry_after_waits_until_the_rate_limit_resets() {
    let mut a = answer(
        429,
        "application/json",
        include_str!("fixtures/error_429_too_many_requests.json"),
    );
    // The answer arrived at 2015-10-21T07:27:55Z.
    a.rate_limit_reset = Some("2015-10-21T07:28:40Z".into());
    assert_eq!(failure_of(classify(&a)).1, Some(45_000));
    a.retry_after = Some("3".into());
    assert_eq!(
        failure_of(classify(&a)).1,
        Some(3000),
        "Retry-After, when sent, comes first"
    );
    a.retry_after = None;
    a.rate_limit_reset = Some("2015-10-21T07:27:00Z".into());
    assert_eq!(
        failure_of(classify(&a)).1,
        Some(0),
        "a reset in the past: now"
    );
    a.rate_limit_reset = Some("next hour".into());
    assert_eq!(
        failure_of(classify(&a)).1,
        None,
        "unreadable: the backoff applies"
    );
}

#[test]
fn a_spent_budget_holds_back_the_next_request_until_the_reset() {
    let mut a = answer(
        200,
        "application/json",
        r#"{"status":"RUNNING","progressPercent":40}"#,
    );
    a.rate_limit_reset = Some("2015-10-21T07:28:05.5Z".into());
    a.rate_limit_remaining = Some("0".into());
    let classified = classify(&a);
    assert!(matches!(classified.outcome, Outcome::Status(_)));
    assert_eq!(classified.budget_spent_for_ms, Some(10_500));
    a.rate_limit_remaining = Some("12".into());
    assert_eq!(classify(&a).budget_spent_for_ms, None, "budget left");
    a.rate_limit_remaining = Some("0".into());
    a.rate_limit_reset = None;
    assert_eq!(
        classify(&a).budget_spent_for_ms,
        None,
        "no reset time given"
    );
    a.status = 500;
    a.rate_limit_reset = Some("2015-10-21T07:28:05Z".into());
    assert_eq!(
        classify(&a).budget_spent_for_ms,
        Some(10_000),
        "any answer can spend the budget"
    );
}

#[test]
fn transport_failures_are_network_or_timeout() {
    assert_eq!(
        transport_failure(&ClientError::TimedOut).kind,
        FailureKind::Timeout
    );
    let f = transport_failure(&ClientError::Network {
        detail: "TypeError: Failed to fetch".into(),
    });
    assert_eq!(f.kind, FailureKind::Network);
    assert!(f.message.ends_with("Failed to fetch"));
}

#[test]
fn credentials_modes_are_named_as_fetch_names_them() {
    assert_eq!(CredentialsMode::default(), CredentialsMode::SameOrigin);
    for (name, mode) in [
        ("same-origin", CredentialsMode::SameOrigin),
        ("include", CredentialsMode::Include),
        ("omit", CredentialsMode::Omit),
    ] {
        assert_eq!(CredentialsMode::from_name(name), Ok(mode));
    }
    assert_eq!(
        CredentialsMode::from_name("always")
            .unwrap_err()
            .to_string(),
        r#"credentials "always" is not one of "same-origin", "include", "omit""#
    );
}

#[test]
fn the_proxys_refused_api_client_is_its_own_kind_whatever_the_status_and_never_retried() {
    let refused = r#"{"errorCode":"CENTRAL_PROXY_CREDENTIALS_REFUSED","message":"The token endpoint refused the proxy's API client credentials (HTTP 401, invalid_client): check --client-id and the client secret."}"#;
    let rejected = r#"{"errorCode":"CENTRAL_PROXY_TOKEN_REJECTED","message":"Central refused the token the proxy got: <b>the API client</b> does not fit this Central."}"#;
    for (status, body) in [
        (502, refused),
        (502, rejected),
        (503, rejected),
        (401, refused),
    ] {
        let (f, wait) = failure_of(classify(&answer(status, "application/json", body)));
        assert_eq!(f.kind, FailureKind::ProxyCredentials, "{status} {body}");
        assert!(!f.kind.is_retryable());
        assert_eq!(f.http_status, Some(status));
        let sent: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(f.error_code.as_deref(), sent["errorCode"].as_str());
        assert_eq!(
            Some(f.message.as_str()),
            sent["message"].as_str(),
            "the proxy's words as sent"
        );
        assert_eq!(wait, None);
    }
    // The proxy's other 502s are server errors, retried as before.
    for code in [
        "CENTRAL_PROXY_UPSTREAM_UNREACHABLE",
        "CENTRAL_PROXY_TOKEN_UNAVAILABLE",
    ] {
        let body = format!(r#"{{"errorCode":"{code}","message":"x"}}"#);
        let (f, _) = failure_of(classify(&answer(502, "application/json", &body)));
        assert_eq!(f.kind, FailureKind::Server, "{code}");
        assert!(f.kind.is_retryable());
    }
}

#[test]
fn an_answer_keeps_when_it_arrived_for_a_later_try_again() {
    let mut a = answer(
        429,
        "application/json",
        include_str!("fixtures/error_429_too_many_requests.json"),
    );
    a.retry_after = Some("3".into());
    let classified = classify(&a);
    assert_eq!(classified.received_at_ms, 1_445_412_475_000.0);
}
