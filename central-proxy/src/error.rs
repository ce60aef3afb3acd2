//! What can go wrong between the browser and Central, each turned into one answer in the
//! API's own error shape (`{errorCode, message}`), so the widget shows it like any other.
//! No message carries a token, the secret or an upstream error's text.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// The proxy's own failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyError {
    /// The `Host` is not a name the proxy is served as (DNS rebinding, a misdirected
    /// request).
    ForeignHost,
    /// The request comes from a page of another origin than the proxy's own or an
    /// allowed one (`Origin`, `Referer` or `Sec-Fetch-Site`).
    ForeignOrigin,
    /// A POST whose body is not declared as JSON: what a cross-site form or a "simple"
    /// request would send.
    NotJson,
    /// A start request that is not one the API takes.
    InvalidStart {
        /// What is wrong, in the API's words.
        problem: String,
    },
    /// A query of the AP list that is not forwarded: a parameter other than `filter`,
    /// `sort`, `limit` and `next`, one given twice or past its limits, or an undecodable
    /// query.
    BadQuery {
        /// Which parameter, and what is wrong with it.
        problem: String,
    },
    /// The client did not send its body in time.
    BodyTimeout {
        /// The timeout in force.
        after: Duration,
    },
    /// The proxy's request budget is spent for now.
    RateLimited {
        /// Whole seconds until a request may be forwarded again (at least 1).
        retry_after_secs: u64,
    },
    /// Not one of the forwarded requests (start and status of an AP ping or traceroute,
    /// the AP list): never sent to Central.
    NotForwarded,
    /// A file that is not served (missing, hidden, or outside the served folder).
    FileNotFound,
    /// The proxy itself failed (a bug): the request was not completed.
    Internal,
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
    /// Central's answer was larger than any answer of the forwarded operations.
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
    /// The token endpoint answered without a token (or with more than any token).
    TokenUnreadable,
    /// Central refused a token the proxy had just fetched: the API client does not fit
    /// this Central (region, workspace or role). Not retried for a few seconds.
    TokenRejected,
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
            ProxyError::ForeignHost => StatusCode::MISDIRECTED_REQUEST,
            ProxyError::ForeignOrigin => StatusCode::FORBIDDEN,
            ProxyError::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProxyError::InvalidStart { .. } | ProxyError::BadQuery { .. } => {
                StatusCode::BAD_REQUEST
            }
            ProxyError::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ProxyError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ProxyError::NotForwarded | ProxyError::FileNotFound => StatusCode::NOT_FOUND,
            ProxyError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ProxyError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ProxyError::Timeout { .. }
            | ProxyError::TokenUnavailable {
                timed_out: true, ..
            } => StatusCode::GATEWAY_TIMEOUT,
            ProxyError::Unreachable
            | ProxyError::AnswerTooLarge
            | ProxyError::TokenRefused { .. }
            | ProxyError::TokenUnavailable { .. }
            | ProxyError::TokenUnreadable
            | ProxyError::TokenRejected => StatusCode::BAD_GATEWAY,
        }
    }

    /// The `errorCode`.
    pub fn code(&self) -> &'static str {
        match self {
            ProxyError::ForeignHost => "CENTRAL_PROXY_FOREIGN_HOST",
            ProxyError::ForeignOrigin => "CENTRAL_PROXY_FOREIGN_ORIGIN",
            ProxyError::NotJson => "CENTRAL_PROXY_NOT_JSON",
            ProxyError::InvalidStart { .. } => "CENTRAL_PROXY_INVALID_START",
            ProxyError::BadQuery { .. } => "CENTRAL_PROXY_BAD_QUERY",
            ProxyError::BodyTimeout { .. } => "CENTRAL_PROXY_BODY_TIMEOUT",
            ProxyError::RateLimited { .. } => "CENTRAL_PROXY_RATE_LIMITED",
            ProxyError::NotForwarded => "CENTRAL_PROXY_NOT_FORWARDED",
            ProxyError::FileNotFound => "CENTRAL_PROXY_FILE_NOT_FOUND",
            ProxyError::Internal => "CENTRAL_PROXY_INTERNAL_ERROR",
            ProxyError::BodyTooLarge { .. } => "CENTRAL_PROXY_BODY_TOO_LARGE",
            ProxyError::Timeout { .. } => "CENTRAL_PROXY_UPSTREAM_TIMEOUT",
            ProxyError::Unreachable => "CENTRAL_PROXY_UPSTREAM_UNREACHABLE",
            ProxyError::AnswerTooLarge => "CENTRAL_PROXY_ANSWER_TOO_LARGE",
            ProxyError::TokenRefused { .. } => "CENTRAL_PROXY_CREDENTIALS_REFUSED",
            ProxyError::TokenUnavailable { .. } | ProxyError::TokenUnreadable => {
                "CENTRAL_PROXY_TOKEN_UNAVAILABLE"
            }
            ProxyError::TokenRejected => "CENTRAL_PROXY_TOKEN_REJECTED",
        }
    }

    /// The `message`: what happened and what to do.
    pub fn message(&self) -> String {
        match self {
            ProxyError::ForeignHost => {
                "This proxy does not answer to that host name: add it with --public-host if it is the proxy's own.".into()
            }
            ProxyError::ForeignOrigin => {
                "Requests from another site are refused: give the page's origin with --allow-origin if it may call this proxy.".into()
            }
            ProxyError::NotJson => "A POST must have Content-Type: application/json.".into(),
            ProxyError::InvalidStart { problem } => {
                format!("The start request is not valid: {problem}.")
            }
            ProxyError::BadQuery { problem } => {
                format!("The AP list's query is not one this proxy forwards: {problem}.")
            }
            ProxyError::BodyTimeout { after } => {
                format!("The request body did not arrive within {} s.", after.as_secs())
            }
            ProxyError::RateLimited { retry_after_secs } => format!(
                "The proxy's request budget is spent: try again in {retry_after_secs} s."
            ),
            ProxyError::FileNotFound => "No such file.".into(),
            ProxyError::Internal => "The proxy failed to complete the request.".into(),
            ProxyError::NotForwarded => {
                "This proxy forwards only the AP tests (POST .../aps/{serial}/ping or /traceroute and GET .../aps/{serial}/ping or /traceroute/async-operations/{task-id}) and the AP list (GET /network-monitoring/v1/aps)."
                    .into()
            }
            ProxyError::BodyTooLarge { limit } => {
                format!("The request body is larger than the {limit} bytes a start request may have.")
            }
            ProxyError::Timeout { after } => {
                format!("Central did not answer within {} s.", after.as_secs())
            }
            ProxyError::Unreachable => "Central could not be reached from the proxy.".into(),
            ProxyError::AnswerTooLarge => "Central's answer was larger than any answer of the forwarded operations.".into(),
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
            ProxyError::TokenRejected => "Central refused the token the proxy had just obtained: check that the API client belongs to this Central (--central-url) and may run troubleshooting tests.".into(),
        }
    }
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "errorCode": self.code(), "message": self.message() });
        let mut response = (self.status(), body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let ProxyError::RateLimited { retry_after_secs } = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}
