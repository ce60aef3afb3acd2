//! The POST body of a new test: checked against the API description's limits before it is
//! sent, and written as the API reads it.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::wire::PingStartRequest;

fn request() -> PingStartRequest<'static> {
    PingStartRequest {
        destination: "www.google.com",
        ..PingStartRequest::default()
    }
}

#[test]
fn only_the_destination_is_required_and_sent_when_alone() {
    assert_eq!(request().check(), Ok(()));
    assert_eq!(request().to_json(), r#"{"destination":"www.google.com"}"#);
}

#[test]
fn every_field_is_passed_through_in_the_apis_names() {
    let full = PingStartRequest {
        destination: " 10.0.0.1 ",
        count: Some(100),
        packet_size: Some(2000),
        vlan: Some(4095),
        interface_port: Some("eth0"),
        role: Some("guest \"lab\""),
        include_raw_output: Some(false),
    };
    assert_eq!(full.check(), Ok(()));
    let json: serde_json::Value = serde_json::from_str(&full.to_json()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "destination": "10.0.0.1", "count": 100, "packetSize": 2000, "vlan": 4095,
            "interfacePort": "eth0", "role": "guest \"lab\"", "includeRawOutput": false,
        })
    );
}

#[test]
fn values_outside_the_descriptions_limits_are_refused_in_its_words() {
    for (changed, message) in [
        (
            PingStartRequest {
                count: Some(0),
                ..request()
            },
            "count must be between 1 and 100",
        ),
        (
            PingStartRequest {
                count: Some(101),
                ..request()
            },
            "count must be between 1 and 100",
        ),
        (
            PingStartRequest {
                packet_size: Some(9),
                ..request()
            },
            "packetSize must be between 10 and 2000",
        ),
        (
            PingStartRequest {
                packet_size: Some(2001),
                ..request()
            },
            "packetSize must be between 10 and 2000",
        ),
        (
            PingStartRequest {
                vlan: Some(0),
                ..request()
            },
            "vlan must be between 1 and 4095",
        ),
        (
            PingStartRequest {
                vlan: Some(4096),
                ..request()
            },
            "vlan must be between 1 and 4095",
        ),
        (
            PingStartRequest {
                destination: "  ",
                ..request()
            },
            "destination is required",
        ),
        (
            PingStartRequest {
                destination: "a b",
                ..request()
            },
            "destination must be a hostname or an IP address",
        ),
        (
            PingStartRequest {
                interface_port: Some(" "),
                ..request()
            },
            "interfacePort must be a short, non-empty text",
        ),
        (
            PingStartRequest {
                role: Some("a\nb"),
                ..request()
            },
            "role must be a short, non-empty text",
        ),
    ] {
        assert_eq!(
            changed.check().map_err(|e| e.to_string()),
            Err(message.to_owned()),
            "{changed:?}"
        );
    }
    let long = "a".repeat(254);
    assert!(PingStartRequest {
        destination: &long,
        ..request()
    }
    .check()
    .is_err());
}

mod read_back {
    use ap_ping_core::wire::PingStartBody;

    #[test]
    fn what_the_widget_sends_reads_back_to_the_same_text() {
        let text = r#"{"destination":"10.0.0.1","count":100,"packetSize":2000,"vlan":4095,"interfacePort":"eth0","role":"guest \"lab\"","includeRawOutput":false}"#;
        let body = PingStartBody::from_json(text).unwrap();
        assert_eq!(body.as_request().to_json(), text);
    }

    #[test]
    fn unknown_keys_are_dropped_and_nulls_are_absent() {
        let body =
            PingStartBody::from_json(r#"{"destination":"a.example","count":null,"x":{"y":[1]}}"#)
                .unwrap();
        assert_eq!(
            body.as_request().to_json(),
            r#"{"destination":"a.example"}"#
        );
    }

    #[test]
    fn a_wrong_shape_or_a_value_past_the_limits_is_refused_by_name() {
        for (text, problem) in [
            ("", "not valid JSON"),
            ("[]", "expected a JSON object, got an array"),
            ("{}", "destination is required"),
            (r#"{"destination":""}"#, "destination is required"),
            (
                r#"{"destination":"a b"}"#,
                "destination must be a hostname or an IP address",
            ),
            (r#"{"destination":5}"#, "destination: expected a string"),
            (
                r#"{"destination":"a","count":"5"}"#,
                "count: expected a whole number",
            ),
            (
                r#"{"destination":"a","count":2.5}"#,
                "count: expected a whole number",
            ),
            (
                r#"{"destination":"a","count":-1}"#,
                "count: expected a whole number",
            ),
            (
                r#"{"destination":"a","count":101}"#,
                "count must be between 1 and 100",
            ),
            (
                r#"{"destination":"a","vlan":1e10}"#,
                "vlan: expected a whole number",
            ),
            (
                r#"{"destination":"a","role":""}"#,
                "role must be a short, non-empty text",
            ),
            (
                r#"{"destination":"a","includeRawOutput":1}"#,
                "includeRawOutput: expected true or false",
            ),
            (r#"{"destination":"a","destination":"b"}"#, "destination"),
            (r#"{"destination":"a"} x"#, "not valid JSON"),
        ] {
            let error = PingStartBody::from_json(text).unwrap_err().to_string();
            assert!(error.contains(problem), "{text}: {error}");
        }
    }
}
