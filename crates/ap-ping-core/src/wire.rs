//! The API's JSON, field for field.
//!
//! These structs mirror `GET .../ping/async-operations/{task-id}` exactly as Central sends
//! it: camelCase names, every statistic as a *string* (`"200.2"`), and only the replies that
//! came back. They borrow from the input text where they can, so reading a large body copies
//! little. Nothing here interprets a value: that is [`crate::stats`]'s job, which can then
//! name the exact field path of anything wrong.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// The 200 body of the status endpoint.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PingStatusBody<'a> {
    /// RFC 3339 timestamp with nanoseconds, e.g. `2025-05-20T13:07:48.849780286Z`.
    #[serde(borrow, default)]
    pub start_time: Option<Cow<'a, str>>,
    /// Set once the test has ended.
    #[serde(borrow, default)]
    pub end_time: Option<Cow<'a, str>>,
    /// The device's ping text; starts with a `COMMAND=ping <dest>` line.
    #[serde(borrow, default)]
    pub raw_output: Option<Cow<'a, str>>,
    /// Parsed statistics; absent until the test completes.
    #[serde(borrow, default)]
    pub output: Option<PingOutputWire<'a>>,
    /// Why a `FAILED` test failed.
    #[serde(borrow, default)]
    pub fail_reason: Option<Cow<'a, str>>,
    /// 0..=100. A JSON number in the API; a numeric string is accepted too.
    #[serde(borrow, default)]
    pub progress_percent: Option<WireNumber<'a>>,
    /// `INITIATED`, `RUNNING`, `COMPLETED`, `FAILED`, or a value added later.
    #[serde(borrow, default)]
    pub status: Option<Cow<'a, str>>,
}

/// The `output` object: the device's ping summary, every number as a string.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PingOutputWire<'a> {
    #[serde(borrow, default)]
    pub received_packets_count: Option<WireNumber<'a>>,
    #[serde(borrow, default)]
    pub transmitted_packets_count: Option<WireNumber<'a>>,
    #[serde(borrow, default)]
    pub packet_loss_percent: Option<WireNumber<'a>>,
    #[serde(borrow, default)]
    pub minimum_round_trip_time_milliseconds: Option<WireNumber<'a>>,
    #[serde(borrow, default)]
    pub average_round_trip_time_milliseconds: Option<WireNumber<'a>>,
    #[serde(borrow, default)]
    pub maximum_round_trip_time_milliseconds: Option<WireNumber<'a>>,
    /// Only the packets that were answered, in arrival order.
    #[serde(borrow, default)]
    pub replies: Option<Vec<PingReplyWire<'a>>>,
    /// The name the user asked for (`www.google.com`).
    #[serde(borrow, default)]
    pub destination: Option<Cow<'a, str>>,
    /// The address the name resolved to.
    #[serde(borrow, default)]
    pub resolved_ip: Option<Cow<'a, str>>,
}

/// One answered packet. Despite the `sentPacket` prefix, these describe the reply.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PingReplyWire<'a> {
    #[serde(borrow, default)]
    pub sent_packet_address: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub sent_packet_icmp_sequence_number: Option<WireNumber<'a>>,
    #[serde(borrow, default)]
    pub sent_packet_time_to_live: Option<WireNumber<'a>>,
    #[serde(borrow, default)]
    pub sent_packet_time_milliseconds: Option<WireNumber<'a>>,
    #[serde(borrow, default)]
    pub sent_packet_size_bytes: Option<WireNumber<'a>>,
}

/// The error body of every non-200 answer: `{"errorCode": "HPE_GRAVITY_...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiErrorBody {
    /// Machine-readable code, e.g. `HPE_GRAVITY_TASK_NOT_FOUND`.
    #[serde(default)]
    pub error_code: Option<String>,
    /// Human-readable message, shown to the user as text.
    #[serde(default)]
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

impl<'de: 'a, 'a> Deserialize<'de> for WireNumber<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl<'de> Visitor<'de> for NumberVisitor {
            type Value = WireNumber<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a numeric string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(WireNumber::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(WireNumber::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(WireNumber::Text(Cow::Owned(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(WireNumber::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(WireNumber::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(WireNumber::Number(v as f64))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}
