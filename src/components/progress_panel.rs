//! The test's progress: the bar, the status in words, the elapsed time, and an
//! `aria-live` announcement when the test ends.

use crate::components::{format, ProgressBar};
use crate::poll::Phase;
use crate::stats::{PingTestResult, TestOutcome, TestStatus};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ProgressPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct ProgressPanelProps {
    /// Where polling is.
    pub phase: Phase,
    /// The latest status, if any arrived.
    pub latest: Option<Rc<PingTestResult>>,
    /// Polling is paused while the page is hidden.
    #[prop_or_default]
    pub paused: bool,
    /// When the next request is due (ms since the epoch), while waiting.
    #[prop_or_default]
    pub next_request_at_ms: Option<f64>,
}

/// Bar, words and time of a running or finished test.
#[function_component]
pub fn ProgressPanel(props: &ProgressPanelProps) -> Html {
    let latest = props.latest.as_deref();
    let percent = latest
        .and_then(|r| r.progress_percent)
        .or(match props.phase {
            Phase::Idle | Phase::Starting => Some(0.0),
            _ => None,
        });
    let words = status_words(&props.phase, latest);
    let budget_wait = match (&props.phase, props.next_request_at_ms) {
        (Phase::Throttled { .. }, Some(at)) => Some(format!(
            "Request budget used up: next check at {}",
            format::clock_time(at)
        )),
        _ => None,
    };
    // Once the test ended, its duration is in the summary card.
    let elapsed = latest
        .filter(|r| !r.is_terminal)
        .and_then(|r| r.elapsed_ms(now_ms()?))
        .map(|ms| format!("Elapsed {}", format::duration(ms)));
    let announcement = latest
        .filter(|r| r.is_terminal)
        .map(announce)
        .unwrap_or_default();
    // A finished test without a result fills the bar in the warning colour, not the accent.
    let no_result = latest.is_some_and(|r| r.outcome == TestOutcome::NoResult);
    html! {
        <div class={classes!("apw-progress-panel", no_result.then_some("apw-progress-panel--noresult"))}>
            <ProgressBar percent={percent} />
            <div class="apw-progress-panel__meta">
                if !words.is_empty() {
                    <span class="apw-progress-panel__status">{ words }</span>
                }
                if props.paused && !matches!(props.phase, Phase::Done | Phase::Failed(_)) {
                    <span class="apw-progress-panel__paused">{ "Paused while this tab is hidden" }</span>
                }
                if let Some(budget_wait) = budget_wait {
                    <span class="apw-progress-panel__budget">{ budget_wait }</span>
                }
                if let Some(elapsed) = elapsed {
                    <span class="apw-progress-panel__elapsed">{ elapsed }</span>
                }
            </div>
            <div class="apw-visually-hidden" aria-live="polite" role="status">{ announcement }</div>
        </div>
    }
}

/// The status in words.
pub fn status_words(phase: &Phase, latest: Option<&PingTestResult>) -> String {
    if let Some(result) = latest {
        return match &result.status {
            TestStatus::Initiated => "Queued on the access point".into(),
            TestStatus::Running => "Pinging…".into(),
            TestStatus::Failed => match &result.fail_reason {
                Some(reason) => format!("Failed: {reason}"),
                None => "Failed".into(),
            },
            _ if result.outcome == TestOutcome::NoResult => match &result.fail_reason {
                Some(reason) => format!("Ended without a result: {reason}"),
                None => "Ended without a result".into(),
            },
            // The badge already says "Completed": the words say when.
            TestStatus::Completed => finished_at(result)
                .map(|at| format!("Finished at {}", format::clock_time(at)))
                .unwrap_or_default(),
            TestStatus::Other(s) => format!("Status: {s}"),
        };
    }
    match phase {
        Phase::Idle => "Not started".into(),
        Phase::Starting => "Starting the test…".into(),
        Phase::Failed(_) => "Stopped".into(),
        _ => "Waiting for the first status…".into(),
    }
}

/// When the test ended, in ms since the epoch (`endTime`).
fn finished_at(result: &PingTestResult) -> Option<f64> {
    let end = ap_ping_core::stats::timestamp::parse_rfc3339_nanos(result.end_time.as_deref()?);
    Some((end.ok()? / 1_000_000) as f64)
}

fn now_ms() -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        Some(js_sys::Date::now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// What a screen reader hears when the test ends.
pub fn announce(result: &PingTestResult) -> String {
    let stats = result.statistics.as_deref();
    if result.outcome == TestOutcome::NoResult {
        let verb = if result.status == TestStatus::Failed {
            "failed"
        } else {
            "ended without a result"
        };
        let said = [
            result.fail_reason.as_deref(),
            stats.and_then(|s| s.error.as_deref()),
        ];
        let mut words = format!("Ping test {verb}.");
        for line in said.into_iter().flatten().filter(|l| !l.trim().is_empty()) {
            words.push(' ');
            words.push_str(line.trim());
            if !line.trim_end().ends_with(['.', '!', '?']) {
                words.push('.');
            }
        }
        return words;
    }
    match stats {
        Some(s) => format!(
            "Ping test completed: {} of {} replies received, {} loss.",
            s.received,
            s.transmitted,
            s.loss_percent
                .map_or_else(|| "unknown".into(), format::percent)
        ),
        None => "Ping test ended.".into(),
    }
}
