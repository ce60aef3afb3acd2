//! Starting a test, natively: what the 202 answer (or an error) to the POST means.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_widget::api::client::{ApiVersion, RawAnswer};
use ap_ping_widget::api::start::{config_failure, started_task};
use ap_ping_widget::poll::{Answer, Failure, FailureKind, Outcome};

/// The failure an answer to the POST was.
fn failure_of(answer: Answer) -> Failure {
    match answer.outcome {
        Outcome::Failed { failure, .. } => failure,
        Outcome::Status(s) => panic!("expected a failure, got {s:?}"),
    }
}

fn answer(status: u16, body: &str) -> RawAnswer {
    RawAnswer {
        status,
        content_type: Some("application/json".into()),
        retry_after: None,
        rate_limit_remaining: None,
        rate_limit_reset: None,
        body: body.into(),
        received_at_ms: 0.0,
    }
}

#[test]
fn a_202_gives_the_task_and_the_version_of_its_location() {
    let body = r#"{"location":"/network-troubleshooting/v1/aps/CN1/ping/async-operations/t-9","status":"INITIATED","startTime":"2025-04-09T10:00:00Z"}"#;
    assert_eq!(
        started_task(&answer(202, body), "CN1"),
        Ok((ApiVersion::V1, "t-9".into()))
    );
}

#[test]
fn a_202_without_a_usable_location_is_a_bad_response_that_says_why() {
    for (body, why) in [
        (
            r#"{"status":"INITIATED"}"#,
            "the answer has no task location",
        ),
        (
            r#"{"location":"/elsewhere"}"#,
            r#"its location "/elsewhere" is not a ping status path"#,
        ),
        (
            r#"{"location":"/network-troubleshooting/v1/aps/CN2/ping/async-operations/t"}"#,
            r#"its location names another access point ("CN2")"#,
        ),
        ("<html>", "the answer has no task location"),
    ] {
        let failure = failure_of(started_task(&answer(202, body), "CN1").unwrap_err());
        assert_eq!(failure.kind, FailureKind::BadResponse, "{body}");
        assert_eq!(
            failure.message,
            format!("The test was accepted, but {why}.")
        );
    }
}

#[test]
fn an_error_answer_to_the_post_is_its_failure() {
    let failure = failure_of(
        started_task(
            &answer(
                409,
                r#"{"errorCode":"HPE_GL_ERROR_CONFLICT","message":"Device offline: CN1"}"#,
            ),
            "CN1",
        )
        .unwrap_err(),
    );
    assert_eq!(failure.kind, FailureKind::Conflict);
    assert_eq!(failure.error_code.as_deref(), Some("HPE_GL_ERROR_CONFLICT"));
}

#[test]
fn configuration_failures_are_one_kind_and_say_so() {
    let failure = config_failure("serial is required");
    assert_eq!(failure.kind, FailureKind::Configuration);
    assert_eq!(failure.message, "Widget configuration: serial is required");
    assert_eq!((failure.http_status, failure.error_code), (None, None));
}

#[test]
fn an_error_answer_to_the_post_keeps_its_waits_and_kind() {
    let mut a = answer(
        429,
        r#"{"errorCode":"HPE_GL_ERROR_TOO_MANY_REQUESTS","message":"Rate limit exceeded."}"#,
    );
    a.retry_after = Some("3".into());
    a.rate_limit_remaining = Some("0".into());
    a.rate_limit_reset = Some("1970-01-01T00:00:09Z".into());
    a.received_at_ms = 1_000.0;
    let refused = started_task(&a, "CN1").unwrap_err();
    assert_eq!(refused.received_at_ms, 1_000.0);
    assert_eq!(refused.budget_spent_for_ms, Some(8_000));
    assert!(matches!(
        refused.outcome,
        Outcome::Failed {
            retry_after_ms: Some(3_000),
            ..
        }
    ));
    let proxy = answer(
        502,
        r#"{"errorCode":"CENTRAL_PROXY_CREDENTIALS_REFUSED","message":"check --client-id"}"#,
    );
    let failure = failure_of(started_task(&proxy, "CN1").unwrap_err());
    assert_eq!(failure.kind, FailureKind::ProxyCredentials);
}
