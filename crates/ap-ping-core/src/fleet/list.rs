//! One page of `GET {base}/network-monitoring/v1/aps`, read with the strict JSON reader
//! and the same limits as the status bodies, since a list answer comes from the same
//! network.
//!
//! What is decided here, per field:
//! - `items` is required, an array of at most [`MAX_PAGE_APS`] objects;
//! - an item's `serialNumber` is required, trimmed, and must pass the path-segment rules
//!   ([`crate::paths::check_segment`]): it is put in the test's path. A serial listed twice
//!   in one page is refused (which of the two rows would be tested?);
//! - an item's `deviceName` is required; an empty one is shown as the serial;
//! - `model`, `siteId`, `siteName`, `ipv4` are optional strings, trimmed; empty is absent;
//! - `status` is `ONLINE` or `OFFLINE`; any other string, `null` or no status is
//!   [`ApState::Unknown`];
//! - `count` and `total` are whole JSON numbers; without `count`, it is the items' number;
//! - `next` is a string or `null`; an empty string ends the list like `null` (a cursor of
//!   nothing cannot name a page);
//! - strings are at most [`MAX_FIELD_CHARS`] bytes; every other key is skipped; a known key
//!   sent twice, or a value of the wrong type, is an error naming its place
//!   (`items[3].serialNumber`).

use super::MAX_FLEET_APS;
use crate::error::{ListingError, ParseError};
use crate::json::{quoted, JsonReader, Kind};
use crate::paths::check_segment;
use crate::stats::from_wire::{text, MAX_BODY_BYTES, MAX_FIELD_CHARS};
use crate::wire::{read_document, read_object, text_value, wrong_kind, FieldPath, Place};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Most items one page may hold: the API's largest `limit`, which the view asks for.
pub const MAX_PAGE_APS: usize = 1000;

/// Whether an AP is up, as the list says. Only [`ApState::Offline`] APs are left untested:
/// the API refuses to ping them (409). An AP of unknown state may well be up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApState {
    /// `"status": "ONLINE"`.
    Online,
    /// `"status": "OFFLINE"`.
    Offline,
    /// No status, `null`, or a value this version does not know.
    Unknown,
}

impl ApState {
    /// Reads the API's `status` (exactly as spelled; anything else is unknown).
    pub fn from_api(status: Option<&str>) -> Self {
        match status {
            Some("ONLINE") => ApState::Online,
            Some("OFFLINE") => ApState::Offline,
            _ => ApState::Unknown,
        }
    }

    /// `online`, `offline` or `unknown`: for the CSV and events.
    pub fn as_str(self) -> &'static str {
        match self {
            ApState::Online => "online",
            ApState::Offline => "offline",
            ApState::Unknown => "unknown",
        }
    }

    /// Whether to start a test on it: every AP not known to be offline.
    pub fn may_be_tested(self) -> bool {
        self != ApState::Offline
    }
}

/// One AP of the list, with what the fleet view shows and needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessPoint {
    /// Trimmed and checked by the path-segment rules.
    pub serial: String,
    /// `deviceName`, trimmed; the serial when it is empty.
    pub name: String,
    pub model: Option<String>,
    pub status: ApState,
    pub site_id: Option<String>,
    pub site_name: Option<String>,
    pub ipv4: Option<String>,
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApListPage {
    /// The APs, in the order sent.
    pub items: Vec<AccessPoint>,
    /// The API's `count` (items in this page), or the items' number when it is absent.
    pub count: u32,
    /// All matches over every page, when the API says.
    pub total: Option<u32>,
    /// The cursor of the next page (`"2"`); `None` on the last one.
    pub next: Option<String>,
}

/// The APs of every page read for a selection, as the view follows `next` (and, for
/// many serials, one filter after another). It refuses a fleet over [`MAX_FLEET_APS`] as
/// soon as a page's `total` shows it, and a `next` that names a page already read. An AP
/// a later page lists again (the list moved while it was read) is kept once, as first
/// listed.
#[derive(Debug, Clone, Default)]
pub struct ApListing {
    aps: Vec<AccessPoint>,
    serials: HashSet<String>,
    /// The cursors followed for the current filter.
    cursors: HashSet<String>,
    pages: usize,
}

impl ApListing {
    /// Adds the page read for the cursor `requested` (`None`: the first page of a
    /// filter). Returns the cursor of the next page to read, `None` when the filter's
    /// list is complete.
    pub fn add_page(
        &mut self,
        requested: Option<&str>,
        page: ApListPage,
    ) -> Result<Option<String>, ListingError> {
        if requested.is_none() {
            self.cursors.clear();
        }
        let too_many = ListingError::TooManyAps { max: MAX_FLEET_APS };
        if page.total.is_some_and(|t| t as usize > MAX_FLEET_APS) {
            return Err(too_many);
        }
        for ap in page.items {
            if self.serials.insert(ap.serial.clone()) {
                if self.aps.len() == MAX_FLEET_APS {
                    return Err(too_many);
                }
                self.aps.push(ap);
            }
        }
        self.pages += 1;
        if let Some(requested) = requested {
            self.cursors.insert(requested.to_owned());
        }
        match page.next {
            Some(next) if self.cursors.contains(&next) => {
                Err(ListingError::CursorRepeated { cursor: next })
            }
            next => Ok(next),
        }
    }

    /// The APs so far, in the order listed.
    pub fn aps(&self) -> &[AccessPoint] {
        &self.aps
    }

    /// The pages read so far (for [`crate::fleet::estimate_requests`]).
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// The APs, in the order listed.
    pub fn into_aps(self) -> Vec<AccessPoint> {
        self.aps
    }
}

/// Reads one page of the list of APs; an error names the place of the offending value.
pub fn read_ap_list(body: &str) -> Result<ApListPage, ParseError> {
    #[derive(Clone, Copy)]
    enum Field {
        Items,
        Count,
        Total,
        Next,
    }
    const FIELDS: &[(&str, Field)] = &[
        ("items", Field::Items),
        ("count", Field::Count),
        ("total", Field::Total),
        ("next", Field::Next),
    ];
    if body.len() > MAX_BODY_BYTES {
        return Err(ParseError::body_too_large(body.len(), "a list of APs"));
    }
    let mut items = None;
    let (mut count, mut total, mut next) = (None, None, None);
    read_document(body, FIELDS, |r, field, path| {
        match field {
            Field::Items => items = read_items(r)?,
            Field::Count => count = whole_number(r, path)?,
            Field::Total => total = whole_number(r, path)?,
            Field::Next => {
                next = text_value(r, path)?
                    .map(|s| text(|| path.to_string(), &s, MAX_FIELD_CHARS).map(str::to_owned))
                    .transpose()?
                    .filter(|s| !s.is_empty())
            }
        }
        Ok(())
    })?;
    let items = items.ok_or_else(|| ParseError::Missing {
        path: "items".into(),
    })?;
    Ok(ApListPage {
        // At most MAX_PAGE_APS, so it fits.
        count: count.unwrap_or(items.len() as u32),
        items,
        total,
        next,
    })
}

/// The `items` array (already known to be the value of `items`); `None` for `null`.
fn read_items(r: &mut JsonReader<'_>) -> Result<Option<Vec<AccessPoint>>, ParseError> {
    match r.peek()? {
        Kind::Array => {}
        Kind::Null => {
            r.null()?;
            return Ok(None);
        }
        other => return Err(wrong_kind(r, "items".into(), "an array of APs", other)),
    }
    r.begin_array()?;
    let mut items: Vec<AccessPoint> = Vec::new();
    // Each serial with the index of the item that has it, to name both of a pair.
    let mut serials: HashMap<String, usize> = HashMap::new();
    let mut first = true;
    while r.next_element(&mut first)? {
        let i = items.len();
        if i == MAX_PAGE_APS {
            return Err(ParseError::invalid(
                "items",
                format!("a page holds at most {MAX_PAGE_APS} APs (the API's largest limit), this one more"),
            ));
        }
        let kind = r.peek()?;
        if kind != Kind::Object {
            return Err(wrong_kind(r, format!("items[{i}]"), "an AP object", kind));
        }
        let ap = read_item(r, i)?;
        if let Some(other) = serials.insert(ap.serial.clone(), i) {
            return Err(ParseError::invalid(
                format!("items[{i}].serialNumber"),
                format!(
                    "serial {} is listed twice in one page (also items[{other}])",
                    quoted(&ap.serial)
                ),
            ));
        }
        items.push(ap);
    }
    Ok(Some(items))
}

/// One item (the next value, known to be an object).
fn read_item(r: &mut JsonReader<'_>, i: usize) -> Result<AccessPoint, ParseError> {
    #[derive(Clone, Copy)]
    enum Field {
        Serial,
        Name,
        Model,
        Status,
        SiteId,
        SiteName,
        Ipv4,
    }
    const FIELDS: &[(&str, Field)] = &[
        ("serialNumber", Field::Serial),
        ("deviceName", Field::Name),
        ("model", Field::Model),
        ("status", Field::Status),
        ("siteId", Field::SiteId),
        ("siteName", Field::SiteName),
        ("ipv4", Field::Ipv4),
    ];
    let path = |key| FieldPath {
        place: Place::Item(i),
        key,
    };
    let (mut serial, mut name, mut model, mut status): (Option<Cow<str>>, _, _, _) =
        (None, None, None, None);
    let (mut site_id, mut site_name, mut ipv4) = (None, None, None);
    read_object(r, FIELDS, Place::Item(i), |r, field, path| {
        let value = text_value(r, path)?;
        if let Some(v) = &value {
            text(|| path.to_string(), v, MAX_FIELD_CHARS)?;
        }
        match field {
            Field::Serial => serial = value,
            Field::Name => name = value,
            Field::Model => model = value,
            Field::Status => status = value,
            Field::SiteId => site_id = value,
            Field::SiteName => site_name = value,
            Field::Ipv4 => ipv4 = value,
        }
        Ok(())
    })?;
    let missing = |key| ParseError::Missing {
        path: path(key).to_string(),
    };
    let serial = serial.ok_or_else(|| missing("serialNumber"))?;
    let serial = serial.trim();
    check_segment("serial", serial)
        .map_err(|e| ParseError::invalid(path("serialNumber").to_string(), e.to_string()))?;
    let name = name.ok_or_else(|| missing("deviceName"))?;
    let name = match name.trim() {
        "" => serial,
        name => name,
    };
    let optional = |v: Option<Cow<str>>| {
        v.map(|v| v.trim().to_owned())
            .filter(|v: &String| !v.is_empty())
    };
    Ok(AccessPoint {
        serial: serial.to_owned(),
        name: name.to_owned(),
        model: optional(model),
        status: ApState::from_api(status.as_deref()),
        site_id: optional(site_id),
        site_name: optional(site_name),
        ipv4: optional(ipv4),
    })
}

/// A whole JSON number from 0 to `u32::MAX`, or null.
fn whole_number(r: &mut JsonReader<'_>, path: FieldPath<'_>) -> Result<Option<u32>, ParseError> {
    match r.peek()? {
        Kind::Number => {
            let n = r.number()?;
            if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
                Ok(Some(n as u32))
            } else {
                Err(ParseError::invalid(
                    path.to_string(),
                    format!(
                        "expected a whole number from 0 to {}, got {}",
                        u32::MAX,
                        crate::decimal::format(n, 9)
                    ),
                ))
            }
        }
        Kind::Null => r.null().map(|_| None).map_err(Into::into),
        other => Err(wrong_kind(r, path.to_string(), "a whole number", other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_read_as_spelled() {
        assert_eq!(ApState::from_api(Some("ONLINE")), ApState::Online);
        assert_eq!(ApState::from_api(Some("OFFLINE")), ApState::Offline);
        for other in [Some("online"), Some(""), Some("REBOOTING"), None] {
            assert_eq!(ApState::from_api(other), ApState::Unknown, "{other:?}");
        }
        assert!(ApState::Unknown.may_be_tested());
        assert!(!ApState::Offline.may_be_tested());
    }

    #[test]
    fn a_name_of_blanks_is_shown_as_the_serial() {
        let page =
            read_ap_list(r#"{"items":[{"serialNumber":" CN1 ","deviceName":"  "}]}"#).unwrap();
        assert_eq!(page.items[0].serial, "CN1");
        assert_eq!(page.items[0].name, "CN1");
        assert_eq!(page.count, 1);
    }
}
