//! Every reply, with runs of lost sequences as rows of their own, in sequence order;
//! at most [`MAX_ROWS`] rows, however many packets a body claims.

use crate::hooks::use_progressive;
use crate::stats::PingStatistics;
use crate::words::{Messages, Msg};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ReplyTable`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReplyTableProps {
    /// The statistics whose replies to list.
    pub stats: Rc<PingStatistics>,
    /// The words.
    #[prop_or_default]
    pub messages: Messages,
}

/// One row: a reply, or a run of consecutive sequences that got none.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplyRow<'a> {
    /// An answered request (possibly a duplicate answer).
    Reply(&'a crate::stats::PingReply),
    /// Requests `first..=last` got no answer.
    Lost {
        /// The first lost sequence of the run.
        first: u32,
        /// The last lost sequence of the run.
        last: u32,
    },
}

/// Most rows drawn. The API sends at most 100 packets; a body that claims a million is
/// still drawn in bounded time, and the rest is counted, not drawn ("Download JSON" has it).
pub const MAX_ROWS: usize = 500;

/// Rows drawn in the first frame (about what the table's box shows), and added in each
/// step after.
const FIRST_ROWS: u32 = 20;
const ROWS_PER_FRAME: u32 = 40;

/// The rows drawn and how many more there are.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRows<'a> {
    /// At most `max_rows` rows, in sequence order.
    pub shown: Vec<ReplyRow<'a>>,
    /// Rows left out.
    pub hidden: usize,
}

/// Replies and runs of lost sequences merged in sequence order (duplicates stay after
/// their original), at most `max_rows` of them.
pub fn rows(stats: &PingStatistics, max_rows: usize) -> TableRows<'_> {
    let replies = crate::stats::order::by_sequence(&stats.replies);
    let lost_runs = stats.missing_sequences.runs();
    let total = replies.len() + lost_runs.len();
    let (mut r, mut l) = (0, 0);
    let mut shown = Vec::with_capacity(total.min(max_rows));
    while shown.len() < max_rows && (r < replies.len() || l < lost_runs.len()) {
        let reply_first = match (replies.get(r), lost_runs.get(l)) {
            (Some(reply), Some(&(first, _))) => reply.sequence < first,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if reply_first {
            shown.push(ReplyRow::Reply(replies[r]));
            r += 1;
        } else {
            let (first, last) = lost_runs[l];
            shown.push(ReplyRow::Lost { first, last });
            l += 1;
        }
    }
    TableRows {
        hidden: total - shown.len(),
        shown,
    }
}

/// `msg` for `n` things, in the form `n` takes: `2 requests, no reply`.
fn count(m: &Messages, msg: Msg, n: f64) -> String {
    m.fill_count(msg, n, &[("count", &m.number(n, 0))])
}

/// The reply table. Numbers are right-aligned and formatted for the page's locale.
#[function_component]
pub fn ReplyTable(props: &ReplyTableProps) -> Html {
    let (stats, m) = (&props.stats, &props.messages);
    // Drawn over a few frames: the first rows with the card, the rest after (100 rows and
    // the card in one task took more than a frame).
    let total = (stats.replies.len() + stats.missing_sequences.runs().len()).min(MAX_ROWS);
    let limit = use_progressive(total as u32, FIRST_ROWS, ROWS_PER_FRAME) as usize;
    if stats.replies.is_empty() && stats.missing_sequences.is_empty() {
        return html! { <p class="apw-empty">{ m.get(Msg::NoReplies) }</p> };
    }
    let TableRows { shown, hidden } = rows(stats, limit);
    // Rows still to come are not "not shown".
    let hidden = if limit < total { 0 } else { hidden };
    let from = shows_sender(stats);
    let columns = if from { 5 } else { 4 };
    let duplicate_tag = html! {
        <span class="apw-tag apw-tag--dup" title={m.get(Msg::DuplicateTitle)}>{ m.get(Msg::DuplicateTag) }</span>
    };
    let lost_tag = html! { <span class="apw-tag apw-tag--lost">{ m.get(Msg::LostTag) }</span> };
    let body = shown.into_iter().enumerate().map(|(i, row)| match row {
        ReplyRow::Reply(r) => html! {
            <tr key={i} class={r.duplicate.then_some("apw-row--dup")}>
                <td>
                    if r.duplicate && !from { { duplicate_tag.clone() } }
                    { r.sequence }
                </td>
                if from {
                    <td>
                        { r.address.clone().map(AttrValue::from).unwrap_or_default() }
                        if r.duplicate { { duplicate_tag.clone() } }
                    </td>
                }
                <td>{ r.size_bytes.map(|b| b.to_string()).unwrap_or_default() }</td>
                <td>{ r.ttl.map(|t| t.to_string()).unwrap_or_default() }</td>
                <td>{ r.time_ms.map(|t| m.ms(t)).unwrap_or_default() }</td>
            </tr>
        },
        ReplyRow::Lost { first, last } if first == last => html! {
            <tr key={i} class="apw-row--lost">
                <td>{ first }</td>
                <td colspan={(columns - 1).to_string()}>{ lost_tag.clone() }{ " " }{ m.get(Msg::NoReply) }</td>
            </tr>
        },
        ReplyRow::Lost { first, last } => html! {
            <tr key={i} class="apw-row--lost">
                <td>{ format!("{first}–{last}") }</td>
                <td colspan={(columns - 1).to_string()}>
                    { lost_tag.clone() }{ " " }
                    { count(m, Msg::NoReplyRun, f64::from(last - first) + 1.0) }
                </td>
            </tr>
        },
    });
    html! {
        // It scrolls past 24rem: a tab stop and a name let a keyboard scroll it.
        <div class="apw-table-wrap" tabindex="0" role="region" aria-label={m.get(Msg::TableCaption)}>
            <table class={classes!("apw-table", from.then_some("apw-table--from"))}>
                <caption class="apw-visually-hidden">{ m.get(Msg::TableCaption) }</caption>
                <thead>
                    <tr>
                        <th scope="col"><abbr title={m.get(Msg::ColumnSeqTitle)}>{ m.get(Msg::ColumnSeq) }</abbr></th>
                        if from {
                            <th scope="col">{ m.get(Msg::ColumnFrom) }</th>
                        }
                        <th scope="col">{ m.get(Msg::ColumnBytes) }</th>
                        <th scope="col"><abbr title={m.get(Msg::ColumnTtlTitle)}>{ m.get(Msg::ColumnTtl) }</abbr></th>
                        <th scope="col"><abbr title={m.get(Msg::ColumnRttTitle)}>{ m.get(Msg::ColumnRtt) }</abbr></th>
                    </tr>
                </thead>
                <tbody>
                    { for body }
                    if hidden > 0 {
                        <tr class="apw-row--more">
                            <td colspan={columns.to_string()}>{ count(m, Msg::MoreRows, hidden as f64) }</td>
                        </tr>
                    }
                </tbody>
            </table>
        </div>
    }
}

/// Whether the table needs a "From" column: only when some reply came from another
/// address than the one the destination resolved to (a router's ICMP error, a second
/// responder). Otherwise the summary card already names it, and the column only costs
/// room that a 320 px screen needs for the times.
pub fn shows_sender(stats: &PingStatistics) -> bool {
    stats
        .replies
        .iter()
        .any(|r| match (&r.address, &stats.resolved_ip) {
            (Some(address), Some(resolved)) => **address != **resolved,
            (Some(_), None) => true,
            (None, _) => false,
        })
}

/// The reply table as CSV for a spreadsheet: one header line, then one line per sequence in
/// order, lost ones included (every lost sequence its own line, where the table shows a
/// run as one row), numbers unformatted (`200.2`, not `200.2 ms` or `200,2`).
pub fn replies_csv(stats: &PingStatistics) -> String {
    let mut csv = String::from("sequence,status,from,bytes,ttl,rtt_ms\r\n");
    let number = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let mut line = |sequence: u32, status: &str, reply: Option<&crate::stats::PingReply>| {
        csv.push_str(&sequence.to_string());
        csv.push(',');
        csv.push_str(status);
        csv.push(',');
        if let Some(r) = reply {
            csv.push_str(&ap_ping_core::csv::field(
                r.address.as_deref().unwrap_or_default(),
            ));
            csv.push(',');
            csv.push_str(&number(r.size_bytes));
            csv.push(',');
            csv.push_str(&number(r.ttl));
            csv.push(',');
            csv.push_str(
                &r.time_ms
                    .map(|t| ap_ping_core::decimal::format(t, 6))
                    .unwrap_or_default(),
            );
        } else {
            csv.push_str(",,,");
        }
        csv.push_str("\r\n");
    };
    let replies = crate::stats::order::by_sequence(&stats.replies);
    let mut lost = stats.missing_sequences.iter().peekable();
    for reply in replies {
        while let Some(s) = lost.next_if(|&s| s < reply.sequence) {
            line(s, "lost", None);
        }
        line(
            reply.sequence,
            if reply.duplicate {
                "duplicate"
            } else {
                "reply"
            },
            Some(reply),
        );
    }
    for s in lost {
        line(s, "lost", None);
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::parse_ping_status;

    fn stats(body: &str) -> Rc<PingStatistics> {
        parse_ping_status(body).unwrap().statistics.unwrap()
    }

    #[test]
    fn the_seed_has_its_lost_packet_in_place() {
        let s = stats(include_str!("../../tests/fixtures/seed_completed.json"));
        let t = rows(&s, MAX_ROWS);
        let seqs: Vec<String> = t
            .shown
            .iter()
            .map(|r| match r {
                ReplyRow::Reply(r) => r.sequence.to_string(),
                ReplyRow::Lost { first, last } => format!("lost {first}-{last}"),
            })
            .collect();
        assert_eq!(seqs, ["0", "1", "lost 2-2", "3", "4"]);
        assert_eq!(t.hidden, 0);
    }

    #[test]
    fn a_million_lost_packets_are_one_row() {
        let s = stats(
            r#"{"status":"COMPLETED","output":{"transmittedPacketsCount":"1000000","receivedPacketsCount":"1","replies":[{"sentPacketIcmpSequenceNumber":"4"}]}}"#,
        );
        let t = rows(&s, MAX_ROWS);
        assert_eq!(t.shown.len(), 3);
        assert_eq!(t.shown[0], ReplyRow::Lost { first: 0, last: 3 });
        assert!(matches!(t.shown[1], ReplyRow::Reply(r) if r.sequence == 4));
        assert_eq!(
            t.shown[2],
            ReplyRow::Lost {
                first: 5,
                last: 999_999
            }
        );
    }

    #[test]
    fn rows_past_the_cap_are_counted_not_drawn() {
        let replies: Vec<String> = (0..1200)
            .map(|i| format!(r#"{{"sentPacketIcmpSequenceNumber":"{}"}}"#, 2 * i))
            .collect();
        let s = stats(&format!(
            r#"{{"status":"COMPLETED","output":{{"transmittedPacketsCount":"2400","receivedPacketsCount":"1200","replies":[{}]}}}}"#,
            replies.join(",")
        ));
        let t = rows(&s, MAX_ROWS);
        assert_eq!(t.shown.len(), MAX_ROWS);
        assert_eq!(
            t.hidden,
            2400 - MAX_ROWS,
            "1,200 replies and 1,200 single losses"
        );
        assert_eq!(t.shown[1], ReplyRow::Lost { first: 1, last: 1 });
    }

    #[test]
    fn csv_lists_every_sequence_with_lost_ones_and_unformatted_numbers() {
        let body = include_str!("../../tests/fixtures/seed_completed.json");
        let stats = parse_ping_status(body).unwrap().statistics.unwrap();
        assert_eq!(
            replies_csv(&stats),
            "sequence,status,from,bytes,ttl,rtt_ms\r\n\
             0,reply,142.251.46.164,64,108,200.2\r\n\
             1,reply,142.251.46.164,64,108,209.8\r\n\
             2,lost,,,,\r\n\
             3,reply,142.251.46.164,64,108,208.8\r\n\
             4,reply,142.251.46.164,64,108,200.2\r\n"
        );
    }

    #[test]
    fn csv_of_a_duplicate_and_trailing_losses() {
        let body = r#"{"status":"COMPLETED","output":{"transmittedPacketsCount":"4","receivedPacketsCount":"2","replies":[
            {"sentPacketIcmpSequenceNumber":"1","sentPacketTimeMilliseconds":"5"},
            {"sentPacketIcmpSequenceNumber":"1","sentPacketTimeMilliseconds":"7.25"}]}}"#;
        let stats = parse_ping_status(body).unwrap().statistics.unwrap();
        let csv = replies_csv(&stats);
        let lines: Vec<&str> = csv.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "0,lost,,,,",
                "1,reply,,,,5",
                "1,duplicate,,,,7.25",
                "2,lost,,,,",
                "3,lost,,,,"
            ]
        );
    }
}
