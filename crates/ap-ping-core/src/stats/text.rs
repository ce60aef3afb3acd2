//! Text helpers both readers (the API's JSON and ping text) use: they live below both, so
//! neither reader imports the other's.

use crate::error::ParseError;
use std::rc::Rc;

/// `s` without surrounding whitespace; numbers nearly always have none, so that is
/// checked first (`str::trim` looks for Unicode spaces and is slow on this hot path).
pub fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// `s` as an `Rc<str>`, the previous one again when it is the same text.
pub fn shared(last: &mut Option<Rc<str>>, s: &str) -> Rc<str> {
    match last {
        Some(known) if &**known == s => known.clone(),
        _ => last.insert(Rc::from(s)).clone(),
    }
}

/// Hands `line` each line of `text` (CRLF or LF), numbered from 1 and trimmed: how both
/// text readers walk a text. A text longer than `max` bytes is refused before it is read,
/// named as `what` (`ping text`).
pub fn each_line(
    text: &str,
    max: usize,
    what: &str,
    mut line: impl FnMut(usize, &str),
) -> Result<(), ParseError> {
    if text.len() > max {
        return Err(ParseError::text_too_long(what, text.len(), max));
    }
    for (index, l) in text.lines().enumerate() {
        line(index + 1, trimmed(l));
    }
    Ok(())
}
