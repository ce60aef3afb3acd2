//! The API's JSON, field for field.
//!
//! These structs mirror `GET .../ping/async-operations/{task-id}` exactly as Central sends
//! it: camelCase names, every statistic as a *string* (`"200.2"`), and only the replies that
//! came back. They borrow from the input text where they can, so reading a large body copies
//! little. Nothing here interprets a value: that is [`crate::stats`]'s job, which can then
//! name the exact field path of anything wrong.

use crate::error::{ParseError, RequestError};
use crate::json::{quoted, JsonReader, Kind, SyntaxError};
use std::borrow::Cow;

/// The 200 body of the status endpoint.
#[derive(Debug, Default)]
pub struct PingStatusBody<'a> {
    /// The status, its times and reason, and the ping text.
    pub envelope: StatusEnvelope<'a>,
    /// Parsed statistics; absent until the test completes.
    pub output: Option<PingOutputWire<'a>>,
}

/// What every test's status body holds around its `output` (ping's, traceroute's).
#[derive(Debug, Default)]
pub struct StatusEnvelope<'a> {
    /// RFC 3339 timestamp with nanoseconds, e.g. `2025-05-20T13:07:48.849780286Z`.
    pub start_time: Option<Cow<'a, str>>,
    /// Set once the test has ended.
    pub end_time: Option<Cow<'a, str>>,
    /// The device's text; starts with a `COMMAND=ping <dest>` (or `traceroute`) line.
    pub raw_output: Option<Cow<'a, str>>,
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

/// The body of the POST that starts a test. Only `destination` is required; what is
/// `None` is left to the API's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PingStartRequest<'a> {
    /// Host name or address to ping.
    pub destination: &'a str,
    /// Echo requests to send, within [`COUNT_LIMITS`].
    pub count: Option<u32>,
    /// Payload size in bytes, within [`PACKET_SIZE_LIMITS`].
    pub packet_size: Option<u32>,
    /// VLAN to ping from, within [`VLAN_LIMITS`].
    pub vlan: Option<u32>,
    /// Interface to ping from, e.g. `eth0`.
    pub interface_port: Option<&'a str>,
    /// Role to ping as.
    pub role: Option<&'a str>,
    /// Whether the answer carries the AP's ping text (`rawOutput`).
    pub include_raw_output: Option<bool>,
}

/// The API's limits on `count`, as its description gives them (inclusive).
pub const COUNT_LIMITS: (u32, u32) = (1, 100);
/// The API's limits on `packetSize` (inclusive).
pub const PACKET_SIZE_LIMITS: (u32, u32) = (10, 2000);
/// The API's limits on `vlan` (inclusive).
pub const VLAN_LIMITS: (u32, u32) = (1, 4095);
/// Longest destination: a hostname has at most 253 characters.
pub const MAX_DESTINATION_CHARS: usize = 253;

/// What a field of the start request holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartFieldKind {
    /// The destination: a host name or address, required.
    Host,
    /// A whole number within the API's limits `(min, max)`, inclusive.
    Whole((u32, u32)),
    /// A short text.
    Text,
    /// `true` or `false`.
    Flag,
}

/// One field of the start request.
#[derive(Debug)]
pub struct StartField {
    /// Its name in the API's JSON, and in JavaScript's `start` option.
    pub name: &'static str,
    pub kind: StartFieldKind,
    /// What it means, in a sentence (the TypeScript and the README).
    pub doc: &'static str,
}

/// The start request's fields, described once, in the order they are sent. From it come
/// the names [`PingStartBody::from_json`] reads and, by the widget's `scripts/generate`,
/// the TypeScript `PingStartOptions`, the custom element's attributes and the README's
/// table; tests keep [`PingStartRequest::check`], `to_json` and the widget's reader equal
/// to it.
pub const START_FIELDS: [StartField; 7] = [
    StartField {
        name: "destination",
        kind: StartFieldKind::Host,
        doc: "Hostname or IP address to ping (required).",
    },
    StartField {
        name: "count",
        kind: StartFieldKind::Whole(COUNT_LIMITS),
        doc: "Echo requests to send.",
    },
    StartField {
        name: "packetSize",
        kind: StartFieldKind::Whole(PACKET_SIZE_LIMITS),
        doc: "Payload size in bytes.",
    },
    StartField {
        name: "vlan",
        kind: StartFieldKind::Whole(VLAN_LIMITS),
        doc: "VLAN to ping from.",
    },
    StartField {
        name: "interfacePort",
        kind: StartFieldKind::Text,
        doc: "Interface to ping from, e.g. `eth0`.",
    },
    StartField {
        name: "role",
        kind: StartFieldKind::Text,
        doc: "Role to ping as.",
    },
    StartField {
        name: "includeRawOutput",
        kind: StartFieldKind::Flag,
        doc: "Whether the AP's ping text (`rawOutput`) comes back too.",
    },
];

impl PingStartRequest<'_> {
    /// Checks the body against the API's limits before it is sent, so a page learns of a
    /// wrong setting at once, in the API's own words ("count must be between 1 and 100").
    pub fn check(&self) -> Result<(), RequestError> {
        first_problem(|problem| self.problems(problem))
    }

    /// Hands `problem` each way the body breaks the API's limits, in the order of
    /// [`START_FIELDS`], while it returns true: [`Self::check`] stops at the first,
    /// [`PingStartBody::from_json_all`] takes them all.
    fn problems(&self, problem: &mut dyn FnMut(RequestError) -> bool) {
        if host_problem(self.destination).is_some_and(|p| !problem(p)) {
            return;
        }
        for (name, value, (min, max)) in [
            (START_FIELDS[1].name, self.count, COUNT_LIMITS),
            (START_FIELDS[2].name, self.packet_size, PACKET_SIZE_LIMITS),
            (START_FIELDS[3].name, self.vlan, VLAN_LIMITS),
        ] {
            if value.is_some_and(|v| v < min || v > max)
                && !problem(RequestError::OutOfRange { name, min, max })
            {
                return;
            }
        }
        for (name, value) in [
            (START_FIELDS[4].name, self.interface_port),
            (START_FIELDS[5].name, self.role),
        ] {
            if short_text_problem(name, value).is_some_and(|p| !problem(p)) {
                return;
            }
        }
    }

    /// The JSON text to send.
    pub fn to_json(&self) -> String {
        let mut out = StartJson::new(self.destination);
        out.whole("count", self.count);
        out.whole("packetSize", self.packet_size);
        out.whole("vlan", self.vlan);
        out.text("interfacePort", self.interface_port);
        out.text("role", self.role);
        out.flag("includeRawOutput", self.include_raw_output);
        out.finish()
    }
}

/// A start request, owned: what the widget is configured with (its `StartRequest`), and
/// what a server reads back from JSON text (central-proxy forwards
/// [`PingStartBody::as_request`]'s `to_json`, rebuilt from checked parts, never the text it
/// was given; keys it does not know are dropped).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PingStartBody {
    /// See [`PingStartRequest`].
    pub destination: String,
    /// See [`PingStartRequest`].
    pub count: Option<u32>,
    /// See [`PingStartRequest`].
    pub packet_size: Option<u32>,
    /// See [`PingStartRequest`].
    pub vlan: Option<u32>,
    /// See [`PingStartRequest`].
    pub interface_port: Option<String>,
    /// See [`PingStartRequest`].
    pub role: Option<String>,
    /// See [`PingStartRequest`].
    pub include_raw_output: Option<bool>,
}

impl PingStartBody {
    /// Reads and checks the body: its shape (an object; integers, texts and a boolean
    /// where they belong) and the API's limits ([`PingStartRequest::check`]). The error is
    /// the first problem, in the order of the text and then of [`START_FIELDS`].
    pub fn from_json(text: &str) -> Result<Self, RequestError> {
        Self::from_json_all(text).map_err(|mut problems| problems.swap_remove(0))
    }

    /// Like [`Self::from_json`], but finds every problem, not only the first (never an
    /// empty list): a wrong type is noted and reading goes on; a text that is not JSON
    /// ends it. For a stand-in of the API (mock-central), which names them all.
    pub fn from_json_all(text: &str) -> Result<Self, Vec<RequestError>> {
        const NAMES: [(&str, usize); START_FIELDS.len()] = field_names(&START_FIELDS);
        read_start_body(
            text,
            &START_FIELDS,
            &NAMES,
            |body: &mut PingStartBody, i, value| match (i, value) {
                (0, StartValue::Text(t)) => body.destination = t,
                (4, StartValue::Text(t)) => body.interface_port = Some(t),
                (_, StartValue::Text(t)) => body.role = Some(t),
                (1, StartValue::Whole(n)) => body.count = Some(n),
                (2, StartValue::Whole(n)) => body.packet_size = Some(n),
                (_, StartValue::Whole(n)) => body.vlan = Some(n),
                (_, StartValue::Flag(b)) => body.include_raw_output = Some(b),
            },
            |body, problem| body.as_request().problems(problem),
        )
    }

    /// The request it describes.
    pub fn as_request(&self) -> PingStartRequest<'_> {
        PingStartRequest {
            destination: &self.destination,
            count: self.count,
            packet_size: self.packet_size,
            vlan: self.vlan,
            interface_port: self.interface_port.as_deref(),
            role: self.role.as_deref(),
            include_raw_output: self.include_raw_output,
        }
    }
}

/// Each field's name in `fields`, with its index there: the key table of
/// [`read_start_body`], built at compile time from a start request's field list.
const fn field_names<const N: usize>(fields: &[StartField; N]) -> [(&'static str, usize); N] {
    let mut names = [("", 0); N];
    let mut i = 0;
    while i < N {
        names[i] = (fields[i].name, i);
        i += 1;
    }
    names
}

/// A start field's value as read, handed to the body being filled.
enum StartValue {
    Text(String),
    Whole(u32),
    Flag(bool),
}

/// The first problem a start request's rules hand over (`problems` walks them while its
/// argument returns true).
fn first_problem(
    problems: impl FnOnce(&mut dyn FnMut(RequestError) -> bool),
) -> Result<(), RequestError> {
    let mut first = None;
    problems(&mut |problem| {
        first = Some(problem);
        false
    });
    first.map_or(Ok(()), Err)
}

/// Reads a start request's JSON text by its field list (ping's [`START_FIELDS`],
/// traceroute's [`TRACEROUTE_START_FIELDS`]) and checks it by its `rules`: `set` gets each
/// field's value by its index; `null` leaves a field unset and keys not listed are dropped.
/// A value of the wrong type is a problem and reading goes on; a text that is not JSON
/// ends it. The error lists every problem, in the text's order and then the fields'.
fn read_start_body<B: Default>(
    text: &str,
    fields: &[StartField],
    names: &[(&'static str, usize)],
    mut set: impl FnMut(&mut B, usize, StartValue),
    rules: impl FnOnce(&B, &mut dyn FnMut(RequestError) -> bool),
) -> Result<B, Vec<RequestError>> {
    let mut body = B::default();
    let mut problems: Vec<RequestError> = Vec::new();
    let read = read_document(text, names, |r, i, path| {
        let field = &fields[i];
        let kind = r.peek()?;
        match (field.kind, kind) {
            (_, Kind::Null) => r.null()?,
            (StartFieldKind::Host | StartFieldKind::Text, Kind::String) => {
                set(&mut body, i, StartValue::Text(r.string()?.into_owned()));
            }
            (StartFieldKind::Whole(_), Kind::Number) => {
                let n = r.number()?;
                if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
                    set(&mut body, i, StartValue::Whole(n as u32));
                } else {
                    problems.push(
                        ParseError::invalid(path.to_string(), "expected a whole number").into(),
                    );
                }
            }
            (StartFieldKind::Flag, Kind::Bool) => set(&mut body, i, StartValue::Flag(r.boolean()?)),
            (_, other) => {
                let expected = match field.kind {
                    StartFieldKind::Host | StartFieldKind::Text => "a string",
                    StartFieldKind::Whole(_) => "a whole number",
                    StartFieldKind::Flag => "true or false",
                };
                problems.push(wrong_kind(r, path.to_string(), expected, other).into());
                if matches!(other, Kind::Object | Kind::Array) {
                    r.skip_value()?;
                }
            }
        }
        Ok(())
    });
    if let Err(error) = read {
        problems.push(error.into());
        return Err(problems);
    }
    rules(&body, &mut |problem| {
        problems.push(problem);
        true
    });
    if problems.is_empty() {
        Ok(body)
    } else {
        Err(problems)
    }
}

/// Why `destination` is no host: empty (required), too long, or with spaces or control
/// characters. Ping's and traceroute's rule.
fn host_problem(destination: &str) -> Option<RequestError> {
    let destination = destination.trim();
    if destination.is_empty() {
        Some(RequestError::Required {
            name: START_FIELDS[0].name,
        })
    } else if destination.chars().count() > MAX_DESTINATION_CHARS
        || destination
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        Some(RequestError::NotAHost)
    } else {
        None
    }
}

/// Why an optional text field is no short text: blank, over 256 bytes, or with control
/// characters.
fn short_text_problem(name: &'static str, value: Option<&str>) -> Option<RequestError> {
    value
        .is_some_and(|v| v.trim().is_empty() || v.len() > 256 || v.chars().any(char::is_control))
        .then_some(RequestError::NotShortText { name })
}

/// A start request's JSON, written from checked parts: the destination and text fields
/// trimmed, fields left to the API's default not written.
struct StartJson(String);

impl StartJson {
    fn new(destination: &str) -> Self {
        let mut out = String::from("{\"destination\":");
        crate::json::push_string(&mut out, destination.trim());
        StartJson(out)
    }

    fn key(&mut self, name: &str) {
        self.0.push_str(",\"");
        self.0.push_str(name);
        self.0.push_str("\":");
    }

    fn whole(&mut self, name: &str, value: Option<u32>) {
        if let Some(v) = value {
            self.key(name);
            self.0.push_str(&v.to_string());
        }
    }

    fn text(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.key(name);
            crate::json::push_string(&mut self.0, v.trim());
        }
    }

    fn flag(&mut self, name: &str, value: Option<bool>) {
        if let Some(v) = value {
            self.key(name);
            self.0.push_str(if v { "true" } else { "false" });
        }
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
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
    #[cold]
    #[inline(never)]
    fn from(e: SyntaxError) -> Self {
        ParseError::NotJson {
            detail: e.to_string(),
        }
    }
}

impl<'a> PingStatusBody<'a> {
    /// Reads the 200 body; an error names the path of the offending value.
    pub fn from_json(text: &'a str) -> Result<Self, ParseError> {
        let mut output = None;
        let envelope = StatusEnvelope::read(text, |r| {
            output = read_output(r)?;
            Ok(())
        })?;
        Ok(PingStatusBody { envelope, output })
    }
}

impl<'a> StatusEnvelope<'a> {
    /// Reads a status body: the envelope's fields here, `output` by `read_output` (any
    /// value, `null` included); other keys are skipped.
    pub(crate) fn read(
        text: &'a str,
        mut read_output: impl FnMut(&mut JsonReader<'a>) -> Result<(), ParseError>,
    ) -> Result<Self, ParseError> {
        #[derive(Clone, Copy)]
        enum Field {
            StartTime,
            EndTime,
            RawOutput,
            FailReason,
            Status,
            ProgressPercent,
            Output,
        }
        const FIELDS: &[(&str, Field)] = &[
            ("startTime", Field::StartTime),
            ("endTime", Field::EndTime),
            ("rawOutput", Field::RawOutput),
            ("failReason", Field::FailReason),
            ("status", Field::Status),
            ("progressPercent", Field::ProgressPercent),
            ("output", Field::Output),
        ];
        let mut body = StatusEnvelope::default();
        read_document(text, FIELDS, |r, field, path| {
            match field {
                Field::StartTime => body.start_time = text_value(r, path)?,
                Field::EndTime => body.end_time = text_value(r, path)?,
                Field::RawOutput => body.raw_output = text_value(r, path)?,
                Field::FailReason => body.fail_reason = text_value(r, path)?,
                Field::Status => body.status = text_value(r, path)?,
                Field::ProgressPercent => body.progress_percent = number_value(r, path)?,
                Field::Output => read_output(r)?,
            }
            Ok(())
        })?;
        Ok(body)
    }
}

impl ApiErrorBody {
    /// Reads an error body; anything but an object with string (or null) fields is an error.
    pub fn from_json(text: &str) -> Result<Self, ParseError> {
        #[derive(Clone, Copy)]
        enum Field {
            ErrorCode,
            Message,
        }
        const FIELDS: &[(&str, Field)] =
            &[("errorCode", Field::ErrorCode), ("message", Field::Message)];
        let (mut error_code, mut message) = (None, None);
        read_document(text, FIELDS, |r, field, path| {
            match field {
                Field::ErrorCode => error_code = text_value(r, path)?,
                Field::Message => message = text_value(r, path)?,
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
        read_document(text, &[("location", ())], |r, (), path| {
            answer.location = text_value(r, path)?;
            Ok(())
        })?;
        Ok(answer)
    }
}

fn read_output<'a>(r: &mut JsonReader<'a>) -> Result<Option<PingOutputWire<'a>>, ParseError> {
    #[derive(Clone, Copy)]
    enum Field {
        Received,
        Transmitted,
        LossPercent,
        Minimum,
        Average,
        Maximum,
        Destination,
        ResolvedIp,
        Replies,
    }
    const FIELDS: &[(&str, Field)] = &[
        ("receivedPacketsCount", Field::Received),
        ("transmittedPacketsCount", Field::Transmitted),
        ("packetLossPercent", Field::LossPercent),
        ("minimumRoundTripTimeMilliseconds", Field::Minimum),
        ("averageRoundTripTimeMilliseconds", Field::Average),
        ("maximumRoundTripTimeMilliseconds", Field::Maximum),
        ("destination", Field::Destination),
        ("resolvedIp", Field::ResolvedIp),
        ("replies", Field::Replies),
    ];
    if !present(r, Kind::Object, "output", "an object")? {
        return Ok(None);
    }
    let mut out = PingOutputWire::default();
    read_object(r, FIELDS, Place::Output, |r, field, path| {
        match field {
            Field::Received => out.received_packets_count = number_value(r, path)?,
            Field::Transmitted => out.transmitted_packets_count = number_value(r, path)?,
            Field::LossPercent => out.packet_loss_percent = number_value(r, path)?,
            Field::Minimum => out.minimum_round_trip_time_milliseconds = number_value(r, path)?,
            Field::Average => out.average_round_trip_time_milliseconds = number_value(r, path)?,
            Field::Maximum => out.maximum_round_trip_time_milliseconds = number_value(r, path)?,
            Field::Destination => out.destination = text_value(r, path)?,
            Field::ResolvedIp => out.resolved_ip = text_value(r, path)?,
            Field::Replies => out.replies = read_replies(r)?,
        }
        Ok(())
    })?;
    Ok(Some(out))
}

fn read_replies<'a>(r: &mut JsonReader<'a>) -> Result<Option<Vec<PingReplyWire<'a>>>, ParseError> {
    #[derive(Clone, Copy)]
    enum Field {
        Address,
        Sequence,
        TimeToLive,
        Time,
        Size,
    }
    const FIELDS: &[(&str, Field)] = &[
        ("sentPacketAddress", Field::Address),
        ("sentPacketIcmpSequenceNumber", Field::Sequence),
        ("sentPacketTimeToLive", Field::TimeToLive),
        ("sentPacketTimeMilliseconds", Field::Time),
        ("sentPacketSizeBytes", Field::Size),
    ];
    if !present(r, Kind::Array, "output.replies", "an array of replies")? {
        return Ok(None);
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
                FieldPath {
                    place: Place::Reply(i),
                    key: "",
                }
                .to_string(),
                "a reply object",
                kind,
            ));
        }
        let mut reply = PingReplyWire::default();
        read_object(r, FIELDS, Place::Reply(i), |r, field, path| {
            match field {
                Field::Address => reply.sent_packet_address = text_value(r, path)?,
                Field::Sequence => reply.sent_packet_icmp_sequence_number = number_value(r, path)?,
                Field::TimeToLive => reply.sent_packet_time_to_live = number_value(r, path)?,
                Field::Time => reply.sent_packet_time_milliseconds = number_value(r, path)?,
                Field::Size => reply.sent_packet_size_bytes = number_value(r, path)?,
            }
            Ok(())
        })?;
        replies.push(reply);
    }
    Ok(Some(replies))
}

/// A whole JSON text that must be one object; `field` reads the value of each key listed
/// in `fields` (others are skipped).
pub(crate) fn read_document<'a, F: Copy>(
    text: &'a str,
    fields: &[(&'static str, F)],
    field: impl FnMut(&mut JsonReader<'a>, F, FieldPath<'static>) -> Result<(), ParseError>,
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
    read_object(&mut r, fields, Place::Top, field)?;
    r.finish()?;
    Ok(())
}

/// The object that comes next (already known to be one): `field` reads the value of each
/// key listed in `fields`; other keys are skipped, and a known key sent twice is an error
/// (which of the two would be meant?).
pub(crate) fn read_object<'a, F: Copy>(
    r: &mut JsonReader<'a>,
    fields: &[(&'static str, F)],
    place: Place,
    mut field: impl FnMut(&mut JsonReader<'a>, F, FieldPath<'static>) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    r.begin_object()?;
    let mut seen = 0u32;
    let mut first = true;
    while let Some(key) = r.next_key(&mut first)? {
        let Some(index) = fields.iter().position(|(name, _)| same_text(name, &key)) else {
            r.skip_value()?;
            continue;
        };
        let (name, f) = fields[index];
        let path = FieldPath { place, key: name };
        if seen & (1 << index) != 0 {
            return Err(ParseError::invalid(
                path.to_string(),
                "the field is sent twice",
            ));
        }
        seen |= 1 << index;
        field(r, f, path)?;
    }
    Ok(())
}

/// True when a value of kind `want` comes next; false for `null` (read); anything else is
/// an error at `path`.
pub(crate) fn present(
    r: &mut JsonReader<'_>,
    want: Kind,
    path: &str,
    expected: &str,
) -> Result<bool, ParseError> {
    match r.peek()? {
        kind if kind == want => Ok(true),
        Kind::Null => r.null().map(|_| false).map_err(Into::into),
        other => Err(wrong_kind(r, path.to_owned(), expected, other)),
    }
}

/// A string or null.
pub(crate) fn text_value<'a>(
    r: &mut JsonReader<'a>,
    path: FieldPath<'_>,
) -> Result<Option<Cow<'a, str>>, ParseError> {
    match r.peek()? {
        Kind::String => Ok(Some(r.string()?)),
        Kind::Null => r.null().map(|_| None).map_err(Into::into),
        other => Err(wrong_kind(r, path.to_string(), "a string", other)),
    }
}

/// A number, a numeric string (not yet interpreted), or null.
pub(crate) fn number_value<'a>(
    r: &mut JsonReader<'a>,
    path: FieldPath<'_>,
) -> Result<Option<WireNumber<'a>>, ParseError> {
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

/// `a == b`, 8 bytes at a time: keys are compared on every field of every reply, and the
/// byte-by-byte `memcmp` of wasm's runtime was a visible part of reading a body.
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap_or([0; 8]));
    let mut chunks_a = a.chunks_exact(8);
    let mut chunks_b = b.chunks_exact(8);
    for (x, y) in (&mut chunks_a).zip(&mut chunks_b) {
        if word(x) != word(y) {
            return false;
        }
    }
    let (rest_a, rest_b) = (chunks_a.remainder(), chunks_b.remainder());
    rest_a.iter().zip(rest_b).all(|(x, y)| x == y)
}

/// Which object a key belongs to: the body itself, `output`, one reply, one AP of a
/// list of APs (`items[3]`, [`crate::fleet::list`]), or a traceroute's hop or probe.
#[derive(Clone, Copy)]
pub(crate) enum Place {
    Top,
    Output,
    Reply(usize),
    Item(usize),
    /// `output.hops[i]` of a traceroute.
    Hop(usize),
    /// `output.hops[i].probes[j]` of a traceroute.
    Probe(usize, usize),
}

/// Where a value sits in the body, e.g. `output.replies[2].sentPacketTimeToLive`.
/// Made into text only for an error message.
#[derive(Clone, Copy)]
pub(crate) struct FieldPath<'k> {
    pub(crate) place: Place,
    /// Empty for the object itself.
    pub(crate) key: &'k str,
}

impl std::fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.place {
            Place::Top => write!(f, "{}", self.key),
            Place::Output => write!(f, "output.{}", self.key),
            Place::Reply(i) if self.key.is_empty() => write!(f, "output.replies[{i}]"),
            Place::Reply(i) => write!(f, "output.replies[{i}].{}", self.key),
            Place::Item(i) if self.key.is_empty() => write!(f, "items[{i}]"),
            Place::Item(i) => write!(f, "items[{i}].{}", self.key),
            Place::Hop(i) if self.key.is_empty() => write!(f, "output.hops[{i}]"),
            Place::Hop(i) => write!(f, "output.hops[{i}].{}", self.key),
            Place::Probe(i, j) if self.key.is_empty() => {
                write!(f, "output.hops[{i}].probes[{j}]")
            }
            Place::Probe(i, j) => write!(f, "output.hops[{i}].probes[{j}].{}", self.key),
        }
    }
}

/// "expected a string, got the number 7": the value is shown when it is short to show.
#[cold]
#[inline(never)]
pub(crate) fn wrong_kind(
    r: &mut JsonReader<'_>,
    path: String,
    expected: &str,
    found: Kind,
) -> ParseError {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A request with every field set, each to a value no other field has.
    fn full() -> PingStartBody {
        PingStartBody {
            destination: "a.example".into(),
            count: Some(3),
            packet_size: Some(64),
            vlan: Some(7),
            interface_port: Some("eth0".into()),
            role: Some("guest".into()),
            include_raw_output: Some(false),
        }
    }

    /// `to_json` writes the fields `START_FIELDS` names, in its order, and `from_json`
    /// reads each back into its own place.
    #[test]
    fn the_body_is_written_and_read_in_the_fields_start_fields_describes() {
        let json = full().as_request().to_json();
        let mut at = 0;
        for field in &START_FIELDS {
            let key = format!("\"{}\":", field.name);
            let found = json[at..]
                .find(&key)
                .unwrap_or_else(|| panic!("{json} lacks {key}"));
            at += found + key.len();
        }
        assert_eq!(PingStartBody::from_json(&json), Ok(full()));
    }

    /// `check` refuses each number outside the limits `START_FIELDS` gives it, by its name.
    #[test]
    fn each_number_is_checked_against_its_described_limits() {
        for (i, field) in START_FIELDS.iter().enumerate() {
            let StartFieldKind::Whole((min, max)) = field.kind else {
                continue;
            };
            for wrong in [min - 1, max + 1] {
                let mut body = full();
                *[&mut body.count, &mut body.packet_size, &mut body.vlan][i - 1] = Some(wrong);
                assert_eq!(
                    body.as_request().check(),
                    Err(RequestError::OutOfRange {
                        name: field.name,
                        min,
                        max
                    })
                );
            }
        }
    }

    /// Every problem is found, in the text's order and then the fields'; `from_json`'s
    /// error is the first of them.
    #[test]
    fn every_problem_is_found_and_the_first_is_from_jsons() {
        let text =
            r#"{"role": 5, "count": 0, "includeRawOutput": "yes", "vlan": [1], "packetSize": 1.5}"#;
        let problems: Vec<String> = PingStartBody::from_json_all(text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            [
                "role: expected a string, got the number 5",
                "includeRawOutput: expected true or false, got the string \"yes\"",
                "vlan: expected a whole number, got an array",
                "packetSize: expected a whole number",
                "destination is required",
                "count must be between 1 and 100",
            ]
        );
        assert_eq!(
            PingStartBody::from_json(text).unwrap_err().to_string(),
            problems[0]
        );
        // A text cut short ends the reading of either start body: the problem before the
        // cut, then that it is no JSON.
        for cut in [
            PingStartBody::from_json_all(r#"{"count": "x", "#).map(drop),
            TracerouteStartBody::from_json_all(r#"{"destination": 1, "#).map(drop),
        ] {
            let cut = cut.unwrap_err();
            assert_eq!(cut.len(), 2, "{cut:?}");
            assert!(cut[1].to_string().starts_with("not valid JSON"), "{cut:?}");
        }
    }
}

/// The traceroute start request's fields, described once, in the order they are sent (as
/// [`START_FIELDS`] for ping): the names [`TracerouteStartBody::from_json`] reads.
pub const TRACEROUTE_START_FIELDS: [StartField; 3] = [
    StartField {
        name: "destination",
        kind: StartFieldKind::Host,
        doc: "Hostname or IP address to trace to (required).",
    },
    StartField {
        name: "sourceInterface",
        kind: StartFieldKind::Text,
        doc: "Interface to trace from, e.g. `eth0`.",
    },
    StartField {
        name: "includeRawOutput",
        kind: StartFieldKind::Flag,
        doc: "Whether the AP's traceroute text (`rawOutput`) comes back too.",
    },
];

/// The body of the POST that starts a traceroute (`…/aps/{serial}/traceroute`): the AP
/// fixes 30 hops and 3 probes, so there is nothing else to set. Owned, like
/// [`PingStartBody`]: what the widget is configured with and what central-proxy reads back
/// and forwards rebuilt ([`Self::to_json`]), never as given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TracerouteStartBody {
    /// Host name or address to trace to (required; the ping destination's rules).
    pub destination: String,
    /// Interface to trace from, e.g. `eth0` (a short text, as ping's `interfacePort`).
    pub source_interface: Option<String>,
    /// Whether the answer carries the AP's traceroute text (`rawOutput`).
    pub include_raw_output: Option<bool>,
}

impl TracerouteStartBody {
    /// Checks the body against the API's rules before it is sent: the first problem.
    pub fn check(&self) -> Result<(), RequestError> {
        first_problem(|problem| self.problems(problem))
    }

    /// Hands `problem` each rule broken, in the order of [`TRACEROUTE_START_FIELDS`], while
    /// it returns true.
    fn problems(&self, problem: &mut dyn FnMut(RequestError) -> bool) {
        if host_problem(&self.destination).is_some_and(|p| !problem(p)) {
            return;
        }
        if let Some(p) = short_text_problem(
            TRACEROUTE_START_FIELDS[1].name,
            self.source_interface.as_deref(),
        ) {
            problem(p);
        }
    }

    /// The JSON text to send, from the checked parts (trimmed; unset fields left out).
    pub fn to_json(&self) -> String {
        let mut out = StartJson::new(&self.destination);
        out.text("sourceInterface", self.source_interface.as_deref());
        out.flag("includeRawOutput", self.include_raw_output);
        out.finish()
    }

    /// Reads and checks a body (central-proxy, mock-central): the first problem, in the
    /// order of the text and then of [`TRACEROUTE_START_FIELDS`].
    pub fn from_json(text: &str) -> Result<Self, RequestError> {
        Self::from_json_all(text).map_err(|mut problems| problems.swap_remove(0))
    }

    /// Like [`Self::from_json`], but every problem (never an empty list), read as
    /// [`PingStartBody::from_json_all`] reads: keys it does not know are dropped.
    pub fn from_json_all(text: &str) -> Result<Self, Vec<RequestError>> {
        const NAMES: [(&str, usize); TRACEROUTE_START_FIELDS.len()] =
            field_names(&TRACEROUTE_START_FIELDS);
        read_start_body(
            text,
            &TRACEROUTE_START_FIELDS,
            &NAMES,
            |body: &mut TracerouteStartBody, i, value| match (i, value) {
                (0, StartValue::Text(t)) => body.destination = t,
                (_, StartValue::Text(t)) => body.source_interface = Some(t),
                (_, StartValue::Flag(b)) => body.include_raw_output = Some(b),
                (_, StartValue::Whole(_)) => {}
            },
            |body, problem| body.problems(problem),
        )
    }
}
