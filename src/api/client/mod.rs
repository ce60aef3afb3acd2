//! Requests to the Central API, one concern per module:
//!
//! - [`url`]: the URLs of a test's two requests (validated, percent-encoded) and the task a
//!   202's `location` names;
//! - [`rate_limit`]: `Retry-After` and `X-RateLimit-Reset` as waits;
//! - [`classify`]: every answer as an [`Outcome`](crate::api::outcome::Outcome) (a status
//!   or a failure of a definite kind), and a failure without an answer;
//! - [`http`]: sending them with the browser's `fetch` (the only module with web types);
//! - [`error`]: [`ClientError`], why a request was not made or got no answer.
//!
//! Of each other they import only `error` (and `classify` also `rate_limit`); above the
//! client, only `outcome` (what answers mean) and `kind` (what a test supplies). All but
//! `http` are pure and tested natively; `http` only moves bytes.

pub mod classify;
pub mod error;
pub mod http;
pub mod rate_limit;
pub mod url;

pub use crate::api::outcome::RawAnswer;
pub use ap_ping_core::paths::{encode_segment, ApiVersion};
pub use classify::{
    classify, classify_as, error_fields, hold_ms, outcome, outcome_as, transport_failure,
};
pub use error::ClientError;
pub use http::CredentialsMode;
pub use rate_limit::{reset_in_ms, retry_after_ms};
pub use url::{
    ap_list_url, operation_start_url, operation_status_url, operation_task_from_location,
    start_url, status_url, task_from_location,
};
