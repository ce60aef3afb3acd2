//! `GET /network-monitoring/v1/aps` without HTTP: its query parameters read and checked,
//! the matching APs sorted and cut into pages, and the answer's JSON.
//!
//! - `filter`: see [`super::filter`]; a filter that names the `LOCKED` site (by `siteId`
//!   or `siteName`) answers 403.
//! - `sort`: comma-separated fields of the filter's list, each optionally followed by
//!   `asc` (the default) or `desc`, at most 256 characters; ties (and no `sort`) go by
//!   `deviceName`, then `serialNumber`.
//! - `limit`: 0 to 1000, default 20. `limit=0` answers no items, only `total`.
//! - `next`: the page number a previous answer gave (`"2"`, …), default the first page;
//!   a page past the end answers no items and `next: null`.
//! - Every other parameter is ignored, as Central ignores what it does not know. Each of
//!   the four may be given once; twice is a 400.

use super::filter::{self, Field, Filter};
use super::{all_aps, site_by_id, site_by_name, Ap};
use serde_json::{json, Value};
use std::cmp::Ordering;

/// The page size when `limit` is not given.
pub const DEFAULT_LIMIT: u32 = 20;
/// The largest page.
pub const MAX_LIMIT: u32 = 1000;
/// The longest `sort`, in characters.
pub const MAX_SORT_CHARS: usize = 256;

/// Why a list request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    /// 400, with the message naming the problem.
    BadRequest(String),
    /// 403: the filter names a site the caller may not see.
    Forbidden(String),
}

/// A list request, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub filter: Filter,
    /// Fields and whether each is descending.
    pub sort: Vec<(Field, bool)>,
    pub limit: u32,
    /// The page, from 1.
    pub page: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            filter: Filter::default(),
            sort: Vec::new(),
            limit: DEFAULT_LIMIT,
            page: 1,
        }
    }
}

fn bad<T>(message: impl Into<String>) -> Result<T, ListError> {
    Err(ListError::BadRequest(message.into()))
}

/// Reads the query's name-value pairs (already percent-decoded).
pub fn read_query(pairs: &[(String, String)]) -> Result<ListQuery, ListError> {
    let mut query = ListQuery::default();
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in pairs {
        let name = name.as_str();
        if !["filter", "sort", "limit", "next"].contains(&name) {
            continue;
        }
        if seen.contains(&name) {
            return bad(format!("{name} is given more than once"));
        }
        seen.push(name);
        match name {
            "filter" => {
                query.filter =
                    filter::parse(value).map_err(|e| ListError::BadRequest(e.to_string()))?
            }
            "sort" => query.sort = read_sort(value)?,
            "limit" => {
                query.limit = read_number(value)
                    .filter(|n| *n <= MAX_LIMIT)
                    .map_or_else(
                        || bad(format!("limit must be a whole number from 0 to {MAX_LIMIT}, got '{}'", shorten(value))),
                        Ok,
                    )?
            }
            _ => {
                query.page = read_number(value).filter(|n| *n >= 1).map_or_else(
                    || bad(format!("next must be a page cursor from a previous answer (a page number from 1), got '{}'", shorten(value))),
                    Ok,
                )?
            }
        }
    }
    Ok(query)
}

/// A value for a message: at most 40 characters of it.
fn shorten(value: &str) -> String {
    let mut short: String = value.chars().take(40).collect();
    if value.chars().nth(40).is_some() {
        short.push('…');
    }
    short
}

/// A whole number written in ASCII digits only (no sign, no spaces), up to `u32`.
fn read_number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn read_sort(text: &str) -> Result<Vec<(Field, bool)>, ListError> {
    if text.chars().nth(MAX_SORT_CHARS).is_some() {
        return bad(format!("sort is longer than {MAX_SORT_CHARS} characters"));
    }
    let mut sort = Vec::new();
    for part in text.split(',') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let (name, descending) = match words.as_slice() {
            [name] => (*name, false),
            [name, "asc"] => (*name, false),
            [name, "desc"] => (*name, true),
            [] => return bad("sort has an empty field: write fields separated by commas, as in deviceName,model desc"),
            [_, other, ..] => {
                return bad(format!(
                    "sort: '{}' is not asc or desc",
                    shorten(other)
                ))
            }
        };
        let Some(field) = Field::from_name(name) else {
            return bad(format!("sort: unknown field '{}'", shorten(name)));
        };
        sort.push((field, descending));
    }
    Ok(sort)
}

/// One page of the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub items: Vec<Ap>,
    /// Every AP that matched.
    pub total: usize,
    /// The next page's cursor, `None` on the last page.
    pub next: Option<String>,
}

impl Page {
    /// `{ items, count, total, next }` as the API answers.
    pub fn to_json(&self) -> Value {
        let items: Vec<Value> = self.items.iter().map(Ap::to_json).collect();
        json!({
            "items": items,
            "count": self.items.len(),
            "total": self.total,
            "next": self.next,
        })
    }
}

/// The page a request asks for, or why it is refused.
pub fn list(query: &ListQuery) -> Result<Page, ListError> {
    let locked = query
        .filter
        .values_of(Field::SiteId)
        .filter_map(site_by_id)
        .chain(
            query
                .filter
                .values_of(Field::SiteName)
                .filter_map(site_by_name),
        )
        .find(|site| site.is_locked());
    if let Some(site) = locked {
        return Err(ListError::Forbidden(format!(
            "Forbidden: Access is denied. (site {} {})",
            site.id, site.name
        )));
    }
    let mut matching: Vec<Ap> = all_aps()
        .filter(|ap| query.filter.matches(|f| ap.field(f)))
        .collect();
    matching.sort_by(|a, b| order(&query.sort, a, b));
    let total = matching.len();
    let limit = query.limit as usize;
    let start = (query.page as usize - 1).saturating_mul(limit);
    let items: Vec<Ap> = matching.into_iter().skip(start).take(limit).collect();
    let next =
        (limit > 0 && start.saturating_add(limit) < total).then(|| (query.page + 1).to_string());
    Ok(Page { items, total, next })
}

fn order(sort: &[(Field, bool)], a: &Ap, b: &Ap) -> Ordering {
    sort.iter()
        .map(|(field, descending)| {
            let o = a.field(*field).cmp(&b.field(*field));
            if *descending {
                o.reverse()
            } else {
                o
            }
        })
        .chain([a.device_name.cmp(&b.device_name), a.serial.cmp(&b.serial)])
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Result<ListQuery, ListError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        read_query(&pairs)
    }

    fn page(pairs: &[(&str, &str)]) -> Page {
        list(&query(pairs).unwrap()).unwrap()
    }

    fn names(page: &Page) -> Vec<&str> {
        page.items.iter().map(|a| a.device_name.as_str()).collect()
    }

    fn refusal(pairs: &[(&str, &str)]) -> String {
        match query(pairs).and_then(|q| list(&q)) {
            Err(ListError::BadRequest(m)) => m,
            other => panic!("{pairs:?}: {other:?}"),
        }
    }

    #[test]
    fn defaults_are_the_first_page_of_20_by_device_name() {
        let first = page(&[]);
        assert_eq!(first.items.len(), 20);
        assert_eq!(first.total, 1068);
        assert_eq!(first.next.as_deref(), Some("2"));
        assert_eq!(names(&first)[..2], ["annex-ap-05", "annex-ap-06"]);
        let mut sorted = names(&first);
        sorted.sort();
        assert_eq!(sorted, names(&first));
    }

    #[test]
    fn campus_takes_two_pages_at_limit_1000() {
        let filter = ("filter", "siteName eq 'CAMPUS'");
        let first = page(&[filter, ("limit", "1000")]);
        assert_eq!((first.items.len(), first.total), (1000, 1001));
        assert_eq!(first.next.as_deref(), Some("2"));
        assert_eq!(first.items[0].device_name, "campus-ap-0001");
        let second = page(&[filter, ("limit", "1000"), ("next", "2")]);
        assert_eq!(
            (second.items.len(), second.total, second.next.clone()),
            (1, 1001, None)
        );
        assert_eq!(second.items[0].device_name, "campus-ap-1001");
        let past = page(&[filter, ("limit", "1000"), ("next", "3")]);
        assert_eq!((past.items.len(), past.total, past.next), (0, 1001, None));
        let none = page(&[filter, ("limit", "0")]);
        assert_eq!((none.items.len(), none.total, none.next), (0, 1001, None));
        let exact = page(&[("filter", "siteName eq 'HQ'"), ("limit", "40")]);
        assert_eq!((exact.items.len(), exact.next), (40, None));
    }

    #[test]
    fn sort_is_honoured_with_device_name_breaking_ties() {
        let hq = ("filter", "siteId eq '24833497'");
        let desc = page(&[hq, ("sort", "deviceName desc"), ("limit", "2")]);
        assert_eq!(names(&desc), ["hq-ap-40", "hq-ap-39"]);
        let by_model = page(&[hq, ("sort", "model desc, serialNumber"), ("limit", "2")]);
        assert_eq!(names(&by_model), ["hq-ap-02", "hq-ap-04"]);
        let by_serial = page(&[hq, ("sort", "serialNumber asc"), ("limit", "1")]);
        assert_eq!(names(&by_serial), ["hq-ap-01"]);
        assert!(refusal(&[("sort", "ipv4")]).contains("unknown field 'ipv4'"));
        assert!(refusal(&[("sort", "deviceName up")]).contains("'up' is not asc or desc"));
        assert!(refusal(&[("sort", "deviceName,,model")]).contains("empty field"));
        assert!(refusal(&[("sort", &"deviceName,".repeat(30))]).contains("longer than 256"));
    }

    #[test]
    fn limit_and_next_are_checked() {
        for bad in [
            "1001",
            "-1",
            "abc",
            "",
            " 5",
            "+5",
            "1e3",
            "99999999999999999999",
            "5.0",
        ] {
            assert!(
                refusal(&[("limit", bad)])
                    .starts_with("limit must be a whole number from 0 to 1000"),
                "{bad}"
            );
        }
        for bad in ["0", "-1", "abc", "", "2.0", "99999999999999999999"] {
            assert!(
                refusal(&[("next", bad)]).starts_with("next must be a page cursor"),
                "{bad}"
            );
        }
        assert!(
            refusal(&[("limit", "5"), ("limit", "6")]).contains("limit is given more than once")
        );
        let long = "x".repeat(10_000);
        assert!(
            refusal(&[("limit", &long)]).len() < 200,
            "the message quotes a short piece"
        );
    }

    #[test]
    fn unknown_parameters_are_ignored() {
        let q = query(&[
            ("limits", "5"),
            ("offset", "3"),
            ("deviceType", "SWITCH"),
            ("limit", "7"),
        ])
        .unwrap();
        assert_eq!(
            q,
            ListQuery {
                limit: 7,
                ..ListQuery::default()
            }
        );
    }

    #[test]
    fn a_filter_naming_the_locked_site_is_forbidden() {
        for filter in [
            "siteId eq '24833500'",
            "siteName eq 'LOCKED'",
            "siteId in ('24833497', '24833500')",
            "status eq 'ONLINE' and siteName in ('HQ', 'LOCKED')",
        ] {
            let result = list(&query(&[("filter", filter)]).unwrap());
            assert!(
                matches!(result, Err(ListError::Forbidden(_))),
                "{filter}: {result:?}"
            );
        }
        // Names compare exactly: 'locked' is no site, so nothing matches.
        assert_eq!(page(&[("filter", "siteName eq 'locked'")]).total, 0);
    }

    #[test]
    fn filters_select_by_every_listed_field() {
        let count = |f: &str| page(&[("filter", f)]).total;
        assert_eq!(count("siteName eq 'WAREHOUSE' and status eq 'OFFLINE'"), 1);
        assert_eq!(count("siteName eq 'WAREHOUSE' and status eq 'ONLINE'"), 11);
        assert_eq!(
            count("status eq 'OFFLINE'"),
            2,
            "wh-ap-12 and the demo's offline device"
        );
        assert_eq!(
            count("serialNumber in ('HQ00000007', 'HQ00000023', 'NOPE')"),
            2
        );
        assert_eq!(count("deviceName eq 'campus-ap-0500'"), 1);
        assert_eq!(count("siteId eq '24833497' and model eq 'AP-635'"), 20);
        assert_eq!(
            count("firmwareVersion eq '10.6.0.2_90581' and siteName eq 'HQ'"),
            40
        );
        assert_eq!(count("deployment eq 'Standalone' and siteName eq 'HQ'"), 40);
        assert_eq!(count("clusterName eq 'any'"), 0);
        assert_eq!(count("siteName eq 'HQ' and siteName eq 'CAMPUS'"), 0);
        assert_eq!(count("deviceName eq 'o''brien'"), 0);
        assert!(
            refusal(&[("filter", "siteName eq 'HQ' or siteName eq 'CAMPUS'")])
                .starts_with("Invalid filter: 'or'")
        );
    }
}
