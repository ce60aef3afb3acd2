//! The per-token rate limit: a window of a second, told in `X-RateLimit-*` on every
//! answer, and the API's 429 once it is used up.

use super::{api_error, AppState};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use std::time::{Duration, SystemTime};
use tokio::time::Instant;

/// One token's rate-limit window: when it began (both clocks) and the requests in it.
pub(super) struct Window {
    pub(super) began: Instant,
    pub(super) began_wall: SystemTime,
    pub(super) requests: u32,
}

/// Counts one request in `key`'s window of a second: the limit, what is left (`None`
/// once over the limit) and when the window resets.
pub(super) fn count_request(state: &AppState, key: &str) -> (u32, Option<u32>, SystemTime) {
    let limit = state.config.rate_limit_per_second;
    let mut inner = state.lock();
    let now = Instant::now();
    let window = inner.windows.entry(key.to_owned()).or_insert(Window {
        began: now,
        began_wall: SystemTime::now(),
        requests: 0,
    });
    if now.duration_since(window.began) >= Duration::from_secs(1) {
        *window = Window {
            began: now,
            began_wall: SystemTime::now(),
            requests: 0,
        };
    }
    window.requests += 1;
    let remaining = limit.checked_sub(window.requests);
    (limit, remaining, window.began_wall + Duration::from_secs(1))
}

/// `X-RateLimit-Limit`, `-Remaining` and `-Reset` (RFC 3339), unless already set.
pub(super) fn rate_limit_headers(
    response: &mut Response,
    limit: u32,
    remaining: u32,
    reset: SystemTime,
) {
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-ratelimit-limit", limit.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", crate::simulation::rfc3339(reset)),
    ] {
        if !headers.contains_key(name) {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
    }
}

/// A 429 in the API's words, with `Retry-After: seconds` when given.
pub(super) fn too_many_requests(retry_after_secs: Option<u32>) -> Response {
    let mut response = api_error(
        StatusCode::TOO_MANY_REQUESTS,
        "HPE_GL_ERROR_TOO_MANY_REQUESTS",
        "Rate limit exceeded.",
    );
    if let Some(seconds) = retry_after_secs {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// A scenario's 429 that says only when the budget resets (`Remaining: 0`).
pub(super) fn budget_spent_until(
    retry_after_secs: Option<u32>,
    reset: SystemTime,
    limit: u32,
) -> Response {
    let mut response = too_many_requests(retry_after_secs);
    rate_limit_headers(&mut response, limit, 0, reset);
    response
}
