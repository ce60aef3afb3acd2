//! A test that ended without a result: why (the API's `failReason`) and what the AP
//! itself said (its error line from `rawOutput`), in place of numbers that would mislead.

use crate::components::with_value_apart;
use crate::stats::PingTestResult;
use crate::words::{Messages, Msg};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`NoResultCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct NoResultCardProps {
    /// A terminal result whose outcome is `NoResult`.
    pub result: Rc<PingTestResult>,
    /// The words.
    #[prop_or_default]
    pub messages: Messages,
}

/// The reason and the AP's error line, each as text.
#[function_component]
pub fn NoResultCard(props: &NoResultCardProps) -> Html {
    let (result, m) = (&props.result, &props.messages);
    let stats = result.statistics.as_deref();
    let destination = stats.and_then(|s| s.destination.clone());
    let ap_error = stats.and_then(|s| s.error.clone());
    let reason = result
        .fail_reason
        .clone()
        .filter(|r| !r.trim().is_empty())
        .map(AttrValue::from)
        .or_else(|| ap_error.is_none().then(|| m.get(no_reason_words(result))));
    no_result_view(
        m,
        (Msg::NoResultFor, Msg::NoResultTitle),
        destination.as_deref(),
        reason,
        ap_error,
    )
}

/// The card of any test that ended without a result: its title in the test's own words
/// (`titles`: naming `{destination}` when known, and without it), why (`reason`), and the
/// device's own line (`ap_said`).
pub(crate) fn no_result_view(
    m: &Messages,
    titles: (Msg, Msg),
    destination: Option<&str>,
    reason: Option<AttrValue>,
    ap_said: Option<String>,
) -> Html {
    let title = match destination {
        Some(d) => with_value_apart(m, titles.0, "destination", d, "apw-noresult__destination"),
        None => m.get(titles.1).into(),
    };
    html! {
        <section class="apw-noresult" aria-label={m.get(Msg::NoResultLabel)}>
            <p class="apw-noresult__title">{ title }</p>
            if let Some(reason) = reason {
                <p class="apw-noresult__reason">{ reason }</p>
            }
            if let Some(line) = ap_said {
                <p class="apw-noresult__ap">
                    <span class="apw-noresult__label">{ m.get(Msg::ApSaid) }{ " " }</span>
                    <span class="apw-noresult__line">{ line }</span>
                </p>
            }
        </section>
    }
}

/// What to say when Central gave no reason at all.
fn no_reason_words(result: &PingTestResult) -> Msg {
    match result.statistics.as_deref() {
        None => Msg::NoStatsNoReason,
        Some(_) => Msg::NoPacketSent,
    }
}
