//! Errors and retries: the API's code and message, and what the user can do next.

use crate::components::format;
use crate::poll::{Failure, FailureKind};
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
}

/// The advice for a failure that stopped polling.
pub fn next_step(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::Unauthorized => "Check the API token, or sign in again, then try again.",
        FailureKind::Forbidden => {
            "The API client is not allowed to run ping tests: give it troubleshooting access \
             (the Network Troubleshooting permission) in Central, then try again."
        }
        FailureKind::NotFound => {
            "Check the AP serial number and the task id. Finished tasks are kept only for a while."
        }
        FailureKind::Conflict => "The access point is offline. Try again once it is back online.",
        FailureKind::BadRequest => "Check the test settings (destination, count, packet size).",
        FailureKind::Client => "The request was refused. Check the widget's settings.",
        FailureKind::Configuration => {
            "Check the widget's settings (serial, task id, base URL, API version, start request), then mount it again."
        }
        FailureKind::RateLimited => "Central is limiting requests. Wait a moment, then try again.",
        FailureKind::Server
        | FailureKind::Network
        | FailureKind::Timeout
        | FailureKind::BadResponse => {
            "Central did not answer properly. Check the connection, then try again."
        }
    }
}

/// What a pending retry says: until when for a rate limit (a wait can be minutes, and a
/// countdown in seconds would hide that), how soon otherwise.
pub fn retry_words(
    kind: FailureKind,
    attempt: u32,
    max: u32,
    delay_ms: u32,
    retry_at_ms: Option<f64>,
) -> String {
    match (kind, retry_at_ms) {
        (FailureKind::RateLimited, Some(at)) => format!(
            "Rate limited until {} (attempt {attempt} of {max})",
            format::clock_time(at)
        ),
        _ => format!(
            "Retrying in {} s (attempt {attempt} of {max})",
            delay_ms.div_ceil(1000)
        ),
    }
}

/// Shows a failure: a notice while retrying, an alert with a button once stopped.
#[function_component]
pub fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    let f = &props.failure;
    let code = match (f.http_status, &f.error_code) {
        (Some(status), Some(code)) => format!("HTTP {status} · {code}"),
        (Some(status), None) => format!("HTTP {status}"),
        (None, Some(code)) => code.clone(),
        (None, None) => String::new(),
    };
    let onclick = props
        .on_retry
        .clone()
        .map(|cb| Callback::from(move |_| cb.emit(())));
    match props.retrying {
        Some((attempt, max, delay_ms)) => html! {
            <div class="apw-alert apw-alert--retrying" role="status">
                <p class="apw-alert__title">{ retry_words(f.kind, attempt, max, delay_ms, props.retry_at_ms) }</p>
                <p class="apw-alert__message">{ f.message.clone() }</p>
                if !code.is_empty() { <p class="apw-alert__code">{ code }</p> }
            </div>
        },
        None => html! {
            <div class="apw-alert apw-alert--error" role="alert">
                <p class="apw-alert__title">{ "The ping test could not be followed" }</p>
                <p class="apw-alert__message">{ f.message.clone() }</p>
                if !code.is_empty() { <p class="apw-alert__code">{ code }</p> }
                <p class="apw-alert__next">{ next_step(f.kind) }</p>
                if let Some(onclick) = onclick {
                    <button type="button" class="apw-button apw-button--primary" {onclick}>{ "Try again" }</button>
                }
            </div>
        },
    }
}
