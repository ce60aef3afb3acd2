//! The API's JSON, field for field.
//!
//! These structs mirror `GET .../ping/async-operations/{task-id}` exactly as Central sends
//! it: camelCase names, every statistic as a *string* (`"200.2"`), and only the replies that
//! came back. They borrow from the input text where they can, so reading a large body copies
//! little. Nothing here interprets a value: that is [`crate::stats`]'s job, which can then
//! name the exact field path of anything wrong.

use crate::error::ParseError;
use crate::json::{quoted, JsonReader, Kind, SyntaxError};
use std::borrow::Cow;

/// The 200 body of the status endpoint.
#[derive(Debug, Default)]
pub struct PingStatusBody<'a> {
    /// RFC 3339 timestamp with nanoseconds, e.g. `2025-05-20T13:07:48.849780286Z`.
    pub start_time: Option<Cow<'a, str>>,
    /// Set once the test has ended.
    pub end_time: Option<Cow<'a, str>>,
    /// The device's ping text; starts with a `COMMAND=ping <dest>` line.
    pub raw_output: Option<Cow<'a, str>>,
    /// Parsed statistics; absent until the test completes.
    pub output: Option<PingOutputWire<'a>>,
    /// Why a `FAILED` test failed.
    pub fail_reason: Option<Cow<'a, str>>,
    /// 0..=100. A JSON number in the API; a numeric string is accepted too.
    pub progress_percent: Option<WireNumber<'a>>,
    /// `INITIATED`, `RUNNING`, `COMPLETED`, `FAILED`, or a value added later.
    pub status: Option<Cow<'a, str>>,
}

/// The `output` object: the device's ping summary, every number as a string.
#[derive(Debug, Default)]
pub struct PingOutputWire<'a> {
    pub received_packets_count: Option<WireNumber<'a>>,
    pub transmitted_packets_count: Option<WireNumber<'a>>,
    pub packet_loss_percent: Option<WireNumber<'a>>,
    pub minimum_round_trip_time_milliseconds: Option<WireNumber<'a>>,
    pub average_round_trip_time_milliseconds: Option<WireNumber<'a>>,
    pub maximum_round_trip_time_milliseconds: Option<WireNumber<'a>>,
    /// Only the packets that were answered, in arrival order.
    pub replies: Option<Vec<PingReplyWire<'a>>>,
    /// The name the user asked for (`www.google.com`).
    pub destination: Option<Cow<'a, str>>,
    /// The address the name resolved to.
    pub resolved_ip: Option<Cow<'a, str>>,
}

/// One answered packet. Despite the `sentPacket` prefix, these describe the reply.
#[derive(Debug, Default)]
pub struct PingReplyWire<'a> {
    pub sent_packet_address: Option<Cow<'a, str>>,
    pub sent_packet_icmp_sequence_number: Option<WireNumber<'a>>,
    pub sent_packet_time_to_live: Option<WireNumber<'a>>,
    pub sent_packet_time_milliseconds: Option<WireNumber<'a>>,
    pub sent_packet_size_bytes: Option<WireNumber<'a>>,
}

/// The error body of every non-200 answer: `{"errorCode": "HPE_GRAVITY_...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiErrorBody {
    /// Machine-readable code, e.g. `HPE_GRAVITY_TASK_NOT_FOUND`.
    pub error_code: Option<String>,
    /// Human-readable message, shown to the user as text.
    pub message: Option<String>,
}

/// A number as the API sends it: usually a string (`"200.2"`), sometimes a JSON number.
///
/// Kept unparsed so the conversion can report the field path and the original text.
#[derive(Debug, Clone, PartialEq)]
pub enum WireNumber<'a> {
    /// Sent as a JSON string.
    Text(Cow<'a, str>),
    /// Sent as a JSON number.
    Number(f64),
}

/// The body of the POST that starts a test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PingStartRequest<'a> {
    /// Host name or address to ping.
    pub destination: &'a str,
    /// Echo requests to send; the API's default when `None`.
    pub count: Option<u32>,
    /// Payload size in bytes; the API's default when `None`.
    pub packet_size: Option<u32>,
}

impl PingStartRequest<'_> {
    /// The JSON text to send.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"destination\":");
        crate::json::push_string(&mut out, self.destination);
        for (name, value) in [("count", self.count), ("packetSize", self.packet_size)] {
            if let Some(v) = value {
                out.push_str(",\"");
                out.push_str(name);
                out.push_str("\":");
                out.push_str(&v.to_string());
            }
        }
        out.push('}');
        out
    }
}

/// The 202 answer to the POST: where to poll the new test.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PingStartAnswer<'a> {
    /// `.../ping/async-operations/{task-id}`.
    pub location: Option<Cow<'a, str>>,
}

// ── reading ──────────────────────────────────────────────────────────────────────────
// Each reader walks its object key by key. Paths become text only for an error.

impl From<SyntaxError> for ParseError {
    fn from(e: SyntaxError) -> Self {
        ParseError::NotJson {
            detail: e.to_string(),
        }
    }
}

impl<'a> PingStatusBody<'a> {
    /// Reads the 200 body; an error names the path of the offending value.
    pub fn from_json(text: &'a str) -> Result<Self, ParseError> {
        let mut body = PingStatusBody::default();
        read_document(text, |r, key, seen| {
            match key {
                "startTime" => body.start_time = seen.text(r, 0, FieldPath::top(key))?,
                "endTime" => body.end_time = seen.text(r, 1, FieldPath::top(key))?,
                "rawOutput" => body.raw_output = seen.text(r, 2, FieldPath::top(key))?,
                "failReason" => body.fail_reason = seen.text(r, 3, FieldPath::top(key))?,
                "status" => body.status = seen.text(r, 4, FieldPath::top(key))?,
                "progressPercent" => {
                    body.progress_percent = seen.number(r, 5, FieldPath::top(key))?
                }
                "output" => {
                    seen.first(6, FieldPath::top(key))?;
                    body.output = read_output(r)?;
                }
                _ => r.skip_value()?,
            }
            Ok(())
        })?;
        Ok(body)
    }
}

impl ApiErrorBody {
    /// Reads an error body; anything but an object with string (or null) fields is an error.
    pub fn from_json(text: &str) -> Result<Self, ParseError> {
        let (mut error_code, mut message) = (None, None);
        read_document(text, |r, key, seen| {
            match key {
                "errorCode" => error_code = seen.text(r, 0, FieldPath::top(key))?,
                "message" => message = seen.text(r, 1, FieldPath::top(key))?,
                _ => r.skip_value()?,
            }
            Ok(())
        })?;
        Ok(ApiErrorBody {
            error_code: error_code.map(Cow::into_owned),
            message: message.map(Cow::into_owned),
        })
    }
}

impl<'a> PingStartAnswer<'a> {
    /// Reads the 202 answer to the POST.
    pub fn from_json(text: &'a str) -> Result<Self, ParseError> {
        let mut answer = PingStartAnswer::default();
        read_document(text, |r, key, seen| {
            match key {
                "location" => answer.location = seen.text(r, 0, FieldPath::top(key))?,
                _ => r.skip_value()?,
            }
            Ok(())
        })?;
        Ok(answer)
    }
}

fn read_output<'a>(r: &mut JsonReader<'a>) -> Result<Option<PingOutputWire<'a>>, ParseError> {
    match r.peek()? {
        Kind::Null => {
            r.null()?;
            return Ok(None);
        }
        Kind::Object => {}
        other => return Err(wrong_kind(r, "output".into(), "an object", other)),
    }
    let mut out = PingOutputWire::default();
    read_object(r, |r, key, seen| {
        match key {
            "receivedPacketsCount" => {
                out.received_packets_count = seen.number(r, 0, FieldPath::output(key))?
            }
            "transmittedPacketsCount" => {
                out.transmitted_packets_count = seen.number(r, 1, FieldPath::output(key))?
            }
            "packetLossPercent" => {
                out.packet_loss_percent = seen.number(r, 2, FieldPath::output(key))?
            }
            "minimumRoundTripTimeMilliseconds" => {
                out.minimum_round_trip_time_milliseconds =
                    seen.number(r, 3, FieldPath::output(key))?
            }
            "averageRoundTripTimeMilliseconds" => {
                out.average_round_trip_time_milliseconds =
                    seen.number(r, 4, FieldPath::output(key))?
            }
            "maximumRoundTripTimeMilliseconds" => {
                out.maximum_round_trip_time_milliseconds =
                    seen.number(r, 5, FieldPath::output(key))?
            }
            "destination" => out.destination = seen.text(r, 6, FieldPath::output(key))?,
            "resolvedIp" => out.resolved_ip = seen.text(r, 7, FieldPath::output(key))?,
            "replies" => {
                seen.first(8, FieldPath::output(key))?;
                out.replies = read_replies(r)?;
            }
            _ => r.skip_value()?,
        }
        Ok(())
    })?;
    Ok(Some(out))
}

fn read_replies<'a>(r: &mut JsonReader<'a>) -> Result<Option<Vec<PingReplyWire<'a>>>, ParseError> {
    match r.peek()? {
        Kind::Null => {
            r.null()?;
            return Ok(None);
        }
        Kind::Array => {}
        other => {
            return Err(wrong_kind(
                r,
                "output.replies".into(),
                "an array of replies",
                other,
            ))
        }
    }
    r.begin_array()?;
    let mut replies = Vec::new();
    let mut first = true;
    while r.next_element(&mut first)? {
        let i = replies.len();
        let kind = r.peek()?;
        if kind != Kind::Object {
            return Err(wrong_kind(
                r,
                FieldPath::reply(i, "").to_string(),
                "a reply object",
                kind,
            ));
        }
        let mut reply = PingReplyWire::default();
        read_object(r, |r, key, seen| {
            match key {
                "sentPacketAddress" => {
                    reply.sent_packet_address = seen.text(r, 0, FieldPath::reply(i, key))?
                }
                "sentPacketIcmpSequenceNumber" => {
                    reply.sent_packet_icmp_sequence_number =
                        seen.number(r, 1, FieldPath::reply(i, key))?
                }
                "sentPacketTimeToLive" => {
                    reply.sent_packet_time_to_live = seen.number(r, 2, FieldPath::reply(i, key))?
                }
                "sentPacketTimeMilliseconds" => {
                    reply.sent_packet_time_milliseconds =
                        seen.number(r, 3, FieldPath::reply(i, key))?
                }
                "sentPacketSizeBytes" => {
                    reply.sent_packet_size_bytes = seen.number(r, 4, FieldPath::reply(i, key))?
                }
                _ => r.skip_value()?,
            }
            Ok(())
        })?;
        replies.push(reply);
    }
    Ok(Some(replies))
}

/// A whole JSON text that must be one object, read by `field` key by key.
fn read_document<'a>(
    text: &'a str,
    field: impl FnMut(&mut JsonReader<'a>, &str, &mut SeenFields) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let mut r = JsonReader::new(text);
    let kind = r.peek()?;
    if kind != Kind::Object {
        // Valid JSON of another kind is named as such; anything else is not JSON.
        r.skip_value()?;
        r.finish()?;
        return Err(ParseError::invalid(
            "",
            format!("expected a JSON object, got {}", kind.described()),
        ));
    }
    read_object(&mut r, field)?;
    r.finish()?;
    Ok(())
}

/// The object that comes next (already known to be one), read by `field` key by key.
fn read_object<'a>(
    r: &mut JsonReader<'a>,
    mut field: impl FnMut(&mut JsonReader<'a>, &str, &mut SeenFields) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    r.begin_object()?;
    let mut seen = SeenFields(0);
    let mut first = true;
    while let Some(key) = r.next_key(&mut first)? {
        field(r, &key, &mut seen)?;
    }
    Ok(())
}

/// The known fields of one object read so far: a key sent twice is ambiguous and an error.
struct SeenFields(u32);

impl SeenFields {
    fn first(&mut self, bit: u32, path: FieldPath<'_>) -> Result<(), ParseError> {
        if self.0 & (1 << bit) != 0 {
            return Err(ParseError::invalid(
                path.to_string(),
                "the field is sent twice",
            ));
        }
        self.0 |= 1 << bit;
        Ok(())
    }

    /// A string or null.
    fn text<'a>(
        &mut self,
        r: &mut JsonReader<'a>,
        bit: u32,
        path: FieldPath<'_>,
    ) -> Result<Option<Cow<'a, str>>, ParseError> {
        self.first(bit, path)?;
        match r.peek()? {
            Kind::String => Ok(Some(r.string()?)),
            Kind::Null => r.null().map(|_| None).map_err(Into::into),
            other => Err(wrong_kind(r, path.to_string(), "a string", other)),
        }
    }

    /// A number, a numeric string (not yet interpreted), or null.
    fn number<'a>(
        &mut self,
        r: &mut JsonReader<'a>,
        bit: u32,
        path: FieldPath<'_>,
    ) -> Result<Option<WireNumber<'a>>, ParseError> {
        self.first(bit, path)?;
        match r.peek()? {
            Kind::String => Ok(Some(WireNumber::Text(r.string()?))),
            Kind::Number => Ok(Some(WireNumber::Number(r.number()?))),
            Kind::Null => r.null().map(|_| None).map_err(Into::into),
            other => Err(wrong_kind(
                r,
                path.to_string(),
                "a number or a numeric string",
                other,
            )),
        }
    }
}

/// Where a value sits in the body, e.g. `output.replies[2].sentPacketTimeToLive`.
/// Made into text only for an error message.
#[derive(Clone, Copy)]
struct FieldPath<'k> {
    parent: &'static str,
    index: Option<usize>,
    key: &'k str,
}

impl<'k> FieldPath<'k> {
    fn top(key: &'k str) -> Self {
        FieldPath {
            parent: "",
            index: None,
            key,
        }
    }

    fn output(key: &'k str) -> Self {
        FieldPath {
            parent: "output.",
            index: None,
            key,
        }
    }

    fn reply(index: usize, key: &'k str) -> Self {
        FieldPath {
            parent: "output.replies",
            index: Some(index),
            key,
        }
    }
}

impl std::fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.index {
            Some(i) if self.key.is_empty() => write!(f, "{}[{i}]", self.parent),
            Some(i) => write!(f, "{}[{i}].{}", self.parent, self.key),
            None => write!(f, "{}{}", self.parent, self.key),
        }
    }
}

/// "expected a string, got the number 7": the value is shown when it is short to show.
fn wrong_kind(r: &mut JsonReader<'_>, path: String, expected: &str, found: Kind) -> ParseError {
    let shown = match found {
        Kind::String => r
            .string()
            .ok()
            .map(|s| format!("the string {}", quoted(&s))),
        Kind::Number => r
            .number()
            .ok()
            .map(|n| format!("the number {}", crate::decimal::format(n, 9))),
        Kind::Bool => r.boolean().ok().map(|b| format!("{b}")),
        _ => None,
    };
    let found = shown.unwrap_or_else(|| found.described().to_owned());
    ParseError::invalid(path, format!("expected {expected}, got {found}"))
}
