//! Every word the widget shows, in one table, and the page's overrides of it: a host page
//! localises the widget with `messages` (a partial map of keys to strings) and `lang`,
//! which also picks the `Intl` number and time formats. English is the default.
//!
//! Placeholders such as `{time}` are filled in as text. What the API or the access point
//! says (reasons, error messages, raw output) is shown as sent, and so are the parser's
//! warnings about the API's data.

use crate::words::format;
use std::rc::Rc;
use yew::AttrValue;

/// Declares the table once: the enum, the keys pages use, the English text, and the
/// TypeScript union of the keys.
macro_rules! messages {
    ($($variant:ident $key:literal = $english:literal,)*) => {
        /// A piece of visible text.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Msg { $($variant,)* }

        /// Every [`Msg`], in table order: a key's index back to its variant.
        const MSGS: &[Msg] = &[$(Msg::$variant),*];

        /// The keys of `messages`, in [`Msg`] order, each followed by a space: one string,
        /// not a table of them (the widget is built for size; keys are looked up only
        /// when a page gives messages). [`keys`] lists them.
        const KEY_LIST: &str = concat!($($key, " ",)*);

        /// The English text of every key, in [`Msg`] order.
        pub const ENGLISH: &[&str] = &[$($english),*];

        /// `PingMessageKey` for the generated `.d.ts`.
        pub const TS_KEYS: &str = concat!(
            "\n/** A key of the `messages` option: README, \"Language\", lists them with their English text. */\nexport type PingMessageKey =",
            $("\n  | \"", $key, "\"",)*
            ";\n"
        );
    };
}

messages! {
    WidgetLabel "widgetLabel" = "Access point ping test",
    Title "title" = "Ping from AP {serial}",
    BadgeIdle "badgeIdle" = "Idle",
    BadgeRunning "badgeRunning" = "Running",
    BadgeRetrying "badgeRetrying" = "Retrying",
    BadgeWaiting "badgeWaiting" = "Waiting",
    BadgeCompleted "badgeCompleted" = "Completed",
    BadgeNoResult "badgeNoResult" = "No result",
    BadgeFailed "badgeFailed" = "Failed",
    BadgeError "badgeError" = "Error",
    ProgressLabel "progressLabel" = "Ping test progress",
    NotStarted "notStarted" = "Not started",
    Starting "starting" = "Starting the test…",
    WaitingFirst "waitingFirst" = "Waiting for the first status…",
    Stopped "stopped" = "Stopped",
    Queued "queued" = "Queued on the access point",
    Pinging "pinging" = "Pinging…",
    StatusFailed "statusFailed" = "Failed",
    StatusFailedReason "statusFailedReason" = "Failed: {reason}",
    StatusNoResult "statusNoResult" = "Ended without a result",
    StatusNoResultReason "statusNoResultReason" = "Ended without a result: {reason}",
    FinishedAt "finishedAt" = "Finished at {time}",
    StatusOther "statusOther" = "Status: {status}",
    Elapsed "elapsed" = "Elapsed {duration}",
    Paused "paused" = "Paused while this tab is hidden",
    BudgetWait "budgetWait" = "Request budget used up: next check at {time}",
    AnnounceFailed "announceFailed" = "Ping test failed.",
    AnnounceNoResult "announceNoResult" = "Ping test ended without a result.",
    AnnounceCompleted "announceCompleted" = "Ping test completed: {received} of {sent} replies received, {loss} loss.",
    AnnounceEnded "announceEnded" = "Ping test ended.",
    Unknown "unknown" = "unknown",
    ErrorTitle "errorTitle" = "The ping test could not be followed",
    RetryingIn "retryingIn" = "Retrying in {seconds} s (attempt {attempt} of {max})",
    RateLimitedUntil "rateLimitedUntil" = "Rate limited until {time} (attempt {attempt} of {max})",
    TryAgain "tryAgain" = "Try again",
    NextUnauthorized "nextUnauthorized" = "Check the API token, or sign in again, then try again.",
    NextForbidden "nextForbidden" = "The API client is not allowed to run ping tests: give it troubleshooting access (the Network Troubleshooting permission) in Central, then try again.",
    NextNotFound "nextNotFound" = "Check the AP serial number and the task id. Finished tasks are kept only for a while.",
    NextConflict "nextConflict" = "The access point is offline. Try again once it is back online.",
    NextBadRequest "nextBadRequest" = "Check the test settings (destination, count, packet size).",
    NextClient "nextClient" = "The request was refused. Check the widget's settings.",
    NextConfiguration "nextConfiguration" = "Check the widget's settings (serial, task id, base URL, API version, start request), then mount it again.",
    NextProxyCredentials "nextProxyCredentials" = "Check the proxy's own client id and secret (not this page's token), then try again.",
    NextRateLimited "nextRateLimited" = "Central is limiting requests. Wait a moment, then try again.",
    NextUnavailable "nextUnavailable" = "Central did not answer properly. Check the connection, then try again.",
    NoResultLabel "noResultLabel" = "No result",
    NoResultTitle "noResultTitle" = "The test ended without a result",
    NoResultFor "noResultFor" = "The test ended without a result for {destination}",
    ApSaid "apSaid" = "The access point said:",
    NoStatsNoReason "noStatsNoReason" = "Central reported no statistics and no reason.",
    NoPacketSent "noPacketSent" = "No packet was sent.",
    SummaryLabel "summaryLabel" = "Summary",
    UnknownDestination "unknownDestination" = "Unknown destination",
    PacketLoss "packetLoss" = "Packet loss",
    LossNone "lossNone" = "no loss",
    LossSome "lossSome" = "some loss",
    LossHigh "lossHigh" = "high loss",
    Sent "sent" = "Sent",
    Received "received" = "Received",
    Lost "lost" = "Lost",
    Duplicates "duplicates" = "Duplicates",
    MinRtt "minRtt" = "Min RTT",
    AvgRtt "avgRtt" = "Avg RTT",
    MaxRtt "maxRtt" = "Max RTT",
    Median "median" = "Median",
    Jitter "jitter" = "Jitter",
    StdDev "stdDev" = "Std dev",
    Duration "duration" = "Duration",
    Warnings "warnings" = "Warnings",
    ChartTitle "chartTitle" = "Round-trip time per ICMP sequence",
    ChartSummary "chartSummary" = "Round-trip time of {count} replies ({lost}); min {min}, avg {avg}, max {max}.",
    ChartNoReplies "chartNoReplies" = "No replies; {lost}.",
    ChartNoneLost "chartNoneLost" = "none lost",
    ChartLostSequences "chartLostSequences" = "lost: sequence {sequences}",
    ChartPointTip "chartPointTip" = "seq {seq}: {time}",
    ChartPointTipTtl "chartPointTipTtl" = "seq {seq}: {time}, TTL {ttl}",
    ChartLine "chartLine" = "RTT",
    ChartMin "chartMin" = "min {time}",
    ChartAvg "chartAvg" = "avg {time}",
    ChartMax "chartMax" = "max {time}",
    ChartLost "chartLost" = "× lost",
    TableCaption "tableCaption" = "Replies by ICMP sequence number",
    NoReplies "noReplies" = "No replies to show.",
    ColumnSeq "columnSeq" = "Seq",
    ColumnSeqTitle "columnSeqTitle" = "ICMP sequence number",
    ColumnFrom "columnFrom" = "From",
    ColumnBytes "columnBytes" = "Bytes",
    ColumnTtl "columnTtl" = "TTL",
    ColumnTtlTitle "columnTtlTitle" = "Time to live",
    ColumnRtt "columnRtt" = "RTT",
    ColumnRttTitle "columnRttTitle" = "Round-trip time",
    DuplicateTag "duplicateTag" = "dup",
    DuplicateTitle "duplicateTitle" = "A second reply to the same request",
    LostTag "lostTag" = "lost",
    NoReply "noReply" = "no reply",
    NoReplyRun "noReplyRun" = "{count} requests, no reply",
    MoreRows "moreRows" = "… {count} more rows not shown (Download JSON has every reply)",
    RawOutput "rawOutput" = "Raw output",
    CopyJson "copyJson" = "Copy results as JSON",
    DownloadJson "downloadJson" = "Download JSON",
    DownloadCsv "downloadCsv" = "Download CSV",
    Copied "copied" = "Copied",
    CopyUnavailable "copyUnavailable" = "Copy is not available here",
    RunAgain "runAgain" = "Run again",
    PreviousResult "previousResult" = "Previous result: a new test is running",
    Milliseconds "milliseconds" = "{value} ms",
    Seconds "seconds" = "{value} s",
    MinutesSeconds "minutesSeconds" = "{minutes} min {seconds} s",
    Percent "percent" = "{value}%",
}

/// The keys of `messages`, in [`Msg`] order.
pub fn keys() -> impl Iterator<Item = &'static str> {
    KEY_LIST.split_terminator(' ')
}

/// The widget's text: English, the page's overrides, and the language of its formats.
#[derive(Clone, PartialEq, Default)]
pub struct Messages {
    /// A BCP 47 tag for `Intl` (`de-DE`), or empty for the browser's own language.
    lang: AttrValue,
    /// One entry per [`Msg`] the page replaced.
    overrides: Rc<[(Msg, AttrValue)]>,
}

impl Messages {
    /// English, with `overrides` (key, text) in its place, formatted for `lang` (empty:
    /// the browser's language). Every key must be one of [`keys`]; the error names the
    /// unknown key or the wrong tag.
    pub fn new(
        lang: &str,
        overrides: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, String> {
        use ap_ping_core::json::quoted;
        let lang = if lang.is_empty() {
            AttrValue::default()
        } else {
            format::canonical_lang(lang)
                .ok_or_else(|| format!("lang {} is not a language tag", quoted(lang)))?
                .into()
        };
        let mut table = Vec::new();
        for (key, text) in overrides {
            match keys().position(|k| k == key) {
                Some(i) => table.push((MSGS[i], AttrValue::from(text))),
                None => return Err(format!("messages has no key {}", quoted(&key))),
            }
        }
        Ok(Self {
            lang,
            overrides: table.into(),
        })
    }

    /// The language tag of the formats, or `""` for the browser's.
    pub fn lang(&self) -> &AttrValue {
        &self.lang
    }

    /// The text of `msg`: the page's, else English. No allocation.
    pub fn get(&self, msg: Msg) -> AttrValue {
        // The last override of a key wins, as in an object literal.
        match self.overrides.iter().rev().find(|(m, _)| *m == msg) {
            Some((_, text)) => text.clone(),
            None => AttrValue::Static(ENGLISH[msg as usize]),
        }
    }

    /// The text of `msg` with each `{name}` of `args` replaced by its value, in one pass:
    /// a value is never searched for placeholders itself.
    pub fn fill(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        let template = self.get(msg);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest: &str = &template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            rest = &rest[open..];
            let arg = args.iter().find(|(name, _)| {
                rest[1..].starts_with(name) && rest[1 + name.len()..].starts_with('}')
            });
            match arg {
                Some((name, value)) => {
                    out.push_str(value);
                    rest = &rest[name.len() + 2..];
                }
                None => {
                    out.push('{');
                    rest = &rest[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// `v` with at most `max_fraction` decimals, in this language.
    pub fn number(&self, v: f64, max_fraction: u8) -> String {
        format::number(v, max_fraction, &self.lang)
    }

    /// A round-trip time: `204.7 ms`.
    pub fn ms(&self, v: f64) -> String {
        let value = self.number(v, if v < 10.0 { 2 } else { 1 });
        self.fill(Msg::Milliseconds, &[("value", &value)])
    }

    /// A percentage (`20%`, `33.3%`). Rounding never claims all or nothing: 999,999 lost
    /// of a million is `>99.9%`, not `100%`.
    pub fn percent(&self, v: f64) -> String {
        let (prefix, shown) = if (99.95..100.0).contains(&v) {
            (">", 99.9)
        } else if v > 0.0 && v < 0.05 {
            ("<", 0.1)
        } else {
            ("", v)
        };
        let value = self.number(shown, 1);
        prefix.to_owned() + &self.fill(Msg::Percent, &[("value", &value)])
    }

    /// A duration for people: `850 ms`, `15.2 s`, `2 min 5 s`.
    pub fn duration(&self, ms_total: f64) -> String {
        if ms_total < 1000.0 {
            let value = self.number(ms_total, 0);
            self.fill(Msg::Milliseconds, &[("value", &value)])
        } else if ms_total < 60_000.0 {
            let value = self.number(ms_total / 1000.0, 1);
            self.fill(Msg::Seconds, &[("value", &value)])
        } else {
            let seconds = (ms_total / 1000.0).round() as u64;
            let (m, s) = (
                self.number((seconds / 60) as f64, 0),
                self.number((seconds % 60) as f64, 0),
            );
            self.fill(Msg::MinutesSeconds, &[("minutes", &m), ("seconds", &s)])
        }
    }

    /// A moment (ms since the epoch) as a wall-clock time: `14:05:10`, or `2:05:10 PM`.
    pub fn clock_time(&self, epoch_ms: f64) -> String {
        format::clock_time(epoch_ms, &self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Messages {
        Messages::default()
    }

    #[test]
    fn every_key_has_english_text_and_keys_are_unique() {
        let all: Vec<&str> = keys().collect();
        assert_eq!(all.len(), ENGLISH.len());
        assert_eq!(all.len(), MSGS.len());
        for (i, key) in all.iter().enumerate() {
            assert!(!ENGLISH[i].is_empty(), "{key}");
            assert_eq!(all.iter().filter(|k| *k == key).count(), 1, "{key}");
            assert!(key.bytes().all(|b| b.is_ascii_alphanumeric()), "{key}");
            assert_eq!(MSGS[i] as usize, i);
        }
    }

    #[test]
    fn overrides_replace_english_and_the_last_one_wins() {
        let m = Messages::new(
            "",
            [
                ("sent".to_owned(), "Gesendet".to_owned()),
                ("lost".to_owned(), "x".to_owned()),
                ("lost".to_owned(), "Verloren".to_owned()),
            ],
        )
        .unwrap();
        assert_eq!(m.get(Msg::Sent), "Gesendet");
        assert_eq!(m.get(Msg::Lost), "Verloren");
        assert_eq!(m.get(Msg::Received), "Received");
    }

    #[test]
    fn unknown_keys_are_refused_by_name() {
        let e = Messages::new("", [("sentt".to_owned(), "x".to_owned())]).err();
        assert_eq!(e.as_deref(), Some(r#"messages has no key "sentt""#));
    }

    #[test]
    fn placeholders_are_filled_once_and_unknown_ones_stay() {
        let m = Messages::new(
            "",
            [(
                "statusFailedReason".to_owned(),
                "{reason} ({nope}) {reason}{".to_owned(),
            )],
        )
        .unwrap();
        // A value that looks like a placeholder is text, not a template.
        assert_eq!(
            m.fill(Msg::StatusFailedReason, &[("reason", "{reason}")]),
            "{reason} ({nope}) {reason}{"
        );
        assert_eq!(
            m.fill(Msg::StatusFailedReason, &[("reason", "AP offline")]),
            "AP offline ({nope}) AP offline{"
        );
        assert_eq!(
            english().fill(
                Msg::RetryingIn,
                &[("seconds", "3"), ("attempt", "1"), ("max", "5")]
            ),
            "Retrying in 3 s (attempt 1 of 5)"
        );
    }

    #[test]
    fn durations_read_naturally() {
        let m = english();
        assert_eq!(m.duration(850.0), "850 ms");
        assert_eq!(m.duration(15184.342778), "15.2 s");
        assert_eq!(m.duration(125_000.0), "2 min 5 s");
        assert_eq!(m.ms(204.7), "204.7 ms");
        assert_eq!(m.ms(0.512), "0.51 ms");
    }

    #[test]
    fn percentages_round_to_all_or_nothing_only_when_they_are() {
        let m = english();
        assert_eq!(m.percent(20.0), "20%");
        assert_eq!(m.percent(33.33), "33.3%");
        assert_eq!(m.percent(99.9999), ">99.9%");
        assert_eq!(m.percent(100.0), "100%");
        assert_eq!(m.percent(0.0001), "<0.1%");
        assert_eq!(m.percent(0.0), "0%");
    }

    #[test]
    fn units_follow_the_messages() {
        let m = Messages::new(
            "",
            [
                ("milliseconds".to_owned(), "{value} мс".to_owned()),
                ("percent".to_owned(), "{value} %".to_owned()),
            ],
        )
        .unwrap();
        assert_eq!(m.ms(20.0), "20 мс");
        assert_eq!(m.percent(12.5), "12.5 %");
    }

    /// The README's table of keys is this table: every key with its English text.
    #[test]
    fn the_readme_lists_every_key_with_its_english_text() {
        let readme = include_str!("../../README.md");
        let missing: Vec<String> = keys()
            .zip(ENGLISH)
            .map(|(key, english)| format!("| `{key}` | {} |", english.replace('|', "\\|")))
            .filter(|row| !readme.contains(row.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "README lacks these rows:\n{}",
            missing.join("\n")
        );
    }
}
