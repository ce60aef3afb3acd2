//! Requests to the Central API: URLs (validated, percent-encoded), the classification of
//! every answer into an [`Outcome`], and (in the browser) sending them with gloo-net.
//!
//! Everything above `mod http` is pure and tested natively; `http` only moves bytes.

use crate::api::outcome::{Answer, Failure, FailureKind, Outcome};
use crate::api::wire::ApiErrorBody;
use crate::stats::parse_ping_status;
use ap_ping_core::json::quoted;

use ap_ping_core::paths::{self, Operation};
pub use ap_ping_core::paths::{encode_segment, ApiVersion};

/// The base URL without a trailing `/`; `""` means the page's own origin.
fn base(base_url: &str) -> Result<&str, String> {
    let base = base_url.trim().trim_end_matches('/');
    if base.contains(['?', '#']) || base.chars().any(char::is_whitespace) {
        return Err(format!(
            "base URL {} must not contain a query, a fragment or spaces",
            quoted(base_url)
        ));
    }
    Ok(base)
}

/// `GET {base}/network-troubleshooting/{version}/aps/{serial}/ping/async-operations/{task-id}`
pub fn status_url(
    base_url: &str,
    version: ApiVersion,
    serial: &str,
    task_id: &str,
) -> Result<String, String> {
    Ok(format!(
        "{}{}",
        base(base_url)?,
        paths::status_path(version, serial, task_id)?
    ))
}

/// `POST {base}/network-troubleshooting/{version}/aps/{serial}/ping`
pub fn start_url(base_url: &str, version: ApiVersion, serial: &str) -> Result<String, String> {
    Ok(format!(
        "{}{}",
        base(base_url)?,
        paths::start_path(version, serial)?
    ))
}

/// The task a 202's `location` names, with the version of its path, when the location
/// has the status path's shape (either version, an absolute URL's path included) and
/// names the AP the test was started on. Only the version and the task id are taken:
/// the next request still goes to the configured base URL.
pub fn task_from_location(location: &str, serial: &str) -> Result<(ApiVersion, String), String> {
    let path = location.split(['?', '#']).next().unwrap_or("");
    let path = match path.split_once("://") {
        Some((_, after_scheme)) => after_scheme.find('/').map_or("", |i| &after_scheme[i..]),
        None => path,
    };
    match paths::parse_path(path) {
        Some(found) if found.serial != serial.trim() => Err(format!(
            "its location names another access point ({})",
            quoted(&found.serial)
        )),
        Some(paths::ApiPath {
            version,
            operation: Operation::Status { task_id },
            ..
        }) => Ok((version, task_id)),
        _ => Err(format!(
            "its location {} is not a ping status path",
            quoted(location)
        )),
    }
}

/// `Retry-After` as ms to wait: delta-seconds (`"3"`), or an HTTP-date
/// (`"Wed, 21 Oct 2015 07:28:00 GMT"`) measured from `now_ms` (ms since the epoch), never
/// negative. Anything else gives `None`, and the backoff applies.
pub fn retry_after_ms(value: &str, now_ms: f64) -> Option<u32> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u32>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at_ms = http_date_ms(value)?;
    Some((at_ms - now_ms).clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// An IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`) as ms since the epoch.
fn http_date_ms(value: &str) -> Option<f64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    let (day, year): (u32, u32) = (day.parse().ok()?, year.parse().ok()?);
    let rfc3339 = format!("{year:04}-{month:02}-{day:02}T{time}Z");
    let nanos = crate::stats::timestamp::parse_rfc3339_nanos(&rfc3339).ok()?;
    Some((nanos / 1_000_000) as f64)
}

/// `X-RateLimit-Reset` (an RFC 3339 UTC date-time) as ms to wait from `now_ms`, never
/// negative; `None` when it is absent or unreadable.
pub fn reset_in_ms(value: &str, now_ms: f64) -> Option<u32> {
    let nanos = crate::stats::timestamp::parse_rfc3339_nanos(value.trim()).ok()?;
    let at_ms = (nanos / 1_000_000) as f64;
    Some((at_ms - now_ms).clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// Whether the browser sends cookies with the requests (`fetch`'s `credentials`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CredentialsMode {
    /// Cookies for the page's own origin only (the browser's default).
    #[default]
    SameOrigin,
    /// Cookies for any origin, for cookie-authenticated proxies on another origin.
    Include,
    /// No cookies at all.
    Omit,
}

impl CredentialsMode {
    /// The mode of `fetch`'s name for it, or an error that lists the names.
    pub fn from_name(name: &str) -> Result<Self, String> {
        match name {
            "same-origin" => Ok(CredentialsMode::SameOrigin),
            "include" => Ok(CredentialsMode::Include),
            "omit" => Ok(CredentialsMode::Omit),
            other => Err(format!(
                "credentials {} is not one of \"same-origin\", \"include\", \"omit\"",
                quoted(other)
            )),
        }
    }
}

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

/// Decides what a status answer means, and whether it spent the request budget.
pub fn classify(answer: &RawAnswer) -> Answer {
    Answer {
        outcome: outcome(answer),
        budget_spent_for_ms: budget_spent_for_ms(answer),
        received_at_ms: answer.received_at_ms,
    }
}

/// How long no request may go because the answer says the budget is spent
/// (`X-RateLimit-Remaining: 0` with an `X-RateLimit-Reset`).
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

/// What a status answer means: a result, or a failure of a definite kind.
pub fn outcome(answer: &RawAnswer) -> Outcome {
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
        return match parse_ping_status(&answer.body) {
            Ok(result) => Outcome::Status(result.into()),
            Err(e) => failed(
                FailureKind::BadResponse,
                Some(200),
                None,
                format!("The status answer could not be read: {e}"),
            ),
        };
    }
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
    // A 429 says when to come back with `Retry-After` when it sends one, and otherwise
    // (as the API documents) with the time its window resets.
    let retry_after_ms = if kind == FailureKind::RateLimited {
        let at = answer.received_at_ms;
        answer
            .retry_after
            .as_deref()
            .and_then(|v| retry_after_ms(v, at))
            .or_else(|| reset_in_ms(answer.rate_limit_reset.as_deref()?, at))
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

fn failed(
    kind: FailureKind,
    http_status: Option<u16>,
    error_code: Option<String>,
    message: String,
) -> Outcome {
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

/// A failure before any answer: no connection, or the timeout.
pub fn transport_failure(timed_out: bool, detail: &str) -> Failure {
    let (kind, message) = if timed_out {
        (
            FailureKind::Timeout,
            "The server did not answer in time.".to_owned(),
        )
    } else {
        (
            FailureKind::Network,
            format!("The request could not be sent: {detail}"),
        )
    };
    Failure {
        kind,
        http_status: None,
        error_code: None,
        message,
    }
}

/// Sending requests in the browser, with the browser's own `fetch` (web-sys; gloo-net's
/// wrapper of it cost 1 KB gzip more). Only moves bytes: every decision is above.
pub mod http {
    use super::{CredentialsMode, RawAnswer};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{AbortSignal, Headers, RequestCredentials, RequestInit, Response};

    /// Where and how to send: the token goes only into the `Authorization` header.
    #[derive(Clone, PartialEq, Default)]
    pub struct Auth {
        /// Bearer token, if the page gave one.
        pub token: Option<std::rc::Rc<str>>,
        /// Whether cookies go with the requests.
        pub credentials: CredentialsMode,
    }

    /// What a JS exception says (`TypeError: Failed to fetch`), for the failure's message.
    fn said(error: JsValue) -> String {
        match error.dyn_ref::<js_sys::Error>() {
            Some(error) => String::from(error.to_string()),
            None => error
                .as_string()
                .unwrap_or_else(|| "unknown error".to_owned()),
        }
    }

    /// Sends `method url` (with `body` as JSON) and reads the whole answer as text.
    async fn send(
        method: &str,
        url: &str,
        body: Option<&str>,
        auth: &Auth,
        signal: &AbortSignal,
    ) -> Result<RawAnswer, String> {
        let headers = Headers::new().map_err(said)?;
        headers.set("Accept", "application/json").map_err(said)?;
        if let Some(token) = &auth.token {
            let mut value = String::from("Bearer ");
            value.push_str(token);
            headers.set("Authorization", &value).map_err(said)?;
        }
        let init = RequestInit::new();
        init.set_method(method);
        if let Some(body) = body {
            headers
                .set("Content-Type", "application/json")
                .map_err(said)?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        init.set_signal(Some(signal));
        init.set_credentials(match auth.credentials {
            CredentialsMode::SameOrigin => RequestCredentials::SameOrigin,
            CredentialsMode::Include => RequestCredentials::Include,
            CredentialsMode::Omit => RequestCredentials::Omit,
        });
        let window = web_sys::window().ok_or("no window to send requests from")?;
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(said)?
            .unchecked_into();
        let headers = response.headers();
        let header = |name: &str| headers.get(name).ok().flatten();
        let text = JsFuture::from(response.text().map_err(said)?)
            .await
            .map_err(said)?;
        Ok(RawAnswer {
            status: response.status(),
            content_type: header("content-type"),
            retry_after: header("retry-after"),
            rate_limit_remaining: header("x-ratelimit-remaining"),
            rate_limit_reset: header("x-ratelimit-reset"),
            body: text.as_string().unwrap_or_default(),
            received_at_ms: js_sys::Date::now(),
        })
    }

    /// `GET` the status URL.
    pub async fn get(url: &str, auth: &Auth, signal: &AbortSignal) -> Result<RawAnswer, String> {
        send("GET", url, None, auth, signal).await
    }

    /// `POST` a JSON body.
    pub async fn post(
        url: &str,
        body: &str,
        auth: &Auth,
        signal: &AbortSignal,
    ) -> Result<RawAnswer, String> {
        send("POST", url, Some(body), auth, signal).await
    }
}
