//! A simulated test on an AP: what it does, decided up front from a seed, and what the
//! status endpoint says about it at any moment. One engine for every kind of test
//! ([`SimulatedTest::status_at`]: `INITIATED`, `RUNNING` with its progress, the end and
//! its times); each kind says only how many steps it takes and what it writes
//! ([`Run`]: [`ping`], [`traceroute`]). Pure: no HTTP, no clock of its own.

pub mod ping;
pub mod traceroute;

use crate::rng::Rng;
use crate::scenario::{is_unresolvable, Scenario};
use ap_ping_core::error::RequestError;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The tests the stand-in runs, each under its operation's paths
/// (`…/aps/{serial}/{operation}` and its `async-operations`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestKind {
    Ping,
    Traceroute,
}

impl TestKind {
    /// Every kind, for the router.
    pub const ALL: [TestKind; 2] = [TestKind::Ping, TestKind::Traceroute];

    /// The operation's path segment.
    pub fn operation(self) -> &'static str {
        match self {
            TestKind::Ping => ap_ping_core::paths::PING,
            TestKind::Traceroute => ap_ping_core::paths::TRACEROUTE,
        }
    }

    /// What the request log calls its start and its status request: ping's keep the
    /// plain `start` and `status` they had before there was another kind.
    pub fn logged_as(self) -> (&'static str, &'static str) {
        match self {
            TestKind::Ping => ("start", "status"),
            TestKind::Traceroute => ("traceroute-start", "traceroute-status"),
        }
    }
}

/// Whether the AP's text comes back when the start does not say (`includeRawOutput`).
pub const INCLUDE_RAW_OUTPUT: bool = true;

/// Reads a start body with `read` (a `from_json_all` of `ap_ping_core::wire`), every
/// problem named in the API's way: `Validation errors - a; b`.
pub(crate) fn read_start<T>(
    body: &[u8],
    read: impl FnOnce(&str) -> Result<T, Vec<RequestError>>,
) -> Result<T, String> {
    let text = std::str::from_utf8(body)
        .map_err(|_| "Validation errors - body is not UTF-8 text".to_owned())?;
    read(text).map_err(|problems| {
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        format!("Validation errors - {}", problems.join("; "))
    })
}

/// Why a test ends without a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// A `.invalid` destination: `FAILED` with "Unable to resolve host: …".
    UnknownHost,
    /// The API description's example: `COMPLETED` with "Destination not resolved".
    NotResolved,
}

/// What one kind of test does once drawn: the engine runs it one step a reply interval.
pub trait Run: std::fmt::Debug + Send + Sync {
    /// Steps to its end (ping: echo requests; traceroute: hops).
    fn steps(&self) -> u32;
    /// Whether its destination resolves (else it ends [`Unresolved::NotResolved`]).
    fn resolves(&self) -> bool;
    /// The AP's text, after the `COMMAND=` line, of a test that ended unresolved.
    fn unresolved_text(&self, how: Unresolved) -> String;
    /// The `output` object of the completed test.
    fn output(&self) -> Value;
    /// The AP's text, after the `COMMAND=` line, of the completed test.
    fn raw_output(&self) -> String;
    /// Whether `rawOutput` comes back even when the start asked for none.
    fn always_raw_output(&self) -> bool {
        false
    }
}

/// One test on a simulated AP.
#[derive(Debug)]
pub struct SimulatedTest {
    pub kind: TestKind,
    /// The device's scenario: `NoProgress` and `NotResolved` change the status.
    pub scenario: Scenario,
    pub destination: String,
    pub include_raw_output: bool,
    pub run: Box<dyn Run>,
    /// Wall-clock start, for `startTime`/`endTime`.
    pub started_at: SystemTime,
}

/// A start request of some kind, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub enum StartRequest {
    Ping(ping::PingParameters),
    Traceroute(traceroute::TraceParameters),
}

impl StartRequest {
    /// Reads the start body of a `kind` test; the error is the API's 400 message.
    pub fn read(kind: TestKind, body: &[u8]) -> Result<Self, String> {
        Ok(match kind {
            TestKind::Ping => StartRequest::Ping(ping::PingParameters::from_body(body)?),
            TestKind::Traceroute => {
                StartRequest::Traceroute(traceroute::TraceParameters::from_body(body)?)
            }
        })
    }
}

impl SimulatedTest {
    /// Decides the whole run of `request` on a device of `scenario` from the seed.
    pub fn new(
        request: StartRequest,
        scenario: Scenario,
        seed: u64,
        started_at: SystemTime,
    ) -> Self {
        let mut rng = Rng::new(seed);
        let (kind, destination, include_raw_output, run): (_, _, _, Box<dyn Run>) = match request {
            StartRequest::Ping(p) => (
                TestKind::Ping,
                p.destination.clone(),
                p.include_raw_output,
                Box::new(ping::PingRun::new(p, scenario, &mut rng)),
            ),
            StartRequest::Traceroute(p) => (
                TestKind::Traceroute,
                p.destination.clone(),
                p.include_raw_output,
                Box::new(traceroute::TraceRun::new(&p.destination, &mut rng)),
            ),
        };
        SimulatedTest {
            kind,
            scenario,
            destination,
            include_raw_output,
            run,
            started_at,
        }
    }

    /// Why the test ends without a result, if it does.
    fn unresolved(&self) -> Option<Unresolved> {
        if is_unresolvable(&self.destination) {
            Some(Unresolved::UnknownHost)
        } else if self.scenario == Scenario::NotResolved || !self.run.resolves() {
            Some(Unresolved::NotResolved)
        } else {
            None
        }
    }

    /// `rawOutput`: the AP's text after its `COMMAND=` line, when asked for.
    fn raw(&self, text: impl FnOnce() -> String) -> Option<String> {
        (self.include_raw_output || self.run.always_raw_output()).then(|| {
            format!(
                "\nCOMMAND={} {}\n{}",
                self.kind.operation(),
                self.destination,
                text()
            )
        })
    }

    /// The status body at `elapsed` since the POST, with one step per `interval`.
    pub fn status_at(&self, elapsed: Duration, interval: Duration) -> Value {
        let start_time = rfc3339(self.started_at);
        let running_from = interval / 2;
        // A `NoProgress` device says nothing of how far it is until the end.
        let silent = self.scenario == Scenario::NoProgress;
        if elapsed < running_from {
            return json!({ "startTime": start_time, "endTime": null, "rawOutput": null, "output": null,
                           "failReason": null, "progressPercent": (!silent).then_some(0), "status": "INITIATED" });
        }
        if let Some(how) = self.unresolved() {
            let (status, reason) = match how {
                Unresolved::UnknownHost => (
                    "FAILED",
                    format!("Unable to resolve host: {}", self.destination),
                ),
                // The current API description's own example: the test ran, found
                // nothing, and is COMPLETED with a failReason and the AP's error line.
                Unresolved::NotResolved => ("COMPLETED", "Destination not resolved".to_owned()),
            };
            return json!({ "startTime": start_time, "endTime": rfc3339(self.started_at + running_from),
                           "rawOutput": self.raw(|| self.run.unresolved_text(how)), "output": null,
                           "failReason": reason, "progressPercent": 100, "status": status });
        }
        let steps = self.run.steps();
        let done = ((elapsed - running_from).as_millis() / interval.as_millis().max(1)) as u32;
        if done < steps {
            let progress = (100 * done / steps).min(99);
            return json!({ "startTime": start_time, "endTime": null, "rawOutput": null, "output": null,
                           "failReason": null, "progressPercent": (!silent).then_some(progress), "status": "RUNNING" });
        }
        let end = self.started_at + running_from + interval * steps;
        json!({
            "startTime": start_time,
            "endTime": rfc3339(end),
            "rawOutput": self.raw(|| self.run.raw_output()),
            "output": self.run.output(),
            "failReason": null,
            "progressPercent": 100,
            "status": "COMPLETED",
        })
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// RFC 3339 in UTC with nanoseconds, as Central writes it: `2025-05-20T13:07:48.849780286Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:09}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_nanos()
    )
}

/// A random task id in UUID form.
pub fn task_id(rng: &mut Rng) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(kind: TestKind, body: &str, scenario: Scenario) -> SimulatedTest {
        let request = StartRequest::read(kind, body.as_bytes()).unwrap();
        SimulatedTest::new(request, scenario, 1, UNIX_EPOCH)
    }

    #[test]
    fn timestamps_are_rfc3339_with_nanoseconds() {
        let t = UNIX_EPOCH + Duration::new(1_747_746_468, 849_780_286);
        assert_eq!(rfc3339(t), "2025-05-20T13:07:48.849780286Z");
    }

    #[test]
    fn a_no_progress_run_says_how_far_it_is_only_at_the_end() {
        for kind in TestKind::ALL {
            let test = started(kind, r#"{"destination": "8.8.8.8"}"#, Scenario::NoProgress);
            let interval = Duration::from_millis(100);
            let initiated = test.status_at(Duration::ZERO, interval);
            let running = test.status_at(Duration::from_millis(250), interval);
            let done = test.status_at(Duration::from_secs(60), interval);
            assert_eq!(
                (&initiated["status"], &initiated["progressPercent"]),
                (&json!("INITIATED"), &Value::Null)
            );
            assert_eq!(
                (&running["status"], &running["progressPercent"]),
                (&json!("RUNNING"), &Value::Null)
            );
            assert_eq!(
                (&done["status"], &done["progressPercent"]),
                (&json!("COMPLETED"), &json!(100))
            );
            assert!(done["output"].is_object(), "{kind:?}");
        }
    }

    /// One step a reply interval: progress is the steps done over the steps to run, and
    /// the end comes after the last.
    #[test]
    fn progress_counts_steps_of_one_interval_each() {
        let interval = Duration::from_millis(100);
        let test = started(
            TestKind::Traceroute,
            r#"{"destination": "unreachable.example"}"#,
            Scenario::Clean,
        );
        let at = |ms: u64| test.status_at(Duration::from_millis(ms), interval);
        assert_eq!(at(50 + 15 * 100)["progressPercent"], 50, "15 of 30 hops");
        assert_eq!(at(50 + 29 * 100)["status"], "RUNNING");
        let done = at(50 + 30 * 100);
        assert_eq!(done["status"], "COMPLETED");
        assert_eq!(
            done["endTime"],
            rfc3339(UNIX_EPOCH + interval * 30 + interval / 2)
        );
    }

    #[test]
    fn an_unresolved_end_is_written_in_each_kinds_words() {
        let end = |kind, destination: &str, scenario| {
            let body = format!(r#"{{"destination": "{destination}"}}"#);
            started(kind, &body, scenario)
                .status_at(Duration::from_secs(60), Duration::from_millis(10))
        };
        let failed = end(TestKind::Traceroute, "x.invalid", Scenario::Clean);
        assert_eq!(
            (&failed["status"], &failed["failReason"]),
            (
                &json!("FAILED"),
                &json!("Unable to resolve host: x.invalid")
            )
        );
        assert_eq!(
            failed["rawOutput"],
            "\nCOMMAND=traceroute x.invalid\ntraceroute: bad address 'x.invalid'\n"
        );
        for (kind, destination, scenario) in [
            (
                TestKind::Traceroute,
                "unresolvable.example",
                Scenario::Clean,
            ),
            (
                TestKind::Traceroute,
                "www.example.com",
                Scenario::NotResolved,
            ),
            (TestKind::Ping, "www.djgdij.com", Scenario::NotResolved),
        ] {
            let done = end(kind, destination, scenario);
            assert_eq!(
                (&done["status"], &done["failReason"], &done["output"]),
                (
                    &json!("COMPLETED"),
                    &json!("Destination not resolved"),
                    &Value::Null
                ),
                "{kind:?} {destination}"
            );
        }
    }

    #[test]
    fn raw_output_comes_when_asked_or_when_the_scenario_always_sends_it() {
        let raw = |destination: &str| {
            let body = format!(r#"{{"destination": "{destination}", "includeRawOutput": false}}"#);
            started(TestKind::Traceroute, &body, Scenario::Clean)
                .status_at(Duration::from_secs(60), Duration::from_millis(10))["rawOutput"]
                .clone()
        };
        assert_eq!(raw("www.example.com"), Value::Null);
        let multipath = raw("multipath.example");
        assert!(multipath
            .as_str()
            .unwrap()
            .starts_with("\nCOMMAND=traceroute multipath.example\ntraceroute to 203.0.113.140 (203.0.113.140), 30 hops max, 38 byte packets\n"));
    }
}
