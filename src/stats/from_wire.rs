//! From the API's JSON text to [`PingTestResult`], with errors that name the field path.

use crate::api::wire::{PingStatusBody, WireNumber};
use crate::api::ParseError;
use crate::stats::model::{PingTestResult, TestStatus};

/// Parses the 200 body of the status endpoint.
pub fn parse_ping_status(text: &str) -> Result<PingTestResult, ParseError> {
    let body = read_body(text)?;
    from_body(&body)
}

/// Reads the JSON text into the wire struct, keeping the path of a wrongly typed value.
pub fn read_body(text: &str) -> Result<PingStatusBody<'_>, ParseError> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
        return Err(ParseError::invalid(
            "",
            format!("expected a JSON object, got {}", json_kind(trimmed)),
        ));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let body = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() || path == "." {
            ParseError::NotJson {
                detail: inner.to_string(),
            }
        } else {
            ParseError::invalid(path, strip_position(&inner.to_string()))
        }
    })?;
    de.end().map_err(|e| ParseError::NotJson {
        detail: e.to_string(),
    })?;
    Ok(body)
}

/// Converts a read body into the typed model.
pub fn from_body(body: &PingStatusBody<'_>) -> Result<PingTestResult, ParseError> {
    let status = match body.status.as_deref() {
        Some(s) if !s.trim().is_empty() => TestStatus::from_api(s),
        Some(_) => return Err(ParseError::invalid("status", "must not be empty")),
        None => {
            return Err(ParseError::Missing {
                path: "status".into(),
            })
        }
    };
    let progress_percent = match &body.progress_percent {
        None => None,
        Some(n) => Some(percent("progressPercent", n)?),
    };
    Ok(PingTestResult {
        is_terminal: status.is_terminal(),
        status,
        progress_percent,
    })
}

/// A percentage: a finite number from 0 to 100.
fn percent(path: &str, n: &WireNumber<'_>) -> Result<f64, ParseError> {
    let v = number(path, n)?;
    if !(0.0..=100.0).contains(&v) {
        return Err(ParseError::invalid(
            path,
            format!("expected a percentage from 0 to 100, got {v}"),
        ));
    }
    Ok(v)
}

/// Any finite number, from a JSON number or a numeric string.
fn number(path: &str, n: &WireNumber<'_>) -> Result<f64, ParseError> {
    let v = match n {
        WireNumber::Number(v) => *v,
        WireNumber::Text(t) => t
            .trim()
            .parse::<f64>()
            .map_err(|_| ParseError::invalid(path, format!("expected a number, got {t:?}")))?,
    };
    if !v.is_finite() {
        return Err(ParseError::invalid(
            path,
            format!("expected a finite number, got {v}"),
        ));
    }
    Ok(v)
}

fn json_kind(trimmed: &str) -> &'static str {
    match trimmed.as_bytes().first() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b'n') => "null",
        Some(b't') | Some(b'f') => "a boolean",
        _ => "a number",
    }
}

/// serde_json appends " at line 1 column 42"; the path already says where.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}
