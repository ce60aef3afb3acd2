//! The page's request budget (`budget`), natively, with a fake clock: the rate, the cap on
//! requests in flight, a hold shared by every widget, turns between widgets, cancellation,
//! and (a property) that no sequence of events breaks a limit or loses a request.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_widget::api::client::{hold_ms, RawAnswer};
use ap_ping_widget::budget::*;
use proptest::prelude::*;
use std::collections::{BTreeSet, VecDeque};

const A: Owner = Owner(1);
const B: Owner = Owner(2);

fn budget(per_second: u32, in_flight: u32) -> RequestBudget {
    RequestBudget::new(BudgetLimits {
        max_requests_per_second: per_second,
        max_in_flight: in_flight,
    })
}

/// Runs `budget` with every granted request answered `latency_ms` later, until nothing
/// waits; the times each ticket was sent.
fn drain(budget: &mut RequestBudget, mut now: f64, latency_ms: f64) -> Vec<(Ticket, f64)> {
    let mut sent = Vec::new();
    let mut answers: VecDeque<(f64, Ticket)> = VecDeque::new();
    for _ in 0..100_000 {
        let grants = budget.grant(now);
        for t in &grants.go {
            sent.push((*t, now));
            answers.push_back((now + latency_ms, *t));
        }
        if budget.waiting() == 0 && budget.in_flight() == 0 {
            return sent;
        }
        // The next event: an answer, or the budget's own wake-up.
        let next_answer = answers.front().map(|(at, _)| *at);
        let next = match (next_answer, grants.wake_at_ms) {
            (Some(a), Some(w)) => a.min(w),
            (Some(a), None) => a,
            (None, Some(w)) => w,
            (None, None) => panic!("requests wait and nothing will wake them"),
        };
        now = now.max(next);
        while answers.front().is_some_and(|(at, _)| *at <= now) {
            let (_, t) = answers.pop_front().unwrap();
            budget.finished(t, None);
        }
    }
    panic!("the budget never drained");
}

fn most_in_any_window(times: &[f64]) -> usize {
    times
        .iter()
        .map(|&start| {
            times
                .iter()
                .filter(|&&t| t >= start && t < start + WINDOW_MS)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn one_request_alone_goes_at_once() {
    let mut b = budget(5, 4);
    b.enqueue(A, Ticket(1));
    assert_eq!(
        b.grant(1000.0),
        Grants {
            go: vec![Ticket(1)],
            wake_at_ms: None
        }
    );
}

#[test]
fn never_more_in_flight_than_the_cap_and_an_answer_frees_a_place() {
    let mut b = budget(100, 4);
    for t in 1..=10 {
        b.enqueue(A, Ticket(t));
    }
    let mut first = Vec::new();
    for at in [0.0, 20.0, 40.0, 60.0] {
        first.extend(b.grant(at).go);
    }
    assert_eq!(first.len(), 4);
    assert_eq!(
        b.grant(80.0).wake_at_ms,
        None,
        "only an answer frees a place"
    );
    assert!(b.grant(5000.0).go.is_empty());
    b.finished(first[0], None);
    assert_eq!(b.grant(5000.0).go, vec![Ticket(5)]);
}

#[test]
fn never_more_requests_in_a_second_than_the_rate() {
    let mut b = budget(5, 100);
    for t in 1..=23 {
        b.enqueue(A, Ticket(t));
    }
    let sent = drain(&mut b, 0.0, 30.0);
    assert_eq!(sent.len(), 23);
    let times: Vec<f64> = sent.iter().map(|(_, at)| *at).collect();
    assert_eq!(most_in_any_window(&times), 5);
    // Evenly spaced, not in bursts, and no slower than the rate allows.
    let gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        gaps.iter().all(|g| (*g - spacing_ms(5)).abs() < 1e-9),
        "{gaps:?}"
    );
    assert_eq!(times.last().copied(), Some(22.0 * spacing_ms(5)));
}

#[test]
fn turns_go_round_robin_between_widgets() {
    let mut b = budget(1, 1);
    for t in 1..=100 {
        b.enqueue(A, Ticket(t)); // a fleet of 100 APs asks first
    }
    b.enqueue(B, Ticket(1000)); // then one ping widget
    let sent = drain(&mut b, 0.0, 10.0);
    let position = sent.iter().position(|(t, _)| *t == Ticket(1000)).unwrap();
    assert_eq!(
        position, 1,
        "the widget waits for one of the fleet's turns, not 100"
    );
    // Within a widget, first come, first served.
    let fleet: Vec<u64> = sent
        .iter()
        .map(|(t, _)| t.0)
        .filter(|t| *t < 1000)
        .collect();
    assert_eq!(fleet, (1..=100).collect::<Vec<_>>());
}

#[test]
fn a_429_to_one_widget_holds_every_request_to_the_api() {
    let mut b = budget(5, 4);
    b.enqueue(A, Ticket(1));
    assert_eq!(b.grant(0.0).go, vec![Ticket(1)]);
    b.enqueue(B, Ticket(2)); // another widget's poll
    b.finished(Ticket(1), Some(3000.0)); // A got a 429: come back at 3 s
    assert_eq!(b.held_until(100.0), Some(3000.0));
    assert_eq!(
        b.grant(100.0),
        Grants {
            go: vec![],
            wake_at_ms: Some(3000.0)
        }
    );
    assert!(b.grant(2999.0).go.is_empty());
    assert_eq!(b.grant(3000.0).go, vec![Ticket(2)]);
    assert_eq!(b.held_until(3000.0), None);
}

#[test]
fn a_later_hold_never_shortens_an_earlier_one() {
    let mut b = budget(5, 4);
    for t in 1..=3 {
        b.enqueue(A, Ticket(t));
    }
    let go: Vec<Ticket> = [0.0, 220.0, 440.0]
        .iter()
        .flat_map(|at| b.grant(*at).go)
        .collect();
    b.finished(go[0], Some(5000.0));
    b.finished(go[1], Some(2000.0));
    b.finished(go[2], Some(f64::NAN)); // an unreadable one changes nothing
    assert_eq!(b.held_until(0.0), Some(5000.0));
}

fn answer(
    status: u16,
    remaining: Option<&str>,
    reset: Option<&str>,
    retry_after: Option<&str>,
) -> RawAnswer {
    RawAnswer {
        status,
        content_type: Some("application/json".into()),
        retry_after: retry_after.map(Into::into),
        rate_limit_remaining: remaining.map(Into::into),
        rate_limit_reset: reset.map(Into::into),
        body: "{}".into(),
        // 2026-12-01T00:00:00Z
        received_at_ms: 1_796_083_200_000.0,
    }
}

#[test]
fn which_answers_hold_the_page() {
    let reset = Some("2026-12-01T00:00:04Z");
    // Remaining 0, whatever the status: until the reset.
    assert_eq!(hold_ms(&answer(200, Some("0"), reset, None)), Some(4000));
    // Requests left: no hold.
    assert_eq!(hold_ms(&answer(200, Some("3"), reset, None)), None);
    // A 429: its Retry-After, else its reset, else a second.
    assert_eq!(hold_ms(&answer(429, None, reset, Some("2"))), Some(2000));
    assert_eq!(hold_ms(&answer(429, None, reset, None)), Some(4000));
    assert_eq!(hold_ms(&answer(429, None, None, None)), Some(1000));
    // A 429 with a spent budget: the longer of the two.
    assert_eq!(
        hold_ms(&answer(429, Some("0"), reset, Some("1"))),
        Some(4000)
    );
    // Other failures do not hold the page.
    assert_eq!(hold_ms(&answer(500, None, None, Some("30"))), None);
}

#[test]
fn a_cancelled_request_gives_its_place_up_waiting_or_in_flight() {
    let mut b = budget(100, 1);
    b.enqueue(A, Ticket(1));
    b.enqueue(A, Ticket(2));
    b.enqueue(B, Ticket(3));
    assert_eq!(b.grant(0.0).go, vec![Ticket(1)]);
    b.cancel(Ticket(3)); // waiting
    b.cancel(Ticket(1)); // in flight: its place is free
    assert_eq!(b.in_flight(), 0);
    assert_eq!(b.grant(spacing_ms(100)).go, vec![Ticket(2)]);
    assert_eq!(b.waiting(), 0);
}

#[test]
fn new_limits_apply_from_the_next_grant_and_zero_means_one() {
    let mut b = budget(0, 0);
    assert_eq!(
        b.limits(),
        BudgetLimits {
            max_requests_per_second: 1,
            max_in_flight: 1
        }
    );
    for t in 1..=3 {
        b.enqueue(A, Ticket(t));
    }
    assert_eq!(b.grant(0.0).go.len(), 1);
    assert!(b.grant(spacing_ms(10)).go.is_empty(), "1 a second");
    b.set_limits(BudgetLimits {
        max_requests_per_second: 10,
        max_in_flight: 10,
    });
    assert_eq!(b.grant(spacing_ms(10)).go.len(), 1);
    assert_eq!(b.grant(2.0 * spacing_ms(10)).go.len(), 1);
}

/// One step of a random page.
#[derive(Debug, Clone)]
enum Step {
    Ask { owner: u64 },
    Wait { ms: u32 },
    Answer { which: usize, hold_ms: Option<u32> },
    Cancel { which: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (1u64..4).prop_map(|owner| Step::Ask { owner }),
        3 => (0u32..700).prop_map(|ms| Step::Wait { ms }),
        3 => (0usize..8, proptest::option::weighted(0.1, 0u32..5000))
            .prop_map(|(which, hold_ms)| Step::Answer { which, hold_ms }),
        1 => (0usize..8).prop_map(|which| Step::Cancel { which }),
    ]
}

proptest! {
    /// Whatever widgets ask, answer, wait for and give up: never more in flight than the
    /// cap, never more sent in any window than the rate, nothing sent during a hold,
    /// nothing sent twice or after it was given up, and, once the page stops asking,
    /// every request still wanted is sent; sends are never closer than the spacing.
    #[test]
    fn no_sequence_breaks_a_limit_or_loses_a_request(
        per_second in 1u32..8,
        in_flight in 1u32..6,
        steps in proptest::collection::vec(step(), 1..200),
    ) {
        let mut b = budget(per_second, in_flight);
        let mut now = 0.0;
        let mut next_ticket = 0u64;
        let mut waiting: BTreeSet<u64> = BTreeSet::new();
        let mut flying: Vec<u64> = Vec::new();
        let mut sent_at: Vec<f64> = Vec::new();
        let mut ever_sent: BTreeSet<u64> = BTreeSet::new();
        let mut hold_until = 0.0f64;
        let run = |b: &mut RequestBudget, now: f64, waiting: &mut BTreeSet<u64>,
                       flying: &mut Vec<u64>, sent_at: &mut Vec<f64>, ever_sent: &mut BTreeSet<u64>,
                       hold_until: f64| -> Result<(), TestCaseError> {
            let grants = b.grant(now);
            for t in grants.go {
                prop_assert!(waiting.remove(&t.0), "ticket {} sent without waiting", t.0);
                prop_assert!(ever_sent.insert(t.0), "ticket {} sent twice", t.0);
                prop_assert!(now >= hold_until, "sent during a hold");
                flying.push(t.0);
                sent_at.push(now);
            }
            prop_assert!(flying.len() <= in_flight as usize);
            prop_assert!(most_in_any_window(sent_at) <= per_second as usize);
            prop_assert!(
                sent_at.windows(2).all(|w| w[1] - w[0] >= spacing_ms(per_second) - 1e-9),
                "two sends closer than the spacing"
            );
            if let Some(at) = grants.wake_at_ms {
                prop_assert!(at > now, "a wake-up in the past would spin");
            }
            Ok(())
        };
        for s in steps {
            match s {
                Step::Ask { owner } => {
                    next_ticket += 1;
                    b.enqueue(Owner(owner), Ticket(next_ticket));
                    waiting.insert(next_ticket);
                }
                Step::Wait { ms } => now += f64::from(ms),
                Step::Answer { which, hold_ms } => {
                    if !flying.is_empty() {
                        let t = flying.remove(which % flying.len());
                        let hold = hold_ms.map(|ms| now + f64::from(ms));
                        if let Some(h) = hold { hold_until = hold_until.max(h); }
                        b.finished(Ticket(t), hold);
                    }
                }
                Step::Cancel { which } => {
                    let all: Vec<u64> = waiting.iter().copied().chain(flying.iter().copied()).collect();
                    if !all.is_empty() {
                        let t = all[which % all.len()];
                        waiting.remove(&t);
                        flying.retain(|f| *f != t);
                        b.cancel(Ticket(t));
                    }
                }
            }
            run(&mut b, now, &mut waiting, &mut flying, &mut sent_at, &mut ever_sent, hold_until)?;
        }
        // Liveness: answer everything, follow the wake-ups; all that waits is sent.
        for _ in 0..10_000 {
            for t in flying.drain(..) { b.finished(Ticket(t), None); }
            let before = waiting.len();
            let wake = { let mut probe = b.clone(); probe.grant(now).wake_at_ms };
            run(&mut b, now, &mut waiting, &mut flying, &mut sent_at, &mut ever_sent, hold_until)?;
            if waiting.is_empty() { break; }
            if waiting.len() == before {
                now = wake.unwrap_or(now).max(now + 1.0);
            }
        }
        prop_assert!(waiting.is_empty(), "{} requests never sent", waiting.len());
    }
}
