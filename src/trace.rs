//! A traceroute as its view shows it: the verdict (reached, not reached, cannot tell), the
//! hop table's rows (a run of silent hops as one row; a hop whose loss or latency jumps
//! against the one before it marked, and whether the hops after it say it is only that
//! router's ICMP rate limit), the bars' shared scale, the CSV, and which ping result offers
//! "Trace the path" and to where. Pure: no clock, no web types; `tests/trace.rs` drives it
//! natively. Reading the API and the text into the model is the core's
//! (`ap_ping_core::traceroute`).

use crate::stats::{PingStatistics, PingTestResult};
use ap_ping_core::traceroute::{TraceHop, Traceroute, TracerouteTestResult};
use std::rc::Rc;

/// A hop's loss jumps when it is this many percentage points above the hop before it (one
/// lost probe of Central's three is 33).
pub const LOSS_JUMP_POINTS: f64 = 30.0;
/// A hop's average round trip jumps when it is this many ms above the hop before it, and
/// at least double it: 30 ms more matters after 2 ms, not after 150 ms.
pub const LATENCY_JUMP_MS: f64 = 30.0;

/// What the trace found, in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<'a> {
    /// The destination answered at hop `hops`.
    Reached {
        /// The destination as shown (its address, else its name).
        destination: Option<&'a str>,
        /// The number of the hop that answered from the destination's address (the last
        /// that answered).
        hops: u32,
    },
    /// The trace ended without the destination answering.
    NotReached {
        /// The destination as shown.
        destination: Option<&'a str>,
        /// The last hop that answered, and its first address; `None` when none did.
        last_answer: Option<(u32, Option<&'a str>)>,
    },
    /// Nothing tells whether the destination answered (no address of it is known).
    Unknown {
        /// The destination as shown.
        destination: Option<&'a str>,
        /// The last hop that answered, and its first address; `None` when none did.
        last_answer: Option<(u32, Option<&'a str>)>,
    },
}

/// The destination as the verdict names it: its address, else its name.
pub fn destination_of(trace: &Traceroute) -> Option<&str> {
    let d = &trace.destination;
    d.address
        .as_deref()
        .or(d.name.as_deref())
        .filter(|s| !s.trim().is_empty())
}

/// Whether any probe of the hop answered.
pub fn answered(hop: &TraceHop) -> bool {
    hop.probes.iter().any(|p| p.rtt_ms.is_some())
}

/// The last hop that answered, with its first address.
fn last_answer(trace: &Traceroute) -> Option<(u32, Option<&str>)> {
    trace
        .hops
        .iter()
        .rev()
        .find(|h| answered(h))
        .map(|h| (h.hop, h.addresses.first().map(|a| &**a)))
}

/// What the trace found: reached at which hop, not reached and where the answers stopped,
/// or that it cannot be told.
pub fn verdict(trace: &Traceroute) -> Verdict<'_> {
    let destination = destination_of(trace);
    match trace.reached {
        // The core says reached when the last answering hop is the destination's.
        Some(true) => Verdict::Reached {
            destination,
            hops: last_answer(trace).map_or(0, |(hop, _)| hop),
        },
        Some(false) => Verdict::NotReached {
            destination,
            last_answer: last_answer(trace),
        },
        None => Verdict::Unknown {
            destination,
            last_answer: last_answer(trace),
        },
    }
}

/// Which way a hop's figures jumped against the answering hop before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Its loss is [`LOSS_JUMP_POINTS`] or more above.
    pub loss: bool,
    /// Its average round trip is [`LATENCY_JUMP_MS`] or more above, and at least double.
    pub latency: bool,
    /// What the hops after it say.
    pub later: Later,
}

/// What the answering hops after a marked one say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Later {
    /// The last answering hop does not carry the jump: likely only this router's ICMP
    /// rate limit (it answers traceroute's probes slowly or not at all, and forwards
    /// traffic fine), as mtr users learn to read it.
    Fine,
    /// The last answering hop carries it too: the path degrades here.
    Carried,
    /// No hop after it answered: nothing to tell by.
    Unknown,
}

/// One row of the hop table.
#[derive(Debug, Clone, PartialEq)]
pub enum HopRow<'a> {
    /// A hop that answered at least one probe.
    Hop {
        /// The hop.
        hop: &'a TraceHop,
        /// Its jump against the answering hop before it, if any.
        mark: Option<Mark>,
    },
    /// Hops `first..=last` (consecutive numbers) answered no probe.
    Silent {
        /// The first hop of the run.
        first: u32,
        /// The last hop of the run.
        last: u32,
    },
}

/// The hop table's rows, in hop order: a run of consecutive silent hops is one row. At
/// most one row a hop of the model, which the core bounds (`MAX_HOPS`).
pub fn rows(trace: &Traceroute) -> Vec<HopRow<'_>> {
    let hops = &trace.hops;
    let last_answering = hops.iter().rposition(answered);
    let mut rows: Vec<HopRow<'_>> = Vec::new();
    let mut before: Option<&TraceHop> = None;
    for (i, hop) in hops.iter().enumerate() {
        if !answered(hop) {
            match rows.last_mut() {
                Some(HopRow::Silent { last, .. }) if *last + 1 == hop.hop => *last = hop.hop,
                _ => rows.push(HopRow::Silent {
                    first: hop.hop,
                    last: hop.hop,
                }),
            }
            continue;
        }
        let mark = before.and_then(|b| {
            let (loss, latency) = jumps(b, hop);
            (loss || latency).then(|| Mark {
                loss,
                latency,
                later: match last_answering {
                    Some(end) if end > i => {
                        let (loss_kept, latency_kept) = jumps(b, &hops[end]);
                        if (loss && loss_kept) || (latency && latency_kept) {
                            Later::Carried
                        } else {
                            Later::Fine
                        }
                    }
                    _ => Later::Unknown,
                },
            })
        });
        rows.push(HopRow::Hop { hop, mark });
        before = Some(hop);
    }
    rows
}

/// Whether `hop`'s loss and latency jumped against `before`'s.
fn jumps(before: &TraceHop, hop: &TraceHop) -> (bool, bool) {
    let loss = match (before.loss_percent, hop.loss_percent) {
        (Some(b), Some(h)) => h - b >= LOSS_JUMP_POINTS,
        _ => false,
    };
    let latency = match (before.avg_ms, hop.avg_ms) {
        (Some(b), Some(h)) => h - b >= LATENCY_JUMP_MS.max(b),
        _ => false,
    };
    (loss, latency)
}

/// The round trip at the right end of every hop's bar (ms): the slowest probe of the
/// trace, so that the bars compare; `None` when no probe answered.
pub fn scale_ms(trace: &Traceroute) -> Option<f64> {
    trace
        .hops
        .iter()
        .filter_map(|h| h.max_ms)
        .filter(|v| v.is_finite() && *v >= 0.0)
        .reduce(f64::max)
        .map(|max| max.max(1.0))
}

/// A hop's bar on the shared scale, in percent of its width: from its fastest probe to
/// its slowest, with its average marked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// Where the fastest probe is, 0–100.
    pub from: f64,
    /// Where the average is, 0–100.
    pub avg: f64,
    /// Where the slowest probe is, 0–100.
    pub to: f64,
}

/// The hop's bar on a scale whose right end is `scale_ms`; `None` when no probe answered.
pub fn bar(hop: &TraceHop, scale_ms: f64) -> Option<Bar> {
    let at = |v: f64| (v / scale_ms * 100.0).clamp(0.0, 100.0);
    Some(Bar {
        from: at(hop.min_ms?),
        avg: at(hop.avg_ms?),
        to: at(hop.max_ms?),
    })
}

/// The hop table as CSV: one line a hop (silent ones too), its addresses and names each
/// separated by a space, one column a probe (empty when lost), its loss and times.
pub fn hops_csv(trace: &Traceroute) -> String {
    let probes = trace
        .hops
        .iter()
        .map(|h| h.probes.len())
        .max()
        .unwrap_or(0)
        .max(3);
    let mut csv = String::from("hop,address,name");
    for i in 1..=probes {
        csv.push_str(",probe");
        csv.push_str(&i.to_string());
        csv.push_str("_ms");
    }
    csv.push_str(",loss_percent,min_ms,avg_ms,max_ms\r\n");
    let number = |v: Option<f64>| {
        v.map(|v| ap_ping_core::decimal::format(v, 6))
            .unwrap_or_default()
    };
    for hop in &trace.hops {
        csv.push_str(&hop.hop.to_string());
        csv.push(',');
        csv.push_str(&ap_ping_core::csv::field(&hop.addresses.join(" ")));
        csv.push(',');
        csv.push_str(&ap_ping_core::csv::field(&names(hop).join(" ")));
        for i in 0..probes {
            csv.push(',');
            csv.push_str(&number(hop.probes.get(i).and_then(|p| p.rtt_ms)));
        }
        for v in [hop.loss_percent, hop.min_ms, hop.avg_ms, hop.max_ms] {
            csv.push(',');
            csv.push_str(&number(v));
        }
        csv.push_str("\r\n");
    }
    csv
}

/// The distinct names of a hop's answers, in order of first answer.
pub fn names(hop: &TraceHop) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for name in hop.probes.iter().filter_map(|p| p.name.as_deref()) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// How long the trace has run at `now_ms` (ms since the epoch): its duration once known,
/// else the time since `startTime`; `None` when neither can be told.
pub fn elapsed_ms(result: &TracerouteTestResult, now_ms: f64) -> Option<f64> {
    if let Some(d) = result.duration_ms {
        return Some(d);
    }
    let start =
        ap_ping_core::stats::timestamp::parse_rfc3339_nanos(result.start_time.as_deref()?).ok()?;
    let elapsed = now_ms - (start / 1_000_000) as f64;
    (elapsed >= 0.0).then_some(elapsed)
}

/// Where "Trace the path" traces to from a ping's result: the destination the ping was
/// started with, else the one its statistics name, else its resolved address. `None`
/// unless the ping ended with loss (nothing to look for otherwise).
pub fn trace_target(started_to: Option<&str>, result: &PingTestResult) -> Option<Rc<str>> {
    let stats: &PingStatistics = result.statistics.as_deref()?;
    let lossy = result.is_terminal
        && stats.transmitted > 0
        && (stats.received < stats.transmitted || stats.loss_percent.is_some_and(|p| p > 0.0));
    if !lossy {
        return None;
    }
    [
        started_to,
        stats.destination.as_deref(),
        stats.resolved_ip.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .find(|d| !d.is_empty())
    .map(Rc::from)
}
