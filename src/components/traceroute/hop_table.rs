//! The hop table, in the manner of mtr: hop, address and name, each probe's time (a lost
//! one shown as lost), loss, and a bar per hop on the trace's shared scale (fastest to
//! slowest probe, the average marked). A run of silent hops is one row; a hop whose loss
//! or latency jumps is marked, with what the later hops say of it. At most a row a hop,
//! which the core bounds.

use crate::trace::{bar, names, rows, scale_ms, HopRow, Later, Mark};
use crate::words::{Messages, Msg};
use ap_ping_core::traceroute::{TraceHop, Traceroute};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`HopTable`].
#[derive(Properties, PartialEq, Clone)]
pub struct HopTableProps {
    /// The path to list.
    pub trace: Rc<Traceroute>,
    /// The words.
    #[prop_or_default]
    pub messages: Messages,
}

/// The hops of a trace, one row each, silent runs as one.
#[function_component]
pub fn HopTable(props: &HopTableProps) -> Html {
    let (trace, m) = (&props.trace, &props.messages);
    let scale = scale_ms(trace).unwrap_or(1.0);
    let body = rows(trace).into_iter().map(|row| match row {
        HopRow::Hop { hop, mark } => hop_row(m, hop, mark, scale),
        HopRow::Silent { first, last } => {
            // One cell of one sentence ("hops 5–30: no answer"): nothing to run together
            // when the table is narrow.
            let count = f64::from(last - first) + 1.0;
            let words = m.fill_count(
                Msg::TraceSilent,
                count,
                &[
                    ("first", &first.to_string()),
                    ("last", &last.to_string()),
                    ("count", &m.number(count, 0)),
                ],
            );
            html! {
                <tr key={first} class="apw-hop--silent">
                    <td colspan="5">{ words }</td>
                </tr>
            }
        }
    });
    html! {
        // It scrolls within the card when the path is long (at 320 px each hop stacks in its
        // row instead of widening it): a tab stop and a name let a keyboard scroll it.
        <div class="apw-table-wrap" tabindex="0" role="region" aria-label={m.get(Msg::TraceCaption)}>
            <table class="apw-table apw-hops">
                <caption class="apw-visually-hidden">{ m.get(Msg::TraceCaption) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ m.get(Msg::TraceColumnHop) }</th>
                        <th scope="col">{ m.get(Msg::TraceColumnHost) }</th>
                        <th scope="col">{ m.get(Msg::TraceColumnProbes) }</th>
                        <th scope="col">{ m.get(Msg::TraceColumnLoss) }</th>
                        <th scope="col">{ m.get(Msg::TraceColumnRtt) }</th>
                    </tr>
                </thead>
                <tbody>{ for body }</tbody>
            </table>
        </div>
    }
}

/// One answering hop: its addresses (with names), probes, loss, bar, and its mark.
fn hop_row(m: &Messages, hop: &TraceHop, mark: Option<Mark>, scale: f64) -> Html {
    let names = names(hop);
    let probes = hop.probes.iter().map(|p| match p.rtt_ms {
        Some(t) => html! { <span class="apw-hop__probe">{ m.ms(t) }</span> },
        None => html! {
            <span class="apw-hop__probe apw-hop__probe--lost">
                <span aria-hidden="true">{ "*" }</span>
                <span class="apw-visually-hidden">{ m.get(Msg::TraceProbeLost) }</span>
            </span>
        },
    });
    let note = mark.map(|mark| {
        let jump = match (mark.loss, mark.latency) {
            (true, true) => Msg::TraceJumpBoth,
            (true, false) => Msg::TraceJumpLoss,
            _ => Msg::TraceJumpLatency,
        };
        let later = match mark.later {
            Later::Fine => Some(Msg::TraceLaterFine),
            Later::Carried => Some(Msg::TraceLaterCarried),
            Later::Unknown => None,
        };
        html! {
            <p class={classes!("apw-hop__mark", (mark.later == Later::Fine).then_some("apw-hop__mark--fine"))}>
                { m.get(jump) }
                if let Some(later) = later { { " " }{ m.get(later) } }
            </p>
        }
    });
    let range = match (hop.min_ms, hop.avg_ms, hop.max_ms) {
        (Some(min), Some(avg), Some(max)) => m.fill(
            Msg::TraceRttRange,
            &[
                ("min", &m.ms(min)),
                ("avg", &m.ms(avg)),
                ("max", &m.ms(max)),
            ],
        ),
        _ => String::new(),
    };
    let loss_class = match hop.loss_percent {
        Some(p) if p > 0.0 => "apw-hop__loss apw-hop__loss--some",
        _ => "apw-hop__loss",
    };
    html! {
        <tr key={hop.hop} class={mark.map(|_| "apw-hop--marked")}>
            <td>{ hop.hop }</td>
            <td class="apw-hop__host">
                { for hop.addresses.iter().map(|a| html! { <span class="apw-hop__address">{ a.to_string() }</span> }) }
                { for names.into_iter().filter(|n| !hop.addresses.iter().any(|a| &**a == *n)).map(|n| html! { <span class="apw-hop__name">{ n.to_owned() }</span> }) }
                { for note }
            </td>
            <td><span class="apw-hop__probe-list">{ for probes }</span></td>
            <td class={loss_class}>{ hop.loss_percent.map(|p| m.percent(p)).unwrap_or_default() }</td>
            <td class="apw-hop__rtt">
                if let Some(b) = bar(hop, scale) {
                    <svg class="apw-hop__bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="apw-hop__rail" x="0" y="3" width="100" height="2" />
                        <rect class="apw-hop__range" x={b.from.to_string()} y="1" width={(b.to - b.from).max(1.0).to_string()} height="6" rx="1" />
                        <rect class="apw-hop__avg" x={(b.avg - 0.6).max(0.0).to_string()} y="0" width="1.2" height="8" />
                    </svg>
                }
                <span class="apw-hop__range-text">{ range }</span>
            </td>
        </tr>
    }
}
