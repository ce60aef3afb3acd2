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
        count => {
            // The first 20 runs, written straight into one string: no list of strings to
            // join (`join` alone was about 1 KB of the widget).
            let mut named = String::new();
            for (i, &(first, last)) in stats.missing_sequences.runs().iter().enumerate() {
                if i > 0 {
                    named.push_str(", ");
                }
                if i == 20 {
                    named.push('…');
                    break;
                }
                named += &first.to_string();
                if first != last {
                    named.push('–');
                    named += &last.to_string();
                }
            }
            m.fill_count(
                Msg::ChartLostSequences,
                count as f64,
                &[("sequences", &named)],
            )
        }
    };
    match &stats.rtt {
        Some(r) => m.fill_count(
            Msg::ChartSummary,
            f64::from(stats.received),
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
    use crate::stats::MissingSequences;

    #[test]
    fn a_point_tip_names_its_sequence_time_and_ttl() {
        let g = chart_geometry(&seed(), 600.0).unwrap();
        assert_eq!(
            point_title(&Messages::default(), &g.points[1]),
            "seq 1: 209.8 ms, TTL 108"
        );
    }

    #[test]
    fn lost_runs_are_named_up_to_twenty() {
        let missing: MissingSequences =
            (0..50).filter(|s| s % 2 == 1).chain([60, 61, 62]).collect();
        let mut stats = (*seed()).clone();
        stats.rtt = None;
        stats.missing_sequences = missing;
        let words = describe(&Messages::default(), &stats);
        assert!(
            words.starts_with("No replies; lost: sequences 1, 3, 5,"),
            "{words}"
        );
        assert!(
            words.ends_with(", 37, 39, ….") && !words.contains("41"),
            "{words}"
        );
        stats.missing_sequences = [4, 5, 6, 9].into_iter().collect();
        assert_eq!(
            describe(&Messages::default(), &stats),
            "No replies; lost: sequences 4–6, 9."
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
