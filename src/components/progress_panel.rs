//! The test's progress: the bar, the status in words, the elapsed time, and an
//! `aria-live` announcement when the test ends. For any kind of test whose status says
//! what [`ShownProgress`] asks (ping's and traceroute's).

use crate::components::ProgressBar;
use crate::poll::Phase;
use crate::stats::{PingTestResult, TestOutcome, TestStatus};
use crate::words::{Messages, Msg};
use std::rc::Rc;
use yew::prelude::*;

/// The panel's words that differ by kind of test.
#[derive(Debug, PartialEq, Eq)]
pub struct ProgressWords {
    /// The bar's accessible name.
    pub label: Msg,
    /// What the test does while it runs on the AP ("Pinging…").
    pub running: Msg,
    /// How long it has run ("Elapsed {duration}").
    pub elapsed: Msg,
}

/// Ping's.
pub const PING_WORDS: ProgressWords = ProgressWords {
    label: Msg::ProgressLabel,
    running: Msg::Pinging,
    elapsed: Msg::Elapsed,
};

/// What the panel and the card read of a kind of test's status. Used as `dyn`: one panel
/// and one card in the module for every kind, not one each.
pub trait ShownProgress: 'static {
    /// Where the test is.
    fn status(&self) -> &TestStatus;
    /// Whether it has ended.
    fn is_terminal(&self) -> bool;
    /// 0–100, when the API said.
    fn progress_percent(&self) -> Option<f64>;
    /// Why it ended without a result, as sent.
    fn fail_reason(&self) -> Option<&str>;
    /// When it ended (RFC 3339), as sent.
    fn end_time(&self) -> Option<&str>;
    /// Whether it ended without a result.
    fn no_result(&self) -> bool;
    /// How long it has run at `now_ms` (ms since the epoch), when that can be told.
    fn elapsed_ms(&self, now_ms: f64) -> Option<f64>;
    /// What a screen reader hears when it ends.
    fn announce(&self, m: &Messages) -> String;
}

/// [`ShownProgress`]'s readers of the envelope every kind's result has (`status`,
/// `isTerminal`, `progressPercent`, `failReason`, `endTime`), written once.
macro_rules! envelope_readers {
    () => {
        fn status(&self) -> &crate::stats::TestStatus {
            &self.status
        }
        fn is_terminal(&self) -> bool {
            self.is_terminal
        }
        fn progress_percent(&self) -> Option<f64> {
            self.progress_percent
        }
        fn fail_reason(&self) -> Option<&str> {
            self.fail_reason.as_deref()
        }
        fn end_time(&self) -> Option<&str> {
            self.end_time.as_deref()
        }
    };
}
pub(crate) use envelope_readers;

impl ShownProgress for PingTestResult {
    envelope_readers!();
    fn no_result(&self) -> bool {
        self.outcome == TestOutcome::NoResult
    }
    fn elapsed_ms(&self, now_ms: f64) -> Option<f64> {
        PingTestResult::elapsed_ms(self, now_ms)
    }
    fn announce(&self, m: &Messages) -> String {
        announce(m, self)
    }
}

/// A status of any kind as the panel holds it, compared by identity: a new status is a
/// new `Rc`.
#[derive(Clone)]
pub struct Shown(pub Rc<dyn ShownProgress>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`ProgressPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct ProgressPanelProps {
    /// Where polling is.
    pub phase: Phase,
    /// The latest status, if any arrived.
    pub latest: Option<Shown>,
    /// The words of its kind of test.
    #[prop_or(&PING_WORDS)]
    pub words: &'static ProgressWords,
    /// Polling is paused while the page is hidden.
    #[prop_or_default]
    pub paused: bool,
    /// When the next request is due (ms since the epoch), while waiting.
    #[prop_or_default]
    pub next_request_at_ms: Option<f64>,
    /// The words.
    #[prop_or_default]
    pub messages: Messages,
}

/// Bar, words and time of a running or finished test.
#[function_component]
pub fn ProgressPanel(props: &ProgressPanelProps) -> Html {
    let (latest, m) = (props.latest.as_ref().map(|s| &*s.0), &props.messages);
    // The time since the start counts on between answers, while the test runs.
    crate::hooks::use_tick(latest.is_some_and(|r| !r.is_terminal()), 1000);
    let percent = latest
        .and_then(|r| r.progress_percent())
        .or(match props.phase {
            Phase::Idle | Phase::Starting => Some(0.0),
            _ => None,
        });
    let words = status_words(m, &props.phase, latest, props.words);
    let budget_wait = match (&props.phase, props.next_request_at_ms) {
        (Phase::Throttled { .. }, Some(at)) => {
            Some(m.fill(Msg::BudgetWait, &[("time", &m.clock_time(at))]))
        }
        _ => None,
    };
    // Once the test ended, its duration is in the summary card.
    let elapsed = latest
        .filter(|r| !r.is_terminal())
        .and_then(|r| r.elapsed_ms(now_ms()?))
        .map(|ms| m.fill(props.words.elapsed, &[("duration", &m.duration(ms))]));
    let announcement = latest
        .filter(|r| r.is_terminal())
        .map(|r| r.announce(m))
        .unwrap_or_default();
    // A finished test without a result fills the bar in the warning colour, not the accent.
    let no_result = latest.is_some_and(|r| r.no_result());
    html! {
        <div class={classes!("apw-progress-panel", no_result.then_some("apw-progress-panel--noresult"))}>
            <ProgressBar percent={percent} label={m.get(props.words.label)} />
            <div class="apw-progress-panel__meta">
                if !words.is_empty() {
                    <span class="apw-progress-panel__status">{ words }</span>
                }
                if props.paused && !matches!(props.phase, Phase::Done | Phase::Failed(_)) {
                    <span class="apw-progress-panel__paused">{ m.get(Msg::Paused) }</span>
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
pub fn status_words(
    m: &Messages,
    phase: &Phase,
    latest: Option<&dyn ShownProgress>,
    words: &ProgressWords,
) -> AttrValue {
    let with_reason = |msg, reason: &str| m.fill(msg, &[("reason", reason)]).into();
    if let Some(result) = latest {
        return match result.status() {
            TestStatus::Initiated => m.get(Msg::Queued),
            TestStatus::Running => m.get(words.running),
            TestStatus::Failed => match result.fail_reason() {
                Some(reason) => with_reason(Msg::StatusFailedReason, reason),
                None => m.get(Msg::StatusFailed),
            },
            _ if result.no_result() => match result.fail_reason() {
                Some(reason) => with_reason(Msg::StatusNoResultReason, reason),
                None => m.get(Msg::StatusNoResult),
            },
            // The badge already says "Completed": the words say when.
            TestStatus::Completed => finished_at(result)
                .map(|at| {
                    m.fill(Msg::FinishedAt, &[("time", &m.clock_time(at))])
                        .into()
                })
                .unwrap_or_default(),
            TestStatus::Other(s) => m.fill(Msg::StatusOther, &[("status", s)]).into(),
        };
    }
    m.get(match phase {
        Phase::Idle => Msg::NotStarted,
        Phase::Starting => Msg::Starting,
        Phase::Failed(_) => Msg::Stopped,
        _ => Msg::WaitingFirst,
    })
}

/// When the test ended, in ms since the epoch (`endTime`).
fn finished_at(result: &dyn ShownProgress) -> Option<f64> {
    let end = ap_ping_core::stats::timestamp::parse_rfc3339_nanos(result.end_time()?);
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
pub fn announce(m: &Messages, result: &PingTestResult) -> String {
    let stats = result.statistics.as_deref();
    if result.outcome == TestOutcome::NoResult {
        let mut words = m
            .get(if result.status == TestStatus::Failed {
                Msg::AnnounceFailed
            } else {
                Msg::AnnounceNoResult
            })
            .to_string();
        let said = [
            result.fail_reason.as_deref(),
            stats.and_then(|s| s.error.as_deref()),
        ];
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
        Some(s) => {
            let loss = s
                .loss_percent
                .map_or_else(|| m.get(Msg::Unknown).to_string(), |p| m.percent(p));
            m.fill_count(
                Msg::AnnounceCompleted,
                f64::from(s.transmitted),
                &[
                    ("received", &m.number(f64::from(s.received), 0)),
                    ("sent", &m.number(f64::from(s.transmitted), 0)),
                    ("loss", &loss),
                ],
            )
        }
        None => m.get(Msg::AnnounceEnded).to_string(),
    }
}
