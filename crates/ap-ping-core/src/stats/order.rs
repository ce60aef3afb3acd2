//! Orders without the standard library's sorts and hash sets, whose generic code is
//! several KB of wasm per use: a radix select for the median and a radix sort of replies
//! by sequence (which also finds repeated sequences). Both take linear time on any input,
//! a million replies included.

use crate::stats::model::PingReply;

/// The `n`-th smallest value (from 0) in the order of `f64::total_cmp`. Reorders `values`.
///
/// A radix select on the values' bits, a byte at a time from the top: at most eight
/// passes, each over the values still in the running, so linear time on any input; the
/// last 16 are sorted. It is a few hundred bytes of wasm where `select_nth_unstable_by`
/// is several KB.
pub fn nth_smallest(values: &mut [f64], mut n: usize) -> f64 {
    // The bits as an unsigned key that orders as `total_cmp` does.
    let key = |v: f64| {
        let bits = v.to_bits();
        if bits >> 63 == 1 {
            !bits
        } else {
            bits | 1 << 63
        }
    };
    let mut running = values;
    for shift in (0..64).step_by(8).rev() {
        if running.len() <= 16 {
            // Few left (a ping's usual handful): an insertion sort beats counting bytes.
            for i in 1..running.len() {
                let mut j = i;
                while j > 0 && key(running[j - 1]) > key(running[j]) {
                    running.swap(j - 1, j);
                    j -= 1;
                }
            }
            return running[n];
        }
        let byte = |v: f64| (key(v) >> shift) as usize & 0xFF;
        let mut counts = [0usize; 256];
        for &v in running.iter() {
            counts[byte(v)] += 1;
        }
        let mut wanted = 0;
        while n >= counts[wanted] {
            n -= counts[wanted];
            wanted += 1;
        }
        // Move the values with the wanted byte to the front; only they stay in the running.
        let mut kept = 0;
        for i in 0..running.len() {
            if byte(running[i]) == wanted {
                running.swap(kept, i);
                kept += 1;
            }
        }
        running = &mut running[..kept];
    }
    running[0]
}

/// The replies in sequence order; replies with the same sequence keep their order (a
/// duplicate stays after its original).
pub fn by_sequence(replies: &[PingReply]) -> Vec<&PingReply> {
    if replies.is_sorted_by_key(|r| r.sequence) {
        return replies.iter().collect();
    }
    sequence_order(replies)
        .into_iter()
        .map(|i| &replies[i])
        .collect()
}

/// The indices of `replies` in sequence order, equal sequences in their order.
///
/// A stable radix sort on the sequence number, a byte at a time from the bottom; a pass
/// whose byte is the same for every reply is skipped, so a usual ping (sequences below
/// 256) costs one counting pass.
pub fn sequence_order(replies: &[PingReply]) -> Vec<usize> {
    let mut sorted: Vec<usize> = (0..replies.len()).collect();
    let mut spare = sorted.clone();
    for shift in (0..32).step_by(8) {
        let byte = |i: usize| (replies[i].sequence >> shift) as usize & 0xFF;
        let mut starts = [0usize; 256];
        for &i in &sorted {
            starts[byte(i)] += 1;
        }
        if starts.contains(&sorted.len()) {
            continue;
        }
        let mut next = 0;
        for start in &mut starts {
            (*start, next) = (next, next + *start);
        }
        for &i in &sorted {
            let slot = &mut starts[byte(i)];
            spare[*slot] = i;
            *slot += 1;
        }
        std::mem::swap(&mut sorted, &mut spare);
    }
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{reply, Rng};

    #[test]
    fn nth_smallest_agrees_with_a_sort_for_every_n() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for len in [1, 2, 3, 7, 64, 257, 1000] {
            // Close values (one byte of the key apart), repeats, zeros of both signs, and
            // values far apart, so that every pass and tie is taken.
            let values: Vec<f64> = (0..len)
                .map(|_| match rng.next() % 6 {
                    0 => 200.0 + (rng.next() % 8) as f64 * 0.1,
                    1 => 0.0,
                    2 => -0.0,
                    3 => f64::from_bits(rng.next() >> 2),
                    4 => -((rng.next() % 1000) as f64),
                    _ => (rng.next() % 5) as f64,
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for (n, expected) in sorted.iter().enumerate() {
                let mut scratch = values.clone();
                let got = nth_smallest(&mut scratch, n);
                assert_eq!(got.to_bits(), expected.to_bits(), "n = {n} of {len}");
            }
        }
    }

    #[test]
    fn by_sequence_is_a_stable_sort_by_sequence() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for len in [0, 1, 2, 5, 100, 300, 5000] {
            // Small sequences with repeats, and large ones that differ in every byte.
            let replies: Vec<PingReply> = (0..len)
                .map(|i| {
                    let sequence = match rng.next() % 3 {
                        0 => (rng.next() % 8) as u32,
                        1 => rng.next() as u32,
                        _ => i as u32,
                    };
                    reply(sequence, i as f64) // the time says where it came from
                })
                .collect();
            let mut expected: Vec<&PingReply> = replies.iter().collect();
            expected.sort_by_key(|r| r.sequence);
            let order = |list: &[&PingReply]| -> Vec<(u32, f64)> {
                list.iter()
                    .map(|r| (r.sequence, r.time_ms.unwrap()))
                    .collect()
            };
            assert_eq!(
                order(&by_sequence(&replies)),
                order(&expected),
                "{len} replies"
            );
        }
    }
}
