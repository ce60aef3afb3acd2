//! Errors of reading an API body into the typed model.

use std::fmt;

/// Why a response body could not be read.
///
/// Every variant names the JSON path of the offending value (`output.replies[2].sentPacketTimeToLive`)
/// because the person reading the message has the body in front of them, not our code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The text is not JSON at all (or is cut off).
    NotJson {
        /// The JSON reader's description, with the position of the error.
        detail: String,
    },
    /// A value has the wrong JSON type or the wrong form (`"abc"` where an integer belongs).
    Invalid {
        /// JSON path of the value, `""` for the whole body.
        path: String,
        /// What was expected and what was found.
        problem: String,
    },
    /// A required field is absent or null.
    Missing {
        /// JSON path of the missing field.
        path: String,
    },
}

impl ParseError {
    /// A value at `path` that has the wrong form.
    #[cold]
    #[inline(never)]
    pub fn invalid(path: impl Into<String>, problem: impl Into<String>) -> Self {
        ParseError::Invalid {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

impl ParseError {
    /// A body refused before it is read: "a body of 5000000 bytes is too large to be a ping
    /// status". `what` names what it was taken for.
    #[cold]
    #[inline(never)]
    pub(crate) fn body_too_large(len: usize, what: &str) -> Self {
        ParseError::invalid(
            "",
            format!("a body of {len} bytes is too large to be {what}"),
        )
    }

    /// A text refused before it is read: "ping text of 20000000 bytes is longer than the
    /// 16777216 accepted".
    #[cold]
    #[inline(never)]
    pub(crate) fn text_too_long(what: &str, len: usize, max: usize) -> Self {
        ParseError::invalid(
            "",
            format!("{what} of {len} bytes is longer than the {max} accepted"),
        )
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotJson { detail } => write!(f, "not valid JSON: {detail}"),
            ParseError::Invalid { path, problem } if path.is_empty() => write!(f, "{problem}"),
            ParseError::Invalid { path, problem } => write!(f, "{path}: {problem}"),
            ParseError::Missing { path } => write!(f, "{path}: required field is missing"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Why a request cannot be made from what a page (or a client of central-proxy) gave: a
/// serial or task id that is no path segment, an unknown API version, a start request
/// outside the API's limits or one that cannot be read, a fleet's selection the list's
/// filter cannot carry, a verdict rule out of its range. Nothing is sent.
///
/// The texts are those the widget shows after "Widget configuration: " and central-proxy
/// puts in its 400s, so each names the setting as the page wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// A required value is empty: `serial is required`, `destination is required`.
    Required {
        /// The setting's name.
        name: &'static str,
    },
    /// A serial or task id that is `.`, `..` or holds `/` or `\`.
    NotASegment {
        /// `serial` or `task id`.
        name: &'static str,
        /// The value given.
        value: String,
    },
    /// A serial or task id longer than [`crate::paths::MAX_SEGMENT_CHARS`].
    TooLong {
        /// `serial` or `task id`.
        name: &'static str,
    },
    /// A serial or task id with control characters.
    ControlCharacters {
        /// `serial` or `task id`.
        name: &'static str,
    },
    /// An API version that is neither `v1alpha1` nor `v1`.
    UnknownVersion {
        /// The name given.
        name: String,
    },
    /// A credentials mode (whether the browser sends cookies) that is not one of
    /// `fetch`'s names.
    UnknownCredentials {
        /// The name given.
        name: String,
    },
    /// A start request's destination that is no hostname or address (spaces, too long).
    NotAHost,
    /// A start request's number outside the API's limits (inclusive).
    OutOfRange {
        /// The field, as the API names it (`packetSize`).
        name: &'static str,
        /// The least value allowed.
        min: u32,
        /// The greatest value allowed.
        max: u32,
    },
    /// A start request's text field that is empty, too long or has control characters.
    NotShortText {
        /// The field, as the API names it (`interfacePort`).
        name: &'static str,
    },
    /// A start request's JSON that cannot be read (central-proxy's incoming bodies).
    Body(ParseError),
    /// A list of values with an empty entry (`serials` of `"A,,B"`).
    EmptyEntry {
        /// The setting's name (`serials`).
        name: &'static str,
    },
    /// A value that would make the list request's `filter` longer than the API reads
    /// ([`crate::fleet::filter::MAX_FILTER_CHARS`]).
    FilterTooLong {
        /// The setting's name (`siteName`).
        name: &'static str,
        /// The most characters the value may have (a `'` counts twice: it is doubled).
        max: usize,
    },
    /// A list with more entries than are accepted (`serials`, [`crate::fleet::MAX_FLEET_APS`]).
    TooMany {
        /// The setting's name.
        name: &'static str,
        /// The most entries accepted.
        max: usize,
    },
    /// A percentage of the verdict's rules that is not a number in its range.
    PercentOutOfRange {
        /// The setting's name (`lossyAbovePercent`).
        name: &'static str,
        /// Its range in words: `at least 0 and below 100`.
        range: &'static str,
    },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::json::quoted;
        match self {
            RequestError::Required { name } => write!(f, "{name} is required"),
            RequestError::NotASegment { name, value } => {
                write!(f, "{name} {} is not a valid path segment", quoted(value))
            }
            RequestError::TooLong { name } => write!(
                f,
                "{name} is longer than {} characters",
                crate::paths::MAX_SEGMENT_CHARS
            ),
            RequestError::ControlCharacters { name } => {
                write!(f, "{name} contains control characters")
            }
            RequestError::UnknownVersion { name } => write!(
                f,
                "API version {} is not one of \"v1alpha1\", \"v1\"",
                quoted(name)
            ),
            RequestError::UnknownCredentials { name } => write!(
                f,
                "credentials {} is not one of \"same-origin\", \"include\", \"omit\"",
                quoted(name)
            ),
            RequestError::NotAHost => {
                f.write_str("destination must be a hostname or an IP address")
            }
            RequestError::OutOfRange { name, min, max } => {
                write!(f, "{name} must be between {min} and {max}")
            }
            RequestError::NotShortText { name } => {
                write!(f, "{name} must be a short, non-empty text")
            }
            RequestError::Body(error) => error.fmt(f),
            RequestError::EmptyEntry { name } => write!(f, "{name} has an empty entry"),
            RequestError::FilterTooLong { name, max } => write!(
                f,
                "{name} is too long for the API's filter (at most {max} characters)"
            ),
            RequestError::TooMany { name, max } => {
                write!(f, "{name} has more than {max} entries")
            }
            RequestError::PercentOutOfRange { name, range } => {
                write!(f, "{name} must be a percentage {range}")
            }
        }
    }
}

impl std::error::Error for RequestError {}

impl From<ParseError> for RequestError {
    fn from(error: ParseError) -> Self {
        RequestError::Body(error)
    }
}

/// Why the pages of the list of APs, each read well, do not make a fleet to test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingError {
    /// More APs than one fleet view tests ([`crate::fleet::MAX_FLEET_APS`]).
    TooManyAps {
        /// The most accepted.
        max: usize,
    },
    /// A page's `next` names a page already read: following it would never end.
    CursorRepeated {
        /// The cursor, as sent.
        cursor: String,
    },
}

impl fmt::Display for ListingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListingError::TooManyAps { max } => write!(
                f,
                "the selection has more than {max} APs; choose a site or serials with fewer"
            ),
            ListingError::CursorRepeated { cursor } => write!(
                f,
                "the list's next page {} was already read",
                crate::json::quoted(cursor)
            ),
        }
    }
}

impl std::error::Error for ListingError {}
