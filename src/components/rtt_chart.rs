//! RTT per sequence as an inline SVG: a line through the replies, lost packets marked on
//! the axis, min/avg/max as reference lines, and a text alternative. Geometry is computed
//! by [`chart_geometry`] (pure, tested natively); the component only draws it.

use crate::components::format;
use crate::hooks::use_instance_id;
use crate::stats::PingStatistics;
use std::rc::Rc;
use yew::prelude::*;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 180.0;
const PAD_LEFT: f64 = 12.0;
const PAD_RIGHT: f64 = 12.0;
const PAD_TOP: f64 = 12.0;
const PAD_BOTTOM: f64 = 24.0;

/// Props of [`RttChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct RttChartProps {
    /// The statistics to plot.
    pub stats: Rc<PingStatistics>,
}

/// Everything the chart draws, in SVG user units.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartGeometry {
    /// The polyline's `points` through the non-duplicate replies.
    pub line: String,
    /// (x, y) of each reply dot.
    pub dots: Vec<(f64, f64)>,
    /// Lost sequences as x ranges: one per run of consecutive lost sequences, runs closer
    /// than a unit merged, so a million lost packets are a handful of marks.
    pub lost: Vec<(f64, f64)>,
    /// (label, y) of the min, avg and max lines.
    pub guides: Vec<(&'static str, f64, f64)>,
    /// The RTT at the bottom of the plot.
    pub y_min_ms: f64,
    /// The RTT at the top of the plot.
    pub y_max_ms: f64,
}

/// Scales sequences to x and RTTs to y (the plotted range hugs the data).
pub fn chart_geometry(stats: &PingStatistics) -> Option<ChartGeometry> {
    let rtt = stats.rtt.as_ref()?;
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
    let span = f64::from(last - first).max(1.0);
    // The y range hugs the data, with a margin, so that differences of a millisecond show.
    let margin = ((rtt.max_ms - rtt.min_ms) * 0.25).max(1.0);
    let y_min_ms = (rtt.min_ms - margin).max(0.0);
    let y_max_ms = rtt.max_ms + margin;
    let x = |seq: u32| PAD_LEFT + (f64::from(seq - first) / span) * (WIDTH - PAD_LEFT - PAD_RIGHT);
    let y = |ms: f64| {
        let unit = ((ms - y_min_ms) / (y_max_ms - y_min_ms)).clamp(0.0, 1.0);
        PAD_TOP + (1.0 - unit) * (HEIGHT - PAD_TOP - PAD_BOTTOM)
    };
    let dots: Vec<(f64, f64)> = stats
        .replies
        .iter()
        .filter(|r| !r.duplicate)
        .filter_map(|r| r.time_ms.map(|t| (x(r.sequence), y(t))))
        .collect();
    let dots = thinned(dots);
    let line = dots
        .iter()
        .map(|(x, y)| format!("{},{}", coordinate(*x), coordinate(*y)))
        .collect::<Vec<_>>()
        .join(" ");
    Some(ChartGeometry {
        line,
        dots,
        lost: lost_ranges(stats.missing_sequences.runs(), x),
        guides: vec![
            ("min", rtt.min_ms, y(rtt.min_ms)),
            ("avg", rtt.avg_ms, y(rtt.avg_ms)),
            ("max", rtt.max_ms, y(rtt.max_ms)),
        ],
        y_min_ms,
        y_max_ms,
    })
}

/// Most points drawn: two per unit of the plot's width. More cannot be told apart, and
/// drawing them would cost time in proportion to whatever a body claims.
pub const MAX_POINTS: usize = 2 * (WIDTH - PAD_LEFT - PAD_RIGHT) as usize;

/// At most [`MAX_POINTS`]: past that, each unit-wide column keeps its lowest and its
/// highest point (in their order), so spikes stay visible.
fn thinned(dots: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if dots.len() <= MAX_POINTS {
        return dots;
    }
    let mut kept: Vec<(f64, f64)> = Vec::with_capacity(MAX_POINTS + 2);
    let mut column: Option<(i64, usize, usize)> = None; // column, index of min y, of max y
    let flush = |kept: &mut Vec<(f64, f64)>, (_, lo, hi): (i64, usize, usize)| {
        kept.push(dots[lo.min(hi)]);
        if lo != hi {
            kept.push(dots[lo.max(hi)]);
        }
    };
    for (i, &(x, y)) in dots.iter().enumerate() {
        let c = x.floor() as i64;
        column = match column {
            Some((cc, lo, hi)) if cc == c => Some((
                cc,
                if y < dots[lo].1 { i } else { lo },
                if y > dots[hi].1 { i } else { hi },
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

/// Every dot as a zero-length segment; round line caps draw it as a dot.
pub fn dots_path(dots: &[(f64, f64)]) -> String {
    dots.iter()
        .map(|(x, y)| format!("M{} {}h0", coordinate(*x), coordinate(*y)))
        .collect()
}

/// An × on the axis for every lost range, and a line along the axis across a range.
pub fn lost_path(lost: &[(f64, f64)], baseline: f64) -> String {
    let (top, bottom, axis) = (
        coordinate(baseline - 4.0),
        coordinate(baseline + 4.0),
        coordinate(baseline),
    );
    let cross = |x: f64| {
        let (left, right) = (coordinate(x - 4.0), coordinate(x + 4.0));
        format!("M{left} {top}L{right} {bottom}M{left} {bottom}L{right} {top}")
    };
    lost.iter()
        .map(|&(from, to)| {
            if to - from < 1.0 {
                cross(from)
            } else {
                format!(
                    "{}M{} {axis}L{} {axis}{}",
                    cross(from),
                    coordinate(from),
                    coordinate(to),
                    cross(to)
                )
            }
        })
        .collect()
}

/// An SVG coordinate to a tenth of a unit.
fn coordinate(v: f64) -> String {
    ap_ping_core::decimal::format(v, 1)
}

/// The text alternative: what the chart shows, in one sentence.
pub fn describe(stats: &PingStatistics) -> String {
    let lost = match stats.missing_sequences.len() {
        0 => "none lost".to_owned(),
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
            format!("lost: sequence {}", named.join(", "))
        }
    };
    match &stats.rtt {
        Some(r) => format!(
            "Round-trip time of {} replies ({lost}); min {}, avg {}, max {}.",
            stats.received,
            format::ms(r.min_ms),
            format::ms(r.avg_ms),
            format::ms(r.max_ms)
        ),
        None => format!("No replies; {lost}."),
    }
}

/// The chart.
#[function_component]
pub fn RttChart(props: &RttChartProps) -> Html {
    // Ids of this instance: another widget's chart on the page must not be named.
    let id = use_instance_id();
    let (title_id, desc_id) = (format!("{id}-chart-title"), format!("{id}-chart-desc"));
    let Some(g) = chart_geometry(&props.stats) else {
        return html! {};
    };
    let view_box = format!("0 0 {} {}", coordinate(WIDTH), coordinate(HEIGHT));
    let baseline = HEIGHT - PAD_BOTTOM;
    html! {
        <figure class="apw-chart">
            <svg class="apw-chart__svg" viewBox={view_box} role="img" aria-labelledby={format!("{title_id} {desc_id}")}>
                <title id={title_id}>{ "Round-trip time per ICMP sequence" }</title>
                <desc id={desc_id}>{ describe(&props.stats) }</desc>
                <line class="apw-chart__axis" x1={coordinate(PAD_LEFT)} y1={coordinate(baseline)}
                      x2={coordinate(WIDTH - PAD_RIGHT)} y2={coordinate(baseline)} />
                { for g.guides.iter().map(|(label, _, y)| html! {
                    <line class={format!("apw-chart__guide apw-chart__guide--{label}")}
                          x1={coordinate(PAD_LEFT)} y1={coordinate(*y)} x2={coordinate(WIDTH - PAD_RIGHT)} y2={coordinate(*y)} />
                }) }
                <polyline class="apw-chart__line" points={g.line.clone()} />
                // One path each for all dots and all lost marks: a hundred replies would
                // otherwise be a hundred elements built across the wasm boundary.
                <path class="apw-chart__dots" d={dots_path(&g.dots)} />
                if !g.lost.is_empty() {
                    <path class="apw-chart__lost" d={lost_path(&g.lost, baseline)} />
                }
            </svg>
            <figcaption class="apw-chart__legend" aria-hidden="true">
                <span class="apw-chart__key apw-chart__key--line">{ "RTT per sequence" }</span>
                { for g.guides.iter().map(|(label, ms, _)| html! {
                    <span class={format!("apw-chart__key apw-chart__key--{label}")}>{ format!("{label} {}", format::ms(*ms)) }</span>
                }) }
                if !g.lost.is_empty() {
                    <span class="apw-chart__key apw-chart__key--lost">{ "× lost" }</span>
                }
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::parse_ping_status;

    #[test]
    fn the_seed_spans_the_plot_and_marks_the_lost_packet() {
        let body = include_str!("../../tests/fixtures/seed_completed.json");
        let stats = parse_ping_status(body).unwrap().statistics.unwrap();
        let g = chart_geometry(&stats).unwrap();
        assert_eq!(g.dots.len(), 4);
        assert_eq!(g.dots[0].0, PAD_LEFT, "sequence 0 at the left edge");
        assert_eq!(
            g.dots[3].0,
            WIDTH - PAD_RIGHT,
            "sequence 4 at the right edge"
        );
        let middle = PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) / 2.0;
        assert_eq!(g.lost, vec![(middle, middle)]);
        let top = g.dots.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
        assert!(top > PAD_TOP, "the highest RTT stays inside the plot");
        assert!(g.y_min_ms < 200.2 && g.y_max_ms > 209.8);
    }

    #[test]
    fn a_million_lost_packets_are_one_mark_and_a_flood_of_replies_is_thinned() {
        let body = r#"{"status":"COMPLETED","output":{"transmittedPacketsCount":"1000000","receivedPacketsCount":"1","replies":[{"sentPacketIcmpSequenceNumber":"0","sentPacketTimeMilliseconds":"5"}]}}"#;
        let stats = parse_ping_status(body).unwrap().statistics.unwrap();
        assert_eq!(stats.missing_sequences.len(), 999_999);
        let g = chart_geometry(&stats).unwrap();
        assert_eq!(g.lost.len(), 1, "one run of lost sequences, one mark");
        assert!(lost_path(&g.lost, 100.0).len() < 200);

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
        let g = chart_geometry(&stats).unwrap();
        assert!(
            g.dots.len() <= MAX_POINTS + 2,
            "{} points drawn",
            g.dots.len()
        );
        let y = |ms: f64| {
            PAD_TOP
                + (1.0 - (ms - g.y_min_ms) / (g.y_max_ms - g.y_min_ms))
                    * (HEIGHT - PAD_TOP - PAD_BOTTOM)
        };
        let top = g.dots.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
        let bottom = g.dots.iter().map(|d| d.1).fold(f64::NEG_INFINITY, f64::max);
        assert!(
            (top - y(16.0)).abs() < 1e-9,
            "the highest RTT (16 ms) is still drawn"
        );
        assert!(
            (bottom - y(10.0)).abs() < 1e-9,
            "the lowest RTT (10 ms) is still drawn"
        );
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
