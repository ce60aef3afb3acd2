//! Property tests of the traceroute readers: a generated path reads the same from the
//! status JSON and from its text, and no input panics or breaks the bounds.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::traceroute::{
    parse_traceroute_output, parse_traceroute_status, TraceSource, Traceroute, MAX_HOPS,
    MAX_PROBES_PER_HOP,
};
use proptest::prelude::*;

/// A path: per hop, per probe, the answering router (an index) and its time in tenths of
/// a ms, or `None` for a lost probe.
type Path = Vec<Vec<Option<(u8, u32)>>>;

fn path() -> impl Strategy<Value = Path> {
    prop::collection::vec(
        prop::collection::vec(prop::option::weighted(0.8, (0u8..3, 1u32..20_000)), 0..5),
        1..40,
    )
}

fn address(hop: usize, router: u8) -> String {
    format!("10.{}.{}.1", hop + 1, router)
}

fn ms(tenths: u32) -> String {
    format!("{}.{} ms", tenths / 10, tenths % 10)
}

/// The path as an AP's status body (every value a string, the address in
/// `reverseDnsResolution`), leaving out the hops in `skip`.
fn body_of(path: &Path, skip: &[usize], raw: Option<&str>) -> String {
    let hops: Vec<_> = path
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .map(|(i, probes)| {
            let probes: Vec<_> = probes
                .iter()
                .map(|p| match p {
                    Some((router, t)) => serde_json::json!({
                        "ipAddress": "null",
                        "responseTimeMilliseconds": ms(*t),
                        "reverseDnsResolution": address(i, *router)
                    }),
                    None => serde_json::json!({
                        "ipAddress": "null", "responseTimeMilliseconds": "*",
                        "reverseDnsResolution": "null"
                    }),
                })
                .collect();
            serde_json::json!({ "hop": (i + 1).to_string(), "probes": probes })
        })
        .collect();
    let mut body = serde_json::json!({
        "status": "COMPLETED",
        "output": { "destination": "dest.example", "resolvedIp": "192.0.2.1", "hops": hops }
    });
    if let Some(raw) = raw {
        body["rawOutput"] = raw.into();
    }
    body.to_string()
}

/// The same path as BusyBox text: a router's address once, before its times.
fn text_of(path: &Path) -> String {
    let mut text = String::from(
        "COMMAND=traceroute dest.example\ntraceroute to 192.0.2.1 (192.0.2.1), 30 hops max, 38 byte packets\n",
    );
    for (i, probes) in path.iter().enumerate() {
        text += &format!("{:2} ", i + 1);
        let mut last = None;
        for p in probes {
            match p {
                Some((router, t)) => {
                    if last != Some(*router) {
                        text += &format!(" {}", address(i, *router));
                        last = Some(*router);
                    }
                    text += &format!("  {}", ms(*t));
                }
                None => text += "  *",
            }
        }
        text += "\n";
    }
    text
}

/// What every trace keeps to, whatever it was read from.
fn check_bounds(trace: &Traceroute) -> Result<(), TestCaseError> {
    prop_assert!(trace.hops.len() <= MAX_HOPS as usize);
    for pair in trace.hops.windows(2) {
        prop_assert!(pair[0].hop < pair[1].hop, "hops ascending, each once");
    }
    for hop in &trace.hops {
        prop_assert!(hop.hop >= 1 && hop.hop <= MAX_HOPS);
        prop_assert!(hop.probes.len() <= MAX_PROBES_PER_HOP);
        let answered: Vec<f64> = hop.probes.iter().filter_map(|p| p.rtt_ms).collect();
        match (hop.min_ms, hop.avg_ms, hop.max_ms) {
            (Some(min), Some(avg), Some(max)) => {
                prop_assert!(!answered.is_empty());
                prop_assert!(min <= avg + 1e-9 && avg <= max + 1e-9);
            }
            (None, None, None) => prop_assert!(answered.is_empty()),
            other => prop_assert!(false, "partial figures {other:?}"),
        }
        if let Some(loss) = hop.loss_percent {
            let lost = hop.probes.len() - answered.len();
            prop_assert!((loss - lost as f64 * 100.0 / hop.probes.len() as f64).abs() < 1e-9);
        } else {
            prop_assert!(hop.probes.is_empty());
        }
        for (i, a) in hop.addresses.iter().enumerate() {
            prop_assert!(!hop.addresses[..i].contains(a), "addresses distinct");
        }
    }
    prop_assert!(trace.warnings.len() <= 20);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_path_reads_the_same_from_its_json_and_its_text(path in path()) {
        let from_json = parse_traceroute_status(&body_of(&path, &[], None)).unwrap().trace.unwrap();
        let from_text = parse_traceroute_output(&text_of(&path)).unwrap();
        check_bounds(&from_json)?;
        check_bounds(&from_text)?;
        prop_assert_eq!(from_json.hops.len(), path.len());
        // A hop with no probe is a bare ` 3 ` line in the text, which is no hop there.
        for hop in &from_text.hops {
            let same = from_json.hops.iter().find(|h| h.hop == hop.hop).unwrap();
            prop_assert_eq!(&same.probes, &hop.probes);
            prop_assert_eq!(same.loss_percent, hop.loss_percent);
            prop_assert_eq!(&same.addresses, &hop.addresses);
        }
        let with_probes = path.iter().filter(|p| !p.is_empty()).count();
        prop_assert_eq!(from_text.hops.len(), with_probes);
        prop_assert_eq!(from_text.destination.address.as_deref(), Some("192.0.2.1"));
        prop_assert_eq!(from_text.destination.name.as_deref(), Some("dest.example"));
    }

    #[test]
    fn hops_left_out_of_output_are_filled_in_from_the_text(
        path in path(),
        skip in prop::collection::vec(0usize..40, 0..6),
    ) {
        let text = text_of(&path);
        let trace = parse_traceroute_status(&body_of(&path, &skip, Some(&text)))
            .unwrap().trace.unwrap();
        check_bounds(&trace)?;
        let filled: Vec<usize> = (0..path.len())
            .filter(|i| skip.contains(i) && !path[*i].is_empty())
            .collect();
        // With no hop left in `output`, the text is the trace.
        let expected_source = if (0..path.len()).all(|i| skip.contains(&i)) {
            TraceSource::RawOutput
        } else if filled.is_empty() {
            TraceSource::Output
        } else {
            TraceSource::Merged
        };
        prop_assert_eq!(trace.source, expected_source);
        for (i, probes) in path.iter().enumerate() {
            let present = trace.hops.iter().any(|h| h.hop as usize == i + 1);
            prop_assert_eq!(present, !skip.contains(&i) || !probes.is_empty(), "hop {}", i + 1);
        }
        prop_assert!(!trace.warnings.iter().any(|w| w.contains("differ")), "{:?}", trace.warnings);
    }

    #[test]
    fn any_text_is_read_or_refused_without_panic(text in "\\PC{0,400}") {
        if let Ok(trace) = parse_traceroute_output(&text) {
            check_bounds(&trace)?;
        }
    }

    #[test]
    fn hop_like_lines_are_read_or_refused_without_panic(
        lines in prop::collection::vec(
            "( {0,3}[0-9]{1,4}| {2,4}|traceroute to |Tracing route to )\
             ( +(\\*|[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\([0-9.]{7,15}\\)|\\[[A-Z0-9.]{1,9}\\]|[a-z]{1,6}\\.net|<?[0-9]{1,4}(\\.[0-9]{1,3})? ?(ms)?|ms[0-9.]{1,15}|!(H|N|X|P|<[0-9]{1,2}>)|Request|reports:|,|[0-9]+ hops max)){0,14}",
            0..60,
        )
    ) {
        let text = lines.join("\n");
        if let Ok(trace) = parse_traceroute_output(&text) {
            check_bounds(&trace)?;
        }
        let body = serde_json::json!({"status": "COMPLETED", "rawOutput": text}).to_string();
        if let Ok(result) = parse_traceroute_status(&body) {
            if let Some(trace) = &result.trace {
                check_bounds(trace)?;
            }
        }
    }

    #[test]
    fn a_damaged_body_is_read_or_refused_without_panic(
        path in path(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), "[\\PC\"{}\\[\\],:0-9]{0,3}"), 1..6),
    ) {
        let mut body = body_of(&path, &[1], Some(&text_of(&path)));
        for (at, insert) in edits {
            let mut i = at.index(body.len() + 1);
            while !body.is_char_boundary(i) {
                i -= 1;
            }
            let end = (i + 2).min(body.len());
            let end = (end..=body.len()).find(|e| body.is_char_boundary(*e)).unwrap();
            body.replace_range(i..end, &insert);
        }
        if let Ok(result) = parse_traceroute_status(&body) {
            if let Some(trace) = &result.trace {
                check_bounds(trace)?;
            }
        }
    }
}
