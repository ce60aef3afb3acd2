//! Text helpers both readers (the API's JSON and ping text) use: they live below both, so
//! neither reader imports the other's.

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
