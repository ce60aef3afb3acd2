//! A ping run: one echo request a step, each answered or lost as the device's scenario
//! says, written as the ping status's `output` and the AP's ping text.

use super::{round1, Run, Unresolved};
use crate::rng::Rng;
use crate::scenario::traceroute::trace_scenario;
use crate::scenario::{LossPlan, Scenario};
use ap_ping_core::wire::PingStartBody;
use serde_json::{json, Value};
use std::fmt::Write;
use std::net::IpAddr;

/// A ping start that passed validation, with the simulation's defaults for what it left out.
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
        let start = super::read_start(body, PingStartBody::from_json_all)?;
        Ok(PingParameters {
            destination: start.destination.trim().to_owned(),
            packet_size: start.packet_size.unwrap_or(56),
            count: start.count.unwrap_or(5),
            include_raw_output: start
                .include_raw_output
                .unwrap_or(super::INCLUDE_RAW_OUTPUT),
        })
    }
}

/// One ping, decided up front.
#[derive(Debug, Clone)]
pub struct PingRun {
    pub parameters: PingParameters,
    pub resolved_ip: String,
    /// Round-trip time of each sequence number, `None` for a lost packet.
    pub plan: Vec<Option<f64>>,
    pub ttl: u32,
}

impl PingRun {
    /// Decides the whole run from `rng`: the device's losses and RTTs, the address a
    /// name resolves to, the TTL.
    pub fn new(parameters: PingParameters, scenario: Scenario, rng: &mut Rng) -> Self {
        let plan = match scenario {
            Scenario::Planned(loss) => planned_replies(parameters.count, loss, rng),
            _ => random_replies(parameters.count, scenario, rng),
        };
        // A name resolves as a traceroute to it does, so "Trace the path" after a ping
        // shows the address the ping reached.
        let resolved_ip = match parameters.destination.parse::<IpAddr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => trace_scenario(&parameters.destination)
                .resolves_to
                .to_owned(),
        };
        PingRun {
            ttl: 50 + (rng.next_u64() % 14) as u32,
            parameters,
            resolved_ip,
            plan,
        }
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

impl Run for PingRun {
    fn steps(&self) -> u32 {
        self.plan.len() as u32
    }

    fn resolves(&self) -> bool {
        true
    }

    fn unresolved_text(&self, how: Unresolved) -> String {
        let destination = &self.parameters.destination;
        match how {
            Unresolved::UnknownHost => format!("ping: unknown host {destination}\n"),
            // The current API description's own example line.
            Unresolved::NotResolved => format!(
                "host address failed because the ipv4/v6 address {destination} is invalid.\n"
            ),
        }
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

    /// The AP's ping text after its `COMMAND=` line, consistent with [`Self::output`].
    fn raw_output(&self) -> String {
        let ip = &self.resolved_ip;
        let mut raw = format!(
            "PING {ip} ({ip}): {} data bytes\n",
            self.parameters.packet_size
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

#[cfg(test)]
mod tests {
    use super::*;

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
            let run = PingRun::new(
                parameters.clone(),
                Scenario::Planned(plan),
                &mut Rng::new(seed),
            );
            let lost: Vec<usize> = (0..5).filter(|s| run.plan[*s].is_none()).collect();
            assert_eq!(lost, [1, 3, 4]);
            assert!(run
                .plan
                .iter()
                .flatten()
                .all(|rtt| (12.0..=15.0).contains(rtt)));
            let output = run.output();
            assert_eq!(output["packetLossPercent"], "60");
            assert_eq!(output["receivedPacketsCount"], "2");
        }
    }

    #[test]
    fn a_name_resolves_as_a_trace_to_it_does() {
        for name in [
            "lossy-path.example",
            "multipath.example",
            "www.example.com",
            "other.test",
        ] {
            let parameters =
                PingParameters::from_body(format!(r#"{{"destination": "{name}"}}"#).as_bytes())
                    .unwrap();
            let run = PingRun::new(parameters, Scenario::Lossy, &mut Rng::new(7));
            assert_eq!(run.resolved_ip, trace_scenario(name).resolves_to, "{name}");
        }
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
