//! What an answer means: a status of the test, or a failure of a definite kind, and
//! whether it spent the request budget. Pure, tested natively.

use super::error::ClientError;
use super::rate_limit::{reset_in_ms, retry_after_ms};
use crate::api::kind::TestKind;
use crate::api::outcome::{Answer, Failure, FailureKind, Outcome, RawAnswer};
use crate::api::ping::Ping;
use crate::api::wire::ApiErrorBody;

/// Decides what a ping status answer means, and whether it spent the request budget.
pub fn classify(answer: &RawAnswer) -> Answer {
    classify_as::<Ping>(answer)
}

/// Decides what a status answer of a `K` test means, and whether it spent the request budget.
pub fn classify_as<K: TestKind>(answer: &RawAnswer) -> Answer<K::Status> {
    Answer {
        outcome: outcome_as::<K>(answer),
        budget_spent_for_ms: budget_spent_for_ms(answer),
        received_at_ms: answer.received_at_ms,
    }
}

// One caller each, inlined by hand (a generic caller would not inline them by itself):
// fewer bytes in the widget, whose size budget counts every one.
/// How long no request may go because the answer says the budget is spent
/// (`X-RateLimit-Remaining: 0` with an `X-RateLimit-Reset`).
#[inline(always)]
fn budget_spent_for_ms(answer: &RawAnswer) -> Option<u32> {
    let remaining = answer
        .rate_limit_remaining
        .as_deref()?
        .trim()
        .parse::<u64>()
        .ok()?;
    if remaining > 0 {
        return None;
    }
    reset_in_ms(answer.rate_limit_reset.as_deref()?, answer.received_at_ms)
}

/// A 429's wait: its `Retry-After` when it sends one, and otherwise (as the API
/// documents) the time its window resets.
fn rate_limited_wait_ms(answer: &RawAnswer) -> Option<u32> {
    let at = answer.received_at_ms;
    answer
        .retry_after
        .as_deref()
        .and_then(|v| retry_after_ms(v, at))
        .or_else(|| reset_in_ms(answer.rate_limit_reset.as_deref()?, at))
}

/// A 429 that names no wait holds the page's requests this long.
pub const UNSAID_RATE_LIMIT_WAIT_MS: u32 = 1000;

/// How long any answer (of any request: a start, a status, a list) says that no request to
/// the same API may go: a 429's wait, or the reset of a spent budget. The page's request
/// budget holds every widget's requests for it (`budget`), not only the next one of the
/// widget that got the answer.
pub fn hold_ms(answer: &RawAnswer) -> Option<u32> {
    let rate_limited = (answer.status == 429)
        .then(|| rate_limited_wait_ms(answer).unwrap_or(UNSAID_RATE_LIMIT_WAIT_MS));
    rate_limited.max(budget_spent_for_ms(answer))
}

/// What a ping status answer means: a result, or a failure of a definite kind.
pub fn outcome(answer: &RawAnswer) -> Outcome {
    outcome_as::<Ping>(answer)
}

/// What a status answer of a `K` test means: a result, or a failure of a definite kind.
pub fn outcome_as<K: TestKind>(answer: &RawAnswer) -> Outcome<K::Status> {
    if answer.status == 200 {
        let is_json = answer
            .content_type
            .as_deref()
            .is_none_or(|t| t.to_ascii_lowercase().contains("json"));
        if !is_json {
            return failed(
                FailureKind::BadResponse,
                Some(200),
                None,
                format!(
                    "The server answered with {} instead of JSON; is the base URL pointing at the API?",
                    answer.content_type.as_deref().unwrap_or("no content type")
                ),
            );
        }
        return match K::read_status(&answer.body) {
            Ok(result) => Outcome::Status(result.into()),
            Err(e) => failed(
                FailureKind::BadResponse,
                Some(200),
                None,
                format!("The status answer could not be read: {e}"),
            ),
        };
    }
    failure_outcome(answer)
}

/// What an answer other than a 200 means: a failure of a definite kind, with the wait the
/// server asked for, if it did.
#[inline(always)]
fn failure_outcome<S>(answer: &RawAnswer) -> Outcome<S> {
    let (error_code, message) = error_fields(answer);
    let kind = match answer.status {
        // central-proxy's own API client does not work (see `FailureKind::ProxyCredentials`).
        _ if matches!(
            error_code.as_deref(),
            Some("CENTRAL_PROXY_CREDENTIALS_REFUSED" | "CENTRAL_PROXY_TOKEN_REJECTED")
        ) =>
        {
            FailureKind::ProxyCredentials
        }
        429 => FailureKind::RateLimited,
        400 => FailureKind::BadRequest,
        401 => FailureKind::Unauthorized,
        403 => FailureKind::Forbidden,
        404 => FailureKind::NotFound,
        409 => FailureKind::Conflict,
        500..=599 => FailureKind::Server,
        _ => FailureKind::Client,
    };
    let retry_after_ms = if kind == FailureKind::RateLimited {
        rate_limited_wait_ms(answer)
    } else {
        None
    };
    Outcome::Failed {
        failure: Failure {
            kind,
            http_status: Some(answer.status),
            error_code,
            message,
        },
        retry_after_ms,
    }
}

/// The API's `errorCode` and `message`, or a description of a body that has none.
pub fn error_fields(answer: &RawAnswer) -> (Option<String>, String) {
    match ApiErrorBody::from_json(&answer.body) {
        Ok(ApiErrorBody {
            error_code,
            message: Some(message),
        }) => (error_code, message),
        Ok(ApiErrorBody {
            error_code,
            message: None,
        }) => (error_code, format!("HTTP {}", answer.status)),
        Err(_) => (
            None,
            format!(
                "HTTP {} (the body is not the API's error JSON)",
                answer.status
            ),
        ),
    }
}

fn failed<S>(
    kind: FailureKind,
    http_status: Option<u16>,
    error_code: Option<String>,
    message: String,
) -> Outcome<S> {
    Outcome::Failed {
        failure: Failure {
            kind,
            http_status,
            error_code,
            message,
        },
        retry_after_ms: None,
    }
}

/// A failure before any answer: the timeout ([`ClientError::TimedOut`]), or no answer at all.
pub fn transport_failure(error: &ClientError) -> Failure {
    let (kind, message) = match error {
        ClientError::TimedOut => (
            FailureKind::Timeout,
            "The server did not answer in time.".to_owned(),
        ),
        other => (
            FailureKind::Network,
            format!("The request could not be sent: {other}"),
        ),
    };
    Failure {
        kind,
        http_status: None,
        error_code: None,
        message,
    }
}
