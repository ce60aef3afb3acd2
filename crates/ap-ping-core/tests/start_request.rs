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
        assert_eq!(changed.check(), Err(message.to_owned()), "{changed:?}");
    }
    let long = "a".repeat(254);
    assert!(PingStartRequest {
        destination: &long,
        ..request()
    }
    .check()
    .is_err());
}
