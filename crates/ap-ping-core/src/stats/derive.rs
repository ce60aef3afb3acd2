//! What we compute from the replies, and the one place that assembles [`PingStatistics`]
//! from what a source reported, so `output` and ping text are judged by the same rules.

use crate::decimal;
use crate::stats::model::{
    MissingSequences, PingReply, PingStatistics, RttSummary, StatisticsSource,
};
use crate::stats::order::{self, nth_smallest};

/// What one source (the API's `output`, or ping text) said, before cross-checking.
#[derive(Debug, Default)]
pub struct Observed {
    pub destination: Option<String>,
    pub resolved_ip: Option<String>,
    pub transmitted: Option<u32>,
    pub received: Option<u32>,
    pub duplicates: Option<u32>,
    pub loss_percent: Option<f64>,
    /// min/avg/max as the source reported them.
    pub reported_rtt: Option<(f64, f64, f64)>,
    pub replies: Vec<PingReply>,
    /// The sequence number of the first request: 0 for BSD, BusyBox and the API, 1 for iputils.
    pub first_sequence: u32,
    pub error: Option<String>,
    pub warnings: Vec<String>,
}

/// Most packets one ping run is taken to have sent. The API allows 100; anything far
/// above is bad input, and listing its missing sequences would exhaust memory.
pub const MAX_PACKETS: u32 = 1_000_000;

/// Largest difference between a reported and a computed RTT that is still rounding.
const RTT_TOLERANCE_MS: f64 = 0.051;
/// Largest difference between a reported and a computed loss that is still rounding.
const LOSS_TOLERANCE_PERCENT: f64 = 1.0;

/// Cross-checks what was observed and computes the rest.
pub fn assemble(mut seen: Observed, source: StatisticsSource) -> PingStatistics {
    let warnings = &mut seen.warnings;
    let distinct = seen.replies.iter().filter(|r| !r.duplicate).count() as u32;
    let dup_listed = seen.replies.len() as u32 - distinct;

    let received = match seen.received {
        Some(r) => {
            if r != distinct {
                warnings.push(format!(
                    "the summary says {r} received but {distinct} replies are listed"
                ));
            }
            r
        }
        None => distinct,
    };
    let transmitted = match seen.transmitted {
        Some(t) => t,
        None => {
            let highest = seen
                .replies
                .iter()
                .map(|r| {
                    r.sequence
                        .saturating_sub(seen.first_sequence)
                        .saturating_add(1)
                })
                .max()
                .unwrap_or(0);
            let estimate = highest.max(received);
            if !seen.replies.is_empty() {
                warnings.push(format!(
                    "the number of packets transmitted is not reported; estimated as {estimate} from the replies"
                ));
            }
            estimate
        }
    };
    let duplicates = seen.duplicates.unwrap_or(dup_listed);
    let lost = transmitted.saturating_sub(received);
    // Nothing sent, nothing measured: no loss figure at all, whatever was reported.
    let loss_percent = if transmitted == 0 {
        None
    } else {
        let computed_loss = 100.0 * f64::from(lost) / f64::from(transmitted);
        Some(match seen.loss_percent {
            Some(reported) => {
                if (reported - computed_loss).abs() > LOSS_TOLERANCE_PERCENT {
                    warnings.push(format!(
                        "the reported packet loss {}% disagrees with {lost} of {transmitted} lost ({}%)",
                        decimal::format(reported, 6),
                        decimal::format(computed_loss, 1)
                    ));
                }
                reported
            }
            None => computed_loss,
        })
    };

    let rtt = rtt_summary(reply_times(&seen.replies), seen.reported_rtt, warnings);
    let missing_sequences = if transmitted <= MAX_PACKETS {
        missing_sequences(&seen.replies, seen.first_sequence, transmitted)
    } else {
        warnings.push(format!(
            "{transmitted} packets are more than the {MAX_PACKETS} whose missing sequences are listed"
        ));
        MissingSequences::default()
    };

    PingStatistics {
        destination: seen.destination,
        resolved_ip: seen.resolved_ip,
        transmitted,
        received,
        lost,
        duplicates,
        loss_percent,
        rtt,
        replies: seen.replies,
        missing_sequences,
        source,
        error: seen.error,
        warnings: seen.warnings,
    }
}

/// RTTs of every reply, duplicates included (as ping's own summary counts them), in the
/// order received.
fn reply_times(replies: &[PingReply]) -> Vec<f64> {
    replies.iter().filter_map(|r| r.time_ms).collect()
}

/// The RTT summary: reported min/avg/max where given (checked against the replies),
/// computed median, stddev and jitter.
fn rtt_summary(
    mut times: Vec<f64>,
    reported: Option<(f64, f64, f64)>,
    warnings: &mut Vec<String>,
) -> Option<RttSummary> {
    if times.is_empty() {
        return reported.map(|(min_ms, avg_ms, max_ms)| RttSummary {
            min_ms,
            avg_ms,
            max_ms,
            median_ms: avg_ms,
            stddev_ms: 0.0,
            jitter_ms: 0.0,
        });
    }
    let n = times.len() as f64;
    let min = times.iter().copied().fold(f64::INFINITY, f64::min);
    let max = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mean = times.iter().sum::<f64>() / n;
    let variance = times.iter().map(|t| (t - mean) * (t - mean)).sum::<f64>() / n;
    let (min_ms, avg_ms, max_ms) = match reported {
        Some((rmin, ravg, rmax)) => {
            for (name, r, c) in [
                ("minimum", rmin, min),
                ("average", ravg, mean),
                ("maximum", rmax, max),
            ] {
                if (r - c).abs() > RTT_TOLERANCE_MS {
                    warnings.push(format!(
                        "the reported {name} RTT {} ms disagrees with the replies ({} ms)",
                        decimal::format(r, 6),
                        decimal::format(c, 3)
                    ));
                }
            }
            (rmin, ravg, rmax)
        }
        None => (min, mean, max),
    };
    let jitter_ms = jitter(&times);
    Some(RttSummary {
        min_ms,
        avg_ms,
        max_ms,
        median_ms: median(&mut times),
        stddev_ms: variance.sqrt(),
        jitter_ms,
    })
}

/// The middle value (mean of the two middle ones for an even count). Reorders `values`.
pub fn median(values: &mut [f64]) -> f64 {
    let mid = values.len() / 2;
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => nth_smallest(values, mid),
        _ => (nth_smallest(values, mid - 1) + nth_smallest(values, mid)) / 2.0,
    }
}

/// Marks each reply whose sequence number an earlier reply already had.
///
/// Replies nearly always arrive in ascending order, which needs nothing more; only an
/// out-of-order run is put in sequence order to find the repeats.
pub fn mark_repeated_sequences(replies: &mut [PingReply]) {
    if in_ascending_order(replies) {
        return;
    }
    // In sequence order, equal sequences in arrival order: every one after the first of
    // its sequence is a repeat.
    let order = order::sequence_order(replies);
    for pair in order.windows(2) {
        if replies[pair[0]].sequence == replies[pair[1]].sequence {
            replies[pair[1]].duplicate = true;
        }
    }
}

/// Sequence numbers strictly rising, as replies nearly always arrive: no repeats, no set
/// or table needed.
fn in_ascending_order(replies: &[PingReply]) -> bool {
    replies.windows(2).all(|w| w[0].sequence < w[1].sequence)
}

/// Mean absolute difference between consecutive RTTs (RFC 3550's idea, unsmoothed).
pub fn jitter(times: &[f64]) -> f64 {
    if times.len() < 2 {
        return 0.0;
    }
    let total: f64 = times.windows(2).map(|w| (w[1] - w[0]).abs()).sum();
    total / (times.len() - 1) as f64
}

/// Sequence numbers from `first` for `transmitted` requests that no reply answered.
pub fn missing_sequences(replies: &[PingReply], first: u32, transmitted: u32) -> MissingSequences {
    let end = u64::from(first) + u64::from(transmitted);
    let mut missing = MissingSequences::default();
    // Sequences are u32, and so is every bound below `end`.
    let mut gap = |from: u64, to: u64| {
        if from < to {
            missing.push_run(from as u32, (to - 1) as u32);
        }
    };
    if in_ascending_order(replies) {
        // The usual case, replies in ascending order: the gaps between them, no table.
        let mut next = u64::from(first);
        for reply in replies {
            let sequence = u64::from(reply.sequence);
            gap(next, sequence.min(end));
            next = next.max(sequence + 1);
        }
        gap(next, end);
        return missing;
    }
    let mut answered = vec![false; transmitted as usize];
    for reply in replies {
        if let Some(i) = reply.sequence.checked_sub(first) {
            if let Some(slot) = answered.get_mut(i as usize) {
                *slot = true;
            }
        }
    }
    answered
        .iter()
        .enumerate()
        .filter(|(_, seen)| !**seen)
        .map(|(i, _)| first + i as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::reply;

    #[test]
    fn median_of_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(&mut [7.5]), 7.5);
        assert_eq!(median(&mut []), 0.0);
    }

    #[test]
    fn jitter_is_the_mean_absolute_consecutive_difference() {
        assert!((jitter(&[200.2, 209.8, 208.8, 200.2]) - (9.6 + 1.0 + 8.6) / 3.0).abs() < 1e-9);
        assert_eq!(jitter(&[10.0]), 0.0);
    }

    #[test]
    fn repeated_sequences_are_marked_whatever_their_order() {
        let mut replies = [reply(0, 1.0), reply(2, 1.0), reply(1, 1.0), reply(2, 1.0)];
        mark_repeated_sequences(&mut replies);
        let marked: Vec<bool> = replies.iter().map(|r| r.duplicate).collect();
        assert_eq!(marked, [false, false, false, true]);
    }

    #[test]
    fn a_million_packets_with_one_reply_are_two_runs() {
        let missing = missing_sequences(&[reply(4, 1.0)], 0, 1_000_000);
        assert_eq!(missing.runs(), &[(0, 3), (5, 999_999)]);
        assert_eq!(missing.len(), 999_999);
        assert_eq!(missing.iter().nth(4), Some(5));
    }

    #[test]
    fn sequences_that_touch_are_one_run() {
        let missing: MissingSequences = [1, 2, 3, 5, u32::MAX].into_iter().collect();
        assert_eq!(missing.runs(), &[(1, 3), (5, 5), (u32::MAX, u32::MAX)]);
        assert_eq!(missing.len(), 5);
        assert_eq!(missing, vec![1, 2, 3, 5, u32::MAX]);
        assert_ne!(missing, vec![1, 2, 3, 5]);
    }

    #[test]
    fn gaps_in_sequence_are_missing() {
        let replies = [reply(0, 1.0), reply(1, 1.0), reply(3, 1.0), reply(4, 1.0)];
        assert_eq!(missing_sequences(&replies, 0, 5), vec![2]);
        assert_eq!(missing_sequences(&replies[..2], 0, 5), vec![2, 3, 4]);
    }

    #[test]
    fn replies_in_order_and_out_of_order_give_the_same_gaps() {
        let cases: [(&[u32], u32, u32); 6] = [
            (&[0, 1, 3, 4], 0, 5),
            (&[1, 2, 5, 9], 1, 8),
            (&[0, 2, 7, 12], 1, 10),
            (&[5], 0, 3),
            (&[], 0, 4),
            (&[3, 4_000_000_000], 0, 6),
        ];
        for (sequences, first, transmitted) in cases {
            let ascending: Vec<_> = sequences.iter().map(|&s| reply(s, 1.0)).collect();
            let mut reversed = ascending.clone();
            reversed.reverse();
            let in_order = missing_sequences(&ascending, first, transmitted);
            let expected: Vec<u32> = (first..first + transmitted)
                .filter(|s| !sequences.contains(s))
                .collect();
            assert_eq!(in_order, expected, "{sequences:?}");
            if sequences.len() > 1 {
                assert_eq!(missing_sequences(&reversed, first, transmitted), expected);
            }
        }
    }

    #[test]
    fn absurd_sequence_numbers_do_not_allocate_a_list_of_billions() {
        let seen = Observed {
            replies: vec![reply(4_000_000_000, 1.0)],
            ..Observed::default()
        };
        let stats = assemble(seen, StatisticsSource::RawOutput);
        assert!(stats.missing_sequences.is_empty());
        assert!(
            stats
                .warnings
                .iter()
                .any(|w| w.contains("more than the 1000000")),
            "{:?}",
            stats.warnings
        );
    }

    #[test]
    fn iputils_sequences_start_at_one() {
        let replies = [reply(1, 1.0), reply(3, 1.0)];
        assert_eq!(missing_sequences(&replies, 1, 3), vec![2]);
    }
}
