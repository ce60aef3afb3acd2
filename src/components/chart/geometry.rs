//! Where everything goes: sequences scaled to x and RTTs to y for the width the chart is
//! shown at, the replies drawn (at most two per unit of width), the lost runs as x ranges.
//! Pure, tested natively; [`super::paths`] turns it into SVG path data.

use super::scale::{chart_size, millisecond_ticks, sequence_ticks};
use crate::stats::{order, PingStatistics};

/// Room for the millisecond labels on the left (at least; see [`label_room`]), the
/// sequence labels below.
const PAD_LEFT: f64 = 52.0;
const PAD_RIGHT: f64 = 14.0;
const PAD_TOP: f64 = 12.0;
const PAD_BOTTOM: f64 = 30.0;

/// One reply as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub x: f64,
    pub y: f64,
    pub sequence: u32,
    pub time_ms: f64,
    pub ttl: Option<u32>,
}

/// Everything the chart draws, in SVG user units (CSS pixels at the width it was made for).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartGeometry {
    pub width: f64,
    pub height: f64,
    /// The plot's edges: left, right, top, bottom (the sequence axis).
    pub plot: (f64, f64, f64, f64),
    /// The replies drawn (thinned past [`max_points`]), in sequence order, duplicates
    /// left out.
    pub points: Vec<ChartPoint>,
    /// Lost sequences as x ranges: one per run of consecutive lost sequences, runs closer
    /// than a unit merged, so a million lost packets are a handful of marks.
    pub lost: Vec<(f64, f64)>,
    /// (label, RTT, y) of the min, avg and max lines.
    pub guides: Vec<(&'static str, f64, f64)>,
    /// (RTT, y) of each millisecond gridline, bottom up, and the decimals its labels need.
    pub y_ticks: Vec<(f64, f64)>,
    pub y_tick_decimals: u8,
    /// (sequence, x) of each labelled sequence.
    pub x_ticks: Vec<(u32, f64)>,
    /// The dots' radius: smaller where replies are close, so 100 of them at 320 px stay
    /// apart.
    pub point_radius: f64,
    /// The RTT at the bottom of the plot.
    pub y_min_ms: f64,
    /// The RTT at the top of the plot.
    pub y_max_ms: f64,
}

/// Scales sequences to x and RTTs to y for a chart `width` pixels wide; `None` without a
/// reply to draw.
pub fn chart_geometry(stats: &PingStatistics, width: f64) -> Option<ChartGeometry> {
    let rtt = stats.rtt.as_ref()?;
    let (width, height) = chart_size(width);
    let (y_ticks_ms, y_tick_decimals) = millisecond_ticks(rtt.min_ms, rtt.max_ms);
    let (y_min_ms, y_max_ms) = (y_ticks_ms[0], y_ticks_ms[y_ticks_ms.len() - 1]);
    let left = label_room(y_max_ms, y_tick_decimals);
    let (right, top, bottom) = (width - PAD_RIGHT, PAD_TOP, height - PAD_BOTTOM);
    let sequences = stats.replies.iter().map(|r| r.sequence).chain(
        stats
            .missing_sequences
            .runs()
            .iter()
            .flat_map(|&(first, last)| [first, last]),
    );
    let (first, last) = sequences.fold(None, |range: Option<(u32, u32)>, s| match range {
        None => Some((s, s)),
        Some((lo, hi)) => Some((lo.min(s), hi.max(s))),
    })?;
    // A lone packet sits in the middle, not on the left edge.
    let (x_first, x_span) = match last - first {
        0 => (f64::from(first) - 1.0, 2.0),
        span => (f64::from(first), f64::from(span)),
    };
    let x = |seq: u32| left + (f64::from(seq) - x_first) / x_span * (right - left);
    let y = |ms: f64| {
        let unit = ((ms - y_min_ms) / (y_max_ms - y_min_ms)).clamp(0.0, 1.0);
        top + (1.0 - unit) * (bottom - top)
    };
    let points: Vec<ChartPoint> = order::by_sequence(&stats.replies)
        .into_iter()
        .filter(|r| !r.duplicate)
        .filter_map(|r| {
            r.time_ms.map(|t| ChartPoint {
                x: x(r.sequence),
                y: y(t),
                sequence: r.sequence,
                time_ms: t,
                ttl: r.ttl,
            })
        })
        .collect();
    let points = thinned(points, right - left);
    let spacing = (right - left) / (f64::from(last - first).max(1.0));
    Some(ChartGeometry {
        point_radius: (spacing * 0.35).clamp(1.5, 3.5),
        width,
        height,
        plot: (left, right, top, bottom),
        lost: lost_ranges(stats.missing_sequences.runs(), x),
        guides: vec![
            ("min", rtt.min_ms, y(rtt.min_ms)),
            ("avg", rtt.avg_ms, y(rtt.avg_ms)),
            ("max", rtt.max_ms, y(rtt.max_ms)),
        ],
        y_ticks: y_ticks_ms.iter().map(|&ms| (ms, y(ms))).collect(),
        y_tick_decimals,
        x_ticks: sequence_ticks(first, last, right - left)
            .into_iter()
            .map(|s| (s, x(s)))
            .collect(),
        points,
        y_min_ms,
        y_max_ms,
    })
}

/// The room left of the plot for the longest millisecond label (`1,000 ms`, `0.005 ms`):
/// about 7 px a character of the 11 px labels, and a gap; at least [`PAD_LEFT`].
fn label_room(max_ms: f64, decimals: u8) -> f64 {
    let digits = (max_ms as u32).checked_ilog10().unwrap_or(0) + 1;
    let fraction = if decimals > 0 {
        1 + u32::from(decimals)
    } else {
        0
    };
    // Digits, group separators, the fraction and " ms".
    let chars = digits + (digits - 1) / 3 + fraction + 3;
    (f64::from(chars) * 7.0 + 8.0).max(PAD_LEFT)
}

/// Most points drawn: two per unit of the plot's width. More cannot be told apart, and
/// drawing them would cost time in proportion to whatever a body claims.
pub fn max_points(plot_width: f64) -> usize {
    2 * plot_width.max(1.0) as usize
}

/// At most [`max_points`]: past that, each unit-wide column keeps its lowest and its
/// highest point (in their order), so spikes stay visible.
fn thinned(points: Vec<ChartPoint>, plot_width: f64) -> Vec<ChartPoint> {
    if points.len() <= max_points(plot_width) {
        return points;
    }
    let mut kept: Vec<ChartPoint> = Vec::with_capacity(max_points(plot_width) + 2);
    let mut column: Option<(i64, usize, usize)> = None; // column, index of min y, of max y
    let flush = |kept: &mut Vec<ChartPoint>, (_, lo, hi): (i64, usize, usize)| {
        kept.push(points[lo.min(hi)].clone());
        if lo != hi {
            kept.push(points[lo.max(hi)].clone());
        }
    };
    for (i, p) in points.iter().enumerate() {
        let c = p.x.floor() as i64;
        column = match column {
            Some((cc, lo, hi)) if cc == c => Some((
                cc,
                if p.y < points[lo].y { i } else { lo },
                if p.y > points[hi].y { i } else { hi },
            )),
            Some(done) => {
                flush(&mut kept, done);
                Some((c, i, i))
            }
            None => Some((c, i, i)),
        };
    }
    if let Some(done) = column {
        flush(&mut kept, done);
    }
    kept
}

/// Runs of lost sequences (ascending), as x ranges; ranges less than a unit apart are one.
fn lost_ranges(runs: &[(u32, u32)], x: impl Fn(u32) -> f64) -> Vec<(f64, f64)> {
    let mut ranges: Vec<(f64, f64)> = Vec::new();
    for &(first, last) in runs {
        let (from, to) = (x(first), x(last));
        match ranges.last_mut() {
            Some(range) if from - range.1 < 1.0 => range.1 = range.1.max(to),
            _ => ranges.push((from, to)),
        }
    }
    ranges
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::stats::parse_ping_status;
    use std::rc::Rc;

    /// The seed's statistics: sequences 0 1 _ 3 4.
    pub fn seed() -> Rc<PingStatistics> {
        let body = include_str!("../../../tests/fixtures/seed_completed.json");
        parse_ping_status(body).unwrap().statistics.unwrap()
    }

    #[test]
    fn the_seed_spans_the_plot_and_marks_the_lost_packet() {
        let g = chart_geometry(&seed(), 600.0).unwrap();
        let (left, right, top, bottom) = g.plot;
        assert_eq!(g.points.len(), 4);
        assert_eq!(g.points[0].x, left, "sequence 0 at the left edge");
        assert_eq!(g.points[3].x, right, "sequence 4 at the right edge");
        let middle = left + (right - left) / 2.0;
        assert_eq!(g.lost, vec![(middle, middle)]);
        assert!(g.points.iter().all(|p| p.y >= top && p.y <= bottom));
        assert!(g.y_min_ms <= 200.2 && g.y_max_ms >= 209.8);
        assert_eq!((g.points[1].sequence, g.points[1].ttl), (1, Some(108)));
    }

    #[test]
    fn the_chart_is_drawn_for_its_width() {
        let g = chart_geometry(&seed(), 288.0).unwrap();
        assert_eq!((g.width, g.height), chart_size(288.0));
        assert_eq!(
            g.points[3].x, g.plot.1,
            "the last sequence at the right edge"
        );
    }

    #[test]
    fn a_million_lost_packets_are_one_mark_and_a_flood_of_replies_is_thinned() {
        let body = r#"{"status":"COMPLETED","output":{"transmittedPacketsCount":"1000000","receivedPacketsCount":"1","replies":[{"sentPacketIcmpSequenceNumber":"0","sentPacketTimeMilliseconds":"5"}]}}"#;
        let stats = parse_ping_status(body).unwrap().statistics.unwrap();
        assert_eq!(stats.missing_sequences.len(), 999_999);
        let g = chart_geometry(&stats, 600.0).unwrap();
        assert_eq!(g.lost.len(), 1, "one run of lost sequences, one mark");
        assert!(g.x_ticks.len() <= 16);

        let replies: Vec<String> = (0..20_000)
            .map(|i| {
                format!(
                    r#"{{"sentPacketIcmpSequenceNumber":"{i}","sentPacketTimeMilliseconds":"{}"}}"#,
                    10 + i % 7
                )
            })
            .collect();
        let body = format!(
            r#"{{"status":"COMPLETED","output":{{"transmittedPacketsCount":"20000","receivedPacketsCount":"20000","replies":[{}]}}}}"#,
            replies.join(",")
        );
        let stats = parse_ping_status(&body).unwrap().statistics.unwrap();
        let g = chart_geometry(&stats, 600.0).unwrap();
        let (left, right, top, bottom) = g.plot;
        assert!(
            g.points.len() <= max_points(right - left) + 2,
            "{} points drawn",
            g.points.len()
        );
        let y =
            |ms: f64| top + (1.0 - (ms - g.y_min_ms) / (g.y_max_ms - g.y_min_ms)) * (bottom - top);
        let highest = g.points.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
        let lowest = g
            .points
            .iter()
            .map(|p| p.y)
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(
            (highest - y(16.0)).abs() < 1e-9,
            "the highest RTT (16 ms) is still drawn"
        );
        assert!(
            (lowest - y(10.0)).abs() < 1e-9,
            "the lowest RTT (10 ms) is still drawn"
        );
    }

    #[test]
    fn long_millisecond_labels_get_the_room_they_need() {
        assert_eq!(label_room(210.0, 0), PAD_LEFT, "200 ms");
        assert_eq!(label_room(1000.0, 0), 64.0, "1,000 ms");
        assert_eq!(label_room(0.01, 3), 64.0, "0.005 ms");
        assert_eq!(label_room(3.24, 2), 57.0, "3.24 ms");
    }

    #[test]
    fn lost_runs_are_ranges_and_close_runs_merge() {
        let x = |s: u32| f64::from(s);
        assert_eq!(lost_ranges(&[(2, 2)], x), vec![(2.0, 2.0)]);
        assert_eq!(
            lost_ranges(&[(2, 4), (9, 9)], x),
            vec![(2.0, 4.0), (9.0, 9.0)]
        );
        let half = |s: u32| f64::from(s) / 4.0;
        assert_eq!(
            lost_ranges(&[(0, 0), (2, 2), (4, 4), (40, 40)], half),
            vec![(0.0, 1.0), (10.0, 10.0)]
        );
    }
}
