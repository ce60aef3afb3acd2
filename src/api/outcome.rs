//! What a request came back with: as it came off the wire ([`RawAnswer`]), and classified
//! (a status, or a failure of a definite kind, and what the answer said about the request
//! budget). The client sends and classifies (`client::http`, `client::classify`); the
//! polling machine (`poll`) decides on them.
//!
//! A status is the test kind's own type (`S`; ping's [`PingTestResult`] unless named).

use crate::stats::PingTestResult;
use std::rc::Rc;

/// An answer as it came off the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAnswer {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`, if any.
    pub content_type: Option<String>,
    /// `Retry-After`, if any.
    pub retry_after: Option<String>,
    /// `X-RateLimit-Remaining`, if any: requests left in the window.
    pub rate_limit_remaining: Option<String>,
    /// `X-RateLimit-Reset`, if any: when the window resets (RFC 3339).
    pub rate_limit_reset: Option<String>,
    /// The body text.
    pub body: String,
    /// When it arrived, in ms since the epoch (for `Retry-After` and `X-RateLimit-Reset` dates).
    pub received_at_ms: f64,
}

/// Why a request failed, as shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// What kind of failure this is.
    pub kind: FailureKind,
    /// HTTP status, when there was an answer.
    pub http_status: Option<u16>,
    /// The API's `errorCode`, when it sent one.
    pub error_code: Option<String>,
    /// The API's `message`, or our own description.
    pub message: String,
}

/// Kinds of failure; each is retried or not on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// 429: retried after `Retry-After`, else with backoff.
    RateLimited,
    /// 5xx: retried with backoff.
    Server,
    /// The request never got an answer (offline, DNS, CORS, connection reset): retried.
    Network,
    /// No answer within the request timeout: retried.
    Timeout,
    /// An answer that is not the API's JSON (cut off, HTML from a proxy): retried, as a
    /// proxy hiccup is the likely cause.
    BadResponse,
    /// 400: the request is wrong; asking again cannot help.
    BadRequest,
    /// 401: the token is missing, wrong or expired.
    Unauthorized,
    /// 403: the credentials are valid but may not run troubleshooting tests.
    Forbidden,
    /// 404: no such task or device.
    NotFound,
    /// 409: the AP is offline.
    Conflict,
    /// Any other 4xx.
    Client,
    /// The page's own settings are wrong (no serial, a task id that is not a path
    /// segment, a start request outside the API's limits): nothing was sent.
    Configuration,
    /// The page's backend, central-proxy, cannot use its own API client: the token
    /// endpoint refused its client id and secret (`CENTRAL_PROXY_CREDENTIALS_REFUSED`), or
    /// Central refused the token it had just got (`CENTRAL_PROXY_TOKEN_REJECTED`: a client
    /// of another Central). Whatever the HTTP status (502): asking again cannot mend the
    /// proxy's configuration, and the page's own token is not the cause.
    ProxyCredentials,
}

impl FailureKind {
    /// Whether asking again may help.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            FailureKind::RateLimited
                | FailureKind::Server
                | FailureKind::Network
                | FailureKind::Timeout
                | FailureKind::BadResponse
        )
    }
}

/// What one status request came back with, already classified (see `api::client::classify`).
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<S = PingTestResult> {
    /// A 200 with a readable body (shared: the machine keeps it as the latest status).
    Status(Rc<S>),
    /// Anything else. `retry_after_ms` is how long the server asked to wait before
    /// retrying, if it said (`Retry-After`, or else until `X-RateLimit-Reset` on a 429).
    Failed {
        failure: Failure,
        retry_after_ms: Option<u32>,
    },
}

/// An [`Outcome`] and what the answer said about the request budget.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<S = PingTestResult> {
    /// What the answer means.
    pub outcome: Outcome<S>,
    /// The budget is spent (`X-RateLimit-Remaining: 0`): no request may go for this many
    /// ms (until `X-RateLimit-Reset`), whatever the answer was.
    pub budget_spent_for_ms: Option<u32>,
    /// When the answer arrived (ms since the epoch; 0 when there was none): the waits
    /// above count from here, also for a "Try again" long after it.
    pub received_at_ms: f64,
}

impl<S> From<Outcome<S>> for Answer<S> {
    fn from(outcome: Outcome<S>) -> Self {
        Answer {
            outcome,
            budget_spent_for_ms: None,
            received_at_ms: 0.0,
        }
    }
}

impl<S> From<Failure> for Answer<S> {
    /// A failure without an answer (no connection, the timeout, the page's settings).
    fn from(failure: Failure) -> Self {
        Outcome::Failed {
            failure,
            retry_after_ms: None,
        }
        .into()
    }
}

/// One error kind, as `js::generate` reads it: its name in JavaScript (the `kind` of
/// `ping-error`, of an AP's error in `fleet-complete`) and what it means.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub struct ErrorKindLayout {
    /// Its name in JavaScript.
    pub name: &'static str,
    /// What it means, in a few words (README and TypeScript).
    pub doc: &'static str,
}

/// Describes the kinds once: `Variant => "jsName"`, with a short doc; expands to
/// `kind_name` and `ERROR_KINDS`.
macro_rules! error_kinds {
    ($( #[doc = $doc:literal] $variant:ident => $name:literal, )*) => {
        /// The `kind` of `ping-error` for a failure of this kind.
        pub fn kind_name(kind: FailureKind) -> &'static str {
            match kind {
                $(FailureKind::$variant => $name,)*
            }
        }

        /// Every kind, in the order the README and the TypeScript list them.
        #[cfg(not(target_arch = "wasm32"))]
        pub const ERROR_KINDS: &[ErrorKindLayout] = &[$(
            ErrorKindLayout { name: $name, doc: $doc.trim_ascii() }
        ),*];
    };
}

error_kinds! {
    /// 403: the API client lacks troubleshooting access
    Forbidden => "forbidden",
    /// 401: the token is missing, wrong or expired
    Unauthorized => "unauthorized",
    /// 404: no such task or device
    NotFound => "notFound",
    /// 409: the AP is offline
    Conflict => "conflict",
    /// 400: the request is wrong
    BadRequest => "badRequest",
    /// 429, after every retry
    RateLimited => "rateLimited",
    /// 5xx, after every retry
    Server => "server",
    /// offline, DNS or CORS: no answer at all, after every retry
    Network => "network",
    /// no answer within `requestTimeoutMs`, after every retry
    Timeout => "timeout",
    /// an answer that is not the API's JSON, after every retry
    BadResponse => "badResponse",
    /// any other 4xx
    Client => "client",
    /// the widget's own options
    Configuration => "configuration",
    /// central-proxy's own client id and secret, or its token, refused
    ProxyCredentials => "proxyCredentials",
}
