//! Errors and retries: the API's code and message, and what the user can do next.

use crate::poll::{Failure, FailureKind};
use crate::words::{Messages, Msg};
use yew::prelude::*;

/// Props of [`ErrorPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct ErrorPanelProps {
    /// What went wrong.
    pub failure: Failure,
    /// `Some((attempt, max, delay_ms))` while a retry is pending; `None` once polling stopped.
    #[prop_or_default]
    pub retrying: Option<(u32, u32, u32)>,
    /// When the retry is due (ms since the epoch), for "Rate limited until 14:05:10".
    #[prop_or_default]
    pub retry_at_ms: Option<f64>,
    /// The "Try again" button.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
    /// The words.
    #[prop_or_default]
    pub messages: Messages,
}

/// The advice for a failure that stopped polling.
pub fn next_step(kind: FailureKind) -> Msg {
    match kind {
        FailureKind::Unauthorized => Msg::NextUnauthorized,
        FailureKind::Forbidden => Msg::NextForbidden,
        FailureKind::NotFound => Msg::NextNotFound,
        FailureKind::Conflict => Msg::NextConflict,
        FailureKind::BadRequest => Msg::NextBadRequest,
        FailureKind::Client => Msg::NextClient,
        FailureKind::Configuration => Msg::NextConfiguration,
        FailureKind::ProxyCredentials => Msg::NextProxyCredentials,
        FailureKind::RateLimited => Msg::NextRateLimited,
        FailureKind::Server
        | FailureKind::Network
        | FailureKind::Timeout
        | FailureKind::BadResponse => Msg::NextUnavailable,
    }
}

/// What a pending retry says: until when for a rate limit (a wait can be minutes, and a
/// countdown in seconds would hide that), how soon otherwise.
pub fn retry_words(
    m: &Messages,
    kind: FailureKind,
    (attempt, max, delay_ms): (u32, u32, u32),
    retry_at_ms: Option<f64>,
) -> String {
    let (attempt, max) = (attempt.to_string(), max.to_string());
    match (kind, retry_at_ms) {
        (FailureKind::RateLimited, Some(at)) => m.fill(
            Msg::RateLimitedUntil,
            &[
                ("time", &m.clock_time(at)),
                ("attempt", &attempt),
                ("max", &max),
            ],
        ),
        _ => m.fill(
            Msg::RetryingIn,
            &[
                ("seconds", &delay_ms.div_ceil(1000).to_string()),
                ("attempt", &attempt),
                ("max", &max),
            ],
        ),
    }
}

/// Shows a failure: a notice while retrying, an alert with a button once stopped.
#[function_component]
pub fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    let (f, m) = (&props.failure, &props.messages);
    // "HTTP 403 · HPE_GL_ERROR_FORBIDDEN", either part alone, or nothing.
    let mut code = f.http_status.map_or(String::new(), |s| format!("HTTP {s}"));
    if let Some(error_code) = &f.error_code {
        if !code.is_empty() {
            code.push_str(" · ");
        }
        code.push_str(error_code);
    }
    let onclick = props
        .on_retry
        .clone()
        .map(|cb| Callback::from(move |_| cb.emit(())));
    match props.retrying {
        Some(retrying) => html! {
            <div class="apw-alert apw-alert--retrying" role="status">
                <p class="apw-alert__title">{ retry_words(m, f.kind, retrying, props.retry_at_ms) }</p>
                <p class="apw-alert__message">{ f.message.clone() }</p>
                if !code.is_empty() { <p class="apw-alert__code">{ code }</p> }
            </div>
        },
        None => html! {
            <div class="apw-alert apw-alert--error" role="alert">
                <p class="apw-alert__title">{ m.get(Msg::ErrorTitle) }</p>
                <p class="apw-alert__message">{ f.message.clone() }</p>
                if !code.is_empty() { <p class="apw-alert__code">{ code }</p> }
                <p class="apw-alert__next">{ m.get(next_step(f.kind)) }</p>
                if let Some(onclick) = onclick {
                    <button type="button" class="apw-button apw-button--primary" {onclick}>{ m.get(Msg::TryAgain) }</button>
                }
            </div>
        },
    }
}
