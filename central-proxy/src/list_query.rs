//! The query of the AP list (`GET /network-monitoring/v1/aps`), the one request of the
//! monitoring API that is forwarded: only `filter`, `sort`, `limit` and `next`, each at
//! most once and each checked. The browser's query is read strictly (a bad `%` escape,
//! bytes that are not UTF-8, a parameter without `=` are refused, never guessed at), and
//! Central gets a query written anew from the checked values, percent-encoded by the
//! proxy: never the browser's own text. The limits and the encoding are the core's, which
//! the widget builds its queries with ([`ap_ping_core::fleet::list_query`]).

use crate::error::ProxyError;
use ap_ping_core::fleet::{MAX_FILTER_CHARS, MAX_PAGE_APS};
use ap_ping_core::paths::percent_encode;

/// The parameters forwarded, in the order Central gets them.
pub const PARAMETERS: [&str; 4] = ["filter", "sort", "limit", "next"];
/// Longest `filter` and `sort`, in characters once decoded (the API's own limit).
pub const MAX_EXPRESSION_CHARS: usize = MAX_FILTER_CHARS;
/// Largest `limit`: the API's largest page.
pub const MAX_LIMIT: u16 = MAX_PAGE_APS as u16;
const _: () = assert!(
    MAX_PAGE_APS <= u16::MAX as usize,
    "a limit is read as a u16"
);
/// Longest `next`: Central's cursor is a page number, sent as a string.
pub const MAX_NEXT_CHARS: usize = 64;
/// Longest unknown parameter name repeated in a refusal.
const MAX_NAME_SHOWN: usize = 32;

/// The AP list's query, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// The API's filter (`siteName eq 'HQ' and status eq 'ONLINE'`): 1 to 256 characters,
    /// no control characters. Its grammar is Central's to judge.
    pub filter: Option<String>,
    /// Property names, each perhaps with `asc` or `desc`, separated by commas: 1 to 256
    /// letters, digits, spaces and commas.
    pub sort: Option<String>,
    /// The page size, 0 to 1000.
    pub limit: Option<u16>,
    /// The page cursor from the previous answer: 1 to 64 of `A-Z a-z 0-9 . _ ~ -`.
    pub next: Option<String>,
}

impl ListQuery {
    /// Reads a request's raw query (`None` or empty: no parameters). A refusal names the
    /// parameter and what is wrong with it.
    pub fn parse(raw: Option<&str>) -> Result<Self, ProxyError> {
        let mut query = ListQuery::default();
        let Some(raw) = raw.filter(|raw| !raw.is_empty()) else {
            return Ok(query);
        };
        for pair in raw.split('&') {
            let (name, value) = pair.split_once('=').ok_or_else(|| {
                bad("every parameter must be name=value (a lone name or an empty one is refused)")
            })?;
            let name =
                decode(name).ok_or_else(|| bad("a parameter name is not percent-encoded UTF-8"))?;
            if !PARAMETERS.contains(&name.as_str()) {
                return Err(bad(format!(
                    "{} is not forwarded (only filter, sort, limit and next are)",
                    shown(&name)
                )));
            }
            let value =
                decode(value).ok_or_else(|| bad(format!("{name} is not percent-encoded UTF-8")))?;
            let twice = || bad(format!("{name} is given twice"));
            match name.as_str() {
                "filter" => set(&mut query.filter, filter(value)?).ok_or_else(twice)?,
                "sort" => set(&mut query.sort, sort(value)?).ok_or_else(twice)?,
                "limit" => set(&mut query.limit, limit(&value)?).ok_or_else(twice)?,
                _ => set(&mut query.next, next(value)?).ok_or_else(twice)?,
            }
        }
        Ok(query)
    }

    /// The query Central gets (without the `?`; empty when there is no parameter): the
    /// checked values in [`PARAMETERS`]' order, every byte but `A-Z a-z 0-9 - . _ ~`
    /// percent-encoded (a space is `%20`).
    pub fn encode(&self) -> String {
        let limit = self.limit.map(|limit| limit.to_string());
        let values = [
            self.filter.as_deref(),
            self.sort.as_deref(),
            limit.as_deref(),
            self.next.as_deref(),
        ];
        PARAMETERS
            .iter()
            .zip(values)
            .filter_map(|(name, value)| Some(format!("{name}={}", percent_encode(value?))))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn bad(problem: impl Into<String>) -> ProxyError {
    ProxyError::BadQuery {
        problem: problem.into(),
    }
}

/// Fills an empty slot; `None` when it was filled already (a parameter given twice).
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

fn filter(value: String) -> Result<String, ProxyError> {
    let chars = value.chars().count();
    if chars == 0 || chars > MAX_EXPRESSION_CHARS {
        return Err(bad(format!(
            "filter must have 1 to {MAX_EXPRESSION_CHARS} characters, not {chars}"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(bad("filter has a control character"));
    }
    Ok(value)
}

fn sort(value: String) -> Result<String, ProxyError> {
    let fits = (1..=MAX_EXPRESSION_CHARS).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b',');
    if !fits {
        return Err(bad(format!(
            "sort must be 1 to {MAX_EXPRESSION_CHARS} letters, digits, spaces and commas"
        )));
    }
    Ok(value)
}

fn limit(value: &str) -> Result<u16, ProxyError> {
    (1..=4)
        .contains(&value.len())
        .then_some(value)
        .filter(|v| v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<u16>().ok())
        .filter(|limit| *limit <= MAX_LIMIT)
        .ok_or_else(|| {
            bad(format!(
                "limit must be a whole number from 0 to {MAX_LIMIT}"
            ))
        })
}

fn next(value: String) -> Result<String, ProxyError> {
    let fits = (1..=MAX_NEXT_CHARS).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'));
    if !fits {
        return Err(bad(format!(
            "next must be 1 to {MAX_NEXT_CHARS} letters, digits, '.', '_', '~' or '-'"
        )));
    }
    Ok(value)
}

/// An unknown name as a refusal repeats it: quoted, escaped, cut short.
fn shown(name: &str) -> String {
    let cut: String = name.chars().take(MAX_NAME_SHOWN).collect();
    let more = if cut.len() < name.len() { "…" } else { "" };
    format!("\"{}{more}\"", cut.escape_debug())
}

/// `application/x-www-form-urlencoded` decoding, strict: `+` is a space, `%` must start
/// two hex digits, and the bytes must be UTF-8. `None` otherwise.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(raw: &str) -> String {
        match ListQuery::parse(Some(raw)) {
            Err(ProxyError::BadQuery { problem }) => problem,
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn the_widgets_queries_are_read_and_written_anew() {
        let q = ListQuery::parse(Some(
            "filter=siteName%20eq%20%27HQ%27%20and%20status%20eq%20%27ONLINE%27&limit=1000",
        ))
        .unwrap();
        assert_eq!(
            q.filter.as_deref(),
            Some("siteName eq 'HQ' and status eq 'ONLINE'")
        );
        assert_eq!(q.limit, Some(1000));
        assert_eq!(
            q.encode(),
            "filter=siteName%20eq%20%27HQ%27%20and%20status%20eq%20%27ONLINE%27&limit=1000"
        );
        // URLSearchParams' spelling (`+` for a space), in another order: the same query.
        let q = ListQuery::parse(Some(
            "next=2&limit=0010&sort=deviceName%2Cmodel+desc&filter=serialNumber+in+(%27A1%27%2C+%27B2%27)",
        ))
        .unwrap();
        assert_eq!(q.filter.as_deref(), Some("serialNumber in ('A1', 'B2')"));
        assert_eq!(q.sort.as_deref(), Some("deviceName,model desc"));
        assert_eq!(
            q.encode(),
            "filter=serialNumber%20in%20%28%27A1%27%2C%20%27B2%27%29&sort=deviceName%2Cmodel%20desc&limit=10&next=2"
        );
        // What a value holds cannot add a parameter.
        let q = ListQuery::parse(Some("filter=a%26limit%3D5%23x%3F")).unwrap();
        assert_eq!(q.filter.as_deref(), Some("a&limit=5#x?"));
        assert_eq!(q.encode(), "filter=a%26limit%3D5%23x%3F");
        assert_eq!(q.limit, None);
        let quoted = ListQuery::parse(Some("filter=deviceName%20eq%20%27O%27%27Brien%27")).unwrap();
        assert_eq!(quoted.filter.as_deref(), Some("deviceName eq 'O''Brien'"));
    }

    #[test]
    fn no_query_is_no_parameter() {
        for raw in [None, Some("")] {
            let q = ListQuery::parse(raw).unwrap();
            assert_eq!(q, ListQuery::default());
            assert_eq!(q.encode(), "");
        }
    }

    #[test]
    fn filter_is_at_most_256_characters_once_decoded_without_control_characters() {
        let longest = "é".repeat(256);
        let q = ListQuery::parse(Some(&format!("filter={}", percent_encode(&longest)))).unwrap();
        assert_eq!(
            q.filter.as_deref(),
            Some(longest.as_str()),
            "256 characters, 512 bytes"
        );
        assert!(refused(&format!("filter={}", "a".repeat(257))).contains("filter"));
        assert!(refused(&format!("filter={}", "%61".repeat(257))).contains("not 257"));
        for control in ["%0A", "%00", "%7F", "%C2%85", "%0D"] {
            assert_eq!(
                refused(&format!("filter=a{control}b")),
                "filter has a control character",
                "{control}"
            );
        }
        assert!(refused("filter=").starts_with("filter must have 1 to 256"));
    }

    #[test]
    fn sort_is_letters_digits_spaces_and_commas() {
        let q = ListQuery::parse(Some("sort=deviceName%2Cmodel%20desc")).unwrap();
        assert_eq!(q.sort.as_deref(), Some("deviceName,model desc"));
        assert!(ListQuery::parse(Some(&format!("sort={}", "a".repeat(256)))).is_ok());
        for bad in [
            "sort=",
            "sort=name%3Bx",
            "sort=name'",
            "sort=n%C3%A9",
            "sort=a%0A",
            "sort=a-b",
        ] {
            assert!(refused(bad).starts_with("sort must be"), "{bad}");
        }
        assert!(refused(&format!("sort={}", "a".repeat(257))).starts_with("sort must be"));
    }

    #[test]
    fn limit_is_a_whole_number_from_0_to_1000() {
        for (raw, limit) in [
            ("0", 0),
            ("1", 1),
            ("20", 20),
            ("1000", 1000),
            ("0999", 999),
        ] {
            let q = ListQuery::parse(Some(&format!("limit={raw}"))).unwrap();
            assert_eq!(q.limit, Some(limit), "{raw}");
            assert_eq!(q.encode(), format!("limit={limit}"));
        }
        for bad in [
            "", "1001", "-1", "+5", "%2B5", "1.5", "1e3", "01000", "5%20", "%205", "x", "65536",
        ] {
            assert_eq!(
                refused(&format!("limit={bad}")),
                "limit must be a whole number from 0 to 1000",
                "{bad}"
            );
        }
    }

    #[test]
    fn next_is_a_short_cursor_of_url_safe_characters() {
        for good in ["2", "a.b_c~d-E", &"9".repeat(64)] {
            let q = ListQuery::parse(Some(&format!("next={good}"))).unwrap();
            assert_eq!(q.next.as_deref(), Some(good));
            assert_eq!(q.encode(), format!("next={good}"));
        }
        for bad in [
            "",
            "..%2Fx",
            "../x",
            "a%20b",
            "a+b",
            "%00",
            "%C3%A9",
            &"9".repeat(65),
        ] {
            assert!(
                refused(&format!("next={bad}")).starts_with("next must be"),
                "{bad}"
            );
        }
    }

    #[test]
    fn other_twice_given_or_undecodable_parameters_are_refused() {
        assert_eq!(
            refused("filter=a&deviceType=SWITCH"),
            r#""deviceType" is not forwarded (only filter, sort, limit and next are)"#
        );
        assert!(
            refused("Filter=a").starts_with(r#""Filter""#),
            "names are exact"
        );
        assert!(refused(&format!("{}=1", "x".repeat(100))).contains("…"));
        assert!(refused("a%0Ab=1").starts_with(r#""a\nb""#), "shown escaped");
        assert_eq!(refused("filter=a&filter=a"), "filter is given twice");
        assert_eq!(refused("limit=1&limit=2"), "limit is given twice");
        assert_eq!(refused("next=1&next=1"), "next is given twice");
        assert_eq!(refused("sort=a&sort=a"), "sort is given twice");
        for undecodable in [
            "filter=%",
            "filter=%4",
            "filter=%zz",
            "filter=%FF",
            "filter=%C3",
        ] {
            assert_eq!(
                refused(undecodable),
                "filter is not percent-encoded UTF-8",
                "{undecodable}"
            );
        }
        assert!(refused("fil%ter=a").contains("name"));
        for lone in ["filter", "filter=a&", "&filter=a", "filter=a&&limit=1"] {
            assert!(
                refused(lone).starts_with("every parameter must be name=value"),
                "{lone}"
            );
        }
        assert!(refused("=a").starts_with(r#""" is not forwarded"#));
    }

    #[test]
    fn the_widgets_own_queries_pass_unchanged() {
        use ap_ping_core::fleet::{list_filters, list_query, ApSelection};
        let serials = (0..40).map(|i| format!("CNF7G9X{i:03}")).collect();
        for selection in [
            ApSelection::SiteName("O'Brien's HQ".into()),
            ApSelection::SiteId("24833497".into()),
            ApSelection::SiteName("é".repeat(MAX_EXPRESSION_CHARS - "siteName eq ''".len())),
            ApSelection::Serials(serials),
        ] {
            for filter in list_filters(&selection).unwrap() {
                for next in [None, Some("2")] {
                    let sent = list_query(&filter, next);
                    let q = ListQuery::parse(Some(&sent)).unwrap();
                    assert_eq!(q.filter.as_deref(), Some(filter.as_str()));
                    assert_eq!(q.encode(), sent);
                }
            }
        }
    }

    #[test]
    fn encoded_names_are_the_names() {
        let q = ListQuery::parse(Some("%66ilter=a")).unwrap();
        assert_eq!(q.filter.as_deref(), Some("a"));
    }
}
