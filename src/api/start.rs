//! Starting a test: what the 202 answer to the POST means, and how a problem with the
//! page's settings is shown. Pure, so it is tested natively; the hook only sends. The
//! body itself is the test kind's (`TestKind::start_body`; ping's [`StartRequest`]).

use crate::api::client::{self, ApiVersion, ClientError, RawAnswer};
use crate::api::kind::TestKind;
use crate::api::outcome::{Answer, Failure, FailureKind};
use crate::api::ping::Ping;
use crate::api::wire::PingStartAnswer;
use std::fmt::Display;

pub use crate::api::ping::StartRequest;

/// The task (and its path version) from the 202 answer to the POST of a ping test, or the
/// answer it was instead, classified (its outcome is [`Outcome::Failed`](crate::api::outcome::Outcome::Failed); with its waits, if it gave any).
// An `Answer` can hold a whole result, so it is large; a failed start is rare.
#[allow(clippy::result_large_err)]
pub fn started_task(answer: &RawAnswer, serial: &str) -> Result<(ApiVersion, String), Answer> {
    started_task_of::<Ping>(answer, serial)
}

/// [`started_task`] for a `K` test.
#[allow(clippy::result_large_err)]
pub fn started_task_of<K: TestKind>(
    answer: &RawAnswer,
    serial: &str,
) -> Result<(ApiVersion, String), Answer<K::Status>> {
    if answer.status == 200 || answer.status == 202 || answer.status == 201 {
        let location = PingStartAnswer::from_json(&answer.body)
            .ok()
            .and_then(|a| a.location)
            .ok_or(ClientError::NoLocation);
        return location
            .and_then(|l| client::operation_task_from_location(&l, K::OPERATION, serial))
            .map_err(|why| {
                Failure {
                    kind: FailureKind::BadResponse,
                    http_status: Some(answer.status),
                    error_code: None,
                    message: format!("The test was accepted, but {why}."),
                }
                .into()
            });
    }
    // Not a 200: a failure of some kind.
    Err(client::classify_as::<K>(answer))
}

/// A problem with what the page configured: shown like an API error, never retried, and
/// of the same kind as the custom element's own configuration errors.
pub fn config_failure(problem: impl Display) -> Failure {
    Failure {
        kind: FailureKind::Configuration,
        http_status: None,
        error_code: None,
        message: format!("Widget configuration: {problem}"),
    }
}
