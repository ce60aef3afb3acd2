//! RTT per sequence as an inline SVG: a millisecond scale with gridlines, sequence labels,
//! a line through the replies that breaks where packets were lost, each loss marked at its
//! sequence, min/avg/max as reference lines, and a text alternative.
//!
//! The maths is pure and tested natively, one concern a file, each using only the ones
//! before it: [`scale`] (the size, the round millisecond values, the labelled sequences),
//! [`geometry`] (where every reply and loss goes, for the width the chart is shown at, so
//! its text stays text-sized), [`paths`] (that geometry as SVG path data) and [`text`]
//! (the tips and the text alternative, in the page's words). This file only draws.

pub mod geometry;
pub mod paths;
pub mod scale;
pub mod text;

use crate::hooks::{use_instance_id, use_width};
use crate::stats::PingStatistics;
use crate::words::{Messages, Msg};
use geometry::{chart_geometry, ChartPoint};
use paths::{coordinate, dots_path, grid_path, horizontal, line_path, lost_path};
use std::rc::Rc;
use text::{describe, point_title};
use yew::prelude::*;

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
    let (left, _, _, bottom) = g.plot;
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
                <title id={title_id}>{ m.get(Msg::ChartTitle) }</title>
                <desc id={desc_id}>{ describe(m, &props.stats) }</desc>
                { path("apw-chart__grid".into(), grid_path(&g)) }
                { path("apw-chart__axis".into(), horizontal(&g, bottom)) }
                <g class="apw-chart__y-labels" aria-hidden="true">{ for y_labels }</g>
                <g class="apw-chart__x-labels" aria-hidden="true">{ for x_labels }</g>
                { for g.guides.iter().map(|(name, _, y)| {
                    path((String::from("apw-chart__guide apw-chart__guide--") + name).into(), horizontal(&g, *y))
                }) }
                { path("apw-chart__line".into(), line_path(&g.points, &props.stats.missing_sequences)) }
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

    #[test]
    fn past_the_titled_points_the_replies_are_one_path() {
        let replies: Vec<String> = (0..1000)
            .map(|i| {
                format!(
                    r#"{{"sentPacketIcmpSequenceNumber":"{i}","sentPacketTimeMilliseconds":"5"}}"#
                )
            })
            .collect();
        let body = format!(
            r#"{{"status":"COMPLETED","output":{{"transmittedPacketsCount":"1000","receivedPacketsCount":"1000","replies":[{}]}}}}"#,
            replies.join(",")
        );
        let stats = parse_ping_status(&body).unwrap().statistics.unwrap();
        let g = chart_geometry(&stats, 600.0).unwrap();
        assert!(g.points.len() > MAX_TITLED_POINTS, "{}", g.points.len());
    }
}
