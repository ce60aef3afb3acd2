//! Every reply, with lost sequences as rows of their own, in sequence order.

use crate::components::format;
use crate::stats::PingStatistics;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ReplyTable`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReplyTableProps {
    /// The statistics whose replies to list.
    pub stats: Rc<PingStatistics>,
}

/// One row: a reply, or a sequence that got none.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplyRow<'a> {
    /// An answered request (possibly a duplicate answer).
    Reply(&'a crate::stats::PingReply),
    /// A request that got no answer.
    Lost(u32),
}

/// Replies and lost sequences merged in sequence order; duplicates stay after their original.
pub fn rows(stats: &PingStatistics) -> Vec<ReplyRow<'_>> {
    let mut rows: Vec<(u32, u8, usize, ReplyRow<'_>)> = stats
        .replies
        .iter()
        .enumerate()
        .map(|(i, r)| (r.sequence, 0, i, ReplyRow::Reply(r)))
        .collect();
    rows.extend(
        stats
            .missing_sequences
            .iter()
            .map(|&s| (s, 1, 0, ReplyRow::Lost(s))),
    );
    rows.sort_by_key(|(seq, kind, order, _)| (*seq, *kind, *order));
    rows.into_iter().map(|(_, _, _, row)| row).collect()
}

/// The reply table. Numbers are right-aligned and formatted for the page's locale.
#[function_component]
pub fn ReplyTable(props: &ReplyTableProps) -> Html {
    let stats = &props.stats;
    if stats.replies.is_empty() && stats.missing_sequences.is_empty() {
        return html! { <p class="apw-empty">{ "No replies to show." }</p> };
    }
    let body = rows(stats).into_iter().enumerate().map(|(i, row)| match row {
        ReplyRow::Reply(r) => html! {
            <tr key={i} class={r.duplicate.then_some("apw-row--dup")}>
                <td>{ r.sequence }</td>
                <td>
                    { r.address.clone().map(AttrValue::from).unwrap_or_default() }
                    if r.duplicate { <span class="apw-tag apw-tag--dup" title="A second reply to the same request">{ "duplicate" }</span> }
                </td>
                <td>{ r.size_bytes.map(|b| b.to_string()).unwrap_or_default() }</td>
                <td>{ r.ttl.map(|t| t.to_string()).unwrap_or_default() }</td>
                <td>{ r.time_ms.map(format::ms).unwrap_or_default() }</td>
            </tr>
        },
        ReplyRow::Lost(seq) => html! {
            <tr key={i} class="apw-row--lost">
                <td>{ seq }</td>
                <td colspan="4"><span class="apw-tag apw-tag--lost">{ "lost" }</span>{ " no reply" }</td>
            </tr>
        },
    });
    html! {
        <div class="apw-table-wrap">
            <table class="apw-table">
                <caption class="apw-visually-hidden">{ "Replies by ICMP sequence number" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Seq" }</th>
                        <th scope="col">{ "Address" }</th>
                        <th scope="col">{ "Bytes" }</th>
                        <th scope="col">{ "TTL" }</th>
                        <th scope="col">{ "Time" }</th>
                    </tr>
                </thead>
                <tbody>{ for body }</tbody>
            </table>
        </div>
    }
}
