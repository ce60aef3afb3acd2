//! The polling state machine: pure, no web types, no clock. The hook
//! (`hooks::use_test_task`) feeds it events and carries out the [`Effect`] it returns;
//! everything about *when* to ask and *whether* to go on is decided here and tested
//! natively. It knows of a test's status only whether it is terminal ([`TestStatus`]),
//! so it follows any kind of test; `S` is ping's `PingTestResult` unless named.

use crate::api::kind::TestStatus;
use crate::stats::PingTestResult;
use std::rc::Rc;

/// What an answer means; defined with the client that classifies answers, used here.
pub use crate::api::outcome::{Answer, Failure, FailureKind, Outcome};

/// How failed requests are retried: exponential backoff with jitter, capped, limited.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Wait before the first retry, in ms.
    pub base_delay_ms: u32,
    /// No wait is longer than this.
    pub max_delay_ms: u32,
    /// Failures in a row before giving up (the first try is not a retry).
    pub max_attempts: u32,
    /// A wait the server asks for (`Retry-After`, or until `X-RateLimit-Reset`) longer
    /// than this is shortened to it: a wrong clock or header must not stall a page for hours.
    pub max_retry_after_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base_delay_ms: 1000,
            max_delay_ms: 30_000,
            max_attempts: 5,
            max_retry_after_ms: 15 * 60 * 1000,
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (1-based): `base * 2^(attempt-1)`, capped,
    /// then spread over its upper half by `jitter` in `0.0..1.0` so that many widgets
    /// do not retry in step.
    pub fn backoff_ms(&self, attempt: u32, jitter: f64) -> u32 {
        let exponential =
            f64::from(self.base_delay_ms) * 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
        let capped = exponential.min(f64::from(self.max_delay_ms));
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.5
        };
        (capped * (0.5 + 0.5 * jitter)).round() as u32
    }
}

/// Options that shape the polling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollSettings {
    /// Time between two status requests while the test runs.
    pub interval_ms: u32,
    /// A request not answered by then is aborted and counts as a failure.
    pub request_timeout_ms: u32,
    /// Retries of failed requests.
    pub retry: RetryPolicy,
    /// How long the test should run (ms), when known: a 5-packet ping takes about 5 s on
    /// the AP, and no status before then can say more than "running". The hook sets it
    /// from the start request (`TestKind::expected_duration_ms`).
    pub expected_run_ms: Option<u32>,
}

/// No running test waits longer than this for its next status request.
pub const SLOWEST_POLL_MS: u32 = 30_000;

impl Default for PollSettings {
    fn default() -> Self {
        PollSettings {
            interval_ms: 2000,
            request_timeout_ms: 10_000,
            retry: RetryPolicy::default(),
            expected_run_ms: None,
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<S = PingTestResult> {
    /// Begin polling a known task: first request now.
    Start,
    /// Begin by starting a new test (the widget's own POST), then poll it.
    StartNewTest,
    /// The POST that starts a test came back: `Ok` once its task id is known, else the
    /// answer (or the failure without one) whose outcome is [`Outcome::Failed`].
    StartAnswered(Result<(), Answer<S>>),
    /// A status request finished.
    Answered(Answer<S>),
    /// The wait the machine asked for is over.
    TimerFired,
    /// The page was hidden: no new request until it is visible again.
    Hidden,
    /// The page is visible again.
    Visible,
    /// The user asked to try again after polling stopped, at `now_ms` (ms since the
    /// epoch): before the time the server last said no request may go, it waits for it.
    Retry {
        /// The page's clock.
        now_ms: f64,
    },
    /// Polling cannot work (the page's configuration is wrong): stop with this failure.
    Refuse(Failure),
    /// Stop everything (unmount, `destroy()`, new serial or task id).
    Cancel,
}

/// What the hook must do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing now.
    None,
    /// Send the status request (the machine guarantees none is in flight).
    Fetch,
    /// Send the POST that starts a new test.
    PostStart,
    /// Start a timer; send [`Event::TimerFired`] when it ends.
    Wait { ms: u32 },
    /// Abort any request and clear every timer.
    Stop,
}

/// Where polling is. One enum, so impossible combinations cannot exist.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Not started (or cancelled).
    Idle,
    /// The POST that starts a test is in flight.
    Starting,
    /// A status request is in flight.
    Fetching,
    /// Waiting for the next regular poll.
    Waiting,
    /// Waiting longer than the poll interval, because the API's request budget is spent
    /// until it resets (`X-RateLimit-Remaining: 0`), or for a "Try again" asked before the
    /// time the server gave (that reset, a 429's wait).
    Throttled {
        /// The wait chosen.
        delay_ms: u32,
    },
    /// Waiting to retry after a failure.
    Retrying {
        /// Failures in a row so far (1 = the first retry is next).
        attempt: u32,
        /// The wait chosen.
        delay_ms: u32,
        /// The failure that caused it.
        failure: Failure,
    },
    /// The test reached a terminal status.
    Done,
    /// Polling stopped on a failure; the user may retry.
    Failed(Failure),
}

/// The machine: the phase, the latest result, and whether the page is hidden.
#[derive(Debug, Clone, PartialEq)]
pub struct PollMachine<S = PingTestResult> {
    settings: PollSettings,
    phase: Phase,
    latest: Option<Rc<S>>,
    hidden: bool,
    /// A timer fired while hidden: fetch as soon as the page is visible.
    due_while_hidden: bool,
    /// Failed requests since the last good answer (or the user's retry).
    failures_in_a_row: u32,
    /// The test has to be started by a POST before it can be polled.
    needs_start: bool,
    /// No request before this moment (ms since the epoch), as the last answer said: the
    /// reset of a spent budget, or a 429's `Retry-After` (else its reset). 0: no limit.
    not_before_ms: f64,
    /// The last progress read (when, in ms since the epoch, and the percent), for the
    /// test's speed.
    last_progress: Option<(f64, f64)>,
}

impl PollMachine {
    /// A machine for a ping test that has not started.
    pub fn new(settings: PollSettings) -> Self {
        PollMachine::with_settings(settings)
    }
}

impl<S: TestStatus> PollMachine<S> {
    /// A machine that has not started.
    pub fn with_settings(settings: PollSettings) -> Self {
        PollMachine {
            settings,
            phase: Phase::Idle,
            latest: None,
            hidden: false,
            due_while_hidden: false,
            failures_in_a_row: 0,
            needs_start: false,
            not_before_ms: 0.0,
            last_progress: None,
        }
    }

    /// Where polling is.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// The latest status the API sent.
    pub fn latest(&self) -> Option<&Rc<S>> {
        self.latest.as_ref()
    }

    /// Whether the page is hidden.
    pub fn is_hidden(&self) -> bool {
        self.hidden
    }

    /// The settings in force.
    pub fn settings(&self) -> &PollSettings {
        &self.settings
    }

    /// Applies one event. `jitter` is a random number in `0.0..1.0` for the backoff.
    pub fn handle(&mut self, event: Event<S>, jitter: f64) -> Effect {
        match event {
            // Never a second request while one is in flight.
            Event::Start if matches!(self.phase, Phase::Fetching | Phase::Starting) => Effect::None,
            Event::Start => self.fetch_unless_hidden(),
            Event::StartNewTest => {
                self.needs_start = true;
                self.phase = Phase::Starting;
                Effect::PostStart
            }
            Event::StartAnswered(answer) => {
                if self.phase != Phase::Starting {
                    return Effect::None;
                }
                match answer {
                    Ok(()) => {
                        self.needs_start = false;
                        self.failures_in_a_row = 0;
                        self.last_progress = None;
                        // The test cannot have ended before its expected run time.
                        match self.settings.expected_run_ms {
                            Some(ms) if ms > self.settings.interval_ms => {
                                let ms = ms.min(SLOWEST_POLL_MS);
                                self.phase = Phase::Waiting;
                                Effect::Wait { ms }
                            }
                            _ => self.fetch_unless_hidden(),
                        }
                    }
                    // A 429 was refused unprocessed: the POST is sent again after the wait
                    // it names, as a status request would be (a fleet's AP must not fail
                    // for the rate limit alone).
                    Err(Answer {
                        outcome:
                            Outcome::Failed {
                                failure,
                                retry_after_ms,
                            },
                        budget_spent_for_ms,
                        ..
                    }) if failure.kind == FailureKind::RateLimited
                        && self.failures_in_a_row < self.settings.retry.max_attempts =>
                    {
                        let policy = self.settings.retry;
                        let attempt = self.failures_in_a_row + 1;
                        let delay_ms = retry_after_ms.max(budget_spent_for_ms).map_or_else(
                            || policy.backoff_ms(attempt, jitter),
                            |ms| ms.min(policy.max_retry_after_ms),
                        );
                        self.failures_in_a_row = attempt;
                        self.phase = Phase::Retrying {
                            attempt,
                            delay_ms,
                            failure,
                        };
                        Effect::Wait { ms: delay_ms }
                    }
                    // Any other failed POST is never retried by itself: it could have
                    // started a test, and a second would run beside it.
                    Err(Answer {
                        outcome:
                            Outcome::Failed {
                                failure,
                                retry_after_ms,
                            },
                        budget_spent_for_ms,
                        received_at_ms,
                    }) => self.stop(
                        failure,
                        retry_after_ms.max(budget_spent_for_ms),
                        received_at_ms,
                    ),
                    Err(_) => Effect::Stop,
                }
            }
            // Only a stopped test is retried, and never before the time the server gave:
            // until then the widget waits (Throttled says until when), and asking again
            // meanwhile changes nothing.
            Event::Retry { now_ms } => match self.phase {
                Phase::Failed(_) | Phase::Idle => {
                    self.failures_in_a_row = 0;
                    let wait = self.not_before_ms - now_ms;
                    if wait > 0.0 {
                        let delay_ms = wait.ceil() as u32;
                        self.phase = Phase::Throttled { delay_ms };
                        return Effect::Wait { ms: delay_ms };
                    }
                    self.resume()
                }
                _ => Effect::None,
            },
            Event::Refuse(failure) => {
                self.phase = Phase::Failed(failure);
                Effect::Stop
            }
            Event::Cancel => {
                self.phase = Phase::Idle;
                self.due_while_hidden = false;
                Effect::Stop
            }
            Event::Hidden => {
                self.hidden = true;
                Effect::None
            }
            Event::Visible => {
                self.hidden = false;
                if std::mem::take(&mut self.due_while_hidden) {
                    self.phase = Phase::Fetching;
                    Effect::Fetch
                } else {
                    Effect::None
                }
            }
            Event::TimerFired => match self.phase {
                Phase::Waiting | Phase::Throttled { .. } | Phase::Retrying { .. } => self.resume(),
                _ => Effect::None,
            },
            Event::Answered(answer) => {
                if self.phase != Phase::Fetching {
                    return Effect::None; // a late answer to a request already given up
                }
                self.answered(answer, jitter)
            }
        }
    }

    /// The next request: the POST while the test is not started yet, else a status request.
    fn resume(&mut self) -> Effect {
        if self.needs_start {
            self.phase = Phase::Starting;
            Effect::PostStart
        } else {
            self.fetch_unless_hidden()
        }
    }

    /// Stops on `failure`, remembering until when its answer (received at `at_ms`) said
    /// no request may go: `wait_ms` after it, capped. Only a stop needs it: while polling,
    /// every wait is taken before the next request.
    fn stop(&mut self, failure: Failure, wait_ms: Option<u32>, at_ms: f64) -> Effect {
        let wait_ms = wait_ms
            .unwrap_or(0)
            .min(self.settings.retry.max_retry_after_ms);
        self.not_before_ms = at_ms + f64::from(wait_ms);
        self.phase = Phase::Failed(failure);
        Effect::Stop
    }

    fn fetch_unless_hidden(&mut self) -> Effect {
        if self.hidden {
            self.due_while_hidden = true;
            if matches!(self.phase, Phase::Idle | Phase::Failed(_)) {
                self.phase = Phase::Waiting;
            }
            return Effect::None;
        }
        self.phase = Phase::Fetching;
        Effect::Fetch
    }

    // Generic, it would not be inlined into its one caller (`handle`) as the ping-only
    // machine was; the widget's size budget counts every byte.
    #[inline(always)]
    fn answered(&mut self, answer: Answer<S>, jitter: f64) -> Effect {
        let policy = self.settings.retry;
        // A spent budget holds back the next request, whatever the answer was.
        let budget_ms = answer
            .budget_spent_for_ms
            .map(|ms| ms.min(policy.max_retry_after_ms));
        match answer.outcome {
            Outcome::Status(result) => {
                let terminal = result.is_terminal();
                let progress = result.progress_percent();
                self.failures_in_a_row = 0;
                self.latest = Some(result);
                if terminal {
                    self.phase = Phase::Done;
                    return Effect::Stop;
                }
                let interval = self.next_poll_ms(progress, answer.received_at_ms);
                match budget_ms.filter(|&ms| ms > interval) {
                    Some(delay_ms) => {
                        self.phase = Phase::Throttled { delay_ms };
                        Effect::Wait { ms: delay_ms }
                    }
                    None => {
                        self.phase = Phase::Waiting;
                        Effect::Wait { ms: interval }
                    }
                }
            }
            Outcome::Failed {
                failure,
                retry_after_ms,
            } => {
                let attempt = self.failures_in_a_row + 1;
                if !failure.kind.is_retryable() || attempt > policy.max_attempts {
                    self.failures_in_a_row = attempt;
                    return self.stop(
                        failure,
                        retry_after_ms.max(budget_ms),
                        answer.received_at_ms,
                    );
                }
                let delay_ms = match retry_after_ms {
                    Some(ms) => ms.min(policy.max_retry_after_ms),
                    None => policy.backoff_ms(attempt, jitter),
                }
                .max(budget_ms.unwrap_or(0));
                self.failures_in_a_row = attempt;
                self.phase = Phase::Retrying {
                    attempt,
                    delay_ms,
                    failure,
                };
                Effect::Wait { ms: delay_ms }
            }
        }
    }

    /// The wait before asking again about a running test: what it has left to do, from its
    /// progress and speed (or its expected run time), bounded by the poll interval (the
    /// fastest) and [`SLOWEST_POLL_MS`]. A test is not polled more often than it can change.
    fn next_poll_ms(&mut self, progress: Option<f64>, at_ms: f64) -> u32 {
        let previous = self.last_progress.take();
        let progress = progress
            .filter(|p| p.is_finite())
            .map(|p| p.clamp(0.0, 100.0));
        if let Some(p) = progress {
            self.last_progress = Some((at_ms, p));
        }
        let left_ms = match (progress, previous) {
            // At the speed it went since the last reading.
            (Some(p), Some((then, before))) if p > before && at_ms > then => {
                (100.0 - p) * (at_ms - then) / (p - before)
            }
            // What is left of the time it was expected to take.
            (Some(p), _) => self
                .settings
                .expected_run_ms
                .map_or(0.0, |ms| f64::from(ms) * (100.0 - p) / 100.0),
            (None, _) => 0.0,
        };
        (left_ms.min(f64::from(SLOWEST_POLL_MS)) as u32).max(self.settings.interval_ms)
    }
}
