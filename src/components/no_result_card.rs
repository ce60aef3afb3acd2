//! A test that ended without a result: why (the API's `failReason`) and what the AP
//! itself said (its error line from `rawOutput`), in place of numbers that would mislead.

use crate::stats::PingTestResult;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`NoResultCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct NoResultCardProps {
    /// A terminal result whose outcome is `NoResult`.
    pub result: Rc<PingTestResult>,
}

/// The reason and the AP's error line, each as text.
#[function_component]
pub fn NoResultCard(props: &NoResultCardProps) -> Html {
    let result = &props.result;
    let stats = result.statistics.as_deref();
    let destination = stats.and_then(|s| s.destination.clone());
    let ap_error = stats.and_then(|s| s.error.clone());
    let reason = result
        .fail_reason
        .clone()
        .filter(|r| !r.trim().is_empty())
        .or_else(|| ap_error.is_none().then(|| no_reason_words(result)));
    html! {
        <section class="apw-noresult" aria-label="No result">
            <p class="apw-noresult__title">
                { "The test ended without a result" }
                if let Some(destination) = destination {
                    { " for " }<span class="apw-noresult__destination">{ destination }</span>
                }
            </p>
            if let Some(reason) = reason {
                <p class="apw-noresult__reason">{ reason }</p>
            }
            if let Some(line) = ap_error {
                <p class="apw-noresult__ap">
                    <span class="apw-noresult__label">{ "The access point said: " }</span>
                    <span class="apw-noresult__line">{ line }</span>
                </p>
            }
        </section>
    }
}

/// What to say when Central gave no reason at all.
fn no_reason_words(result: &PingTestResult) -> String {
    match result.statistics.as_deref() {
        None => "Central reported no statistics and no reason.".into(),
        Some(_) => "No packet was sent.".into(),
    }
}
