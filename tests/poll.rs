//! The polling state machine, natively: every branch, with scripted answers.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_widget::poll::*;
use ap_ping_widget::stats::parse_ping_status;

const RUNNING: &str = r#"{"status":"RUNNING","progressPercent":40}"#;
const SEED_COMPLETED: &str = include_str!("fixtures/seed_completed.json");

fn status(body: &str) -> Event {
    Event::Answered(Outcome::Status(parse_ping_status(body).unwrap().into()).into())
}

fn failure(kind: FailureKind, http_status: u16) -> Event {
    Event::Answered(
        Outcome::Failed {
            failure: Failure {
                kind,
                http_status: Some(http_status),
                error_code: None,
                message: "x".into(),
            },
            retry_after_ms: None,
        }
        .into(),
    )
}

fn rate_limited(retry_after_ms: Option<u32>) -> Event {
    Event::Answered(
        Outcome::Failed {
            failure: Failure {
                kind: FailureKind::RateLimited,
                http_status: Some(429),
                error_code: None,
                message: "x".into(),
            },
            retry_after_ms,
        }
        .into(),
    )
}

/// A status answer that says the request budget is spent for `ms`.
fn with_budget_spent(event: Event, ms: u32) -> Event {
    match event {
        Event::Answered(answer) => Event::Answered(Answer {
            budget_spent_for_ms: Some(ms),
            ..answer
        }),
        other => other,
    }
}

fn machine() -> PollMachine {
    PollMachine::new(PollSettings::default())
}

#[test]
fn polls_every_interval_until_a_terminal_status() {
    let mut m = machine();
    assert_eq!(m.handle(Event::Start, 0.5), Effect::Fetch);
    assert_eq!(m.handle(status(RUNNING), 0.5), Effect::Wait { ms: 2000 });
    assert_eq!(m.phase(), &Phase::Waiting);
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::Fetch);
    assert_eq!(m.handle(status(SEED_COMPLETED), 0.5), Effect::Stop);
    assert_eq!(m.phase(), &Phase::Done);
    assert_eq!(m.latest().unwrap().progress_percent, Some(100.0));
    assert_eq!(
        m.handle(Event::TimerFired, 0.5),
        Effect::None,
        "nothing after the end"
    );
}

#[test]
fn never_two_requests_in_flight() {
    let mut m = machine();
    assert_eq!(m.handle(Event::Start, 0.5), Effect::Fetch);
    assert_eq!(
        m.handle(Event::TimerFired, 0.5),
        Effect::None,
        "a stray timer while fetching"
    );
    for event in [Event::Start, Event::Retry { now_ms: 0.0 }, Event::Visible] {
        assert_eq!(
            m.handle(event.clone(), 0.5),
            Effect::None,
            "{event:?} while a request is in flight"
        );
    }
    assert_eq!(m.phase(), &Phase::Fetching);
    // Once it is answered, the next one may go.
    assert_eq!(m.handle(status(RUNNING), 0.5), Effect::Wait { ms: 2000 });
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::Fetch);
}

#[test]
fn a_late_answer_after_cancel_is_ignored() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    assert_eq!(m.handle(Event::Cancel, 0.5), Effect::Stop);
    assert_eq!(m.handle(status(RUNNING), 0.5), Effect::None);
    assert_eq!(m.phase(), &Phase::Idle);
    assert!(m.latest().is_none());
}

#[test]
fn server_errors_back_off_exponentially_then_give_up() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    let mut waits = Vec::new();
    for _ in 0..5 {
        match m.handle(failure(FailureKind::Server, 500), 1.0) {
            Effect::Wait { ms } => waits.push(ms),
            other => panic!("{other:?}"),
        }
        let Phase::Retrying { attempt, .. } = m.phase() else {
            panic!()
        };
        assert_eq!(*attempt as usize, waits.len());
        assert_eq!(m.handle(Event::TimerFired, 1.0), Effect::Fetch);
    }
    assert_eq!(
        waits,
        [1000, 2000, 4000, 8000, 16000],
        "jitter 1.0 takes the full delay"
    );
    assert_eq!(
        m.handle(failure(FailureKind::Server, 500), 1.0),
        Effect::Stop
    );
    assert!(matches!(m.phase(), Phase::Failed(f) if f.kind == FailureKind::Server));
}

#[test]
fn the_retry_count_resets_after_a_good_answer() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    m.handle(failure(FailureKind::Network, 0), 1.0);
    m.handle(Event::TimerFired, 1.0);
    m.handle(failure(FailureKind::Timeout, 0), 1.0);
    m.handle(Event::TimerFired, 1.0);
    m.handle(status(RUNNING), 1.0);
    m.handle(Event::TimerFired, 1.0);
    assert_eq!(
        m.handle(failure(FailureKind::Server, 503), 1.0),
        Effect::Wait { ms: 1000 }
    );
}

#[test]
fn backoff_is_capped_and_jittered_over_its_upper_half() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.backoff_ms(1, 0.0), 500);
    assert_eq!(policy.backoff_ms(1, 1.0), 1000);
    assert_eq!(policy.backoff_ms(3, 0.5), 3000);
    assert_eq!(policy.backoff_ms(10, 1.0), 30_000, "capped");
    assert_eq!(policy.backoff_ms(200, 1.0), 30_000, "no overflow");
    assert_eq!(
        policy.backoff_ms(2, f64::NAN),
        1500,
        "a bad jitter is the middle"
    );
}

#[test]
fn rate_limits_wait_for_retry_after_when_given_else_back_off() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    assert_eq!(
        m.handle(rate_limited(Some(7000)), 0.5),
        Effect::Wait { ms: 7000 }
    );
    m.handle(Event::TimerFired, 0.5);
    assert_eq!(
        m.handle(rate_limited(None), 1.0),
        Effect::Wait { ms: 2000 },
        "second failure in a row"
    );
    m.handle(Event::TimerFired, 0.5);
    assert_eq!(
        m.handle(rate_limited(Some(3_600_000)), 0.5),
        Effect::Wait { ms: 900_000 },
        "capped at 15 minutes"
    );
}

#[test]
fn a_spent_budget_moves_the_next_poll_to_the_reset() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    assert_eq!(
        m.handle(with_budget_spent(status(RUNNING), 45_000), 0.5),
        Effect::Wait { ms: 45_000 }
    );
    assert_eq!(m.phase(), &Phase::Throttled { delay_ms: 45_000 });
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::Fetch);
    assert_eq!(
        m.handle(with_budget_spent(status(RUNNING), 500), 0.5),
        Effect::Wait { ms: 2000 },
        "a reset sooner than the interval changes nothing"
    );
    assert_eq!(m.phase(), &Phase::Waiting);
    m.handle(Event::TimerFired, 0.5);
    assert_eq!(
        m.handle(with_budget_spent(rate_limited(Some(1000)), 60_000), 0.5),
        Effect::Wait { ms: 60_000 },
        "a retry waits for the reset too"
    );
    m.handle(Event::TimerFired, 0.5);
    assert_eq!(
        m.handle(with_budget_spent(status(SEED_COMPLETED), 60_000), 0.5),
        Effect::Stop,
        "the end needs no further request"
    );
}

#[test]
fn client_errors_stop_at_once_with_the_api_error() {
    for (kind, code) in [
        (FailureKind::BadRequest, 400),
        (FailureKind::Unauthorized, 401),
        (FailureKind::Forbidden, 403),
        (FailureKind::NotFound, 404),
        (FailureKind::Conflict, 409),
    ] {
        let mut m = machine();
        m.handle(Event::Start, 0.5);
        assert_eq!(m.handle(failure(kind, code), 0.5), Effect::Stop);
        assert!(matches!(m.phase(), Phase::Failed(f) if f.http_status == Some(code)));
    }
}

#[test]
fn the_user_can_retry_a_stopped_test() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    m.handle(failure(FailureKind::Unauthorized, 401), 0.5);
    assert_eq!(m.handle(Event::Retry { now_ms: 0.0 }, 0.5), Effect::Fetch);
    assert_eq!(
        m.handle(failure(FailureKind::Server, 500), 1.0),
        Effect::Wait { ms: 1000 },
        "a fresh count"
    );
    assert_eq!(
        m.handle(Event::Retry { now_ms: 0.0 }, 0.5),
        Effect::None,
        "only a stopped test is retried"
    );
}

#[test]
fn hidden_pages_do_not_poll_until_visible() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    m.handle(status(RUNNING), 0.5);
    assert_eq!(m.handle(Event::Hidden, 0.5), Effect::None);
    assert_eq!(
        m.handle(Event::TimerFired, 0.5),
        Effect::None,
        "the tick is held"
    );
    assert!(m.is_hidden());
    assert_eq!(
        m.handle(Event::Visible, 0.5),
        Effect::Fetch,
        "and taken when visible"
    );
    assert_eq!(m.handle(Event::Visible, 0.5), Effect::None);
}

#[test]
fn visible_again_before_the_tick_just_waits_for_it() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    m.handle(status(RUNNING), 0.5);
    m.handle(Event::Hidden, 0.5);
    assert_eq!(m.handle(Event::Visible, 0.5), Effect::None);
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::Fetch);
}

#[test]
fn starting_while_hidden_waits_for_visibility() {
    let mut m = machine();
    m.handle(Event::Hidden, 0.5);
    assert_eq!(m.handle(Event::Start, 0.5), Effect::None);
    assert_eq!(m.handle(Event::Visible, 0.5), Effect::Fetch);
}

#[test]
fn an_in_flight_request_finishes_while_hidden() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    m.handle(Event::Hidden, 0.5);
    assert_eq!(m.handle(status(RUNNING), 0.5), Effect::Wait { ms: 2000 });
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::None);
}

#[test]
fn cancel_stops_everything_from_any_phase() {
    for setup in [
        vec![],
        vec![Event::Start],
        vec![Event::Start, status(RUNNING)],
    ] {
        let mut m = machine();
        for e in setup {
            m.handle(e, 0.5);
        }
        assert_eq!(m.handle(Event::Cancel, 0.5), Effect::Stop);
        assert_eq!(m.phase(), &Phase::Idle);
        assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::None);
    }
}

#[test]
fn a_widget_started_test_posts_first_then_polls() {
    let mut m = machine();
    assert_eq!(m.handle(Event::StartNewTest, 0.5), Effect::PostStart);
    assert_eq!(m.phase(), &Phase::Starting);
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::None);
    assert_eq!(m.handle(Event::StartAnswered(Ok(())), 0.5), Effect::Fetch);
    assert_eq!(m.handle(status(RUNNING), 0.5), Effect::Wait { ms: 2000 });
}

#[test]
fn a_failed_start_stops_and_retry_posts_again() {
    let mut m = machine();
    m.handle(Event::StartNewTest, 0.5);
    let offline = Failure {
        kind: FailureKind::Conflict,
        http_status: Some(409),
        error_code: None,
        message: "offline".into(),
    };
    assert_eq!(
        m.handle(Event::StartAnswered(Err(offline.into())), 0.5),
        Effect::Stop
    );
    assert!(matches!(m.phase(), Phase::Failed(f) if f.http_status == Some(409)));
    assert_eq!(
        m.handle(Event::Retry { now_ms: 0.0 }, 0.5),
        Effect::PostStart
    );
}

#[test]
fn a_refused_configuration_stops_before_any_request() {
    let mut m = machine();
    let bad = Failure {
        kind: FailureKind::Configuration,
        http_status: None,
        error_code: None,
        message: "serial is required".into(),
    };
    assert_eq!(m.handle(Event::Refuse(bad), 0.5), Effect::Stop);
    assert!(matches!(m.phase(), Phase::Failed(f) if f.message == "serial is required"));
    assert!(!FailureKind::Configuration.is_retryable());
    assert_eq!(
        m.handle(Event::TimerFired, 0.5),
        Effect::None,
        "no timer brings a request"
    );
}

/// An answer that arrived at `at_ms`, said `status` (with `retry_after_ms` on a 429) and
/// maybe that the budget is spent for `budget_ms`.
fn answer_at(
    at_ms: f64,
    status: u16,
    retry_after_ms: Option<u32>,
    budget_ms: Option<u32>,
) -> Answer {
    let kind = match status {
        429 => FailureKind::RateLimited,
        401 => FailureKind::Unauthorized,
        _ => FailureKind::Server,
    };
    Answer {
        outcome: Outcome::Failed {
            failure: Failure {
                kind,
                http_status: Some(status),
                error_code: None,
                message: "x".into(),
            },
            retry_after_ms,
        },
        budget_spent_for_ms: budget_ms,
        received_at_ms: at_ms,
    }
}

const T0: f64 = 1_445_412_475_000.0;

#[test]
fn try_again_after_a_spent_budget_waits_for_its_reset_and_a_second_try_changes_nothing() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    // A 401 that also says the budget is spent for 45 s: polling stops at once.
    assert_eq!(
        m.handle(Event::Answered(answer_at(T0, 401, None, Some(45_000))), 0.5),
        Effect::Stop
    );
    // "Try again" 10 s later: the request waits the 35 s left, and says so.
    assert_eq!(
        m.handle(
            Event::Retry {
                now_ms: T0 + 10_000.0
            },
            0.5
        ),
        Effect::Wait { ms: 35_000 }
    );
    assert_eq!(m.phase(), &Phase::Throttled { delay_ms: 35_000 });
    for later in [T0 + 11_000.0, T0 + 50_000.0] {
        assert_eq!(
            m.handle(Event::Retry { now_ms: later }, 0.5),
            Effect::None,
            "asking again while it waits sends nothing"
        );
    }
    assert_eq!(
        m.handle(Event::TimerFired, 0.5),
        Effect::Fetch,
        "then the request goes"
    );
    assert_eq!(m.handle(status(RUNNING), 0.5), Effect::Wait { ms: 2000 });
}

#[test]
fn try_again_after_a_429_waits_for_its_retry_after_or_reset_and_not_after_them() {
    let settings = PollSettings {
        retry: RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        },
        ..PollSettings::default()
    };
    for (retry_after, budget, now, wait) in [
        (Some(7_000), None, T0 + 2_000.0, Some(5_000)), // Retry-After: 7
        (Some(7_000), Some(9_000), T0 + 2_000.0, Some(7_000)), // and a later reset
        (None, Some(9_000), T0 + 8_999.5, Some(1)),     // the reset alone, rounded up
        (Some(7_000), None, T0 + 7_000.0, None),        // asked after the wait: at once
        (Some(3_600_000), None, T0, Some(900_000)),     // capped as any server wait
        (None, None, T0, None),                         // nothing said: at once
    ] {
        let mut m = PollMachine::new(settings);
        m.handle(Event::Start, 0.5);
        let answered = answer_at(T0, 429, retry_after, budget);
        assert_eq!(m.handle(Event::Answered(answered), 0.5), Effect::Stop);
        let effect = m.handle(Event::Retry { now_ms: now }, 0.5);
        let case = format!("{retry_after:?} {budget:?} at +{} ms", now - T0);
        match wait {
            Some(ms) => {
                assert_eq!(effect, Effect::Wait { ms }, "{case}");
                assert_eq!(m.phase(), &Phase::Throttled { delay_ms: ms }, "{case}");
                assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::Fetch, "{case}");
            }
            None => assert_eq!(effect, Effect::Fetch, "{case}"),
        }
    }
}

#[test]
fn try_again_after_a_429_to_the_post_waits_then_posts() {
    // No retries (a 429 to the POST is retried by itself otherwise): it stops at once.
    let mut m = PollMachine::new(PollSettings {
        retry: RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        },
        ..PollSettings::default()
    });
    m.handle(Event::StartNewTest, 0.5);
    let answered = answer_at(T0, 429, Some(3_000), None);
    assert_eq!(
        m.handle(Event::StartAnswered(Err(answered)), 0.5),
        Effect::Stop
    );
    assert!(matches!(m.phase(), Phase::Failed(f) if f.http_status == Some(429)));
    assert_eq!(
        m.handle(
            Event::Retry {
                now_ms: T0 + 1_000.0
            },
            0.5
        ),
        Effect::Wait { ms: 2_000 }
    );
    assert_eq!(
        m.handle(Event::TimerFired, 0.5),
        Effect::PostStart,
        "the test is started, not polled"
    );
    assert_eq!(m.phase(), &Phase::Starting);
}

#[test]
fn a_refused_proxy_credential_stops_at_once_and_try_again_asks_at_once() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    assert_eq!(
        m.handle(failure(FailureKind::ProxyCredentials, 502), 0.5),
        Effect::Stop,
        "not retried: the proxy's secret does not get better"
    );
    assert!(matches!(m.phase(), Phase::Failed(f) if f.kind == FailureKind::ProxyCredentials));
    assert!(!FailureKind::ProxyCredentials.is_retryable());
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::None);
    // Once the proxy is fixed, "Try again" asks again.
    assert_eq!(m.handle(Event::Retry { now_ms: T0 }, 0.5), Effect::Fetch);
}

/// A status answer received at `at_ms`.
fn status_at(body: &str, at_ms: f64) -> Event {
    match status(body) {
        Event::Answered(answer) => Event::Answered(Answer {
            received_at_ms: at_ms,
            ..answer
        }),
        other => other,
    }
}

fn running(percent: u32) -> String {
    format!(r#"{{"status":"RUNNING","progressPercent":{percent}}}"#)
}

fn expecting(run_ms: u32, interval_ms: u32) -> PollMachine {
    PollMachine::new(PollSettings {
        interval_ms,
        expected_run_ms: Some(run_ms),
        ..PollSettings::default()
    })
}

#[test]
fn a_started_test_is_first_asked_about_after_its_expected_run_time() {
    // A 5-packet ping runs about 5 s: no status before then can say more than "running".
    let mut m = expecting(5000, 2000);
    assert_eq!(m.handle(Event::StartNewTest, 0.5), Effect::PostStart);
    assert_eq!(
        m.handle(Event::StartAnswered(Ok(())), 0.5),
        Effect::Wait { ms: 5000 }
    );
    assert_eq!(m.phase(), &Phase::Waiting);
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::Fetch);
    // Shorter than the interval: asked at once, as before; longer than 30 s: at 30 s.
    let mut quick = expecting(1000, 2000);
    quick.handle(Event::StartNewTest, 0.5);
    assert_eq!(
        quick.handle(Event::StartAnswered(Ok(())), 0.5),
        Effect::Fetch
    );
    let mut long = expecting(100_000, 2000);
    long.handle(Event::StartNewTest, 0.5);
    assert_eq!(
        long.handle(Event::StartAnswered(Ok(())), 0.5),
        Effect::Wait {
            ms: SLOWEST_POLL_MS
        }
    );
}

#[test]
fn polls_are_spaced_by_the_work_left() {
    let mut m = expecting(10_000, 500);
    m.handle(Event::Start, 0.5);
    // 20% done, no speed known yet: what is left of the expected 10 s.
    assert_eq!(
        m.handle(status_at(&running(20), 1000.0), 0.5),
        Effect::Wait { ms: 8000 }
    );
    m.handle(Event::TimerFired, 0.5);
    // 60% at 9 s: 40% in 8 s, so the last 40% in about 8 s more.
    assert_eq!(
        m.handle(status_at(&running(60), 9000.0), 0.5),
        Effect::Wait { ms: 8000 }
    );
    m.handle(Event::TimerFired, 0.5);
    // 99%: little is left, but never sooner than the interval.
    assert_eq!(
        m.handle(status_at(&running(99), 17_000.0), 0.5),
        Effect::Wait { ms: 500 }
    );
}

#[test]
fn a_slow_test_is_still_asked_about_every_30_seconds() {
    let mut m = expecting(1000, 500);
    m.handle(Event::Start, 0.5);
    m.handle(status_at(&running(1), 0.0), 0.5);
    m.handle(Event::TimerFired, 0.5);
    // 1% more in a minute: 98 minutes left at that speed, asked again in 30 s.
    assert_eq!(
        m.handle(status_at(&running(2), 60_000.0), 0.5),
        Effect::Wait {
            ms: SLOWEST_POLL_MS
        }
    );
}

#[test]
fn without_progress_or_an_expected_time_polls_keep_the_interval() {
    let mut m = machine();
    m.handle(Event::Start, 0.5);
    assert_eq!(
        m.handle(status_at(r#"{"status":"RUNNING"}"#, 1000.0), 0.5),
        Effect::Wait { ms: 2000 }
    );
    m.handle(Event::TimerFired, 0.5);
    // Progress that goes backwards or is unreadable says nothing of the speed.
    assert_eq!(
        m.handle(status_at(&running(50), 3000.0), 0.5),
        Effect::Wait { ms: 2000 }
    );
    m.handle(Event::TimerFired, 0.5);
    assert_eq!(
        m.handle(status_at(&running(40), 5000.0), 0.5),
        Effect::Wait { ms: 2000 }
    );
}

#[test]
fn a_start_refused_with_429_is_sent_again_after_its_wait_and_only_then() {
    let mut m = machine();
    m.handle(Event::StartNewTest, 0.5);
    let refused = |retry_after_ms| {
        Event::StartAnswered(Err(Answer::from(Outcome::Failed {
            failure: Failure {
                kind: FailureKind::RateLimited,
                http_status: Some(429),
                error_code: None,
                message: "Rate limit exceeded.".into(),
            },
            retry_after_ms,
        })))
    };
    // The API did not process it: no second test can come of sending it again.
    assert_eq!(
        m.handle(refused(Some(1000)), 0.5),
        Effect::Wait { ms: 1000 }
    );
    assert!(matches!(m.phase(), Phase::Retrying { attempt: 1, .. }));
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::PostStart);
    // Without a wait named, the backoff; after the policy's attempts, it stops.
    assert_eq!(m.handle(refused(None), 0.5), Effect::Wait { ms: 1500 });
    for _ in 0..3 {
        m.handle(Event::TimerFired, 0.5);
        assert!(matches!(
            m.handle(refused(Some(10)), 0.5),
            Effect::Wait { .. }
        ));
    }
    m.handle(Event::TimerFired, 0.5);
    assert_eq!(m.handle(refused(Some(10)), 0.5), Effect::Stop);
    assert!(matches!(m.phase(), Phase::Failed(f) if f.http_status == Some(429)));
    // Started at last: polling follows, and the count of failures starts over.
    assert_eq!(
        m.handle(Event::Retry { now_ms: 1e15 }, 0.5),
        Effect::PostStart
    );
    assert_eq!(m.handle(Event::StartAnswered(Ok(())), 0.5), Effect::Fetch);
}
