//! The traceroute scenarios: which path a trace takes, picked by its destination (a serial
//! can ping and trace, and its own scenario still decides how the API answers: 409, 403,
//! 429s, slow or broken status answers, no progress). Each path is written out here, hop
//! by hop, in [`TRACE_SCENARIOS`]; `crate::simulation::traceroute` draws a run of it (the
//! probes' times jitter with `--seed`) and writes it in the API's shapes.
//!
//! | destination | what the trace shows | hops run |
//! | --- | --- | --- |
//! | any other (`www.example.com`, `8.8.8.8`) | reaches the destination at hop 8 | 8 |
//! | `unreachable.example`, `192.0.2.1` | hops 1–4 answer, 5–30 are silent (`* * *`): never reached | 30 |
//! | `lossy-path.example` | hop 4 loses 2 of 3 probes while later hops answer (an ICMP rate limit); latency jumps at hop 7 and stays up; reached at hop 10 | 10 |
//! | `multipath.example` | hop 3 answers from two addresses (load balancing): missing from `output.hops`, present in `rawOutput`, which always comes back; reached at hop 9 | 9 |
//! | `unresolvable.example` | `COMPLETED` with `failReason: "Destination not resolved"`, no `output` | 0 |
//!
//! A name resolves to its scenario's documentation address (`203.0.113.0/24`, or
//! `192.0.2.1` for the unreachable one); an IP literal is itself.

/// The AP's fixed limit: `30 hops max`.
pub const AP_MAX_HOPS: u32 = 30;

/// Probes the AP sends per hop.
pub const PROBES_PER_HOP: usize = 3;

/// One router on a path: the hop it is at is its place in [`TraceScenario::routers`].
#[derive(Debug)]
pub struct Router {
    /// The address that answers (the AP writes it in `reverseDnsResolution`).
    pub address: &'static str,
    /// Round trip around which its probes' times are drawn (within ±8%).
    pub rtt_ms: f64,
    /// Which probes it answers, and from where.
    pub answers: Answers,
}

/// How a router answers the hop's [`PROBES_PER_HOP`] probes.
#[derive(Debug)]
pub enum Answers {
    /// Every probe.
    All,
    /// Every probe but these (0-based): an ICMP rate limit, when later hops are fine.
    Loses(&'static [usize]),
    /// These probes (0-based) answer from `other`, the rest from the router's address:
    /// load balancing. The AP leaves such a hop out of `output.hops`; `rawOutput` has it.
    Balanced {
        other: &'static str,
        from_other: &'static [usize],
    },
}

/// How a path ends after its routers.
#[derive(Debug)]
pub enum PathEnd {
    /// The destination answers at the next hop, in about `rtt_ms`.
    Reached { rtt_ms: f64 },
    /// Nothing answers after the routers, to hop [`AP_MAX_HOPS`].
    SilentToMax,
    /// The destination does not resolve: the test ends `COMPLETED` with a `failReason`.
    NotResolved,
}

/// One scenario: the destinations that pick it and the path they take.
#[derive(Debug)]
pub struct TraceScenario {
    /// The destination shown in the demo's picker.
    pub destination: &'static str,
    /// Other destinations that pick it (the first scenario is also every unknown one's).
    pub also: &'static [&'static str],
    /// What it shows, for the picker and the start-up lines.
    pub description: &'static str,
    /// The address its names resolve to.
    pub resolves_to: &'static str,
    /// The routers, from hop 1.
    pub routers: &'static [Router],
    /// What follows them.
    pub end: PathEnd,
    /// `rawOutput` comes back even when the start asked for none (so the merge of the
    /// two accounts can be seen).
    pub always_raw_output: bool,
}

impl TraceScenario {
    /// Hops the trace runs, each taking one reply interval: the routers and the
    /// destination, or every hop to 30, or none.
    pub fn hops(&self) -> u32 {
        let routers = self.routers.len() as u32;
        match self.end {
            PathEnd::Reached { .. } => routers + 1,
            PathEnd::SilentToMax => AP_MAX_HOPS,
            PathEnd::NotResolved => 0,
        }
    }
}

/// The first hops of every path: the AP's gateway and the site's uplink.
const fn router(address: &'static str, rtt_ms: f64) -> Router {
    Router {
        address,
        rtt_ms,
        answers: Answers::All,
    }
}

/// Every scenario; the first is the default, for every destination no other names.
pub const TRACE_SCENARIOS: &[TraceScenario] = &[
    TraceScenario {
        destination: "www.example.com",
        also: &[],
        description: "reaches the destination in 8 hops",
        resolves_to: "203.0.113.80",
        routers: &[
            router("10.27.113.225", 0.9),
            router("10.27.64.1", 1.6),
            router("172.16.30.1", 2.4),
            router("100.64.12.1", 5.1),
            router("203.0.113.9", 8.3),
            router("198.51.100.14", 10.7),
            router("198.51.100.77", 12.2),
        ],
        end: PathEnd::Reached { rtt_ms: 12.9 },
        always_raw_output: false,
    },
    TraceScenario {
        destination: "unreachable.example",
        also: &["192.0.2.1"],
        description: "never reached: hops 1-4 answer, 5-30 are silent",
        resolves_to: "192.0.2.1",
        routers: &[
            router("10.27.113.225", 0.9),
            router("10.27.64.1", 1.6),
            router("172.16.30.1", 2.4),
            router("100.64.12.1", 5.1),
        ],
        end: PathEnd::SilentToMax,
        always_raw_output: false,
    },
    TraceScenario {
        destination: "lossy-path.example",
        also: &[],
        description: "hop 4 loses probes (an ICMP rate limit), hop 7 is slow from there on; reached in 10 hops",
        resolves_to: "203.0.113.120",
        routers: &[
            router("10.27.113.225", 0.9),
            router("10.27.64.1", 1.6),
            router("172.16.30.1", 2.4),
            Router {
                address: "100.64.12.1",
                rtt_ms: 5.1,
                answers: Answers::Loses(&[1, 2]),
            },
            router("203.0.113.9", 8.3),
            router("198.51.100.14", 10.7),
            router("198.51.100.201", 48.2),
            router("198.51.100.202", 49.5),
            router("198.51.100.203", 50.8),
        ],
        end: PathEnd::Reached { rtt_ms: 51.6 },
        always_raw_output: false,
    },
    TraceScenario {
        destination: "multipath.example",
        also: &[],
        description: "hop 3 answers from two addresses: missing from output.hops, present in rawOutput; reached in 9 hops",
        resolves_to: "203.0.113.140",
        routers: &[
            router("10.27.113.225", 0.9),
            router("10.27.64.1", 1.1),
            Router {
                address: "10.186.128.6",
                rtt_ms: 1.2,
                answers: Answers::Balanced {
                    other: "10.186.128.4",
                    from_other: &[1, 2],
                },
            },
            router("10.186.130.1", 2.3),
            router("100.64.12.1", 5.1),
            router("203.0.113.9", 8.3),
            router("198.51.100.14", 10.7),
            router("198.51.100.77", 12.2),
        ],
        end: PathEnd::Reached { rtt_ms: 12.8 },
        always_raw_output: true,
    },
    TraceScenario {
        destination: "unresolvable.example",
        also: &[],
        description: "COMPLETED with failReason \"Destination not resolved\" and no output",
        resolves_to: "",
        routers: &[],
        end: PathEnd::NotResolved,
        always_raw_output: false,
    },
];

/// The scenario a trace to `destination` takes: the one naming it (without regard to
/// case or a trailing dot), else the first.
pub fn trace_scenario(destination: &str) -> &'static TraceScenario {
    let wanted = destination.trim_end_matches('.');
    TRACE_SCENARIOS
        .iter()
        .find(|s| {
            std::iter::once(&s.destination)
                .chain(s.also)
                .any(|d| d.eq_ignore_ascii_case(wanted))
        })
        .unwrap_or(&TRACE_SCENARIOS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_pick_their_scenario_and_others_the_default() {
        let hops = |d: &str| trace_scenario(d).hops();
        assert_eq!(
            [
                "www.example.com",
                "8.8.8.8",
                "Unreachable.Example.",
                "192.0.2.1"
            ]
            .map(hops),
            [8, 8, 30, 30]
        );
        assert_eq!(
            [
                "lossy-path.example",
                "multipath.example",
                "unresolvable.example"
            ]
            .map(hops),
            [10, 9, 0]
        );
    }

    #[test]
    fn every_router_answers_within_the_aps_limits() {
        for s in TRACE_SCENARIOS {
            assert!(s.hops() <= AP_MAX_HOPS, "{}", s.destination);
            for r in s.routers {
                let probes: &[usize] = match r.answers {
                    Answers::All => &[],
                    Answers::Loses(p) | Answers::Balanced { from_other: p, .. } => p,
                };
                assert!(probes.iter().all(|p| *p < PROBES_PER_HOP), "{r:?}");
                assert!(r.address.parse::<std::net::IpAddr>().is_ok(), "{r:?}");
            }
        }
    }
}
