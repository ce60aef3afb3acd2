//! Property tests: invariants over generated valid bodies, and no panic on any input.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::stats::{parse_ping_output, parse_ping_status};
use proptest::prelude::*;

/// A ping run: for each sequence sent, the RTT of its reply or `None` if it was lost.
fn ping_run() -> impl Strategy<Value = Vec<Option<f64>>> {
    prop::collection::vec(prop::option::weighted(0.8, 0.1f64..2000.0), 1..60)
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The run as the API's 200 body, every number a string, only answered packets listed.
fn body_of(run: &[Option<f64>]) -> String {
    let replies: Vec<_> = run
        .iter()
        .enumerate()
        .filter_map(|(seq, t)| t.map(|t| (seq, round1(t))))
        .map(|(seq, t)| {
            serde_json::json!({
                "sentPacketAddress": "10.0.0.1",
                "sentPacketIcmpSequenceNumber": seq.to_string(),
                "sentPacketTimeToLive": "64",
                "sentPacketTimeMilliseconds": t.to_string(),
                "sentPacketSizeBytes": "64"
            })
        })
        .collect();
    let received = replies.len();
    serde_json::json!({
        "status": "COMPLETED",
        "progressPercent": 100,
        "output": {
            "transmittedPacketsCount": run.len().to_string(),
            "receivedPacketsCount": received.to_string(),
            "replies": replies,
            "destination": "ap.example.net"
        }
    })
    .to_string()
}

/// The same run as BusyBox-style ping text.
fn text_of(run: &[Option<f64>]) -> String {
    let mut text = String::from("PING ap.example.net (10.0.0.1): 56 data bytes\n");
    for (seq, t) in run.iter().enumerate() {
        match t {
            Some(t) => {
                text += &format!(
                    "64 bytes from 10.0.0.1: seq={seq} ttl=64 time={} ms\n",
                    round1(*t)
                )
            }
            None => text += &format!("Request timeout for icmp_seq {seq}\n"),
        }
    }
    let received = run.iter().filter(|t| t.is_some()).count();
    text += &format!(
        "\n--- ap.example.net ping statistics ---\n{} packets transmitted, {received} packets received\n",
        run.len()
    );
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn counts_add_up_for_any_valid_body(run in ping_run()) {
        let stats = parse_ping_status(&body_of(&run)).unwrap().statistics.unwrap();
        let answered = run.iter().filter(|t| t.is_some()).count() as u32;
        prop_assert_eq!(stats.transmitted, run.len() as u32);
        prop_assert_eq!(stats.received, answered);
        prop_assert_eq!(stats.lost, stats.transmitted - stats.received);
        prop_assert_eq!(stats.received as usize, stats.replies.iter().filter(|r| !r.duplicate).count());
        let lost: Vec<u32> = (0..run.len() as u32).filter(|&s| run[s as usize].is_none()).collect();
        prop_assert_eq!(&stats.missing_sequences, &lost);
        prop_assert_eq!(stats.missing_sequences.len() as u32, stats.lost);
        prop_assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
        match &stats.rtt {
            None => prop_assert_eq!(answered, 0),
            Some(rtt) => {
                prop_assert!(rtt.min_ms <= rtt.median_ms && rtt.median_ms <= rtt.max_ms);
                prop_assert!(rtt.min_ms <= rtt.avg_ms + 1e-9 && rtt.avg_ms <= rtt.max_ms + 1e-9);
                prop_assert!(rtt.stddev_ms >= 0.0 && rtt.jitter_ms >= 0.0);
                prop_assert!(rtt.jitter_ms <= rtt.max_ms - rtt.min_ms + 1e-9);
            }
        }
    }

    #[test]
    fn text_and_body_of_the_same_run_agree(run in ping_run()) {
        let from_body = parse_ping_status(&body_of(&run)).unwrap().statistics.unwrap();
        let from_text = parse_ping_output(&text_of(&run)).unwrap();
        prop_assert_eq!(from_body.transmitted, from_text.transmitted);
        prop_assert_eq!(from_body.received, from_text.received);
        prop_assert_eq!(&from_body.missing_sequences, &from_text.missing_sequences);
        prop_assert_eq!(&from_body.replies, &from_text.replies);
        prop_assert_eq!(&from_body.rtt, &from_text.rtt);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_ping_status(&text);
        let _ = parse_ping_output(&text);
    }

    #[test]
    fn arbitrary_ping_like_lines_never_panic(lines in prop::collection::vec(
        "(PING |COMMAND=ping |64 bytes from |From |--- |round-trip min/avg/max = |rtt min/avg/max/mdev = |ping: )?[ -~é(：)]{0,60}",
        0..20,
    )) {
        let text = lines.join("\n");
        if let Ok(stats) = parse_ping_output(&text) {
            prop_assert_eq!(stats.lost, stats.transmitted.saturating_sub(stats.received));
        }
    }

    #[test]
    fn arbitrary_json_values_in_the_body_never_panic(
        status in prop::option::of("[A-Z]{0,10}"),
        progress in prop::option::of(-1000.0f64..1000.0),
        count in "[-0-9a-z.]{0,6}",
        seq in "[-0-9a-z.]{0,6}",
    ) {
        let body = serde_json::json!({
            "status": status,
            "progressPercent": progress,
            "output": {
                "transmittedPacketsCount": count,
                "replies": [{ "sentPacketIcmpSequenceNumber": seq }]
            }
        });
        let _ = parse_ping_status(&body.to_string());
    }
}

/// Any JSON value, as serde_json would write it (escapes and all).
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(Into::into),
        any::<i64>().prop_map(Into::into),
        (-1e30f64..1e30).prop_map(Into::into),
        "(?s).{0,12}".prop_map(Into::into),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Into::into),
            prop::collection::btree_map("\\PC{0,8}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Our JSON reader accepts exactly what serde_json accepts, and reads strings and
    /// numbers to the same values.
    #[test]
    fn the_json_reader_agrees_with_serde_json(value in json_value(), cut in 0usize..200) {
        use ap_ping_core::json::{JsonReader, Kind};
        fn read(r: &mut JsonReader<'_>) -> Result<serde_json::Value, String> {
            let e = |e: ap_ping_core::json::SyntaxError| e.to_string();
            Ok(match r.peek().map_err(e)? {
                Kind::Null => { r.null().map_err(e)?; serde_json::Value::Null }
                Kind::Bool => r.boolean().map_err(e)?.into(),
                Kind::Number => r.number().map_err(e)?.into(),
                Kind::String => r.string().map_err(e)?.into_owned().into(),
                Kind::Array => {
                    r.begin_array().map_err(e)?;
                    let (mut items, mut first) = (Vec::new(), true);
                    while r.next_element(&mut first).map_err(e)? { items.push(read(r)?); }
                    items.into()
                }
                Kind::Object => {
                    r.begin_object().map_err(e)?;
                    let (mut map, mut first) = (serde_json::Map::new(), true);
                    while let Some(k) = r.next_key(&mut first).map_err(e)? {
                        let v = read(r)?;
                        map.insert(k.into_owned(), v);
                    }
                    map.into()
                }
            })
        }
        let whole = value.to_string();
        let mut r = JsonReader::new(&whole);
        let ours = read(&mut r).and_then(|v| r.finish().map(|_| v).map_err(|e| e.to_string()));
        // Numbers compare as f64: we read every number as one, like JavaScript.
        fn as_f64(v: &serde_json::Value) -> serde_json::Value {
            match v {
                serde_json::Value::Number(n) => n.as_f64().into(),
                serde_json::Value::Array(a) => a.iter().map(as_f64).collect(),
                serde_json::Value::Object(m) => {
                    m.iter().map(|(k, v)| (k.clone(), as_f64(v))).collect()
                }
                other => other.clone(),
            }
        }
        prop_assert_eq!(ours.map(|v| as_f64(&v)), Ok(as_f64(&value)), "{}", whole);
        // A cut-off text is never accepted where serde_json refuses it, and never panics.
        let mut end = cut.min(whole.len());
        while !whole.is_char_boundary(end) { end -= 1; }
        let part = &whole[..end];
        let mut r = JsonReader::new(part);
        let ours = r.skip_value().and_then(|_| r.finish()).is_ok();
        let theirs = serde_json::from_str::<serde_json::Value>(part).is_ok();
        prop_assert_eq!(ours, theirs, "{:?}", part);
    }
}
