//! A second kind of test, natively: the URLs, the 202, the classification of answers and
//! the polling machine work for any `TestKind`, not only ping. `Trace` is a stand-in for
//! traceroute (its operation, a start body, a status with a terminal flag), written as a
//! new kind would be: one module's worth of code, nothing else changed.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_widget::api::client::{
    classify_as, operation_start_url, operation_status_url, ApiVersion, RawAnswer,
};
use ap_ping_widget::api::kind::{TestKind, TestStatus};
use ap_ping_widget::api::start::started_task_of;
use ap_ping_widget::api::{ParseError, RequestError};
use ap_ping_widget::poll::{Effect, Event, FailureKind, Outcome, Phase, PollMachine, PollSettings};

#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Trace;

#[derive(Debug, Clone, PartialEq)]
struct TraceStatus {
    hops: u32,
    done: bool,
}

impl TestStatus for TraceStatus {
    fn is_terminal(&self) -> bool {
        self.done
    }
}

impl TestKind for Trace {
    const OPERATION: &'static str = "traceroute";
    type Start = String;
    type Status = TraceStatus;

    fn start_body(destination: &String) -> Result<String, RequestError> {
        if destination.is_empty() {
            return Err(RequestError::Required {
                name: "destination",
            });
        }
        Ok(format!(r#"{{"destination":"{destination}"}}"#))
    }

    /// `hops:N` or `done:N`, enough for the machine.
    fn read_status(body: &str) -> Result<TraceStatus, ParseError> {
        let (state, hops) = body
            .split_once(':')
            .ok_or_else(|| ParseError::invalid("", "no status"))?;
        let hops = hops
            .parse()
            .map_err(|_| ParseError::invalid("hops", "not a number"))?;
        Ok(TraceStatus {
            hops,
            done: state == "done",
        })
    }
}

fn answer(status: u16, body: &str) -> RawAnswer {
    RawAnswer {
        status,
        content_type: Some("application/json".into()),
        retry_after: None,
        rate_limit_remaining: None,
        rate_limit_reset: None,
        body: body.into(),
        received_at_ms: 0.0,
    }
}

#[test]
fn a_kind_names_its_operation_in_both_paths() {
    assert_eq!(
        operation_start_url("/proxy", ApiVersion::V1, Trace::OPERATION, "CN1").unwrap(),
        "/proxy/network-troubleshooting/v1/aps/CN1/traceroute"
    );
    assert_eq!(
        operation_status_url("", ApiVersion::V1Alpha1, Trace::OPERATION, "CN1", "t-1").unwrap(),
        "/network-troubleshooting/v1alpha1/aps/CN1/traceroute/async-operations/t-1"
    );
}

#[test]
fn a_202_is_followed_only_at_its_own_operations_status_path() {
    let started = answer(
        202,
        r#"{"location":"/network-troubleshooting/v1/aps/CN1/traceroute/async-operations/t-9"}"#,
    );
    assert_eq!(
        started_task_of::<Trace>(&started, "CN1"),
        Ok((ApiVersion::V1, "t-9".to_owned()))
    );
    let ping = answer(
        202,
        r#"{"location":"/network-troubleshooting/v1/aps/CN1/ping/async-operations/t-9"}"#,
    );
    let Err(refused) = started_task_of::<Trace>(&ping, "CN1") else {
        panic!("a ping location is not a traceroute's");
    };
    let Outcome::Failed { failure, .. } = refused.outcome else {
        panic!("expected a failure");
    };
    assert_eq!(failure.kind, FailureKind::BadResponse);
    assert!(
        failure.message.contains("is not a traceroute status path"),
        "{}",
        failure.message
    );
}

#[test]
fn answers_are_read_by_the_kind_and_the_machine_stops_at_its_terminal_status() {
    let mut m = PollMachine::<TraceStatus>::with_settings(PollSettings::default());
    assert_eq!(m.handle(Event::Start, 0.5), Effect::Fetch);
    let running = classify_as::<Trace>(&answer(200, "hops:3"));
    assert_eq!(
        m.handle(Event::Answered(running), 0.5),
        Effect::Wait { ms: 2000 }
    );
    assert_eq!(m.latest().map(|s| s.hops), Some(3));
    assert_eq!(m.handle(Event::TimerFired, 0.5), Effect::Fetch);
    let done = classify_as::<Trace>(&answer(200, "done:7"));
    assert_eq!(m.handle(Event::Answered(done), 0.5), Effect::Stop);
    assert_eq!(m.phase(), &Phase::Done);
    assert_eq!(m.latest().map(|s| s.hops), Some(7));

    let unreadable = classify_as::<Trace>(&answer(200, "??"));
    let Outcome::Failed { failure, .. } = unreadable.outcome else {
        panic!("expected a failure");
    };
    assert_eq!(failure.kind, FailureKind::BadResponse);
    assert_eq!(
        Trace::start_body(&String::new()).unwrap_err().to_string(),
        "destination is required"
    );
}
