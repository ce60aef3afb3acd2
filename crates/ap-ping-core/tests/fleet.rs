//! The fleet view's pure logic: reading the list of APs, the list's filter and query, the
//! verdict, the CSV.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::fleet::{
    estimate_requests, fleet_csv, list_filters, list_query, read_ap_list, verdict, AccessPoint,
    ApFigures, ApListPage, ApListing, ApOutcome, ApSelection, ApState, FleetCsvRow, Verdict,
    VerdictRules, MAX_FILTER_CHARS, MAX_FLEET_APS,
};
use ap_ping_core::{ListingError, ParseError, RequestError};
use proptest::prelude::*;
use serde_json::{json, Value};

// ── the list ─────────────────────────────────────────────────────────────────────────

/// The API description's example answer.
const DESCRIPTION_EXAMPLE: &str = r#"{
  "items": [
    {
      "serialNumber": "CNF7G9X001", "deviceName": "lobby-ap-01", "macAddress": "aa:bb:cc:dd:ee:01",
      "siteId": "24833497", "siteName": "HQ", "id": "CNF7G9X001", "type": "ACCESS_POINT",
      "status": "ONLINE", "model": "AP-515", "ipv4": "10.1.20.11",
      "firmwareVersion": "10.6.0.2_90581", "deployment": "Standalone"
    }
  ],
  "count": 1,
  "total": 1,
  "next": null
}"#;

/// An item as Central sends it, every field present.
fn item(i: usize) -> Value {
    json!({
        "serialNumber": format!("CNF7G9X{i:03}"),
        "deviceName": format!("ap-{i:03}"),
        "macAddress": "aa:bb:cc:dd:ee:ff",
        "siteId": "24833497",
        "siteName": "HQ",
        "id": format!("CNF7G9X{i:03}"),
        "type": "ACCESS_POINT",
        "status": if i % 7 == 3 { "OFFLINE" } else { "ONLINE" },
        "model": "AP-515",
        "ipv4": format!("10.1.{}.{}", i / 250, i % 250),
        "firmwareVersion": "10.6.0.2_90581",
        "deployment": "Standalone",
        "clusterName": null,
        "role": "ap"
    })
}

fn page(items: Vec<Value>, total: usize, next: Value) -> String {
    json!({"items": items.clone(), "count": items.len(), "total": total, "next": next}).to_string()
}

/// The message of a list that cannot be read.
fn list_error(body: &str) -> String {
    read_ap_list(body).unwrap_err().to_string()
}

#[test]
fn the_descriptions_example_is_read() {
    let page = read_ap_list(DESCRIPTION_EXAMPLE).unwrap();
    assert_eq!(
        page.items,
        [AccessPoint {
            serial: "CNF7G9X001".into(),
            name: "lobby-ap-01".into(),
            model: Some("AP-515".into()),
            status: ApState::Online,
            site_id: Some("24833497".into()),
            site_name: Some("HQ".into()),
            ipv4: Some("10.1.20.11".into()),
        }]
    );
    assert_eq!((page.count, page.total, page.next), (1, Some(1), None));
}

#[test]
fn a_full_page_of_1000_aps_is_read_in_order() {
    let body = page((0..1000).map(item).collect(), 1001, json!("2"));
    let page = read_ap_list(&body).unwrap();
    assert_eq!(page.items.len(), 1000);
    assert_eq!((page.count, page.total), (1000, Some(1001)));
    assert_eq!(page.next.as_deref(), Some("2"));
    assert_eq!(page.items[999].serial, "CNF7G9X999");
    assert_eq!(page.items[3].status, ApState::Offline);
    assert_eq!(page.items[4].status, ApState::Online);
}

#[test]
fn the_next_cursor_is_followed_until_null() {
    let first = read_ap_list(&page(vec![item(0)], 2, json!("2"))).unwrap();
    assert_eq!(first.next.as_deref(), Some("2"));
    let last = read_ap_list(&page(vec![item(1)], 2, Value::Null)).unwrap();
    assert_eq!(last.next, None);
    let absent = read_ap_list(r#"{"items":[]}"#).unwrap();
    assert_eq!((absent.next, absent.count, absent.total), (None, 0, None));
    // A cursor of nothing cannot name a page: it ends the list like null.
    let empty = read_ap_list(r#"{"items":[],"next":""}"#).unwrap();
    assert_eq!(empty.next, None);
}

#[test]
fn optional_fields_may_be_absent_null_or_empty() {
    let body = r#"{"items":[
        {"serialNumber":"CN1","deviceName":"a"},
        {"serialNumber":"CN2","deviceName":"b","model":null,"siteId":null,"siteName":null,"ipv4":null,"status":null},
        {"serialNumber":"CN3","deviceName":"c","model":"  ","siteName":"","ipv4":" 10.0.0.3 "}
    ],"count":3}"#;
    let page = read_ap_list(body).unwrap();
    for ap in &page.items[..2] {
        assert_eq!(
            (&ap.model, &ap.site_id, &ap.site_name, &ap.ipv4),
            (&None, &None, &None, &None),
            "{ap:?}"
        );
        assert_eq!(ap.status, ApState::Unknown);
    }
    assert_eq!(page.items[2].model, None);
    assert_eq!(page.items[2].site_name, None);
    assert_eq!(page.items[2].ipv4.as_deref(), Some("10.0.0.3"));
}

#[test]
fn offline_and_unknown_states_are_told_apart() {
    let body = r#"{"items":[
        {"serialNumber":"CN1","deviceName":"a","status":"OFFLINE"},
        {"serialNumber":"CN2","deviceName":"b","status":"REBOOTING"},
        {"serialNumber":"CN3","deviceName":"c","status":"online"}
    ]}"#;
    let states: Vec<ApState> = read_ap_list(body)
        .unwrap()
        .items
        .iter()
        .map(|ap| ap.status)
        .collect();
    assert_eq!(
        states,
        [ApState::Offline, ApState::Unknown, ApState::Unknown]
    );
    assert!(!states[0].may_be_tested() && states[1].may_be_tested());
}

#[test]
fn a_required_field_that_is_missing_is_named_by_its_place() {
    let mut items: Vec<Value> = (0..5).map(item).collect();
    items[3].as_object_mut().unwrap().remove("serialNumber");
    assert_eq!(
        read_ap_list(&page(items, 5, Value::Null)),
        Err(ParseError::Missing {
            path: "items[3].serialNumber".into()
        })
    );
    for (body, message) in [
        (
            r#"{"items":[{"serialNumber":"CN1"}]}"#,
            "items[0].deviceName: required field is missing",
        ),
        (
            r#"{"items":[{"serialNumber":null,"deviceName":"a"}]}"#,
            "items[0].serialNumber: required field is missing",
        ),
        (r#"{"count":0}"#, "items: required field is missing"),
        (r#"{"items":null}"#, "items: required field is missing"),
    ] {
        assert_eq!(list_error(body), message, "{body}");
    }
}

#[test]
fn a_serial_the_path_rules_refuse_is_an_error_at_its_place() {
    for (serial, problem) in [
        ("a/b", r#"serial "a/b" is not a valid path segment"#),
        ("..", r#"serial ".." is not a valid path segment"#),
        ("a\\\\b", r#"serial "a\\b" is not a valid path segment"#),
        ("", "serial is required"),
        ("   ", "serial is required"),
        ("a\\u0000b", "serial contains control characters"),
        (&"X".repeat(129), "serial is longer than 128 characters"),
    ] {
        let body = format!(
            r#"{{"items":[{{"serialNumber":"CN0","deviceName":"a"}},{{"serialNumber":"{serial}","deviceName":"b"}}]}}"#
        );
        assert_eq!(
            list_error(&body),
            format!("items[1].serialNumber: {problem}"),
            "{serial}"
        );
    }
}

#[test]
fn a_serial_listed_twice_in_a_page_is_refused() {
    let body = page(vec![item(0), item(1), item(0)], 3, Value::Null);
    assert_eq!(
        list_error(&body),
        r#"items[2].serialNumber: serial "CNF7G9X000" is listed twice in one page (also items[0])"#
    );
}

#[test]
fn values_of_the_wrong_type_are_named_by_their_place() {
    for (body, message) in [
        ("[]", "expected a JSON object, got an array"),
        (r#""items""#, "expected a JSON object, got a string"),
        (
            r#"{"items":{}}"#,
            "items: expected an array of APs, got an object",
        ),
        (
            r#"{"items":[1]}"#,
            "items[0]: expected an AP object, got the number 1",
        ),
        (
            r#"{"items":[{"serialNumber":7,"deviceName":"a"}]}"#,
            "items[0].serialNumber: expected a string, got the number 7",
        ),
        (
            r#"{"items":[{"serialNumber":"CN1","deviceName":["a"]}]}"#,
            "items[0].deviceName: expected a string, got an array",
        ),
        (
            r#"{"items":[{"serialNumber":"CN1","deviceName":"a","status":true}]}"#,
            "items[0].status: expected a string, got true",
        ),
        (
            r#"{"items":[],"count":"1"}"#,
            r#"count: expected a whole number, got the string "1""#,
        ),
        (
            r#"{"items":[],"total":-1}"#,
            "total: expected a whole number from 0 to 4294967295, got -1",
        ),
        (
            r#"{"items":[],"total":1.5}"#,
            "total: expected a whole number from 0 to 4294967295, got 1.5",
        ),
        (
            r#"{"items":[],"next":2}"#,
            "next: expected a string, got the number 2",
        ),
        (
            r#"{"items":[],"items":[]}"#,
            "items: the field is sent twice",
        ),
        (
            r#"{"items":[{"serialNumber":"CN1","deviceName":"a","serialNumber":"CN2"}]}"#,
            "items[0].serialNumber: the field is sent twice",
        ),
    ] {
        assert_eq!(list_error(body), message, "{body}");
    }
}

#[test]
fn text_that_is_not_json_is_refused() {
    for body in ["", "{", r#"{"items":[}"#, "<html>", r#"{"items":[]} x"#] {
        assert!(
            matches!(read_ap_list(body), Err(ParseError::NotJson { .. })),
            "{body}"
        );
    }
}

#[test]
fn a_page_of_1001_aps_is_refused() {
    let body = page((0..1001).map(item).collect(), 1001, Value::Null);
    assert_eq!(
        list_error(&body),
        "items: a page holds at most 1000 APs (the API's largest limit), this one more"
    );
}

#[test]
fn hostile_bodies_are_refused_without_a_panic() {
    // Deep nesting, in an item's unknown field and in the list itself.
    let deep = format!(
        r#"{{"items":[{{"serialNumber":"CN1","deviceName":"a","x":{}{}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(
        list_error(&deep).contains("recursion limit exceeded"),
        "deep"
    );
    let deep = format!(r#"{{"items":{}"#, "[".repeat(100_000));
    assert_eq!(
        list_error(&deep),
        "items[0]: expected an AP object, got an array"
    );
    // Huge strings: a name, a cursor, and a body over the parsers' limit.
    let name = "n".repeat(2_000_000);
    let body = format!(r#"{{"items":[{{"serialNumber":"CN1","deviceName":"{name}"}}]}}"#);
    assert_eq!(
        list_error(&body),
        "items[0].deviceName: a string of 2000000 bytes is longer than the 1024 accepted"
    );
    let body = format!(r#"{{"items":[],"next":"{name}"}}"#);
    assert!(list_error(&body).starts_with("next: a string of 2000000 bytes"));
    let huge = format!(r#"{{"items":[],"x":"{}"}}"#, "x".repeat(33 * 1024 * 1024));
    assert_eq!(
        list_error(&huge),
        format!(
            "a body of {} bytes is too large to be a list of APs",
            huge.len()
        )
    );
}

#[test]
fn a_huge_string_in_an_unknown_field_is_skipped() {
    let body = format!(
        r#"{{"items":[{{"serialNumber":"CN1","deviceName":"a","notes":"{}"}}]}}"#,
        "x".repeat(100_000)
    );
    assert_eq!(read_ap_list(&body).unwrap().items[0].serial, "CN1");
}

proptest! {
    /// Any text, and any JSON of roughly the right shape, is read or refused: never a panic.
    #[test]
    fn any_text_is_read_or_refused(text in ".{0,200}") {
        let _ = read_ap_list(&text);
    }

    #[test]
    fn any_item_fields_are_read_or_refused(
        serial in prop::option::of(".{0,20}"),
        name in prop::option::of(".{0,20}"),
        status in prop::option::of("[A-Z]{0,8}"),
        count in prop::option::of(-5i64..5),
    ) {
        let mut ap = json!({});
        if let Some(s) = serial { ap["serialNumber"] = json!(s); }
        if let Some(n) = name { ap["deviceName"] = json!(n); }
        if let Some(s) = status { ap["status"] = json!(s); }
        let mut body = json!({"items": [ap]});
        if let Some(c) = count { body["count"] = json!(c); }
        if let Ok(page) = read_ap_list(&body.to_string()) {
            prop_assert!(ap_ping_core::paths::check_segment("serial", &page.items[0].serial).is_ok());
            prop_assert!(!page.items[0].name.trim().is_empty());
        }
    }
}

// ── the pages together ───────────────────────────────────────────────────────────────

fn read_page(range: std::ops::Range<usize>, total: usize, next: Value) -> ApListPage {
    read_ap_list(&page(range.map(item).collect(), total, next)).unwrap()
}

#[test]
fn pages_are_followed_until_next_is_null() {
    let mut listing = ApListing::default();
    let next = listing.add_page(None, read_page(0..1000, 1001, json!("2")));
    assert_eq!(next, Ok(Some("2".to_owned())));
    let next = listing.add_page(Some("2"), read_page(1000..1001, 1001, Value::Null));
    assert_eq!(next, Ok(None));
    assert_eq!(listing.pages(), 2);
    assert_eq!(listing.aps().len(), 1001);
    assert_eq!(listing.into_aps()[1000].serial, "CNF7G9X1000");
}

#[test]
fn more_aps_than_a_fleet_holds_are_refused() {
    // At once, when the first page's total says so.
    let mut listing = ApListing::default();
    assert_eq!(
        listing.add_page(None, read_page(0..10, MAX_FLEET_APS + 1, json!("2"))),
        Err(ListingError::TooManyAps { max: MAX_FLEET_APS })
    );
    // Without a total, when the pages bring more.
    let mut listing = ApListing::default();
    let mut next = None;
    for start in [0, 1000] {
        let mut page = read_page(start..start + 1000, 0, json!("x"));
        page.total = None;
        page.next = Some(format!("{start}"));
        next = listing.add_page(next.as_deref(), page).unwrap();
    }
    let mut last = read_page(2000..2001, 0, Value::Null);
    last.total = None;
    let error = listing.add_page(next.as_deref(), last).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the selection has more than 2000 APs; choose a site or serials with fewer"
    );
}

#[test]
fn a_cursor_that_comes_back_is_refused() {
    let mut listing = ApListing::default();
    assert_eq!(
        listing.add_page(None, read_page(0..2, 6, json!("2"))),
        Ok(Some("2".into()))
    );
    assert_eq!(
        listing.add_page(Some("2"), read_page(2..4, 6, json!("3"))),
        Ok(Some("3".into()))
    );
    let error = listing
        .add_page(Some("3"), read_page(4..6, 6, json!("2")))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"the list's next page "2" was already read"#
    );
    // The next filter's pages start again: its cursor "2" is its own.
    let mut listing = ApListing::default();
    listing
        .add_page(None, read_page(0..1, 2, json!("2")))
        .unwrap();
    listing
        .add_page(Some("2"), read_page(1..2, 2, Value::Null))
        .unwrap();
    assert_eq!(
        listing.add_page(None, read_page(2..3, 2, json!("2"))),
        Ok(Some("2".into()))
    );
}

#[test]
fn an_ap_listed_again_by_a_later_page_is_kept_once() {
    let mut listing = ApListing::default();
    listing
        .add_page(None, read_page(0..3, 5, json!("2")))
        .unwrap();
    listing
        .add_page(Some("2"), read_page(2..5, 5, Value::Null))
        .unwrap();
    let serials: Vec<&str> = listing.aps().iter().map(|ap| ap.serial.as_str()).collect();
    assert_eq!(
        serials,
        [
            "CNF7G9X000",
            "CNF7G9X001",
            "CNF7G9X002",
            "CNF7G9X003",
            "CNF7G9X004"
        ]
    );
}

// ── the filter ───────────────────────────────────────────────────────────────────────

fn filters(selection: ApSelection) -> Result<Vec<String>, String> {
    list_filters(&selection).map_err(|e| e.to_string())
}

#[test]
fn a_site_is_selected_by_id_or_name() {
    assert_eq!(
        filters(ApSelection::SiteId("24833497".into())),
        Ok(vec!["siteId eq '24833497'".to_owned()])
    );
    // Values are trimmed: a stray space or line break of an attribute is no part of a name.
    for name in [" HQ ", "HQ\n"] {
        assert_eq!(
            filters(ApSelection::SiteName(name.into())),
            Ok(vec!["siteName eq 'HQ'".to_owned()])
        );
    }
}

#[test]
fn a_quote_in_a_value_is_doubled() {
    assert_eq!(
        filters(ApSelection::SiteName("O'Brien's site".into())),
        Ok(vec!["siteName eq 'O''Brien''s site'".to_owned()])
    );
    // A value that tries to end its quotes and add a condition stays one value.
    assert_eq!(
        filters(ApSelection::SiteName("x' or siteName eq 'y".into())),
        Ok(vec!["siteName eq 'x'' or siteName eq ''y'".to_owned()])
    );
    assert_eq!(
        filters(ApSelection::Serials(vec!["A'B".into()])),
        Ok(vec!["serialNumber in ('A''B')".to_owned()])
    );
}

#[test]
fn what_the_grammar_cannot_carry_is_refused_by_name() {
    for (selection, message) in [
        (ApSelection::SiteName("".into()), "siteName is required"),
        (ApSelection::SiteId("  ".into()), "siteId is required"),
        (
            ApSelection::SiteName("H\nQ".into()),
            "siteName contains control characters",
        ),
        (
            ApSelection::SiteId("1\u{7f}".into()),
            "siteId contains control characters",
        ),
        (
            ApSelection::SiteName("x".repeat(243)),
            "siteName is too long for the API's filter (at most 242 characters)",
        ),
        (
            ApSelection::SiteId("1".repeat(245)),
            "siteId is too long for the API's filter (at most 244 characters)",
        ),
        (ApSelection::Serials(vec![]), "serials is required"),
        (
            ApSelection::Serials(vec!["A".into(), " ".into()]),
            "serials has an empty entry",
        ),
        (
            ApSelection::Serials(vec!["A/B".into()]),
            r#"serial "A/B" is not a valid path segment"#,
        ),
        (
            ApSelection::Serials(vec!["A\tB".into()]),
            "serial contains control characters",
        ),
        (
            ApSelection::Serials(vec!["'".repeat(120)]),
            "serial is too long for the API's filter (at most 236 characters)",
        ),
        (
            ApSelection::Serials((0..=MAX_FLEET_APS).map(|i| format!("CN{i}")).collect()),
            "serials has more than 2000 entries",
        ),
    ] {
        assert_eq!(
            filters(selection.clone()),
            Err(message.to_owned()),
            "{selection:?}"
        );
    }
}

#[test]
fn a_filter_of_exactly_256_characters_is_accepted_and_one_more_refused() {
    // `siteName eq '` and `'` take 14 characters.
    let fits = "x".repeat(MAX_FILTER_CHARS - 14);
    let filter = filters(ApSelection::SiteName(fits.clone())).unwrap();
    assert_eq!(filter[0].chars().count(), MAX_FILTER_CHARS);
    let over = format!("{fits}x");
    assert_eq!(
        list_filters(&ApSelection::SiteName(over)),
        Err(RequestError::FilterTooLong {
            name: "siteName",
            max: 242
        })
    );
    // A doubled quote takes two: 240 letters and one `'` fit, 241 and one do not.
    let quoted = format!("{}'", "x".repeat(240));
    assert_eq!(
        filters(ApSelection::SiteName(quoted)).unwrap()[0]
            .chars()
            .count(),
        256
    );
    assert!(filters(ApSelection::SiteName(format!("{}'", "x".repeat(241)))).is_err());
    // Characters, not bytes: 242 two-byte letters fit.
    let wide = "é".repeat(242);
    assert_eq!(
        filters(ApSelection::SiteName(wide)).unwrap()[0]
            .chars()
            .count(),
        256
    );
}

#[test]
fn serials_are_deduplicated_in_order() {
    assert_eq!(
        filters(ApSelection::Serials(
            ["CN2", "CN1", " CN2 ", "CN3", "CN1"]
                .map(String::from)
                .to_vec()
        )),
        Ok(vec!["serialNumber in ('CN2', 'CN1', 'CN3')".to_owned()])
    );
}

#[test]
fn a_serial_filter_is_filled_up_to_256_characters() {
    // `serialNumber in (` + 'S…' + `)`: 18 characters and 2 quotes; each further serial 2 more.
    let serials: Vec<String> = (0..20).map(|i| format!("{i:0>10}")).collect();
    let filters = filters(ApSelection::Serials(serials)).unwrap();
    // 18 + 12 + n × 14 ≤ 256 gives 17 serials in the first filter.
    assert_eq!(filters.len(), 2);
    assert_eq!(filters[0].chars().count(), 18 + 12 + 16 * 14);
    assert_eq!(filters[0].matches('\'').count(), 34);
    assert_eq!(filters[1].matches('\'').count(), 6);
}

/// The serials a filter names, unquoted.
fn serials_in(filter: &str) -> Vec<String> {
    let inner = filter
        .strip_prefix("serialNumber in (")
        .and_then(|f| f.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{filter}"));
    let mut serials = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        assert_eq!(c, '\'', "{filter}");
        let mut serial = String::new();
        loop {
            match chars.next() {
                Some('\'') if chars.peek() == Some(&'\'') => {
                    chars.next();
                    serial.push('\'');
                }
                Some('\'') => break,
                Some(c) => serial.push(c),
                None => panic!("unterminated: {filter}"),
            }
        }
        serials.push(serial);
        if chars.peek().is_some() {
            assert_eq!((chars.next(), chars.next()), (Some(','), Some(' ')));
        }
    }
    serials
}

#[test]
fn a_thousand_serials_take_several_filters() {
    let serials: Vec<String> = (0..1000).map(|i| format!("CNF7G9X{i:03}")).collect();
    let filters = list_filters(&ApSelection::Serials(serials.clone())).unwrap();
    assert!(filters.len() > 50, "{}", filters.len());
    assert!(filters
        .iter()
        .all(|f| f.chars().count() <= MAX_FILTER_CHARS));
    let named: Vec<String> = filters.iter().flat_map(|f| serials_in(f)).collect();
    assert_eq!(named, serials);
}

proptest! {
    /// However many serials, of whatever characters the segment rules allow: every filter
    /// fits and together they name each distinct serial once, in the order given.
    #[test]
    fn serial_filters_cover_each_serial_once(
        serials in prop::collection::vec("[A-Za-z0-9' ,()é]{1,40}", 1..1000),
    ) {
        let serials: Vec<String> = serials
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect();
        prop_assume!(!serials.is_empty());
        let filters = list_filters(&ApSelection::Serials(serials.clone())).unwrap();
        for filter in &filters {
            prop_assert!(filter.chars().count() <= MAX_FILTER_CHARS, "{}", filter);
        }
        let mut expected: Vec<String> = Vec::new();
        for s in &serials {
            let s = s.trim().to_owned();
            if !expected.contains(&s) {
                expected.push(s);
            }
        }
        let named: Vec<String> = filters.iter().flat_map(|f| serials_in(f)).collect();
        prop_assert_eq!(named, expected);
        // Greedy: no filter could have taken the next one's first serial.
        for pair in filters.windows(2) {
            let first = serials_in(&pair[1]).remove(0);
            let grown = pair[0].chars().count() + 2 + first.chars().count() + 2
                + first.matches('\'').count();
            prop_assert!(grown > MAX_FILTER_CHARS);
        }
    }
}

#[test]
fn the_query_is_percent_encoded() {
    assert_eq!(
        list_query("siteName eq 'O''Brien & Co'", None),
        "filter=siteName%20eq%20%27O%27%27Brien%20%26%20Co%27&limit=1000"
    );
    assert_eq!(
        list_query("siteId eq '1'", Some("2")),
        "filter=siteId%20eq%20%271%27&limit=1000&next=2"
    );
    assert_eq!(
        list_query("serialNumber in ('A', 'é')", Some("a&b=c#d")),
        "filter=serialNumber%20in%20%28%27A%27%2C%20%27%C3%A9%27%29&limit=1000&next=a%26b%3Dc%23d"
    );
}

// ── the verdict ──────────────────────────────────────────────────────────────────────

fn figures(loss: f64, median: f64) -> ApFigures {
    ApFigures {
        loss_percent: Some(loss),
        median_ms: (loss < 100.0).then_some(median),
        avg_ms: (loss < 100.0).then_some(median + 1.0),
        jitter_ms: (loss < 100.0).then_some(0.5),
        transmitted: 5,
        received: ((100.0 - loss) / 20.0) as u32,
    }
}

/// 40 APs' names and figures, made by `of(i)`.
fn fleet(
    n: usize,
    of: impl Fn(usize) -> Option<ApFigures>,
) -> (Vec<String>, Vec<Option<ApFigures>>) {
    (
        (0..n).map(|i| format!("ap-{i:02}")).collect(),
        (0..n).map(of).collect(),
    )
}

fn outcomes<'a>(names: &'a [String], figures: &'a [Option<ApFigures>]) -> Vec<ApOutcome<'a>> {
    names
        .iter()
        .zip(figures)
        .map(|(name, f)| ApOutcome {
            name,
            figures: f.as_ref(),
        })
        .collect()
}

#[test]
fn every_ap_losing_packets_points_beyond_the_aps() {
    let (names, f) = fleet(12, |i| (i != 5).then(|| figures(20.0 + i as f64, 10.0)));
    assert_eq!(
        verdict(&outcomes(&names, &f), &VerdictRules::default()),
        Verdict::BeyondAps {
            lossy: 11,
            tested: 11
        }
    );
}

#[test]
fn two_lossy_aps_of_40_are_named_worst_first() {
    let (names, f) = fleet(40, |i| {
        Some(match i {
            7 => figures(60.0, 12.0),
            31 => figures(20.0, 14.0),
            _ => figures(0.0, 10.0),
        })
    });
    assert_eq!(
        verdict(&outcomes(&names, &f), &VerdictRules::default()),
        Verdict::SomeAps {
            lossy: 2,
            tested: 40,
            worst: vec![("ap-07".into(), 60.0), ("ap-31".into(), 20.0)],
        }
    );
}

#[test]
fn equal_losses_are_named_by_name_and_at_most_named_at_most() {
    let (names, f) = fleet(10, |i| Some(figures(if i < 7 { 20.0 } else { 0.0 }, 10.0)));
    let mut names = names;
    names.reverse();
    let rules = VerdictRules {
        named_at_most: 3,
        ..VerdictRules::default()
    };
    assert_eq!(
        verdict(&outcomes(&names, &f), &rules),
        Verdict::SomeAps {
            lossy: 7,
            tested: 10,
            worst: vec![
                ("ap-03".into(), 20.0),
                ("ap-04".into(), 20.0),
                ("ap-05".into(), 20.0)
            ],
        }
    );
    let none = VerdictRules {
        named_at_most: 0,
        ..VerdictRules::default()
    };
    assert!(matches!(
        verdict(&outcomes(&names, &f), &none),
        Verdict::SomeAps { lossy: 7, ref worst, .. } if worst.is_empty()
    ));
}

#[test]
fn no_loss_gives_the_median_of_the_medians_and_their_spread() {
    let medians = [12.0, 9.0, 31.0, 11.0, 13.0];
    let (names, f) = fleet(6, |i| medians.get(i).map(|&m| figures(0.0, m)));
    assert_eq!(
        verdict(&outcomes(&names, &f), &VerdictRules::default()),
        Verdict::NoLoss {
            tested: 5,
            median_ms: Some(12.0),
            min_ms: Some(9.0),
            max_ms: Some(31.0)
        }
    );
    let (names, f) = fleet(4, |i| Some(figures(0.0, [1.0, 2.0, 4.0, 10.0][i])));
    assert!(matches!(
        verdict(&outcomes(&names, &f), &VerdictRules::default()),
        Verdict::NoLoss {
            median_ms: Some(3.0),
            ..
        }
    ));
}

#[test]
fn nothing_tested_says_nothing() {
    assert_eq!(
        verdict(&[], &VerdictRules::default()),
        Verdict::NothingTested
    );
    // An AP whose test sent nothing, or whose loss is not a number, is not tested.
    let no_loss = ApFigures {
        loss_percent: None,
        ..figures(0.0, 1.0)
    };
    let nan = ApFigures {
        loss_percent: Some(f64::NAN),
        ..figures(0.0, 1.0)
    };
    let outcomes = [
        ApOutcome {
            name: "offline",
            figures: None,
        },
        ApOutcome {
            name: "a",
            figures: Some(&no_loss),
        },
        ApOutcome {
            name: "b",
            figures: Some(&nan),
        },
    ];
    assert_eq!(
        verdict(&outcomes, &VerdictRules::default()),
        Verdict::NothingTested
    );
}

#[test]
fn one_tested_ap_cannot_point_beyond_itself() {
    let lossy = figures(100.0, 0.0);
    let outcomes = [
        ApOutcome {
            name: "only",
            figures: Some(&lossy),
        },
        ApOutcome {
            name: "offline",
            figures: None,
        },
    ];
    assert_eq!(
        verdict(&outcomes, &VerdictRules::default()),
        Verdict::SomeAps {
            lossy: 1,
            tested: 1,
            worst: vec![("only".into(), 100.0)]
        }
    );
}

#[test]
fn a_loss_equal_to_the_threshold_is_not_a_loss() {
    let rules = VerdictRules {
        lossy_above_percent: 20.0,
        ..VerdictRules::default()
    };
    let (names, f) = fleet(3, |i| Some(figures([20.0, 0.0, 20.0][i], 10.0)));
    assert!(matches!(
        verdict(&outcomes(&names, &f), &rules),
        Verdict::NoLoss { tested: 3, .. }
    ));
    let (names, f) = fleet(3, |i| Some(figures([20.000001, 0.0, 20.0][i], 10.0)));
    assert!(matches!(
        verdict(&outcomes(&names, &f), &rules),
        Verdict::SomeAps { lossy: 1, .. }
    ));
}

#[test]
fn a_share_equal_to_the_rule_points_beyond_the_aps() {
    let rules = VerdictRules {
        beyond_share_percent: 75.0,
        ..VerdictRules::default()
    };
    let (names, f) = fleet(4, |i| Some(figures(if i < 3 { 40.0 } else { 0.0 }, 10.0)));
    assert_eq!(
        verdict(&outcomes(&names, &f), &rules),
        Verdict::BeyondAps {
            lossy: 3,
            tested: 4
        }
    );
    let (names, f) = fleet(4, |i| Some(figures(if i < 2 { 40.0 } else { 0.0 }, 10.0)));
    assert!(matches!(
        verdict(&outcomes(&names, &f), &rules),
        Verdict::SomeAps { lossy: 2, .. }
    ));
}

#[test]
fn rules_out_of_range_are_clamped() {
    let (names, f) = fleet(3, |_| Some(figures(100.0, 0.0)));
    let out = outcomes(&names, &f);
    for (lossy_above, share) in [
        (f64::NAN, f64::NAN),
        (-5.0, 100.0),
        (100.0, 100.0),
        (1e9, 1e9),
        (f64::INFINITY, 0.0),
        (0.0, -1.0),
    ] {
        let rules = VerdictRules {
            lossy_above_percent: lossy_above,
            beyond_share_percent: share,
            named_at_most: 5,
        };
        // Every AP lost everything: whatever the rules, that is beyond the APs.
        assert_eq!(
            verdict(&out, &rules),
            Verdict::BeyondAps {
                lossy: 3,
                tested: 3
            },
            "{rules:?}"
        );
        assert!(rules.check().is_err(), "{rules:?}");
    }
}

#[test]
fn a_run_costs_a_start_and_two_polls_per_online_ap_and_each_page() {
    assert_eq!(estimate_requests(40, 1), 121);
    assert_eq!(estimate_requests(1001, 2), 3005);
    assert_eq!(estimate_requests(0, 1), 1);
    assert_eq!(estimate_requests(usize::MAX, 1), usize::MAX);
}

// ── the CSV ──────────────────────────────────────────────────────────────────────────

#[test]
fn the_csv_has_a_line_per_ap_with_numbers_without_locale() {
    let measured = ApFigures {
        loss_percent: Some(20.0),
        median_ms: Some(12.3456),
        avg_ms: Some(13.0),
        jitter_ms: Some(0.25),
        transmitted: 5,
        received: 4,
    };
    let csv = fleet_csv(&[
        FleetCsvRow {
            name: "lobby-ap-01",
            serial: "CNF7G9X001",
            model: Some("AP-515"),
            state: "online",
            figures: Some(&measured),
            error: None,
        },
        FleetCsvRow {
            name: "store-ap",
            serial: "CNF7G9X002",
            model: None,
            state: "offline: not tested",
            figures: None,
            error: None,
        },
    ]);
    assert_eq!(
        csv,
        "name,serial,model,state,loss_percent,median_ms,avg_ms,jitter_ms,error\r\n\
         lobby-ap-01,CNF7G9X001,AP-515,online,20,12.346,13,0.25,\r\n\
         store-ap,CNF7G9X002,,offline: not tested,,,,,\r\n"
    );
}

#[test]
fn csv_cells_are_quoted_and_never_formulas() {
    let csv = fleet_csv(&[FleetCsvRow {
        name: "=HYPERLINK(\"http://x\",\"a, b\")",
        serial: "-CN1",
        model: Some("+1"),
        state: "@failed",
        figures: None,
        error: Some("409: AP is \"offline\"\r\nretry later"),
    }]);
    let line = csv.lines().nth(1).unwrap();
    assert!(
        line.starts_with(
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\",'-CN1,'+1,'@failed,,,,,\"409: AP is \"\"offline\"\""
        ),
        "{csv}"
    );
    assert!(csv.ends_with("retry later\"\r\n"), "{csv}");
    let tab = fleet_csv(&[FleetCsvRow {
        name: "\tx",
        serial: "CN1",
        model: None,
        state: "online",
        figures: None,
        error: None,
    }]);
    assert!(tab.contains("\r\n'\tx,CN1,"), "{tab:?}");
}
