//! From the API's JSON text to [`PingTestResult`], with errors that name the field path.

use crate::decimal::{self, parse_f64};
use crate::error::ParseError;
use crate::json::quoted;
use crate::stats::derive::{assemble, mark_repeated_sequences, Observed, MAX_PACKETS};
use crate::stats::model::{
    PingReply, PingStatistics, PingTestResult, StatisticsSource, TestOutcome, TestStatus,
};
use crate::stats::raw_text::{self, MAX_TEXT_BYTES};
use crate::stats::text::{shared, trimmed};
use crate::stats::timestamp::parse_rfc3339_nanos_at;
use crate::wire::{PingOutputWire, PingReplyWire, PingStatusBody, StatusEnvelope, WireNumber};
use std::borrow::Cow;
use std::rc::Rc;

/// Longest short string field accepted (a hostname is at most 253 characters).
pub const MAX_FIELD_CHARS: usize = 1024;
/// Longest `failReason` accepted.
pub const MAX_REASON_CHARS: usize = 64 * 1024;

/// Parses the 200 body of the status endpoint.
pub fn parse_ping_status(text: &str) -> Result<PingTestResult, ParseError> {
    let body = read_body(text)?;
    from_body(body)
}

/// Parses ping text (the `rawOutput` field, or any pasted ping output).
pub fn parse_ping_output(text: &str) -> Result<PingStatistics, ParseError> {
    raw_text::parse_ping_text(text)
}

/// Largest body read: room for the longest ping text twice over (`rawOutput` and the
/// replies of `output`). Anything larger is refused before it is read; the list of APs
/// ([`crate::fleet::list`]) has the same limit.
pub const MAX_BODY_BYTES: usize = 2 * MAX_TEXT_BYTES;

/// Reads the JSON text into the wire struct; a body too large to be a ping status is
/// refused before it is read.
pub fn read_body(text: &str) -> Result<PingStatusBody<'_>, ParseError> {
    if text.len() > MAX_BODY_BYTES {
        return Err(ParseError::body_too_large(text.len(), "a ping status"));
    }
    PingStatusBody::from_json(text)
}

/// Converts a read body into the typed model.
pub fn from_body(body: PingStatusBody<'_>) -> Result<PingTestResult, ParseError> {
    let envelope = &body.envelope;
    let e = typed_envelope(envelope, "rawOutput", &envelope.raw_output, MAX_TEXT_BYTES)?;

    let statistics = match body.output {
        Some(output) if !is_empty_output(&output) => Some(Rc::new(assemble(
            observe_output(output)?,
            StatisticsSource::Output,
        ))),
        _ => match e.raw_output.as_deref() {
            Some(raw) if !raw.trim().is_empty() => raw_text::parse_ping_text(raw).ok().map(Rc::new),
            _ => None,
        },
    };

    Ok(PingTestResult {
        is_terminal: e.status.is_terminal(),
        outcome: TestOutcome::of(&e.status, e.fail_reason.as_deref(), statistics.as_deref()),
        status: e.status,
        progress_percent: e.progress_percent,
        start_time: e.start_time,
        end_time: e.end_time,
        duration_ms: e.duration_ms,
        fail_reason: e.fail_reason,
        raw_output: e.raw_output,
        statistics,
    })
}

/// The envelope typed: what every test's result holds around its statistics or path.
pub(crate) struct Envelope {
    pub status: TestStatus,
    pub progress_percent: Option<f64>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub duration_ms: Option<f64>,
    pub fail_reason: Option<String>,
    pub raw_output: Option<String>,
}

/// Checks and types the envelope, by the same rules for every test: `status` required
/// and not blank, `progressPercent` a percentage, the times RFC 3339 and in order, each
/// text within its bound. The device's text is `raw` (at `raw_path`, at most `max_raw`
/// bytes): a traceroute may send it inside `output`.
pub(crate) fn typed_envelope(
    e: &StatusEnvelope<'_>,
    raw_path: &str,
    raw: &Option<Cow<'_, str>>,
    max_raw: usize,
) -> Result<Envelope, ParseError> {
    let status = match e.status.as_deref() {
        Some(s) if !s.trim().is_empty() => {
            TestStatus::from_api(text(|| "status".into(), s, MAX_FIELD_CHARS)?)
        }
        Some(_) => return Err(ParseError::invalid("status", "must not be empty")),
        None => {
            return Err(ParseError::Missing {
                path: "status".into(),
            })
        }
    };
    let progress_percent = match &e.progress_percent {
        None => None,
        Some(n) => Some(percent(|| "progressPercent".into(), n)?),
    };
    let start_time = owned("startTime", &e.start_time, MAX_FIELD_CHARS)?;
    let end_time = owned("endTime", &e.end_time, MAX_FIELD_CHARS)?;
    Ok(Envelope {
        duration_ms: duration_ms(start_time.as_deref(), end_time.as_deref())?,
        fail_reason: owned("failReason", &e.fail_reason, MAX_REASON_CHARS)?,
        raw_output: owned(raw_path, raw, max_raw)?,
        status,
        progress_percent,
        start_time,
        end_time,
    })
}

/// `endTime - startTime` in ms; `None` until both are set. An end before the start is an error.
pub(crate) fn duration_ms(
    start: Option<&str>,
    end: Option<&str>,
) -> Result<Option<f64>, ParseError> {
    let start_ns = start
        .map(|s| parse_rfc3339_nanos_at(s, "startTime"))
        .transpose()?;
    let end_ns = end
        .map(|e| parse_rfc3339_nanos_at(e, "endTime"))
        .transpose()?;
    match (start_ns, end_ns) {
        (Some(s), Some(e)) if e < s => Err(ParseError::invalid(
            "endTime",
            format!(
                "is {} ms before startTime",
                decimal::format((s - e) as f64 / 1e6, 6)
            ),
        )),
        (Some(s), Some(e)) => Ok(Some((e - s) as f64 / 1e6)),
        _ => Ok(None),
    }
}

/// An `output` with nothing in it: statistics then come from `rawOutput`.
fn is_empty_output(o: &PingOutputWire<'_>) -> bool {
    o.transmitted_packets_count.is_none()
        && o.received_packets_count.is_none()
        && o.replies.as_ref().is_none_or(Vec::is_empty)
}

fn observe_output(out: PingOutputWire<'_>) -> Result<Observed, ParseError> {
    let transmitted = count_opt(
        "output.transmittedPacketsCount",
        &out.transmitted_packets_count,
    )?;
    let received = count_opt("output.receivedPacketsCount", &out.received_packets_count)?;
    if let (Some(t), Some(r)) = (transmitted, received) {
        if r > t {
            return Err(ParseError::invalid(
                "output.receivedPacketsCount",
                format!("{r} packets received but only {t} transmitted"),
            ));
        }
    }
    let loss_percent = out
        .packet_loss_percent
        .as_ref()
        .map(|n| percent(|| "output.packetLossPercent".into(), n))
        .transpose()?;
    let min = rtt_opt(
        "output.minimumRoundTripTimeMilliseconds",
        &out.minimum_round_trip_time_milliseconds,
    )?;
    let avg = rtt_opt(
        "output.averageRoundTripTimeMilliseconds",
        &out.average_round_trip_time_milliseconds,
    )?;
    let max = rtt_opt(
        "output.maximumRoundTripTimeMilliseconds",
        &out.maximum_round_trip_time_milliseconds,
    )?;
    let reported_rtt = match (min, avg, max) {
        (Some(min), Some(avg), Some(max)) => Some((min, avg, max)),
        _ => None,
    };
    let wire_replies = out.replies.unwrap_or_default();
    let mut last_address = None;
    let mut replies = Vec::with_capacity(wire_replies.len());
    for (i, r) in wire_replies.iter().enumerate() {
        replies.push(reply(i, r, &mut last_address)?);
    }
    mark_repeated_sequences(&mut replies);
    Ok(Observed {
        destination: owned("output.destination", &out.destination, MAX_FIELD_CHARS)?,
        resolved_ip: owned("output.resolvedIp", &out.resolved_ip, MAX_FIELD_CHARS)?,
        transmitted,
        received,
        duplicates: None,
        loss_percent,
        reported_rtt,
        replies,
        first_sequence: 0,
        error: None,
        warnings: Vec::new(),
    })
}

fn reply(
    i: usize,
    r: &PingReplyWire<'_>,
    last_address: &mut Option<Rc<str>>,
) -> Result<PingReply, ParseError> {
    let path = |field: &str| format!("output.replies[{i}].{field}");
    let sequence = match &r.sent_packet_icmp_sequence_number {
        Some(n) => integer(|| path("sentPacketIcmpSequenceNumber"), n)?,
        None => {
            return Err(ParseError::Missing {
                path: path("sentPacketIcmpSequenceNumber"),
            })
        }
    };
    let time_ms = match &r.sent_packet_time_milliseconds {
        Some(n) => Some(non_negative(|| path("sentPacketTimeMilliseconds"), n)?),
        None => None,
    };
    Ok(PingReply {
        sequence,
        address: match &r.sent_packet_address {
            Some(a) => Some(shared(
                last_address,
                text(|| path("sentPacketAddress"), a, MAX_FIELD_CHARS)?,
            )),
            None => None,
        },
        ttl: r
            .sent_packet_time_to_live
            .as_ref()
            .map(|n| integer(|| path("sentPacketTimeToLive"), n))
            .transpose()?,
        time_ms,
        size_bytes: r
            .sent_packet_size_bytes
            .as_ref()
            .map(|n| integer(|| path("sentPacketSizeBytes"), n))
            .transpose()?,
        duplicate: false,
    })
}

/// A packet count: a whole number no larger than [`MAX_PACKETS`].
fn count_opt(path: &str, n: &Option<WireNumber<'_>>) -> Result<Option<u32>, ParseError> {
    let count = n.as_ref().map(|n| integer(|| path.into(), n)).transpose()?;
    match count {
        Some(c) if c > MAX_PACKETS => Err(ParseError::invalid(
            path,
            format!("{c} is more than the {MAX_PACKETS} packets a ping test is taken to send"),
        )),
        _ => Ok(count),
    }
}

fn rtt_opt(path: &str, n: &Option<WireNumber<'_>>) -> Result<Option<f64>, ParseError> {
    n.as_ref()
        .map(|n| non_negative(|| path.into(), n))
        .transpose()
}

/// A percentage: a finite number from 0 to 100.
fn percent(path: impl Fn() -> String, n: &WireNumber<'_>) -> Result<f64, ParseError> {
    let v = number(&path, n)?;
    if !(0.0..=100.0).contains(&v) {
        return Err(expected(path(), "a percentage from 0 to 100", n));
    }
    Ok(v)
}

/// A finite number that is not negative (a time).
fn non_negative(path: impl Fn() -> String, n: &WireNumber<'_>) -> Result<f64, ParseError> {
    let v = number(&path, n)?;
    if v < 0.0 {
        return Err(expected(path(), "a non-negative number", n));
    }
    Ok(v)
}

/// A whole number from 0 to 2^32 - 1, from `"4"` or `4`.
pub(crate) fn integer(path: impl Fn() -> String, n: &WireNumber<'_>) -> Result<u32, ParseError> {
    let parsed = match n {
        WireNumber::Text(t) => trimmed(t).parse::<i64>().ok(),
        WireNumber::Number(v) if v.fract() == 0.0 && v.abs() < 1e15 => Some(*v as i64),
        WireNumber::Number(_) => None,
    };
    match parsed {
        Some(v) if v < 0 => Err(expected(path(), "a non-negative integer", n)),
        Some(v) => u32::try_from(v).map_err(|_| too_large(path(), n)),
        None => Err(expected(path(), "an integer", n)),
    }
}

/// Any finite number, from a JSON number or a numeric string.
fn number(path: &impl Fn() -> String, n: &WireNumber<'_>) -> Result<f64, ParseError> {
    let v = match n {
        WireNumber::Number(v) => *v,
        WireNumber::Text(t) => {
            parse_f64(trimmed(t)).ok_or_else(|| expected(path(), "a number", n))?
        }
    };
    if !v.is_finite() {
        return Err(expected(path(), "a finite number", n));
    }
    Ok(v)
}

/// "expected a number, got the string "abc"": built only for an error, and kept out of
/// the readers (inlined in each, they measured 0.6 KB gzip of the parser module).
#[cold]
#[inline(never)]
fn expected(path: String, what: &str, n: &WireNumber<'_>) -> ParseError {
    ParseError::invalid(path, format!("expected {what}, got {}", shown(n)))
}

#[cold]
#[inline(never)]
fn too_large(path: String, n: &WireNumber<'_>) -> ParseError {
    ParseError::invalid(path, format!("{} is too large", shown(n)))
}

/// How a wire value is quoted in a message: strings in quotes (cut short), numbers bare.
fn shown(n: &WireNumber<'_>) -> String {
    match n {
        WireNumber::Number(v) => decimal::format(*v, 9),
        WireNumber::Text(t) => quoted(t),
    }
}

/// A string field no longer than `max` bytes. The path is only built for an error.
pub(crate) fn text(path: impl FnOnce() -> String, s: &str, max: usize) -> Result<&str, ParseError> {
    if s.len() > max {
        return Err(ParseError::invalid(
            path(),
            format!(
                "a string of {} bytes is longer than the {max} accepted",
                s.len()
            ),
        ));
    }
    Ok(s)
}

pub(crate) fn owned(
    path: &str,
    s: &Option<Cow<'_, str>>,
    max: usize,
) -> Result<Option<String>, ParseError> {
    s.as_deref()
        .map(|s| text(|| path.to_owned(), s, max).map(str::to_owned))
        .transpose()
}
