//! `parse_traceroute_output`: every traceroute text format named in issue #22, as the
//! devices and operating systems print it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use ap_ping_core::traceroute::{parse_traceroute_output, TraceHop, TraceSource, Traceroute};

fn fixture(name: &str) -> Traceroute {
    parse(&support::traceroute_fixture(name))
}

fn parse(text: &str) -> Traceroute {
    parse_traceroute_output(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Each probe as `address rtt annotation`, `*` for a lost one: one line to compare.
fn probes(hop: &TraceHop) -> Vec<String> {
    hop.probes
        .iter()
        .map(|p| {
            let mut s = match (&p.address, p.rtt_ms) {
                (_, None) if p.annotation.is_none() => "*".to_owned(),
                (Some(a), Some(t)) => format!("{a} {t}"),
                (None, Some(t)) => format!("- {t}"),
                (a, None) => format!("{} -", a.as_deref().unwrap_or("-")),
            };
            if let Some(n) = &p.name {
                s = format!("{n}/{s}");
            }
            if let Some(m) = &p.annotation {
                s.push(' ');
                s.push_str(m);
            }
            s
        })
        .collect()
}

fn numbers(trace: &Traceroute) -> Vec<u32> {
    trace.hops.iter().map(|h| h.hop).collect()
}

#[test]
fn the_aps_busybox_text_after_its_command_line() {
    let trace = fixture("ap_busybox.txt");
    assert_eq!(trace.source, TraceSource::RawOutput);
    assert_eq!(trace.destination.name.as_deref(), Some("www.google.com"));
    assert_eq!(trace.destination.address.as_deref(), Some("142.251.46.164"));
    assert_eq!(trace.max_hops, Some(30));
    assert_eq!(numbers(&trace), [1, 2, 3, 4]);
    assert_eq!(
        probes(&trace.hops[0]),
        [
            "10.27.113.225 33.799",
            "10.27.113.225 0.942",
            "10.27.113.225 0.897"
        ]
    );
    assert_eq!(probes(&trace.hops[2]), ["*", "*", "*"]);
    assert_eq!(trace.hops[2].loss_percent, Some(100.0));
    assert_eq!(trace.hops[3].min_ms, Some(9.611));
    assert_eq!(trace.reached, Some(true));
    assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);
}

#[test]
fn cx_text_with_ms_glued_to_the_time() {
    let trace = fixture("cx.txt");
    assert_eq!(trace.max_hops, Some(30));
    assert_eq!(
        probes(&trace.hops[0]),
        ["10.1.1.10 0.529", "10.1.1.10 0.32", "10.1.1.10 0.166"]
    );
    assert_eq!(trace.reached, Some(true));
    assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);
}

#[test]
fn aos_s_text_with_its_split_header_and_the_glued_two_address_line() {
    let trace = fixture("aos_s.txt");
    assert_eq!(trace.destination.name.as_deref(), Some("10.186.172.153"));
    assert_eq!(trace.destination.address.as_deref(), Some("10.186.172.153"));
    assert_eq!(trace.max_hops, Some(30));
    assert_eq!(numbers(&trace), [1, 2, 3, 4]);
    assert_eq!(
        probes(&trace.hops[1]),
        ["10.186.128.6 1", "10.186.128.4 1", "10.186.128.4 1"]
    );
    assert_eq!(
        support::addresses(&trace.hops[1]),
        ["10.186.128.6", "10.186.128.4"]
    );
    assert_eq!(probes(&trace.hops[2]), ["*", "*", "*"]);
    assert_eq!(trace.reached, Some(true));
    assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);
}

#[test]
fn linux_traceroute_with_names_several_addresses_and_as_numbers() {
    let trace = fixture("linux.txt");
    assert_eq!(trace.destination.name.as_deref(), Some("www.google.com"));
    assert_eq!(trace.destination.address.as_deref(), Some("142.250.74.36"));
    assert_eq!(
        probes(&trace.hops[0]),
        [
            "_gateway/192.168.1.1 0.39",
            "_gateway/192.168.1.1 0.349",
            "_gateway/192.168.1.1 0.318"
        ]
    );
    assert_eq!(
        probes(&trace.hops[1]),
        ["100.64.0.1 8.155", "*", "100.64.0.1 8.102"]
    );
    assert!((trace.hops[1].loss_percent.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        probes(&trace.hops[3]),
        [
            "ae1.cr1.example.net/62.115.1.1 12.606",
            "be2.cr2.example.net/62.115.1.2 13.017",
            "be2.cr2.example.net/62.115.1.2 12.908"
        ]
    );
    assert_eq!(trace.hops[3].addresses.len(), 2);
    assert_eq!(probes(&trace.hops[4])[0], "142.250.74.36 11.501");
    assert_eq!(trace.reached, Some(true));
    assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);
}

#[test]
fn linux_unreachable_marks_stop_the_trace_unreached() {
    let trace = fixture("linux_unreachable.txt");
    assert_eq!(
        probes(&trace.hops[1]),
        ["10.0.0.1 3.1 !H", "10.0.0.1 3 !N", "10.0.0.1 2.9 !<10>"]
    );
    assert_eq!(trace.reached, Some(false));
    let answered_by_destination = parse(
        "traceroute to 10.9.9.9 (10.9.9.9), 30 hops max, 60 byte packets\n \
         1  10.9.9.9 (10.9.9.9)  0.4 ms !P  0.3 ms !P  0.3 ms !P\n",
    );
    assert_eq!(answered_by_destination.reached, Some(true));
}

#[test]
fn linux_traceroute6() {
    let trace = fixture("linux_traceroute6.txt");
    assert_eq!(
        trace.destination.address.as_deref(),
        Some("2a00:1450:4001:82a::200e")
    );
    assert_eq!(probes(&trace.hops[0])[0], "fritz.box/2001:db8:1::1 1.012");
    assert_eq!(trace.reached, Some(true));
}

#[test]
fn bsd_and_macos_with_their_warning_from_clause_and_second_address_lines() {
    let trace = fixture("macos.txt");
    assert_eq!(trace.max_hops, Some(64));
    assert_eq!(numbers(&trace), [1, 2, 3, 4]);
    assert_eq!(
        probes(&trace.hops[2]),
        [
            "72.14.215.85 11.929",
            "108.170.246.129 12.573",
            "108.170.246.161 12.171"
        ]
    );
    assert_eq!(trace.hops[2].addresses.len(), 3);
    assert_eq!(trace.reached, Some(true));
    assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);

    let six = fixture("bsd_traceroute6.txt");
    assert_eq!(six.destination.name.as_deref(), Some("ipv6.google.com"));
    assert_eq!(
        six.destination.address.as_deref(),
        Some("2a00:1450:4001:82a::200e")
    );
    assert_eq!(six.max_hops, Some(64));
    assert_eq!(
        six.reached, None,
        "not ended, not reached: cannot be told yet"
    );
}

#[test]
fn windows_tracert_with_times_before_the_host() {
    let trace = fixture("windows.txt");
    assert_eq!(trace.destination.name.as_deref(), Some("www.google.com"));
    assert_eq!(trace.destination.address.as_deref(), Some("142.250.74.36"));
    assert_eq!(trace.max_hops, Some(30));
    assert_eq!(
        probes(&trace.hops[0]),
        ["192.168.1.1 1 <1", "192.168.1.1 1 <1", "192.168.1.1 1 <1"]
    );
    assert_eq!(probes(&trace.hops[1]), ["*", "*", "*"]);
    assert_eq!(
        probes(&trace.hops[2]),
        [
            "host.name/10.0.0.1 12",
            "host.name/10.0.0.1 11",
            "host.name/10.0.0.1 12"
        ]
    );
    assert_eq!(trace.hops[3].loss_percent.map(f64::round), Some(33.0));
    assert_eq!(trace.reached, Some(true));
    assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);
}

#[test]
fn windows_unreachable_and_an_ended_trace_that_missed() {
    let trace = fixture("windows_unreachable.txt");
    assert_eq!(trace.destination.address.as_deref(), Some("10.9.9.9"));
    assert_eq!(probes(&trace.hops[1]), ["192.168.1.1 - !H"]);
    assert_eq!(trace.reached, Some(false));
}

#[test]
fn a_trace_that_runs_to_its_last_hop_without_the_destination_did_not_reach_it() {
    let mut text = String::from("traceroute to 10.9.9.9 (10.9.9.9), 5 hops max, 38 byte packets\n");
    for hop in 1..=5 {
        text.push_str(&format!(" {hop}  * * *\n"));
    }
    assert_eq!(parse(&text).reached, Some(false));
    let cut = text.lines().take(4).collect::<Vec<_>>().join("\n");
    assert_eq!(parse(&cut).reached, None, "cut short: cannot be told");
}

#[test]
fn text_with_no_traceroute_is_an_error_that_says_so() {
    for text in ["", "hello\nworld", "PING 8.8.8.8 (8.8.8.8): 56 data bytes\n64 bytes from 8.8.8.8: icmp_seq=0 ttl=117 time=9.1 ms"] {
        let error = parse_traceroute_output(text).unwrap_err().to_string();
        assert!(error.starts_with("no traceroute found in the text"), "{text:?}: {error}");
    }
    assert_eq!(
        parse_traceroute_output("traceroute: unknown host no.invalid")
            .unwrap_err()
            .to_string(),
        "no traceroute in the text; it says \"traceroute: unknown host no.invalid\""
    );
}

#[test]
fn lines_not_understood_are_warnings_counted_past_ten() {
    let mut text = String::from("traceroute to 10.1.1.1 (10.1.1.1), 30 hops max\n");
    for i in 0..25 {
        text.push_str(&format!("noise {i}\n"));
    }
    text.push_str(" 1  10.1.1.1  1 ms\n");
    let trace = parse(&text);
    assert_eq!(trace.hops.len(), 1);
    assert_eq!(trace.warnings.len(), 11, "{:?}", trace.warnings);
    assert_eq!(trace.warnings[0], "line 2 not understood: \"noise 0\"");
    assert_eq!(trace.warnings[10], "15 more lines not understood");
}

#[test]
fn repeated_and_out_of_range_hops_and_extra_probes_are_read_bounded_with_warnings() {
    let mut text = String::from("traceroute to 10.1.1.1 (10.1.1.1), 255 hops max\n");
    text.push_str(" 1  10.0.0.1  1 ms\n 2  10.0.0.2  1 ms\n 1  10.0.0.9  1 ms\n");
    text.push_str(&format!(" 3  10.0.0.3{}\n", "  1 ms".repeat(12)));
    text.push_str(" 256  10.0.0.4  1 ms\n 300  10.0.0.4  1 ms\n");
    let trace = parse(&text);
    assert_eq!(numbers(&trace), [1, 2, 3]);
    assert_eq!(
        probes(&trace.hops[0]),
        ["10.0.0.1 1"],
        "the first account is kept"
    );
    assert_eq!(trace.hops[2].probes.len(), 10);
    assert_eq!(
        trace.warnings,
        [
            "hop 1 listed again or out of order; the first account kept",
            "2 hops numbered above 255 were not read",
            "2 probes past the 10 read per hop were not read",
        ]
    );
}

#[test]
fn text_longer_than_the_bound_is_refused_before_it_is_read() {
    let text = " 1  10.0.0.1  1 ms\n".repeat(60_000);
    assert!(text.len() > ap_ping_core::traceroute::MAX_TRACE_TEXT_BYTES);
    let error = parse_traceroute_output(&text).unwrap_err().to_string();
    assert!(
        error.contains("is longer than the 1048576 accepted"),
        "{error}"
    );
}
