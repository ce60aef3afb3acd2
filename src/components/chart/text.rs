//! The chart in words: each point's tip and the text alternative of the whole chart, in
//! the page's language. Pure, tested natively.

use super::geometry::ChartPoint;
use crate::stats::PingStatistics;
use crate::words::{Messages, Msg};

/// The tip of one point: `seq 3: 31.8 ms, TTL 60`.
pub fn point_title(m: &Messages, p: &ChartPoint) -> String {
    let (seq, time) = (p.sequence.to_string(), m.ms(p.time_ms));
    match p.ttl {
        Some(ttl) => m.fill(
            Msg::ChartPointTipTtl,
            &[("seq", &seq), ("time", &time), ("ttl", &ttl.to_string())],
        ),
        None => m.fill(Msg::ChartPointTip, &[("seq", &seq), ("time", &time)]),
    }
}

/// The text alternative: what the chart shows, in one sentence.
pub fn describe(m: &Messages, stats: &PingStatistics) -> String {
    let lost = match stats.missing_sequences.len() {
        0 => m.get(Msg::ChartNoneLost).to_string(),
        _ => {
            let runs = stats.missing_sequences.runs();
            let mut named: Vec<String> = runs
                .iter()
                .take(20)
                .map(|&(first, last)| {
                    if first == last {
                        first.to_string()
                    } else {
                        format!("{first}–{last}")
                    }
                })
                .collect();
            if runs.len() > 20 {
                named.push("…".into());
            }
            m.fill(Msg::ChartLostSequences, &[("sequences", &named.join(", "))])
        }
    };
    match &stats.rtt {
        Some(r) => m.fill(
            Msg::ChartSummary,
            &[
                ("count", &m.number(f64::from(stats.received), 0)),
                ("lost", &lost),
                ("min", &m.ms(r.min_ms)),
                ("avg", &m.ms(r.avg_ms)),
                ("max", &m.ms(r.max_ms)),
            ],
        ),
        None => m.fill(Msg::ChartNoReplies, &[("lost", &lost)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::geometry::{chart_geometry, tests::seed};

    #[test]
    fn a_point_tip_names_its_sequence_time_and_ttl() {
        let g = chart_geometry(&seed(), 600.0).unwrap();
        assert_eq!(
            point_title(&Messages::default(), &g.points[1]),
            "seq 1: 209.8 ms, TTL 108"
        );
    }

    #[test]
    fn the_text_alternative_says_what_the_chart_shows() {
        assert_eq!(
            describe(&Messages::default(), &seed()),
            "Round-trip time of 4 replies (lost: sequence 2); min 200.2 ms, avg 204.7 ms, max 209.8 ms."
        );
    }
}
