//! The client's one error type: why a request was not made, or got no answer.

use ap_ping_core::json::quoted;
use ap_ping_core::RequestError;
use std::fmt;

/// Why a request could not be made from the page's settings, why a 202 names no task to
/// follow, or why a request got no answer. Each text is the one the widget shows (after
/// "Widget configuration: ", "The test was accepted, but " or "The request could not be
/// sent: ").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// The base URL has a query, a fragment or spaces.
    BaseUrl {
        /// The base URL as configured.
        base_url: String,
    },
    /// A serial, task id, API version, credentials mode or start request that cannot be used.
    Request(RequestError),
    /// Neither a task id to follow nor a start request to start one.
    NoTask,
    /// The answer to a start has no `location`.
    NoLocation,
    /// The 202's `location` names another access point than the one the test was started on.
    OtherAccessPoint {
        /// The serial in the location.
        serial: String,
    },
    /// The 202's `location` does not have the shape of the operation's status path.
    NotAStatusPath {
        /// The location as sent.
        location: String,
        /// The operation whose path it should be (`ping`).
        operation: &'static str,
    },
    /// No answer within the request timeout: the request was aborted.
    TimedOut,
    /// The request got no answer (offline, DNS, CORS, a connection reset), in the
    /// browser's words (`TypeError: Failed to fetch`).
    Network {
        /// What the browser said.
        detail: String,
    },
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::BaseUrl { base_url } => write!(
                f,
                "base URL {} must not contain a query, a fragment or spaces",
                quoted(base_url)
            ),
            ClientError::Request(error) => error.fmt(f),
            ClientError::NoTask => f.write_str("a task id (or a start request) is required"),
            ClientError::NoLocation => f.write_str("the answer has no task location"),
            ClientError::OtherAccessPoint { serial } => write!(
                f,
                "its location names another access point ({})",
                quoted(serial)
            ),
            ClientError::NotAStatusPath {
                location,
                operation,
            } => write!(
                f,
                "its location {} is not a {operation} status path",
                quoted(location)
            ),
            ClientError::TimedOut => f.write_str("the server did not answer in time"),
            ClientError::Network { detail } => f.write_str(detail),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<RequestError> for ClientError {
    fn from(error: RequestError) -> Self {
        ClientError::Request(error)
    }
}
