//! A row's small RTT line: the replies' round-trip times in sequence order, lost
//! sequences marked below it. Inline SVG with attributes only (no `style`: the widget runs
//! under a strict CSP); its colours are the stylesheet's.

use crate::stats::PingStatistics;
use std::fmt::Write;
use std::rc::Rc;
use yew::prelude::*;

/// The drawing's size in its own units (the stylesheet sizes it): whole numbers only, so
/// that no float formatting is compiled in for it (the widget's size budget).
pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 180;
/// Most sequences drawn: a 10,000-packet test is drawn by its first ones.
const MOST: u32 = 200;

/// The line's `points` and the lost marks' path, from sequence `first` to the last
/// transmitted one: `None` when nothing was sent.
pub fn sparkline(stats: &PingStatistics) -> Option<(String, String)> {
    let sent = stats.transmitted.min(MOST);
    if sent == 0 {
        return None;
    }
    let first = stats.replies.iter().map(|r| r.sequence).min().unwrap_or(0);
    let times: Vec<(u32, f64)> = stats
        .replies
        .iter()
        .filter(|r| !r.duplicate && r.sequence >= first && r.sequence - first < sent)
        .filter_map(|r| Some((r.sequence - first, r.time_ms.filter(|t| t.is_finite())?)))
        .collect();
    let (low, high) = times
        .iter()
        .fold((f64::INFINITY, 0f64), |(lo, hi), (_, t)| {
            (lo.min(*t), hi.max(*t))
        });
    let span = (high - low).max(1.0);
    let x = |i: u32| {
        if sent == 1 {
            WIDTH / 2
        } else {
            10 + i * (WIDTH - 20) / (sent - 1)
        }
    };
    // Times from the line's top (20) to 40 units above the bottom, where lost marks go.
    let y = |t: f64| 20 + ((high - t) / span * f64::from(HEIGHT - 80)).round() as u32;
    let mut points = String::new();
    for (i, t) in &times {
        let _ = write!(points, "{},{} ", x(*i), y(*t));
    }
    let mut lost = String::new();
    for seq in stats.missing_sequences.iter() {
        if seq >= first && seq - first < sent {
            let _ = write!(lost, "M{} {} v30 ", x(seq - first), HEIGHT - 35);
        }
    }
    Some((points.trim_end().to_owned(), lost.trim_end().to_owned()))
}

/// Props of [`Sparkline`].
#[derive(Properties, PartialEq, Clone)]
pub struct SparklineProps {
    pub stats: Rc<PingStatistics>,
}

/// The line, or nothing when no packet was sent. Hidden from assistive technology: the
/// row's cells say the same in numbers.
#[function_component]
pub fn Sparkline(props: &SparklineProps) -> Html {
    let Some((points, lost)) = sparkline(&props.stats) else {
        return html! {};
    };
    html! {
        <svg class="apw-spark" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} aria-hidden="true" focusable="false">
            <polyline class="apw-spark__line" points={points} />
            if !lost.is_empty() {
                <path class="apw-spark__lost" d={lost} />
            }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::parse_ping_status;

    #[test]
    fn the_seed_draws_four_replies_and_marks_its_lost_sequence() {
        let result =
            parse_ping_status(include_str!("../../../tests/fixtures/seed_completed.json")).unwrap();
        let (points, lost) = sparkline(result.statistics.as_deref().unwrap()).unwrap();
        assert_eq!(points.split(' ').count(), 4, "{points}");
        assert!(points.starts_with("10,"), "{points}");
        assert_eq!(lost, "M320 145 v30", "sequence 2 of 0-4, in the middle");
    }

    #[test]
    fn nothing_sent_draws_nothing() {
        let result = parse_ping_status(r#"{"status":"COMPLETED"}"#).unwrap();
        assert!(result.statistics.as_deref().and_then(sparkline).is_none());
    }
}
