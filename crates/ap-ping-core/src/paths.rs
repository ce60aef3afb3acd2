//! The API's two paths of an AP test (start, status), in both versions, written once: the
//! widget builds them, follows the `location` of a 202 only when it has their shape, and
//! `central-proxy` forwards nothing else. Every test that follows start → 202 → poll has
//! them, with its operation's name as one segment (`ping`, `traceroute`); the functions
//! without `operation` are ping's. A path segment (serial number, task id) is checked by
//! the same rules everywhere.

use crate::error::RequestError;

/// The operation of the AP ping test: `…/aps/{serial}/ping`.
pub const PING: &str = "ping";
/// The traceroute operation's path segment: `…/aps/{serial}/traceroute`.
pub const TRACEROUTE: &str = "traceroute";

/// Longest serial or task id accepted.
pub const MAX_SEGMENT_CHARS: usize = 128;

/// Which version of the troubleshooting API's paths to call. The seed (and pycentral)
/// use `v1alpha1`; the current API description serves the same operations under `v1`,
/// and which one an account answers on is not documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ApiVersion {
    /// `/network-troubleshooting/v1alpha1/…` (the default).
    #[default]
    V1Alpha1,
    /// `/network-troubleshooting/v1/…`
    V1,
}

impl ApiVersion {
    /// Every version, for allow-lists and routers.
    pub const ALL: [ApiVersion; 2] = [ApiVersion::V1Alpha1, ApiVersion::V1];

    /// The version's name in a path and in the widget's `apiVersion` option.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1Alpha1 => "v1alpha1",
            ApiVersion::V1 => "v1",
        }
    }

    /// The version of this name, or an error that lists the names.
    pub fn from_name(name: &str) -> Result<Self, RequestError> {
        ApiVersion::ALL
            .into_iter()
            .find(|v| v.as_str() == name)
            .ok_or_else(|| RequestError::UnknownVersion { name: name.into() })
    }

    /// `/network-troubleshooting/{version}`: every path of the API starts with it.
    pub fn prefix(self) -> &'static str {
        match self {
            ApiVersion::V1Alpha1 => "/network-troubleshooting/v1alpha1",
            ApiVersion::V1 => "/network-troubleshooting/v1",
        }
    }
}

/// Checks a serial or task id: not empty, not `.` or `..`, at most
/// [`MAX_SEGMENT_CHARS`], no control characters and no `/` or `\` (no serial or task id
/// has one, and a proxy that decodes `%2F` would otherwise see another path).
pub fn check_segment(name: &'static str, value: &str) -> Result<(), RequestError> {
    if value.is_empty() {
        return Err(RequestError::Required { name });
    }
    if value == "." || value == ".." || value.contains(['/', '\\']) {
        return Err(RequestError::NotASegment {
            name,
            value: value.into(),
        });
    }
    if value.chars().count() > MAX_SEGMENT_CHARS {
        return Err(RequestError::TooLong { name });
    }
    if value.chars().any(char::is_control) {
        return Err(RequestError::ControlCharacters { name });
    }
    Ok(())
}

/// A checked segment, trimmed and percent-encoded so that `?`, `#` or `%` in it can never
/// change the URL.
pub fn encode_segment(name: &'static str, value: &str) -> Result<String, RequestError> {
    let value = value.trim();
    check_segment(name, value)?;
    Ok(percent_encode(value))
}

/// `value` with every byte but RFC 3986's unreserved ones (`A-Z a-z 0-9 - . _ ~`)
/// percent-encoded: safe in a path segment and in a query value alike (a space is `%20`,
/// never `+`).
pub fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            encoded.push('%');
            encoded.push(HEX[usize::from(byte >> 4)] as char);
            encoded.push(HEX[usize::from(byte & 15)] as char);
        }
    }
    encoded
}

/// `{prefix}/aps/{serial}/{operation}`: starts a test (POST).
pub fn operation_start_path(
    version: ApiVersion,
    operation: &str,
    serial: &str,
) -> Result<String, RequestError> {
    Ok(format!(
        "{}/aps/{}/{operation}",
        version.prefix(),
        encode_segment("serial", serial)?
    ))
}

/// `{prefix}/aps/{serial}/{operation}/async-operations/{task-id}`: reports a test (GET).
pub fn operation_status_path(
    version: ApiVersion,
    operation: &str,
    serial: &str,
    task_id: &str,
) -> Result<String, RequestError> {
    Ok(format!(
        "{}/aps/{}/{operation}/async-operations/{}",
        version.prefix(),
        encode_segment("serial", serial)?,
        encode_segment("task id", task_id)?
    ))
}

/// `{prefix}/aps/{serial}/ping`: starts a ping test (POST).
pub fn start_path(version: ApiVersion, serial: &str) -> Result<String, RequestError> {
    operation_start_path(version, PING, serial)
}

/// `{prefix}/aps/{serial}/ping/async-operations/{task-id}`: reports a ping test (GET).
pub fn status_path(
    version: ApiVersion,
    serial: &str,
    task_id: &str,
) -> Result<String, RequestError> {
    operation_status_path(version, PING, serial, task_id)
}

/// Which of the two paths of an operation a path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// `POST …/aps/{serial}/{operation}`
    Start,
    /// `GET …/aps/{serial}/{operation}/async-operations/{task-id}`
    Status {
        /// The task id, percent-decoded and checked.
        task_id: String,
    },
}

/// A path of one of the two operations, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiPath {
    /// The version in the path.
    pub version: ApiVersion,
    /// The serial number, percent-decoded and checked.
    pub serial: String,
    /// Start or status.
    pub operation: Operation,
}

/// Reads a path (no query, no fragment) of one of ping's two paths, in either version.
/// Anything else, including a segment that fails [`check_segment`] once decoded, an
/// invalid percent escape or an empty segment, gives `None`.
pub fn parse_path(path: &str) -> Option<ApiPath> {
    parse_operation_path(path, PING)
}

/// Reads a path of one of `operation`'s two paths, as [`parse_path`] reads ping's.
pub fn parse_operation_path(path: &str, operation: &str) -> Option<ApiPath> {
    let (version, rest) = ApiVersion::ALL
        .into_iter()
        .find_map(|v| Some((v, path.strip_prefix(v.prefix())?.strip_prefix("/aps/")?)))?;
    let mut parts = rest.split('/');
    let serial = decoded_segment("serial", parts.next()?)?;
    if parts.next()? != operation {
        return None;
    }
    let operation = match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => Operation::Start,
        (Some("async-operations"), Some(task), None) => Operation::Status {
            task_id: decoded_segment("task id", task)?,
        },
        _ => return None,
    };
    Some(ApiPath {
        version,
        serial,
        operation,
    })
}

/// A raw segment percent-decoded (as UTF-8) and checked.
fn decoded_segment(name: &'static str, raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    check_segment(name, &decoded).ok()?;
    Some(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_paths_read_back_the_same() {
        for version in ApiVersion::ALL {
            for serial in ["CNF7G9X001", "a b?c#d", "ünï%"] {
                let path = status_path(version, serial, "t-1").unwrap();
                assert_eq!(
                    parse_path(&path),
                    Some(ApiPath {
                        version,
                        serial: serial.into(),
                        operation: Operation::Status {
                            task_id: "t-1".into()
                        }
                    }),
                    "{path}"
                );
                let path = start_path(version, serial).unwrap();
                assert_eq!(parse_path(&path).unwrap().operation, Operation::Start);
            }
        }
    }

    #[test]
    fn other_paths_are_not_api_paths() {
        for path in [
            "/network-troubleshooting/v1/aps/CN1/reboot",
            "/network-troubleshooting/v1/aps/CN1/ping/",
            "/network-troubleshooting/v1/aps/CN1/ping/async-operations",
            "/network-troubleshooting/v1/aps/CN1/ping/async-operations/t/x",
            "/network-troubleshooting/v1/aps//ping",
            "/network-troubleshooting/v1/aps/../ping",
            "/network-troubleshooting/v1/aps/%2E%2E/ping",
            "/network-troubleshooting/v1/aps/a%2Fb/ping",
            "/network-troubleshooting/v1/aps/a%5Cb/ping",
            "/network-troubleshooting/v1/aps/a%0Ab/ping",
            "/network-troubleshooting/v1/aps/a%zz/ping",
            "/network-troubleshooting/v1/aps/a%C3/ping",
            "/network-troubleshooting/v2/aps/CN1/ping",
            "/network-troubleshooting/v1alpha1x/aps/CN1/ping",
            "/__mock/requests",
            "",
        ] {
            assert_eq!(parse_path(path), None, "{path}");
        }
    }

    #[test]
    fn versions_are_named_as_in_the_path() {
        assert_eq!(ApiVersion::from_name("v1"), Ok(ApiVersion::V1));
        assert_eq!(ApiVersion::from_name("v1alpha1"), Ok(ApiVersion::V1Alpha1));
        assert_eq!(
            ApiVersion::from_name("v2").unwrap_err().to_string(),
            r#"API version "v2" is not one of "v1alpha1", "v1""#
        );
        assert_eq!(ApiVersion::default(), ApiVersion::V1Alpha1);
    }
}
