//! The chart's geometry as SVG path data: the line (broken at every loss), the dots past
//! the titled ones, the gridlines, the loss marks. One path per kind of mark, so that a
//! chart costs a handful of elements whatever a body claims. Pure, tested natively.

use super::geometry::{ChartGeometry, ChartPoint};
use crate::stats::MissingSequences;

/// An SVG coordinate to a tenth of a unit.
pub fn coordinate(v: f64) -> String {
    ap_ping_core::decimal::format(v, 1)
}

/// A horizontal line across the plot at `y`.
pub fn horizontal(g: &ChartGeometry, y: f64) -> String {
    let (left, right, _, _) = g.plot;
    // format! here, not `+`: 64 bytes smaller in the widget (measured).
    format!(
        "M{} {}H{}",
        coordinate(left),
        coordinate(y),
        coordinate(right)
    )
}

/// The line through `points` (in sequence order), lifted over every lost sequence: a
/// new `M` wherever a packet between two points went unanswered.
pub fn line_path(points: &[ChartPoint], missing: &MissingSequences) -> String {
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

/// Every point as a zero-length segment; round line caps draw it as a dot. For more
/// points than [`super::MAX_TITLED_POINTS`], which are not drawn one element each.
pub fn dots_path(points: &[ChartPoint]) -> String {
    points
        .iter()
        .map(|p| format!("M{} {}h0", coordinate(p.x), coordinate(p.y)))
        .collect()
}

/// One path for every gridline, so that a scale costs one element.
pub fn grid_path(g: &ChartGeometry) -> String {
    g.y_ticks.iter().map(|&(_, y)| horizontal(g, y)).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::geometry::{chart_geometry, tests::seed};

    fn moves(path: &str) -> Vec<char> {
        path.chars().filter(|c| c.is_ascii_uppercase()).collect()
    }

    #[test]
    fn the_line_breaks_at_lost_packets_and_only_there() {
        let stats = seed();
        let g = chart_geometry(&stats, 600.0).unwrap();
        // Sequences 0 1 _ 3 4: two pieces, 0-1 and 3-4.
        let line = line_path(&g.points, &stats.missing_sequences);
        assert_eq!(moves(&line), vec!['M', 'L', 'M', 'L'], "{line}");
        assert_eq!(
            line_path(&g.points, &MissingSequences::default())
                .matches('M')
                .count(),
            1,
            "no loss, no break"
        );
    }

    #[test]
    fn marks_are_one_path_each_and_a_long_loss_is_a_few_segments() {
        let stats = seed();
        let g = chart_geometry(&stats, 600.0).unwrap();
        assert_eq!(grid_path(&g).matches('M').count(), g.y_ticks.len());
        assert_eq!(dots_path(&g.points).matches("h0").count(), 4);
        // A cross is two strokes; a range, two crosses and the line between them.
        assert_eq!(
            lost_path(&[(10.0, 10.0)], 100.0),
            "M6 96L14 104M6 104L14 96"
        );
        assert_eq!(moves(&lost_path(&[(10.0, 500.0)], 100.0)).len(), 10);
        assert_eq!(horizontal(&g, 20.25), "M52 20.3H586");
    }
}
