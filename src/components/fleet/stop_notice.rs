//! Why the run stopped as a whole: a refused token, a list that may not be read or could
//! not be, too many APs, a spent budget, or the page's own settings.

use crate::fleet::{RunStop, MAX_FLEET_APS};
use crate::words::{Messages, Msg};
use yew::prelude::*;

/// What to tell the admin: what happened and what to do.
pub fn stop_text(m: &Messages, stop: &RunStop) -> String {
    match stop {
        RunStop::Configuration(reason) => {
            m.fill(Msg::FleetStopConfiguration, &[("reason", reason)])
        }
        RunStop::Unauthorized(f) => {
            let status = f
                .http_status
                .map_or_else(|| "401".to_owned(), |s| s.to_string());
            m.fill(Msg::FleetStopUnauthorized, &[("status", &status)])
        }
        RunStop::ListForbidden(_) => m.get(Msg::FleetStopListForbidden).to_string(),
        RunStop::ListFailed(f) => m.fill(Msg::FleetStopListFailed, &[("reason", &f.message)]),
        RunStop::TooManyAps { listed } => m.fill(
            Msg::FleetStopTooMany,
            &[
                ("count", &m.number(*listed as f64, 0)),
                ("max", &m.number(MAX_FLEET_APS as f64, 0)),
            ],
        ),
        RunStop::BudgetSpent { until_ms } => {
            m.fill(Msg::FleetStopBudget, &[("time", &m.clock_time(*until_ms))])
        }
    }
}

/// Props of [`StopNotice`].
#[derive(Properties, PartialEq, Clone)]
pub struct StopNoticeProps {
    pub stop: RunStop,
    #[prop_or_default]
    pub messages: Messages,
}

/// An alert: "The run stopped", why, and the API's code when it sent one.
#[function_component]
pub fn StopNotice(props: &StopNoticeProps) -> Html {
    let m = &props.messages;
    let code = props.stop.failure().and_then(|f| f.error_code.clone());
    html! {
        <div class="apw-alert apw-alert--error" role="alert">
            <p class="apw-alert__title">{ m.get(Msg::FleetStopped) }</p>
            <p class="apw-alert__next">{ stop_text(m, &props.stop) }</p>
            if let Some(code) = code {
                <p class="apw-alert__code">{ code }</p>
            }
        </div>
    }
}
