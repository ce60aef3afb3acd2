//! The POST body that starts a traceroute: checked by ping's rules, written from checked
//! parts, read back by the same machinery as ping's start body.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::wire::{TracerouteStartBody, TRACEROUTE_START_FIELDS};
use ap_ping_core::RequestError;

fn body(destination: &str) -> TracerouteStartBody {
    TracerouteStartBody {
        destination: destination.into(),
        ..TracerouteStartBody::default()
    }
}

#[test]
fn only_the_destination_is_required_and_sent_when_alone() {
    assert_eq!(body("www.google.com").check(), Ok(()));
    assert_eq!(
        body(" www.google.com ").to_json(),
        r#"{"destination":"www.google.com"}"#
    );
}

#[test]
fn every_field_is_written_in_the_apis_names_and_order() {
    let full = TracerouteStartBody {
        destination: " 10.0.0.1 ".into(),
        source_interface: Some(" eth0 ".into()),
        include_raw_output: Some(true),
    };
    assert_eq!(full.check(), Ok(()));
    let json = full.to_json();
    assert_eq!(
        json,
        r#"{"destination":"10.0.0.1","sourceInterface":"eth0","includeRawOutput":true}"#
    );
    let names: Vec<&str> = TRACEROUTE_START_FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        ["destination", "sourceInterface", "includeRawOutput"]
    );
    let back = TracerouteStartBody::from_json(&json).unwrap();
    assert_eq!(back.destination, "10.0.0.1");
    assert_eq!(back.source_interface.as_deref(), Some("eth0"));
    assert_eq!(back.include_raw_output, Some(true));
}

#[test]
fn the_destination_follows_pings_host_rules() {
    assert_eq!(
        body("  ").check(),
        Err(RequestError::Required {
            name: "destination"
        })
    );
    assert_eq!(body("a b").check(), Err(RequestError::NotAHost));
    assert_eq!(body(&"a".repeat(254)).check(), Err(RequestError::NotAHost));
    assert_eq!(body(&"a".repeat(253)).check(), Ok(()));
}

#[test]
fn the_source_interface_must_be_a_short_text() {
    for wrong in ["", "  ", "eth\u{0}", &"x".repeat(257)] {
        let b = TracerouteStartBody {
            source_interface: Some(wrong.to_owned()),
            ..body("8.8.8.8")
        };
        assert_eq!(
            b.check().unwrap_err().to_string(),
            "sourceInterface must be a short, non-empty text",
            "{wrong:?}"
        );
    }
}

#[test]
fn unknown_keys_are_dropped_and_null_leaves_a_field_unset() {
    let read = TracerouteStartBody::from_json(
        r#"{"destination":"8.8.8.8","maxHops":64,"count":3,"sourceInterface":null}"#,
    )
    .unwrap();
    assert_eq!(read, body("8.8.8.8"));
    assert_eq!(read.to_json(), r#"{"destination":"8.8.8.8"}"#);
}

#[test]
fn every_problem_is_found_in_the_texts_order_then_the_fields() {
    let text = r#"{"includeRawOutput": "yes", "sourceInterface": 5, "destination": "a b"}"#;
    let problems: Vec<String> = TracerouteStartBody::from_json_all(text)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "includeRawOutput: expected true or false, got the string \"yes\"",
            "sourceInterface: expected a string, got the number 5",
            "destination must be a hostname or an IP address",
        ]
    );
    assert_eq!(
        TracerouteStartBody::from_json(text)
            .unwrap_err()
            .to_string(),
        problems[0]
    );
    let both = TracerouteStartBody::from_json_all(r#"{"sourceInterface": ""}"#).unwrap_err();
    assert_eq!(
        both.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "destination is required",
            "sourceInterface must be a short, non-empty text"
        ]
    );
}

#[test]
fn json_of_another_kind_is_refused_by_name() {
    assert_eq!(
        TracerouteStartBody::from_json("[1]")
            .unwrap_err()
            .to_string(),
        "expected a JSON object, got an array"
    );
}
