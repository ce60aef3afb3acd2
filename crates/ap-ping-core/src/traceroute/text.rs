//! Traceroute text to a [`Traceroute`].

use crate::error::ParseError;
use crate::traceroute::model::Traceroute;

/// Longest traceroute text read: 255 hops of long names take under 100 KB.
pub const MAX_TRACE_TEXT_BYTES: usize = 1024 * 1024;

/// Parses traceroute text (`rawOutput`, or what a user pasted).
// PLACEHOLDER (being written): the text formats come in the next commit.
pub fn parse_traceroute_text(text: &str) -> Result<Traceroute, ParseError> {
    let _ = text;
    Err(ParseError::invalid(
        "",
        "the traceroute text reader is not written yet",
    ))
}
