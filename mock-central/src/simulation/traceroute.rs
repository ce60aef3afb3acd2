//! A traceroute run: one hop a step along its scenario's path
//! (`crate::scenario::traceroute`), written as the AP writes it: `output.hops` with every
//! value a string (`"hop": "1"`, `"33.799 ms"`, a lost probe `"*"`, `"null"` for no
//! value, the address in `reverseDnsResolution`), a load-balanced hop left out, and the
//! BusyBox text in `rawOutput`.

use super::{Run, Unresolved};
use crate::rng::Rng;
use crate::scenario::traceroute::{
    trace_scenario, Answers, PathEnd, TraceScenario, AP_MAX_HOPS, PROBES_PER_HOP,
};
use ap_ping_core::wire::TracerouteStartBody;
use serde_json::{json, Value};
use std::fmt::Write;
use std::net::IpAddr;

/// A traceroute start that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceParameters {
    pub destination: String,
    pub include_raw_output: bool,
}

impl TraceParameters {
    /// Reads the POST body as `ap_ping_core::wire::TracerouteStartBody` describes it, with
    /// every problem named as the API names them (`Validation errors - a; b`).
    pub fn from_body(body: &[u8]) -> Result<Self, String> {
        let start = super::read_start(body, TracerouteStartBody::from_json_all)?;
        Ok(TraceParameters {
            destination: start.destination.trim().to_owned(),
            include_raw_output: start
                .include_raw_output
                .unwrap_or(super::INCLUDE_RAW_OUTPUT),
        })
    }
}

/// One probe that came back: from where, after how long.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub address: String,
    pub rtt_ms: f64,
}

/// One hop of the run: its probes in order, `None` for a lost one.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnHop {
    pub hop: u32,
    pub probes: Vec<Option<Answer>>,
    /// Whether `output.hops` lists it (the AP leaves out a hop answered from two addresses).
    pub listed: bool,
}

/// One traceroute, decided up front.
#[derive(Debug, Clone)]
pub struct TraceRun {
    pub destination: String,
    pub scenario: &'static TraceScenario,
    /// The destination's address: itself when an IP literal, else the scenario's.
    pub resolved_ip: String,
    pub hops: Vec<DrawnHop>,
}

impl TraceRun {
    /// Draws the run of `destination`'s scenario: each probe's time within ±8% of its
    /// router's, from `rng`.
    pub fn new(destination: &str, rng: &mut Rng) -> Self {
        let scenario = trace_scenario(destination);
        let resolved_ip = match destination.parse::<IpAddr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => scenario.resolves_to.to_owned(),
        };
        let mut time =
            |rtt_ms: f64| (rtt_ms * (0.92 + 0.16 * rng.unit()) * 1000.0).round() / 1000.0;
        let mut hops: Vec<DrawnHop> = Vec::new();
        for (i, router) in scenario.routers.iter().enumerate() {
            let probes = (0..PROBES_PER_HOP)
                .map(|p| {
                    let address = match router.answers {
                        Answers::All => router.address,
                        Answers::Loses(lost) if lost.contains(&p) => return None,
                        Answers::Loses(_) => router.address,
                        Answers::Balanced { other, from_other } if from_other.contains(&p) => other,
                        Answers::Balanced { .. } => router.address,
                    };
                    Some(Answer {
                        address: address.to_owned(),
                        rtt_ms: time(router.rtt_ms),
                    })
                })
                .collect();
            hops.push(DrawnHop {
                hop: i as u32 + 1,
                probes,
                listed: !matches!(router.answers, Answers::Balanced { .. }),
            });
        }
        let next = hops.len() as u32 + 1;
        match scenario.end {
            PathEnd::Reached { rtt_ms } => hops.push(DrawnHop {
                hop: next,
                probes: (0..PROBES_PER_HOP)
                    .map(|_| {
                        Some(Answer {
                            address: resolved_ip.clone(),
                            rtt_ms: time(rtt_ms),
                        })
                    })
                    .collect(),
                listed: true,
            }),
            PathEnd::SilentToMax => hops.extend((next..=AP_MAX_HOPS).map(|hop| DrawnHop {
                hop,
                probes: vec![None; PROBES_PER_HOP],
                listed: true,
            })),
            PathEnd::NotResolved => {}
        }
        TraceRun {
            destination: destination.to_owned(),
            scenario,
            resolved_ip,
            hops,
        }
    }
}

/// One probe as the AP lists it: the address in `reverseDnsResolution`, `ipAddress`
/// the string `"null"`, the time with its unit; a lost one `"*"` and `"null"`.
fn probe_json(probe: Option<&Answer>) -> Value {
    match probe {
        Some(a) => json!({
            "ipAddress": "null",
            "responseTimeMilliseconds": format!("{:.3} ms", a.rtt_ms),
            "reverseDnsResolution": a.address,
        }),
        None => json!({
            "ipAddress": "null",
            "responseTimeMilliseconds": "*",
            "reverseDnsResolution": "null",
        }),
    }
}

impl Run for TraceRun {
    fn steps(&self) -> u32 {
        self.hops.len() as u32
    }

    fn resolves(&self) -> bool {
        !matches!(self.scenario.end, PathEnd::NotResolved)
    }

    fn unresolved_text(&self, _how: Unresolved) -> String {
        format!("traceroute: bad address '{}'\n", self.destination)
    }

    /// `{destination, resolvedIp, hops}`; a hop where nothing answered is one lost probe,
    /// as in the API description's example.
    fn output(&self) -> Value {
        let hops: Vec<Value> = self
            .hops
            .iter()
            .filter(|h| h.listed)
            .map(|h| {
                let probes: Vec<Value> = if h.probes.iter().all(Option::is_none) {
                    vec![probe_json(None)]
                } else {
                    h.probes.iter().map(|p| probe_json(p.as_ref())).collect()
                };
                json!({ "hop": h.hop.to_string(), "probes": probes })
            })
            .collect();
        json!({
            "destination": self.destination,
            "resolvedIp": self.resolved_ip,
            "hops": hops,
        })
    }

    /// BusyBox's text: the header, then a line a hop, an address written where it changes
    /// (` 3  10.186.128.6  1.204 ms  10.186.128.4  1.311 ms  1.198 ms`), `* * *` for a
    /// silent hop.
    fn raw_output(&self) -> String {
        let ip = &self.resolved_ip;
        let mut raw =
            format!("traceroute to {ip} ({ip}), {AP_MAX_HOPS} hops max, 38 byte packets\n");
        for hop in &self.hops {
            let _ = write!(raw, "{:>2}", hop.hop);
            if hop.probes.iter().all(Option::is_none) {
                raw.push_str("  * * *");
            } else {
                let mut last: Option<&str> = None;
                for probe in &hop.probes {
                    match probe {
                        Some(a) => {
                            if last != Some(&a.address) {
                                let _ = write!(raw, "  {}", a.address);
                                last = Some(&a.address);
                            }
                            let _ = write!(raw, "  {:.3} ms", a.rtt_ms);
                        }
                        None => raw.push_str("  *"),
                    }
                }
            }
            raw.push('\n');
        }
        raw
    }

    fn always_raw_output(&self) -> bool {
        self.scenario.always_raw_output
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(destination: &str) -> TraceRun {
        TraceRun::new(destination, &mut Rng::new(7))
    }

    #[test]
    fn the_raw_lines_are_busyboxs() {
        let raw = run("multipath.example").raw_output();
        let lines: Vec<&str> = raw.lines().collect();
        assert_eq!(
            lines[0],
            "traceroute to 203.0.113.140 (203.0.113.140), 30 hops max, 38 byte packets"
        );
        let shape = |line: &str| {
            line.split("  ")
                .map(|t| if t.ends_with(" ms") { "T ms" } else { t })
                .collect::<Vec<_>>()
                .join("  ")
        };
        assert_eq!(shape(lines[1]), " 1  10.27.113.225  T ms  T ms  T ms");
        assert_eq!(
            shape(lines[3]),
            " 3  10.186.128.6  T ms  10.186.128.4  T ms  T ms"
        );
        let lossy = run("lossy-path.example").raw_output();
        assert_eq!(
            shape(lossy.lines().nth(4).unwrap()),
            " 4  100.64.12.1  T ms  *  *"
        );
        let silent = run("unreachable.example").raw_output();
        assert_eq!(silent.lines().nth(5), Some(" 5  * * *"));
        assert_eq!(silent.lines().last(), Some("30  * * *"));
    }

    #[test]
    fn an_ip_destination_is_its_own_address_and_the_last_hop() {
        let trace = run("8.8.8.8");
        assert_eq!(trace.resolved_ip, "8.8.8.8");
        let last = trace.hops.last().unwrap();
        assert_eq!(last.hop, 8);
        assert!(last
            .probes
            .iter()
            .all(|p| p.as_ref().unwrap().address == "8.8.8.8"));
        assert_eq!(run("www.example.com").resolved_ip, "203.0.113.80");
    }
}
