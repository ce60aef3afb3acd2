//! A simulated ping test: what the AP does, decided up front from a seed, and what the
//! status endpoint says about it at any moment. Pure: no HTTP, no clock of its own.

use crate::rng::Rng;
use crate::scenario::{is_unresolvable, LossPlan, Scenario};
use ap_ping_core::wire::PingStartBody;
use serde_json::{json, Value};
use std::fmt::Write;
use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A request that passed validation, with the simulation's defaults for what it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct PingParameters {
    pub destination: String,
    pub packet_size: u32,
    pub count: u32,
    pub include_raw_output: bool,
}

impl PingParameters {
    /// Reads the POST body as the widget and central-proxy describe it
    /// (`ap_ping_core::wire::PingStartBody`: its fields, types and limits), with every
    /// problem named, in the API's way: `Validation errors - a; b`.
    pub fn from_body(body: &[u8]) -> Result<Self, String> {
        let text = std::str::from_utf8(body)
            .map_err(|_| "Validation errors - body is not UTF-8 text".to_owned())?;
        let start = PingStartBody::from_json_all(text).map_err(|problems| {
            let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
            format!("Validation errors - {}", problems.join("; "))
        })?;
        Ok(PingParameters {
            destination: start.destination.trim().to_owned(),
            packet_size: start.packet_size.unwrap_or(56),
            count: start.count.unwrap_or(5),
            include_raw_output: start.include_raw_output.unwrap_or(true),
        })
    }
}

/// One ping test on a simulated AP.
#[derive(Debug, Clone)]
pub struct SimulatedTest {
    pub parameters: PingParameters,
    pub scenario: Scenario,
    pub resolved_ip: String,
    /// Round-trip time of each sequence number, `None` for a lost packet.
    pub plan: Vec<Option<f64>>,
    pub ttl: u32,
    /// Wall-clock start, for `startTime`/`endTime`.
    pub started_at: SystemTime,
}

impl SimulatedTest {
    /// Decides the whole run from the seed.
    pub fn new(
        parameters: PingParameters,
        scenario: Scenario,
        seed: u64,
        started_at: SystemTime,
    ) -> Self {
        let mut rng = Rng::new(seed);
        let plan = match scenario {
            Scenario::Planned(loss) => planned_replies(parameters.count, loss, &mut rng),
            _ => random_replies(parameters.count, scenario, &mut rng),
        };
        let resolved_ip = match parameters.destination.parse::<IpAddr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => format!("192.0.2.{}", 1 + rng.next_u64() % 254),
        };
        SimulatedTest {
            ttl: 50 + (rng.next_u64() % 14) as u32,
            parameters,
            scenario,
            resolved_ip,
            plan,
            started_at,
        }
    }
}

/// A demo device's run: a random base RTT, and the losses its scenario gives.
fn random_replies(count: u32, scenario: Scenario, rng: &mut Rng) -> Vec<Option<f64>> {
    let base = 2.0 + rng.unit() * 40.0;
    let mut plan: Vec<Option<f64>> = (0..count)
        .map(|_| {
            let rtt = round1(base + rng.unit() * 8.0);
            let lost = match scenario {
                Scenario::TotalLoss => true,
                Scenario::Lossy => rng.unit() < 0.2,
                _ => false,
            };
            (!lost).then_some(rtt)
        })
        .collect();
    if scenario == Scenario::Lossy && plan.len() > 2 && plan.iter().all(Option::is_some) {
        plan[2] = None; // a lossy demo loses at least one packet
    }
    plan
}

/// A fleet AP's run: its own base RTT, and exactly the packets its plan loses.
fn planned_replies(count: u32, loss: LossPlan, rng: &mut Rng) -> Vec<Option<f64>> {
    (0..count)
        .map(|seq| {
            let rtt = round1(f64::from(loss.base_rtt_ms) + rng.unit() * 3.0);
            (!loss.loses(seq, count)).then_some(rtt)
        })
        .collect()
}

impl SimulatedTest {
    /// The status body at `elapsed` since the POST, with one reply per `interval`.
    pub fn status_at(&self, elapsed: Duration, interval: Duration) -> Value {
        let start_time = rfc3339(self.started_at);
        let running_from = interval / 2;
        // A `NoProgress` device says nothing of how far it is until the end.
        let silent = self.scenario == Scenario::NoProgress;
        if elapsed < running_from {
            return json!({ "startTime": start_time, "endTime": null, "rawOutput": null, "output": null,
                           "failReason": null, "progressPercent": (!silent).then_some(0), "status": "INITIATED" });
        }
        if is_unresolvable(&self.parameters.destination) {
            let raw = format!(
                "\nCOMMAND=ping {0}\nping: unknown host {0}\n",
                self.parameters.destination
            );
            return json!({ "startTime": start_time, "endTime": rfc3339(self.started_at + running_from),
                           "rawOutput": self.parameters.include_raw_output.then_some(raw), "output": null,
                           "failReason": format!("Unable to resolve host: {}", self.parameters.destination),
                           "progressPercent": 100, "status": "FAILED" });
        }
        if self.scenario == Scenario::NotResolved {
            // The current API description's own example: the test ran, found nothing, and
            // is COMPLETED with a failReason and the AP's own error line.
            let raw = format!(
                "\nCOMMAND=ping {0}\nhost address failed because the ipv4/v6 address {0} is invalid.\n",
                self.parameters.destination
            );
            return json!({ "startTime": start_time, "endTime": rfc3339(self.started_at + running_from),
                           "rawOutput": self.parameters.include_raw_output.then_some(raw), "output": null,
                           "failReason": "Destination not resolved",
                           "progressPercent": 100, "status": "COMPLETED" });
        }
        let count = self.plan.len() as u32;
        let done = ((elapsed - running_from).as_millis() / interval.as_millis().max(1)) as u32;
        if done < count {
            let progress = (100 * done / count).min(99);
            return json!({ "startTime": start_time, "endTime": null, "rawOutput": null, "output": null,
                           "failReason": null, "progressPercent": (!silent).then_some(progress), "status": "RUNNING" });
        }
        let end = self.started_at + running_from + interval * count;
        json!({
            "startTime": start_time,
            "endTime": rfc3339(end),
            "rawOutput": self.parameters.include_raw_output.then(|| self.raw_output()),
            "output": self.output(),
            "failReason": null,
            "progressPercent": 100,
            "status": "COMPLETED",
        })
    }

    fn received(&self) -> Vec<(usize, f64)> {
        self.plan
            .iter()
            .enumerate()
            .filter_map(|(s, t)| t.map(|t| (s, t)))
            .collect()
    }

    /// `[min, avg, max]` of the answered packets, each to 0.1 ms as the AP prints them.
    fn rtt_summary(&self) -> Option<[f64; 3]> {
        let times: Vec<f64> = self.received().iter().map(|(_, t)| *t).collect();
        if times.is_empty() {
            return None;
        }
        let min = times.iter().copied().fold(f64::INFINITY, f64::min);
        let max = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some([
            min,
            round1(times.iter().sum::<f64>() / times.len() as f64),
            max,
        ])
    }

    fn loss_percent(&self) -> u32 {
        let count = self.plan.len() as u32;
        (100 * (count - self.received().len() as u32) + count / 2) / count.max(1)
    }

    /// The `output` object, every number a string, only answered packets in `replies`.
    fn output(&self) -> Value {
        let replies: Vec<Value> = self
            .received()
            .iter()
            .map(|(seq, t)| {
                json!({
                    "sentPacketAddress": self.resolved_ip,
                    "sentPacketIcmpSequenceNumber": seq.to_string(),
                    "sentPacketTimeToLive": self.ttl.to_string(),
                    "sentPacketTimeMilliseconds": format!("{t:.1}"),
                    "sentPacketSizeBytes": (self.parameters.packet_size + 8).to_string(),
                })
            })
            .collect();
        let mut output = json!({
            "receivedPacketsCount": replies.len().to_string(),
            "packetLossPercent": self.loss_percent().to_string(),
            "replies": replies,
            "destination": self.parameters.destination,
            "resolvedIp": self.resolved_ip,
            "transmittedPacketsCount": self.plan.len().to_string(),
        });
        if let Some([min, avg, max]) = self.rtt_summary() {
            output["minimumRoundTripTimeMilliseconds"] = json!(format!("{min:.1}"));
            output["averageRoundTripTimeMilliseconds"] = json!(format!("{avg:.1}"));
            output["maximumRoundTripTimeMilliseconds"] = json!(format!("{max:.1}"));
        }
        output
    }

    /// `rawOutput` in the API's text format, consistent with [`Self::output`].
    fn raw_output(&self) -> String {
        let ip = &self.resolved_ip;
        let mut raw = format!(
            "\nCOMMAND=ping {}\nPING {ip} ({ip}): {} data bytes\n",
            self.parameters.destination, self.parameters.packet_size
        );
        for (seq, t) in self.received() {
            let _ = writeln!(
                raw,
                "{} bytes from {ip}: icmp_seq={seq} ttl={} time={t:.1} ms",
                self.parameters.packet_size + 8,
                self.ttl
            );
        }
        let _ = write!(
            raw,
            "\n--- {ip} ping statistics ---\n{} packets transmitted, {} packets received, {}% packet loss\n",
            self.plan.len(),
            self.received().len(),
            self.loss_percent()
        );
        if let Some([min, avg, max]) = self.rtt_summary() {
            let _ = writeln!(
                raw,
                "round-trip min/avg/max = {min:.1}/{avg:.1}/{max:.1} ms"
            );
        }
        raw
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

    #[test]
    fn timestamps_are_rfc3339_with_nanoseconds() {
        let t = UNIX_EPOCH + Duration::new(1_747_746_468, 849_780_286);
        assert_eq!(rfc3339(t), "2025-05-20T13:07:48.849780286Z");
    }

    #[test]
    fn validation_messages_read_like_the_api() {
        let error =
            |body: Value| PingParameters::from_body(body.to_string().as_bytes()).unwrap_err();
        assert_eq!(
            error(json!({"destination": "x.example", "packetSize": 5})),
            "Validation errors - packetSize must be between 10 and 2000"
        );
        assert_eq!(
            error(json!({"count": 0})),
            "Validation errors - destination is required; count must be between 1 and 100"
        );
    }

    #[test]
    fn a_planned_run_loses_exactly_its_share_around_its_base_rtt() {
        let parameters = PingParameters::from_body(br#"{"destination": "8.8.8.8"}"#).unwrap();
        let plan = LossPlan {
            loss_percent: 60,
            base_rtt_ms: 12,
        };
        for seed in 0..20 {
            let test = SimulatedTest::new(
                parameters.clone(),
                Scenario::Planned(plan),
                seed,
                UNIX_EPOCH,
            );
            let lost: Vec<usize> = (0..5).filter(|s| test.plan[*s].is_none()).collect();
            assert_eq!(lost, [1, 3, 4]);
            assert!(test
                .plan
                .iter()
                .flatten()
                .all(|rtt| (12.0..=15.0).contains(rtt)));
            let done = test.status_at(Duration::from_secs(60), Duration::from_millis(10));
            assert_eq!(done["output"]["packetLossPercent"], "60");
            assert_eq!(done["output"]["receivedPacketsCount"], "2");
        }
    }

    #[test]
    fn a_no_progress_run_says_how_far_it_is_only_at_the_end() {
        let parameters = PingParameters::from_body(br#"{"destination": "8.8.8.8"}"#).unwrap();
        let test = SimulatedTest::new(parameters, Scenario::NoProgress, 1, UNIX_EPOCH);
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
        assert_eq!(done["output"]["packetLossPercent"], "0");
    }

    #[test]
    fn what_the_body_leaves_out_takes_the_simulations_defaults() {
        let parameters = PingParameters::from_body(br#"{"destination": " a.example "}"#).unwrap();
        assert_eq!(
            parameters,
            PingParameters {
                destination: "a.example".into(),
                packet_size: 56,
                count: 5,
                include_raw_output: true,
            }
        );
    }
}
