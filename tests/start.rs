//! Starting a test, natively: what the 202 answer (or an error) to the POST means.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_widget::api::client::{ApiVersion, RawAnswer};
use ap_ping_widget::api::start::{config_failure, started_task};
use ap_ping_widget::poll::FailureKind;

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
        let failure = started_task(&answer(202, body), "CN1").unwrap_err();
        assert_eq!(failure.kind, FailureKind::BadResponse, "{body}");
        assert_eq!(
            failure.message,
            format!("The test was accepted, but {why}.")
        );
    }
}

#[test]
fn an_error_answer_to_the_post_is_its_failure() {
    let failure = started_task(
        &answer(
            409,
            r#"{"errorCode":"HPE_GL_ERROR_CONFLICT","message":"Device offline: CN1"}"#,
        ),
        "CN1",
    )
    .unwrap_err();
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
