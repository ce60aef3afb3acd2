//! What can go wrong between the browser and Central, each turned into one answer in the
//! API's own error shape (`{errorCode, message}`), so the widget shows it like any other.
//! No message carries a token, the secret or an upstream error's text.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// The proxy's own failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyError {
    /// Not one of the two AP ping operations: never sent to Central.
    NotForwarded,
    /// The request body is larger than a start request can be.
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Central did not answer in time.
    Timeout {
        /// The timeout in force.
        after: Duration,
    },
    /// Central could not be reached (DNS, refused, TLS), or its answer broke off.
    Unreachable,
    /// Central's answer was larger than any ping status.
    AnswerTooLarge,
    /// The token endpoint refused the API client's credentials.
    TokenRefused {
        /// Its HTTP status.
        status: u16,
        /// Its RFC 6749 `error` code, when it sent one (`invalid_client`).
        code: Option<String>,
    },
    /// The token endpoint did not answer in time, or could not be reached.
    TokenUnavailable {
        /// Whether it was the timeout.
        timed_out: bool,
        /// The timeout in force.
        after: Duration,
    },
    /// The token endpoint answered without a token.
    TokenUnreadable,
}

impl ProxyError {
    /// A failed request to the token endpoint.
    pub fn token_transport(error: &reqwest::Error, after: Duration) -> Self {
        ProxyError::TokenUnavailable {
            timed_out: error.is_timeout(),
            after,
        }
    }

    /// A failed request to Central.
    pub fn upstream_transport(error: &reqwest::Error, after: Duration) -> Self {
        if error.is_timeout() {
            ProxyError::Timeout { after }
        } else {
            ProxyError::Unreachable
        }
    }

    /// The HTTP status the browser gets.
    pub fn status(&self) -> StatusCode {
        match self {
            ProxyError::NotForwarded => StatusCode::NOT_FOUND,
            ProxyError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ProxyError::Timeout { .. }
            | ProxyError::TokenUnavailable {
                timed_out: true, ..
            } => StatusCode::GATEWAY_TIMEOUT,
            ProxyError::Unreachable
            | ProxyError::AnswerTooLarge
            | ProxyError::TokenRefused { .. }
            | ProxyError::TokenUnavailable { .. }
            | ProxyError::TokenUnreadable => StatusCode::BAD_GATEWAY,
        }
    }

    /// The `errorCode`.
    pub fn code(&self) -> &'static str {
        match self {
            ProxyError::NotForwarded => "CENTRAL_PROXY_NOT_FORWARDED",
            ProxyError::BodyTooLarge { .. } => "CENTRAL_PROXY_BODY_TOO_LARGE",
            ProxyError::Timeout { .. } => "CENTRAL_PROXY_UPSTREAM_TIMEOUT",
            ProxyError::Unreachable => "CENTRAL_PROXY_UPSTREAM_UNREACHABLE",
            ProxyError::AnswerTooLarge => "CENTRAL_PROXY_ANSWER_TOO_LARGE",
            ProxyError::TokenRefused { .. } => "CENTRAL_PROXY_CREDENTIALS_REFUSED",
            ProxyError::TokenUnavailable { .. } | ProxyError::TokenUnreadable => {
                "CENTRAL_PROXY_TOKEN_UNAVAILABLE"
            }
        }
    }

    /// The `message`: what happened and what to do.
    pub fn message(&self) -> String {
        match self {
            ProxyError::NotForwarded => {
                "This proxy forwards only the AP ping operations (POST .../aps/{serial}/ping and GET .../aps/{serial}/ping/async-operations/{task-id})."
                    .into()
            }
            ProxyError::BodyTooLarge { limit } => {
                format!("The request body is larger than the {limit} bytes a ping start request may have.")
            }
            ProxyError::Timeout { after } => {
                format!("Central did not answer within {} s.", after.as_secs())
            }
            ProxyError::Unreachable => "Central could not be reached from the proxy.".into(),
            ProxyError::AnswerTooLarge => "Central's answer was larger than any ping status.".into(),
            ProxyError::TokenRefused { status, code } => format!(
                "The token endpoint refused the proxy's API client credentials (HTTP {status}{}): check --client-id and the client secret.",
                code.as_deref().map(|c| format!(", {c}")).unwrap_or_default()
            ),
            ProxyError::TokenUnavailable { timed_out: true, after } => format!(
                "The token endpoint did not answer within {} s.",
                after.as_secs()
            ),
            ProxyError::TokenUnavailable { .. } => {
                "The token endpoint could not be reached from the proxy.".into()
            }
            ProxyError::TokenUnreadable => "The token endpoint answered without an access token.".into(),
        }
    }
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "errorCode": self.code(), "message": self.message() });
        (
            self.status(),
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response()
    }
}
