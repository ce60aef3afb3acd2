//! Where the run is: listing, the estimate before it runs and the confirmation when the
//! allowance is lower, then "37 of 40 done, about 20 s left" with a progress bar.

use crate::components::ProgressBar;
use crate::fleet::{Counts, RunPhase};
use crate::words::{Messages, Msg};
use yew::prelude::*;

/// Props of [`FleetProgress`].
#[derive(Properties, PartialEq, Clone)]
pub struct FleetProgressProps {
    pub phase: RunPhase,
    pub counts: Counts,
    /// About how many requests the run costs, once the APs are listed.
    #[prop_or_default]
    pub estimate: Option<usize>,
    /// About how long the rest takes at the page's budget.
    #[prop_or_default]
    pub time_left_ms: Option<f64>,
    /// "Start anyway", while the run waits for it.
    #[prop_or_default]
    pub on_confirm: Option<Callback<()>>,
    #[prop_or_default]
    pub messages: Messages,
}

#[function_component]
pub fn FleetProgress(props: &FleetProgressProps) -> Html {
    let m = &props.messages;
    let n = |v: usize| m.number(v as f64, 0);
    let c = props.counts;
    let estimate = props
        .estimate
        .map(|e| m.fill_count(Msg::FleetEstimate, e as f64, &[("count", &n(e))]));
    let status = match &props.phase {
        RunPhase::Listing { aps: 0, .. } => Some(m.get(Msg::FleetListing).to_string()),
        RunPhase::Listing { aps, .. } => {
            Some(m.fill_count(Msg::FleetListed, *aps as f64, &[("count", &n(*aps))]))
        }
        RunPhase::Confirming { .. } => None,
        _ if c.total == 0 => None,
        _ => Some(match props.time_left_ms.filter(|_| c.done < c.total) {
            Some(ms) => m.fill(
                Msg::FleetTimeLeft,
                &[
                    ("done", &n(c.done)),
                    ("total", &n(c.total)),
                    ("time", &m.duration((ms / 1000.0).ceil() * 1000.0)),
                ],
            ),
            None => m.fill(
                Msg::FleetDone,
                &[("done", &n(c.done)), ("total", &n(c.total))],
            ),
        }),
    };
    let percent = match props.phase {
        RunPhase::Running | RunPhase::Finished | RunPhase::Stopped(_) if c.total > 0 => {
            Some(c.done as f64 * 100.0 / c.total as f64)
        }
        _ => None,
    };
    let running = matches!(
        props.phase,
        RunPhase::Running | RunPhase::Finished | RunPhase::Stopped(_)
    );
    html! {
        <div class="apw-progress-panel apw-fleet__progress">
            if let RunPhase::Confirming { estimate, remaining } = props.phase {
                <div class="apw-alert apw-alert--retrying" role="alert">
                    <p>{ m.fill(Msg::FleetConfirm, &[("estimate", &n(estimate)), ("remaining", &m.number(remaining as f64, 0))]) }</p>
                    if let Some(confirm) = props.on_confirm.clone() {
                        <button type="button" class="apw-button apw-button--primary" onclick={move |_| confirm.emit(())}>{ m.get(Msg::FleetStartAnyway) }</button>
                    }
                </div>
            }
            if running && c.total > 0 {
                <ProgressBar percent={percent} label={m.get(Msg::FleetProgressLabel)} />
            }
            <div class="apw-progress-panel__meta">
                if let Some(status) = status {
                    <span class="apw-progress-panel__status">{ status }</span>
                }
                if let Some(estimate) = estimate {
                    <span class="apw-fleet__estimate">{ estimate }</span>
                }
                if c.failed > 0 {
                    <span class="apw-fleet__failed">{ m.fill_count(Msg::FleetFailedCount, c.failed as f64, &[("count", &n(c.failed))]) }</span>
                }
                if c.offline > 0 {
                    <span>{ m.fill_count(Msg::FleetOfflineCount, c.offline as f64, &[("count", &n(c.offline))]) }</span>
                }
            </div>
        </div>
    }
}
