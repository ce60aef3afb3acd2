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
