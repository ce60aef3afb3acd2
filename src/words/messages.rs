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

/// Declares the table once: the enum, the keys pages use, the English text, the plural
/// forms, and the TypeScript union of the keys.
macro_rules! messages {
    ($($variant:ident $key:literal = $english:literal $(/ one $one:literal)?,)*) => {
        /// A piece of visible text.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Msg { $($variant,)* }

        /// Every [`Msg`], in table order: a key's index back to its variant.
        const MSGS: &[Msg] = &[$(Msg::$variant),*];

        /// The keys of `messages`, in [`Msg`] order, each followed by a space: one string,
        /// not a table of them (the widget is built for size; keys are looked up only
        /// when a page gives messages). [`keys`] lists them.
        const KEY_LIST: &str = concat!($($key, " ",)*);

        /// The English text of every key, in [`Msg`] order, then the `one` form of each
        /// of [`PLURALS`]: one string, cut at [`ENGLISH_STARTS`] (a table of `&str` would
        /// be 8 bytes a text, this one 2; the widget is built for size). [`english`]
        /// reads it.
        const ENGLISH: &str = concat!($($english,)* $($($one,)?)*);

        /// The length of each text of [`ENGLISH`].
        const ENGLISH_LENGTHS: [usize; MSGS.len() + PLURALS.len()] =
            [$($english.len(),)* $($($one.len(),)?)*];

        /// The texts that show a count: a page may give each form of them
        /// (`noReplyRunFew`), the key itself being the `other` form.
        pub const PLURALS: &[Msg] = &[$($({ let _ = $one; Msg::$variant },)?)*];

        /// `PingMessageKey` for the generated `.d.ts`: every key, each counted one followed
        /// by its forms.
        pub const TS_KEYS: &str = concat!(
            "\n/** A key of the `messages` option: README, \"Language\", lists them with their English text. */\nexport type PingMessageKey =",
            $("\n  | \"", $key, "\"", $($crate::words::messages::plural_keys!($key, $one),)?)*
            ";\n"
        );
    };
}

/// The TypeScript keys of a counted text's forms, after its own (`one` is the only one
/// English has besides `other`; a language may need the rest).
macro_rules! plural_keys {
    ($key:literal, $one:literal) => {
        concat!(
            "\n  | \"",
            $key,
            "Zero\"\n  | \"",
            $key,
            "One\"\n  | \"",
            $key,
            "Two\"",
            "\n  | \"",
            $key,
            "Few\"\n  | \"",
            $key,
            "Many\""
        )
    };
}
pub(crate) use plural_keys;

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
    AnnounceCompleted "announceCompleted" = "Ping test completed: {received} of {sent} replies received, {loss} loss."
        / one "Ping test completed: {received} of {sent} reply received, {loss} loss.",
    AnnounceEnded "announceEnded" = "Ping test ended.",
    Unknown "unknown" = "unknown",
    ErrorTitle "errorTitle" = "The test could not be followed",
    RetryingIn "retryingIn" = "Retrying in {seconds} s (attempt {attempt} of {max})",
    RateLimitedUntil "rateLimitedUntil" = "Rate limited until {time} (attempt {attempt} of {max})",
    TryAgain "tryAgain" = "Try again",
    NextUnauthorized "nextUnauthorized" = "Check the API token, or sign in again, then try again.",
    NextForbidden "nextForbidden" = "The API client is not allowed to run this test: give it troubleshooting access (the Network Troubleshooting permission) in Central, then try again.",
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
    ChartSummary "chartSummary" = "Round-trip time of {count} replies ({lost}); min {min}, avg {avg}, max {max}."
        / one "Round-trip time of {count} reply ({lost}); min {min}, avg {avg}, max {max}.",
    ChartNoReplies "chartNoReplies" = "No replies; {lost}.",
    ChartNoneLost "chartNoneLost" = "none lost",
    ChartLostSequences "chartLostSequences" = "lost: sequences {sequences}"
        / one "lost: sequence {sequences}",
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
    NoReplyRun "noReplyRun" = "{count} requests, no reply"
        / one "{count} request, no reply",
    MoreRows "moreRows" = "… {count} more rows not shown (Download JSON has every reply)"
        / one "… {count} more row not shown (Download JSON has every reply)",
    RawOutput "rawOutput" = "Raw output",
    CopyJson "copyJson" = "Copy results as JSON",
    DownloadJson "downloadJson" = "Download JSON",
    DownloadCsv "downloadCsv" = "Download CSV",
    Copied "copied" = "Copied",
    CopyUnavailable "copyUnavailable" = "Could not copy",
    RunAgain "runAgain" = "Run again",
    PreviousResult "previousResult" = "Previous result: a new test is running",
    Milliseconds "milliseconds" = "{value} ms",
    Seconds "seconds" = "{value} s",
    MinutesSeconds "minutesSeconds" = "{minutes} min {seconds} s",
    Percent "percent" = "{value}%",
    PercentAbove "percentAbove" = ">{value}%",
    PercentBelow "percentBelow" = "<{value}%",
    FleetLabel "fleetLabel" = "Fleet ping test",
    FleetTitleSite "fleetTitleSite" = "Ping {destination} from every AP of {site}",
    FleetTitleAps "fleetTitleAps" = "Ping {destination} from {count} APs"
        / one "Ping {destination} from {count} AP",
    FleetListing "fleetListing" = "Listing the access points…",
    FleetListed "fleetListed" = "Listing the access points: {count} so far…",
    FleetEstimate "fleetEstimate" = "About {count} requests"
        / one "About {count} request",
    FleetConfirm "fleetConfirm" = "This run needs about {estimate} requests, but Central allows only {remaining} more until its limit resets.",
    FleetStartAnyway "fleetStartAnyway" = "Start anyway",
    FleetProgressLabel "fleetProgressLabel" = "Fleet test progress",
    FleetDone "fleetDone" = "{done} of {total} done",
    FleetTimeLeft "fleetTimeLeft" = "{done} of {total} done, about {time} left",
    FleetFailedCount "fleetFailedCount" = "{count} failed",
    FleetOfflineCount "fleetOfflineCount" = "{count} offline, not tested",
    FleetVerdictAll "fleetVerdictAll" = "All {tested} APs lose packets to {destination}: the problem is beyond the APs (uplink, gateway or the path)",
    FleetVerdictBeyond "fleetVerdictBeyond" = "{lossy} of {tested} APs lose packets to {destination}: the problem is beyond the APs (uplink, gateway or the path)"
        / one "{lossy} of {tested} APs loses packets to {destination}: the problem is beyond the APs (uplink, gateway or the path)",
    FleetVerdictSome "fleetVerdictSome" = "{lossy} of {tested} APs lose packets: {worst}"
        / one "{lossy} of {tested} APs loses packets: {worst}",
    FleetWorstAp "fleetWorstAp" = "{name} ({loss})",
    FleetMoreAps "fleetMoreAps" = "{list}, and {count} more",
    FleetVerdictNoLoss "fleetVerdictNoLoss" = "All {tested} APs reach {destination} with no loss; median RTT {median} ms (spread {min}–{max} ms)"
        / one "The AP reaches {destination} with no loss; median RTT {median} ms",
    FleetVerdictNoLossNoRtt "fleetVerdictNoLossNoRtt" = "All {tested} APs reach {destination} with no loss"
        / one "The AP reaches {destination} with no loss",
    FleetVerdictWithin "fleetVerdictWithin" = "All {tested} APs reach {destination} with at most {threshold} loss; median RTT {median} ms (spread {min}–{max} ms)"
        / one "The AP reaches {destination} with at most {threshold} loss; median RTT {median} ms",
    FleetVerdictWithinNoRtt "fleetVerdictWithinNoRtt" = "All {tested} APs reach {destination} with at most {threshold} loss"
        / one "The AP reaches {destination} with at most {threshold} loss",
    FleetVerdictNothing "fleetVerdictNothing" = "No AP could be tested, so nothing can be said about {destination}.",
    FleetStopped "fleetStopped" = "The run stopped",
    FleetStopConfiguration "fleetStopConfiguration" = "Check the fleet's settings: {reason}",
    FleetStopUnauthorized "fleetStopUnauthorized" = "Central refused the API token ({status}). Check the token, or sign in again, then run again.",
    FleetStopListForbidden "fleetStopListForbidden" = "The API client may not list this site's access points (403). Give it monitoring access in Central, then run again.",
    FleetStopListFailed "fleetStopListFailed" = "The access points could not be listed: {reason}",
    FleetStopTooMany "fleetStopTooMany" = "{count} access points are more than the {max} one run may test. Choose a site or fewer serials.",
    FleetStopBudget "fleetStopBudget" = "The request budget is spent until {time}. Run again after that.",
    FleetNoAps "fleetNoAps" = "No access point matches this site or these serials.",
    FleetFilter "fleetFilter" = "Filter by name, serial or model",
    FleetNoMatch "fleetNoMatch" = "No access point matches the filter.",
    FleetCaption "fleetCaption" = "Access points and their ping results",
    FleetColumnName "fleetColumnName" = "Name",
    FleetColumnSerial "fleetColumnSerial" = "Serial",
    FleetColumnModel "fleetColumnModel" = "Model",
    FleetColumnStatus "fleetColumnStatus" = "Status",
    FleetColumnLoss "fleetColumnLoss" = "Loss",
    FleetColumnMedian "fleetColumnMedian" = "Median RTT",
    FleetColumnRtts "fleetColumnRtts" = "Replies",
    FleetOffline "fleetOffline" = "offline: not tested",
    FleetQueued "fleetQueued" = "Waiting",
    FleetShowResult "fleetShowResult" = "Show the result of {name}",
    FleetResultOf "fleetResultOf" = "Result of {name} ({serial})",
    TraceLabel "traceLabel" = "Access point traceroute",
    TraceTitle "traceTitle" = "Traceroute from AP {serial}",
    TraceProgressLabel "traceProgressLabel" = "Traceroute progress",
    Tracing "tracing" = "Tracing the path…",
    RunningFor "runningFor" = "Running for {duration}",
    TraceAnnounceFailed "traceAnnounceFailed" = "Traceroute failed.",
    TraceAnnounceNoResult "traceAnnounceNoResult" = "Traceroute ended without a result.",
    TraceNoResultTitle "traceNoResultTitle" = "The traceroute ended without a result",
    TraceNoResultFor "traceNoResultFor" = "The traceroute to {destination} ended without a result",
    TraceDestination "traceDestination" = "the destination",
    TraceReached "traceReached" = "Reached {destination} in {hops} hops"
        / one "Reached {destination} in {hops} hop",
    TraceNotReached "traceNotReached" = "Did not reach {destination}: no answer after {hop}",
    TraceNotReachedNoAnswer "traceNotReachedNoAnswer" = "Did not reach {destination}: no hop answered",
    TraceUnknown "traceUnknown" = "Cannot tell whether {destination} was reached: the last answer came from {hop}",
    TraceUnknownNoAnswer "traceUnknownNoAnswer" = "Cannot tell whether {destination} was reached: no hop answered",
    TraceHop "traceHop" = "hop {hop}",
    TraceHopAt "traceHopAt" = "hop {hop} ({address})",
    TraceCaption "traceCaption" = "Hops on the path, with their probes' round-trip times",
    TraceColumnHop "traceColumnHop" = "Hop",
    TraceColumnHost "traceColumnHost" = "Address",
    TraceColumnProbes "traceColumnProbes" = "Probes",
    TraceColumnLoss "traceColumnLoss" = "Loss",
    TraceColumnRtt "traceColumnRtt" = "RTT min–avg–max",
    TraceProbeLost "traceProbeLost" = "lost",
    TraceSilent "traceSilent" = "hops {first}–{last}: no answer"
        / one "hop {first}: no answer",
    TraceRttRange "traceRttRange" = "{min} – {avg} – {max}",
    TraceJumpLoss "traceJumpLoss" = "Loss jumps here.",
    TraceJumpLatency "traceJumpLatency" = "Latency jumps here.",
    TraceJumpBoth "traceJumpBoth" = "Loss and latency jump here.",
    TraceLaterFine "traceLaterFine" = "Later hops are fine: likely only this router's ICMP rate limit.",
    TraceLaterCarried "traceLaterCarried" = "Later hops carry it: the path degrades here.",
    TraceThePath "traceThePath" = "Trace the path",
}

/// Where each text of `ENGLISH` starts, and at the end its length.
const ENGLISH_STARTS: [u16; MSGS.len() + PLURALS.len() + 1] = {
    let mut starts = [0; MSGS.len() + PLURALS.len() + 1];
    let mut i = 0;
    while i < ENGLISH_LENGTHS.len() {
        starts[i + 1] = starts[i] + ENGLISH_LENGTHS[i] as u16;
        i += 1;
    }
    starts
};

/// The English text of `msg`, or with `one` its `one` form when it has one.
pub fn english(msg: Msg, one: bool) -> &'static str {
    let plural = PLURALS.iter().position(|m| one && *m == msg);
    let i = plural.map_or(msg as usize, |k| MSGS.len() + k);
    &ENGLISH[usize::from(ENGLISH_STARTS[i])..usize::from(ENGLISH_STARTS[i + 1])]
}

/// The keys of `messages`, in [`Msg`] order.
pub fn keys() -> impl Iterator<Item = &'static str> {
    KEY_LIST.split_terminator(' ')
}

/// A plural form, as `Intl.PluralRules` names them; `other` is the key itself.
pub type Form = u8;
pub const OTHER: Form = 0;
pub const ONE: Form = 2;
/// The forms after `other`, as key suffixes: `noReplyRunFew` is `noReplyRun`'s `few`.
pub const FORMS: [&str; 5] = ["Zero", "One", "Two", "Few", "Many"];

/// The [`Msg`] and [`Form`] of a key, or `None` when `messages` has no such key.
fn key_of(key: &str) -> Option<(Msg, Form)> {
    let msg = |base: &str| keys().position(|k| k == base).map(|i| MSGS[i]);
    if let Some(msg) = msg(key) {
        return Some((msg, OTHER));
    }
    FORMS.iter().zip(1..).find_map(|(suffix, form)| {
        let msg = msg(key.strip_suffix(suffix)?)?;
        PLURALS.contains(&msg).then_some((msg, form))
    })
}

/// The widget's text: English, the page's overrides, and the language of its formats.
#[derive(Clone, PartialEq, Default)]
pub struct Messages {
    /// A BCP 47 tag for `Intl` (`de-DE`), or empty for the browser's own language.
    lang: AttrValue,
    /// One entry per key the page replaced: the text, its form.
    overrides: Rc<[(Msg, Form, AttrValue)]>,
}

/// Why a page's `lang` or `messages` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessagesError {
    /// `lang` is not a BCP 47 tag `Intl` takes.
    NotALanguageTag(String),
    /// A `messages` key that is no key of [`keys`] (nor one with a plural form after it).
    UnknownKey(String),
}

impl std::fmt::Display for MessagesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use ap_ping_core::json::quoted;
        match self {
            MessagesError::NotALanguageTag(lang) => {
                write!(f, "lang {} is not a language tag", quoted(lang))
            }
            MessagesError::UnknownKey(key) => write!(f, "messages has no key {}", quoted(key)),
        }
    }
}

impl Messages {
    /// English, with `overrides` (key, text) in its place, formatted for `lang` (empty:
    /// the browser's language). Every key must be one of [`keys`], or a counted one's with
    /// a form of [`FORMS`] after it; the error names the unknown key or the wrong tag.
    pub fn new(
        lang: &str,
        overrides: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, MessagesError> {
        let lang = if lang.is_empty() {
            AttrValue::default()
        } else {
            format::canonical_lang(lang)
                .ok_or_else(|| MessagesError::NotALanguageTag(lang.to_owned()))?
                .into()
        };
        let mut table = Vec::new();
        for (key, text) in overrides {
            match key_of(&key) {
                Some((msg, form)) => table.push((msg, form, AttrValue::from(text))),
                None => return Err(MessagesError::UnknownKey(key)),
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
        self.text(msg, OTHER)
    }

    /// The `form` of `msg`: the page's, else the page's `other` form (its language, if not
    /// its grammar), else English.
    fn text(&self, msg: Msg, form: Form) -> AttrValue {
        // The last override of a key wins, as in an object literal.
        let page = |form| {
            let mut latest_first = self.overrides.iter().rev();
            latest_first.find_map(|(m, f, text)| (*m == msg && *f == form).then(|| text.clone()))
        };
        page(form)
            .or_else(|| page(OTHER))
            .unwrap_or(AttrValue::Static(english(msg, form == ONE)))
    }

    /// The form of `msg` for the count `n`: by `Intl.PluralRules` of the language when
    /// the page gave any text of `msg`, else by English's rule (one for 1).
    fn form(&self, msg: Msg, n: f64) -> Form {
        if self.overrides.iter().any(|(m, _, _)| *m == msg) {
            format::plural(n, &self.lang)
        } else if n == 1.0 {
            ONE
        } else {
            OTHER
        }
    }

    /// The text of `msg` with each `{name}` of `args` replaced by its value, in one pass:
    /// a value is never searched for placeholders itself.
    pub fn fill(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        self.fill_form(msg, OTHER, args)
    }

    /// [`Self::fill`] in the plural form the count `n` takes in this language.
    pub fn fill_count(&self, msg: Msg, n: f64, args: &[(&str, &str)]) -> String {
        self.fill_form(msg, self.form(msg, n), args)
    }

    fn fill_form(&self, msg: Msg, form: Form, args: &[(&str, &str)]) -> String {
        let mut out = String::new();
        expand(&self.text(msg, form), args, &mut |piece, _| {
            out.push_str(piece)
        });
        out
    }

    /// The text of `msg` in pieces, for a view that sets a value apart (the serial in the
    /// title): `piece(text, false)` for the text around, `(value, true)` for a value.
    pub fn parts(&self, msg: Msg, args: &[(&str, &str)], piece: &mut dyn FnMut(&str, bool)) {
        expand(&self.get(msg), args, piece);
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
    /// of a million is `>99.9%` (`percentAbove`), not `100%`.
    pub fn percent(&self, v: f64) -> String {
        let (msg, shown) = if (99.95..100.0).contains(&v) {
            (Msg::PercentAbove, 99.9)
        } else if v > 0.0 && v < 0.05 {
            (Msg::PercentBelow, 0.1)
        } else {
            (Msg::Percent, v)
        };
        let value = self.number(shown, 1);
        self.fill(msg, &[("value", &value)])
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

/// The one template engine: `template` in pieces, each `{name}` of `args` given as its
/// value (`true`), the text between as is (`false`). A `{` of no known name is text.
fn expand(template: &str, args: &[(&str, &str)], piece: &mut dyn FnMut(&str, bool)) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let arg = args
            .iter()
            .find(|(name, _)| after.starts_with(name) && after[name.len()..].starts_with('}'));
        match arg {
            Some((name, value)) => {
                piece(&rest[..open], false);
                piece(value, true);
                rest = &after[name.len() + 1..];
            }
            None => {
                piece(&rest[..=open], false);
                rest = after;
            }
        }
    }
    piece(rest, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_english() -> Messages {
        Messages::default()
    }

    #[test]
    fn every_key_has_english_text_and_keys_are_unique() {
        let all: Vec<&str> = keys().collect();
        assert_eq!(all.len(), MSGS.len());
        assert_eq!(english(Msg::WidgetLabel, false), "Access point ping test");
        assert_eq!(english(Msg::NoReplyRun, true), "{count} request, no reply");
        assert_eq!(english(Msg::Sent, true), "Sent", "no `one` form: the text");
        assert_eq!(english(Msg::PercentBelow, false), "<{value}%");
        for (i, key) in all.iter().enumerate() {
            assert!(!english(MSGS[i], false).is_empty(), "{key}");
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
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some(r#"messages has no key "sentt""#)
        );
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
            in_english().fill(
                Msg::RetryingIn,
                &[("seconds", "3"), ("attempt", "1"), ("max", "5")]
            ),
            "Retrying in 3 s (attempt 1 of 5)"
        );
    }

    #[test]
    fn durations_read_naturally() {
        let m = in_english();
        assert_eq!(m.duration(850.0), "850 ms");
        assert_eq!(m.duration(15184.342778), "15.2 s");
        assert_eq!(m.duration(125_000.0), "2 min 5 s");
        assert_eq!(m.ms(204.7), "204.7 ms");
        assert_eq!(m.ms(0.512), "0.51 ms");
    }

    #[test]
    fn percentages_round_to_all_or_nothing_only_when_they_are() {
        let m = in_english();
        assert_eq!(m.percent(20.0), "20%");
        assert_eq!(m.percent(33.33), "33.3%");
        assert_eq!(m.percent(99.9999), ">99.9%");
        assert_eq!(m.percent(100.0), "100%");
        assert_eq!(m.percent(0.0001), "<0.1%");
        assert_eq!(m.percent(0.0), "0%");
    }

    #[test]
    fn a_count_picks_its_form_and_a_missing_form_falls_back_to_the_pages_other_form() {
        let m = in_english();
        let run =
            |m: &Messages, n: f64| m.fill_count(Msg::NoReplyRun, n, &[("count", &m.number(n, 0))]);
        assert_eq!(run(&m, 1.0), "1 request, no reply");
        assert_eq!(run(&m, 2.0), "2 requests, no reply");
        assert_eq!(run(&m, 0.0), "0 requests, no reply");
        let german = Messages::new(
            "de-DE",
            [
                (
                    "noReplyRun".to_owned(),
                    "{count} Anfragen ohne Antwort".to_owned(),
                ),
                (
                    "moreRowsOne".to_owned(),
                    "… {count} weitere Zeile".to_owned(),
                ),
            ],
        )
        .unwrap();
        // Natively the rule is English's (one for 1); in the browser, Intl.PluralRules.
        assert_eq!(run(&german, 2.0), "2 Anfragen ohne Antwort");
        assert_eq!(
            run(&german, 1.0),
            "1 Anfragen ohne Antwort",
            "no `one` form given: the page's own words, not English's"
        );
        let more = |n: f64| german.fill_count(Msg::MoreRows, n, &[("count", &german.number(n, 0))]);
        assert_eq!(more(1.0), "… 1 weitere Zeile");
        assert_eq!(
            more(3.0),
            "… 3 more rows not shown (Download JSON has every reply)",
            "no `other` form given: English"
        );
        assert_eq!(german.get(Msg::NoReplyRun), "{count} Anfragen ohne Antwort");
    }

    #[test]
    fn the_title_and_fill_share_one_template_engine() {
        let m = Messages::new(
            "",
            [(
                "title".to_owned(),
                "{serial}: Ping ({serial}) {x".to_owned(),
            )],
        )
        .unwrap();
        let mut pieces = Vec::new();
        m.parts(Msg::Title, &[("serial", "AP1")], &mut |text, value| {
            pieces.push((text.to_owned(), value))
        });
        let joined: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(joined, m.fill(Msg::Title, &[("serial", "AP1")]));
        assert_eq!(joined, "AP1: Ping (AP1) {x");
        let values: Vec<&str> = pieces
            .iter()
            .filter(|(_, v)| *v)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(
            values,
            ["AP1", "AP1"],
            "the serial is set apart wherever it is"
        );
    }

    #[test]
    fn units_follow_the_messages() {
        let m = Messages::new(
            "",
            [
                ("milliseconds".to_owned(), "{value} мс".to_owned()),
                ("percent".to_owned(), "{value} %".to_owned()),
                ("percentAbove".to_owned(), "über {value} %".to_owned()),
                ("percentBelow".to_owned(), "unter {value} %".to_owned()),
            ],
        )
        .unwrap();
        assert_eq!(m.ms(20.0), "20 мс");
        assert_eq!(m.percent(12.5), "12.5 %");
        assert_eq!(
            m.percent(99.99),
            "über 99.9 %",
            "the comparison is the language's"
        );
        assert_eq!(m.percent(0.01), "unter 0.1 %");
    }

    /// The README's table of keys is this table: every key with its English text, each
    /// counted one followed by its forms (English has `one`; the others show "—").
    #[test]
    fn the_readme_lists_every_key_with_its_english_text() {
        let readme = include_str!("../../README.md");
        let mut rows = Vec::new();
        for (i, key) in keys().enumerate() {
            let text = english(MSGS[i], false).replace('|', "\\|");
            rows.push(format!("| `{key}` | {text} |"));
            if PLURALS.contains(&MSGS[i]) {
                for form in FORMS {
                    let text = if form == "One" {
                        english(MSGS[i], true)
                    } else {
                        "—"
                    };
                    rows.push(format!("| `{key}{form}` | {text} |"));
                }
            }
        }
        let table: Vec<&str> = readme.lines().filter(|l| l.starts_with("| `")).collect();
        let missing: Vec<&String> = rows
            .iter()
            .filter(|r| !table.contains(&r.as_str()))
            .collect();
        assert!(missing.is_empty(), "README lacks these rows:\n{missing:#?}");
        let start = table.iter().position(|l| *l == rows[0]).unwrap();
        assert_eq!(table[start..start + rows.len()], rows, "in this order");
    }

    /// Every key of the TypeScript union is one `Messages::new` takes, and the other way
    /// round for the forms.
    #[test]
    fn the_typescript_union_names_every_key_and_form() {
        let typed: Vec<&str> = TS_KEYS.split('"').skip(3).step_by(2).collect();
        assert_eq!(typed.len(), keys().count() + 5 * PLURALS.len(), "{typed:?}");
        for key in &typed {
            assert!(key_of(key).is_some(), "{key}");
        }
        assert_eq!(key_of("noReplyRunFew"), Some((Msg::NoReplyRun, 4)));
        assert_eq!(
            key_of("sentFew"),
            None,
            "a text without a count has no forms"
        );
    }
}
