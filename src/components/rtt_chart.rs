//! RTT per sequence as an inline SVG: a millisecond scale with gridlines, sequence labels,
//! a line through the replies that breaks where packets were lost, each loss marked at its
//! sequence, min/avg/max as reference lines, and a text alternative. Geometry is computed
//! by [`chart_geometry`] (pure, tested natively) for the width the chart is shown at, so
//! its text stays text-sized; the component only draws it.

use crate::components::{Messages, Msg};
use crate::hooks::{use_instance_id, use_width};
use crate::stats::{order, MissingSequences, PingStatistics};
use std::rc::Rc;
use yew::prelude::*;

/// The width drawn before the chart's own width is known.
const DEFAULT_WIDTH: f64 = 600.0;
/// Room for the millisecond labels on the left, the sequence labels below.
const PAD_LEFT: f64 = 52.0;
const PAD_RIGHT: f64 = 14.0;
const PAD_TOP: f64 = 12.0;
const PAD_BOTTOM: f64 = 30.0;
/// Points with a `<title>` each (a hover tip and an accessible name): enough for the API's
/// 100 packets. Past it, the points are one path, and the table has the numbers.
pub const MAX_TITLED_POINTS: usize = 200;

/// Props of [`RttChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct RttChartProps {
    /// The statistics to plot.
    pub stats: Rc<PingStatistics>,
    /// The words.
    #[prop_or_default]
    pub messages: Messages,
}

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
    /// The line's path through the non-duplicate replies, a new piece after every gap
    /// of lost packets, so that no trend is drawn across one.
    pub line: String,
    /// The replies drawn (thinned past [`MAX_POINTS`]), in sequence order.
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

/// Width and height for a chart shown `width` pixels wide: wider than high everywhere,
/// but not a thin strip on a desktop card nor a sliver at 320 px.
pub fn chart_size(width: f64) -> (f64, f64) {
    let width = if width.is_finite() {
        width.clamp(240.0, 2000.0)
    } else {
        DEFAULT_WIDTH
    };
    (width, (110.0 + width * 0.2).clamp(170.0, 300.0))
}

/// Scales sequences to x and RTTs to y for a chart `width` pixels wide.
pub fn chart_geometry(stats: &PingStatistics, width: f64) -> Option<ChartGeometry> {
    let rtt = stats.rtt.as_ref()?;
    let (width, height) = chart_size(width);
    let (left, right, top, bottom) = (PAD_LEFT, width - PAD_RIGHT, PAD_TOP, height - PAD_BOTTOM);
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
    let (y_ticks_ms, y_tick_decimals) = millisecond_ticks(rtt.min_ms, rtt.max_ms);
    let (y_min_ms, y_max_ms) = (y_ticks_ms[0], y_ticks_ms[y_ticks_ms.len() - 1]);
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
        line: line_path(&points, &stats.missing_sequences),
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

/// 3 to 5 round millisecond values (steps of 1, 2 or 5 times a power of ten) from at or
/// below `min` to at or above `max`, and the decimals their labels need. Equal values get
/// a range around them, so that a flat line sits mid-plot on a readable scale.
pub fn millisecond_ticks(min: f64, max: f64) -> (Vec<f64>, u8) {
    let (mut lo, mut hi) = (min.max(0.0), max.max(min).max(0.0));
    let least_span = (hi * 0.02).max(0.01);
    if hi - lo < least_span {
        let middle = (lo + hi) / 2.0;
        lo = (middle - least_span / 2.0).max(0.0);
        hi = lo + least_span;
    }
    // Steps are multiple × 10^exponent; a value is n × multiple scaled by an exact power
    // of ten, so that 0.07 is the number 0.07 and not 7 × 0.01.
    // The largest power of ten at most a quarter of the range (no `log10`: it would bring
    // libm's into the wasm for one number).
    let mut exponent = 0;
    while 10f64.powi(exponent) > (hi - lo) / 4.0 {
        exponent -= 1;
    }
    while 10f64.powi(exponent + 1) <= (hi - lo) / 4.0 {
        exponent += 1;
    }
    loop {
        let scale = |n: f64| {
            if exponent >= 0 {
                n * 10f64.powi(exponent)
            } else {
                n / 10f64.powi(-exponent)
            }
        };
        for multiple in [1.0, 2.0, 5.0] {
            let step = scale(multiple);
            let (from, to) = ((lo / step).floor(), (hi / step).ceil());
            if to - from <= 4.0 {
                let ticks = (0..=(to - from) as u32)
                    .map(|i| scale((from + f64::from(i)) * multiple))
                    .collect();
                return (ticks, (-exponent).clamp(0, 6) as u8);
            }
        }
        exponent += 1;
    }
}

/// The sequences to label on an axis `plot_width` pixels long: every one when they fit
/// (about 36 px each), else every 2nd, 5th, 10th, 20th, 50th... from a multiple of the step.
pub fn sequence_ticks(first: u32, last: u32, plot_width: f64) -> Vec<u32> {
    let room = ((plot_width / 36.0).floor() as u64).max(2);
    let count = u64::from(last - first) + 1;
    let mut step: u64 = 1;
    let mut multiples = [2, 5, 10].into_iter().cycle();
    let mut base: u64 = 1;
    while count.div_ceil(step) > room {
        let m = multiples.next().unwrap_or(10);
        if m == 10 {
            base *= 10;
            step = base;
        } else {
            step = base * m;
        }
    }
    let start = u64::from(first).div_ceil(step) * step;
    (start..=u64::from(last))
        .step_by(step as usize)
        .map(|s| s as u32)
        .collect()
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

/// The line through `points` (in sequence order), lifted over every lost sequence: a
/// new `M` wherever a packet between two points went unanswered.
fn line_path(points: &[ChartPoint], missing: &MissingSequences) -> String {
    let mut path = String::with_capacity(points.len() * 12);
    let mut previous: Option<u32> = None;
    for p in points {
        let joined = previous.is_some_and(|s| !missing.any_between(s, p.sequence));
        path.push(if joined { 'L' } else { 'M' });
        path.push_str(&coordinate(p.x));
        path.push(' ');
        path.push_str(&coordinate(p.y));
        previous = Some(p.sequence);
    }
    path
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

/// Every point as a zero-length segment; round line caps draw it as a dot. For more
/// points than [`MAX_TITLED_POINTS`], which are not drawn one element each.
pub fn dots_path(points: &[ChartPoint]) -> String {
    points
        .iter()
        .map(|p| format!("M{} {}h0", coordinate(p.x), coordinate(p.y)))
        .collect()
}

/// One path for every gridline, so that a scale costs one element.
fn grid_path(g: &ChartGeometry) -> String {
    let (left, right, _, _) = g.plot;
    g.y_ticks
        .iter()
        .map(|&(_, y)| {
            format!(
                "M{} {}H{}",
                coordinate(left),
                coordinate(y),
                coordinate(right)
            )
        })
        .collect()
}

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

/// The chart, drawn for the width it is shown at.
#[function_component]
pub fn RttChart(props: &RttChartProps) -> Html {
    let m = &props.messages;
    // Ids of this instance: another widget's chart on the page must not be named.
    let id = use_instance_id();
    let plot = use_node_ref();
    let width = use_width(plot.clone());
    let (title_id, desc_id) = (
        id.to_string() + "-chart-title",
        id.to_string() + "-chart-desc",
    );
    if props.stats.rtt.is_none() {
        return html! {};
    }
    // The first render only places the box, as high as the chart will be (CSS): its
    // width is measured, and the chart drawn once, for that width, at the next frame
    // (drawing it at a guessed width first cost as much again).
    let Some(g) = width.and_then(|width| chart_geometry(&props.stats, width)) else {
        // The chart's own shape, empty: Yew then keeps the box (it matches children from
        // the end, and a missing legend would make it a new box).
        return html! {
            <figure class="apw-chart">
                <div class="apw-chart__box" ref={plot}></div>
                <figcaption class="apw-chart__legend" aria-hidden="true"></figcaption>
            </figure>
        };
    };
    let view_box = format!("0 0 {} {}", coordinate(g.width), coordinate(g.height));
    let (left, right, _, bottom) = g.plot;
    let horizontal = |y: f64| {
        format!(
            "M{} {}H{}",
            coordinate(left),
            coordinate(y),
            coordinate(right)
        )
    };
    let y_labels = g.y_ticks.iter().map(|&(ms, y)| {
        let value = m.number(ms, g.y_tick_decimals);
        let text = m.fill(Msg::Milliseconds, &[("value", &value)]);
        label(left - 6.0, y + 4.0, text)
    });
    let radius = AttrValue::from(coordinate(g.point_radius));
    let x_labels = g
        .x_ticks
        .iter()
        .map(|&(sequence, x)| label(x, bottom + 18.0, sequence.to_string()));
    html! {
        <figure class="apw-chart">
            // The box is measured, not the SVG: its inside is exactly the SVG's width.
            <div class="apw-chart__box" ref={plot}>
            <svg class="apw-chart__svg" viewBox={view_box} role="img" aria-labelledby={title_id.clone() + " " + &desc_id}>
                <title id={title_id}>{ "Round-trip time per ICMP sequence" }</title>
                <desc id={desc_id}>{ describe(m, &props.stats) }</desc>
                { path("apw-chart__grid".into(), grid_path(&g)) }
                { path("apw-chart__axis".into(), horizontal(bottom)) }
                <g class="apw-chart__y-labels" aria-hidden="true">{ for y_labels }</g>
                <g class="apw-chart__x-labels" aria-hidden="true">{ for x_labels }</g>
                { for g.guides.iter().map(|(name, _, y)| {
                    path((String::from("apw-chart__guide apw-chart__guide--") + name).into(), horizontal(*y))
                }) }
                { path("apw-chart__line".into(), g.line.clone()) }
                if g.points.len() <= MAX_TITLED_POINTS {
                    <g class="apw-chart__points">{ for g.points.iter().map(|p| point(p, &radius, point_title(m, p))) }</g>
                } else {
                    // One path for all points: thousands of elements would cost more than
                    // a frame, and a tip per pixel column tells no one anything.
                    { path("apw-chart__dots".into(), dots_path(&g.points)) }
                }
                if !g.lost.is_empty() {
                    { path("apw-chart__lost".into(), lost_path(&g.lost, bottom)) }
                }
            </svg>
            </div>
            <figcaption class="apw-chart__legend" aria-hidden="true">
                { key("line", m.get(Msg::ChartLine)) }
                { for g.guides.iter().map(|&(name, ms, _)| {
                    let msg = match name { "min" => Msg::ChartMin, "avg" => Msg::ChartAvg, _ => Msg::ChartMax };
                    key(name, m.fill(msg, &[("time", &m.ms(ms))]).into())
                }) }
                if !g.lost.is_empty() {
                    { key("lost", m.get(Msg::ChartLost)) }
                }
            </figcaption>
        </figure>
    }
}

// Small builders, one for each kind of element the chart repeats: one copy of the code
// each, however many marks are drawn.

fn path(class: AttrValue, d: String) -> Html {
    html! { <path {class} {d} /> }
}

fn label(x: f64, y: f64, text: String) -> Html {
    html! { <text x={coordinate(x)} y={coordinate(y)}>{ text }</text> }
}

/// A reply's dot, with its tip.
fn point(p: &ChartPoint, r: &AttrValue, title: String) -> Html {
    html! {
        <circle cx={coordinate(p.x)} cy={coordinate(p.y)} r={r.clone()}>
            <title>{ title }</title>
        </circle>
    }
}

fn key(name: &str, text: AttrValue) -> Html {
    html! { <span class={String::from("apw-chart__key apw-chart__key--") + name}>{ text }</span> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::parse_ping_status;

    fn seed() -> Rc<PingStatistics> {
        let body = include_str!("../../tests/fixtures/seed_completed.json");
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
        assert_eq!(
            point_title(&Messages::default(), &g.points[1]),
            "seq 1: 209.8 ms, TTL 108"
        );
    }

    #[test]
    fn the_line_breaks_at_lost_packets_and_only_there() {
        let g = chart_geometry(&seed(), 600.0).unwrap();
        // Sequences 0 1 _ 3 4: two pieces, 0-1 and 3-4.
        let moves: Vec<char> = g.line.chars().filter(|c| c.is_ascii_uppercase()).collect();
        assert_eq!(moves, vec!['M', 'L', 'M', 'L'], "{}", g.line);
    }

    #[test]
    fn millisecond_ticks_are_three_to_five_round_values_around_the_data() {
        for (min, max, expected, decimals) in [
            (200.2, 209.8, vec![200.0, 205.0, 210.0], 0),
            (28.5, 35.7, vec![28.0, 30.0, 32.0, 34.0, 36.0], 0),
            (0.041, 0.062, vec![0.04, 0.05, 0.06, 0.07], 2),
            (5.0, 5.0, vec![4.95, 5.0, 5.05], 2),
            (0.0, 0.0, vec![0.0, 0.005, 0.01], 3),
            (12.0, 950.0, vec![0.0, 500.0, 1000.0], 0),
        ] {
            let (ticks, d) = millisecond_ticks(min, max);
            assert_eq!((ticks, d), (expected, decimals), "{min}..{max}");
        }
        // Every range gets 3 to 5 ticks that enclose it.
        for i in 0..2000 {
            let min = f64::from(i) * 0.37;
            let max = min + f64::from(i % 97) * 1.3;
            let (ticks, _) = millisecond_ticks(min, max);
            assert!((3..=5).contains(&ticks.len()), "{min}..{max}: {ticks:?}");
            assert!(
                ticks[0] <= min && *ticks.last().unwrap() >= max,
                "{min}..{max}: {ticks:?}"
            );
        }
    }

    #[test]
    fn sequence_labels_are_all_shown_when_they_fit_and_thinned_when_not() {
        assert_eq!(sequence_ticks(0, 4, 500.0), vec![0, 1, 2, 3, 4]);
        assert_eq!(
            sequence_ticks(1, 100, 500.0),
            vec![10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
        );
        assert_eq!(sequence_ticks(0, 99, 250.0), vec![0, 20, 40, 60, 80]);
        assert_eq!(sequence_ticks(0, 9, 250.0), vec![0, 2, 4, 6, 8]);
        assert_eq!(sequence_ticks(0, 999_999, 250.0).len(), 5);
        assert_eq!(sequence_ticks(7, 7, 250.0), vec![7]);
    }

    #[test]
    fn the_chart_is_drawn_for_its_width_and_keeps_a_readable_shape() {
        let (narrow, wide) = (chart_size(288.0), chart_size(960.0));
        assert_eq!(narrow.0, 288.0);
        assert!(
            narrow.1 >= 170.0,
            "tall enough to read at 320 px: {narrow:?}"
        );
        assert!(
            wide.0 / wide.1 > 3.0,
            "not mostly empty on a desktop card: {wide:?}"
        );
        let g = chart_geometry(&seed(), 288.0).unwrap();
        assert_eq!((g.width, g.height), narrow);
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
        assert!(lost_path(&g.lost, 100.0).len() < 200);
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
        assert!(
            g.points.len() > MAX_TITLED_POINTS,
            "drawn as one path, not elements"
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
        assert!(
            !g.line.contains('M') || g.line.matches('M').count() == 1,
            "no loss, no break"
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
