//! Which APs to list, as the list request's `filter`: a small OData subset (`eq`, `in`,
//! values in single quotes). It is built from checked values only, each quoted with a `'`
//! inside doubled, so no value can end its quotes and add a condition of its own; what
//! the grammar cannot carry (empty values, control characters, a filter over the API's
//! 256 characters) is refused before anything is sent.
//!
//! Values are trimmed. Lengths count characters (Unicode scalar values), as the API's
//! description gives its limit.

use super::list::MAX_PAGE_APS;
use super::MAX_FLEET_APS;
use crate::error::RequestError;
use crate::paths::{check_segment, percent_encode};
use std::collections::HashSet;

/// Longest `filter` the API reads.
pub const MAX_FILTER_CHARS: usize = 256;

/// Which APs the fleet view tests, as the page chose them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApSelection {
    /// The APs of one site, by its id (`siteId`).
    SiteId(String),
    /// The APs of one site, by its name (`siteName`).
    SiteName(String),
    /// These APs (`serials`), in this order; repeats are listed once.
    Serials(Vec<String>),
}

/// The `filter` of each list request to make, in order: one for a site
/// (`siteId eq '24833497'`, `siteName eq 'HQ'`), and for serials as many
/// `serialNumber in ('A', 'B', …)` as the API's 256 characters need, each serial once, in
/// the order given. Every filter is at most [`MAX_FILTER_CHARS`] characters.
pub fn list_filters(selection: &ApSelection) -> Result<Vec<String>, RequestError> {
    match selection {
        ApSelection::SiteId(id) => site_filter("siteId", id).map(|f| vec![f]),
        ApSelection::SiteName(name) => site_filter("siteName", name).map(|f| vec![f]),
        ApSelection::Serials(serials) => serial_filters(serials),
    }
}

/// The query of one list request: `filter=…&limit=1000`, then `&next=…` when a page
/// follows, every value percent-encoded. The largest page is asked for, so that a
/// 1,000-AP site takes one request.
pub fn list_query(filter: &str, next: Option<&str>) -> String {
    let mut query = format!("filter={}&limit={MAX_PAGE_APS}", percent_encode(filter));
    if let Some(next) = next {
        query.push_str("&next=");
        query.push_str(&percent_encode(next));
    }
    query
}

/// `{field} eq '{value}'`, where `field` is also the setting's name.
fn site_filter(field: &'static str, value: &str) -> Result<String, RequestError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(RequestError::Required { name: field });
    }
    if value.chars().any(char::is_control) {
        return Err(RequestError::ControlCharacters { name: field });
    }
    let mut filter = format!("{field} eq ");
    push_quoted(&mut filter, value);
    // The room left for the quoted value's inside.
    let max = MAX_FILTER_CHARS - field.len() - " eq ''".len();
    if filter.chars().count() > MAX_FILTER_CHARS {
        return Err(RequestError::FilterTooLong { name: field, max });
    }
    Ok(filter)
}

/// `serialNumber in ('A', 'B')` filters, packed greedily in the order given.
fn serial_filters(serials: &[String]) -> Result<Vec<String>, RequestError> {
    const OPEN: &str = "serialNumber in (";
    const CLOSE: &str = ")";
    const SEPARATOR: &str = ", ";
    let mut seen = HashSet::new();
    let mut filters = Vec::new();
    let mut current = String::new();
    let mut current_chars = 0;
    for serial in serials {
        let serial = serial.trim();
        if serial.is_empty() {
            return Err(RequestError::EmptyEntry { name: "serials" });
        }
        check_segment("serial", serial)?;
        if !seen.insert(serial) {
            continue;
        }
        if seen.len() > MAX_FLEET_APS {
            return Err(RequestError::TooMany {
                name: "serials",
                max: MAX_FLEET_APS,
            });
        }
        let mut quoted = String::new();
        push_quoted(&mut quoted, serial);
        let quoted_chars = quoted.chars().count();
        if OPEN.len() + quoted_chars + CLOSE.len() > MAX_FILTER_CHARS {
            return Err(RequestError::FilterTooLong {
                name: "serial",
                max: MAX_FILTER_CHARS - OPEN.len() - CLOSE.len() - "''".len(),
            });
        }
        if !current.is_empty()
            && current_chars + SEPARATOR.len() + quoted_chars + CLOSE.len() > MAX_FILTER_CHARS
        {
            current.push_str(CLOSE);
            filters.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            current.push_str(OPEN);
            current_chars = OPEN.len();
        } else {
            current.push_str(SEPARATOR);
            current_chars += SEPARATOR.len();
        }
        current.push_str(&quoted);
        current_chars += quoted_chars;
    }
    if current.is_empty() {
        return Err(RequestError::Required { name: "serials" });
    }
    current.push_str(CLOSE);
    filters.push(current);
    Ok(filters)
}

/// `'value'`, with each `'` doubled as OData escapes it.
fn push_quoted(out: &mut String, value: &str) {
    out.push('\'');
    for c in value.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_doubled() {
        let mut out = String::new();
        push_quoted(&mut out, "a'b''");
        assert_eq!(out, "'a''b'''''");
    }
}
