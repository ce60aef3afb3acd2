//! Native tests of ping text parsing, one real output per format.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::stats::{parse_ping_output, PingStatistics, StatisticsSource};

fn parse(fixture: &str) -> PingStatistics {
    let path = format!(
        "{}/../../tests/fixtures/{fixture}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    parse_ping_output(&text).unwrap_or_else(|e| panic!("{fixture}: {e}"))
}

fn sequences(stats: &PingStatistics) -> Vec<u32> {
    stats.replies.iter().map(|r| r.sequence).collect()
}

#[test]
fn seed_raw_output_gives_the_name_not_the_ip_as_destination() {
    let stats = parse("raw_seed_aos.txt");
    assert_eq!(stats.destination.as_deref(), Some("www.google.com"));
    assert_eq!(stats.resolved_ip.as_deref(), Some("142.251.46.164"));
    assert_eq!((stats.transmitted, stats.received, stats.lost), (5, 4, 1));
    assert_eq!(stats.loss_percent, Some(20.0));
    assert_eq!(sequences(&stats), vec![0, 1, 3, 4]);
    assert_eq!(stats.missing_sequences, vec![2]);
    let rtt = stats.rtt.as_ref().unwrap();
    assert_eq!((rtt.min_ms, rtt.avg_ms, rtt.max_ms), (200.2, 204.7, 209.8));
    assert_eq!(rtt.median_ms, 204.5);
    assert_eq!(stats.source, StatisticsSource::RawOutput);
    assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
    let first = &stats.replies[0];
    assert_eq!(first.address.as_deref(), Some("142.251.46.164"));
    assert_eq!(
        (first.ttl, first.time_ms, first.size_bytes),
        (Some(108), Some(200.2), Some(64))
    );
}

#[test]
fn crlf_line_ends_read_the_same() {
    assert_eq!(parse("raw_seed_aos_crlf.txt"), parse("raw_seed_aos.txt"));
}

#[test]
fn busybox_seq_replies() {
    let stats = parse("raw_busybox.txt");
    assert_eq!(sequences(&stats), vec![0, 1, 2]);
    assert_eq!((stats.transmitted, stats.received, stats.lost), (3, 3, 0));
    assert!(stats.missing_sequences.is_empty());
    assert_eq!(stats.destination.as_deref(), Some("8.8.8.8"));
    assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
}

#[test]
fn iputils_sequences_start_at_one_and_hostnames_give_the_ip_in_parentheses() {
    let stats = parse("raw_linux_iputils.txt");
    assert_eq!(stats.destination.as_deref(), Some("google.com"));
    assert_eq!(stats.resolved_ip.as_deref(), Some("142.250.187.206"));
    assert_eq!(stats.replies[0].address.as_deref(), Some("142.250.187.206"));
    assert_eq!((stats.transmitted, stats.received, stats.lost), (4, 3, 1));
    assert_eq!(stats.missing_sequences, vec![3]);
    let rtt = stats.rtt.unwrap();
    assert_eq!((rtt.min_ms, rtt.avg_ms, rtt.max_ms), (10.4, 10.833, 11.2));
    assert!((rtt.stddev_ms - 0.330).abs() < 0.001, "{}", rtt.stddev_ms);
    assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
}

#[test]
fn duplicates_are_marked_and_not_counted_as_received() {
    let stats = parse("raw_linux_dup_errors.txt");
    assert_eq!(stats.replies.len(), 3);
    assert!(stats.replies[1].duplicate);
    assert_eq!(stats.duplicates, 1);
    assert_eq!((stats.transmitted, stats.received, stats.lost), (3, 2, 1));
    assert_eq!(stats.missing_sequences, vec![2]);
    assert_eq!(stats.loss_percent, Some(33.3333));
    assert_eq!(
        stats.warnings,
        vec!["1 ICMP error: Destination Host Unreachable (from 192.168.1.1)"]
    );
    assert_eq!(stats.error, None, "some replies came back");
}

#[test]
fn unreachable_with_total_loss_states_the_error() {
    let stats = parse("raw_linux_unreachable.txt");
    assert_eq!((stats.transmitted, stats.received, stats.lost), (3, 0, 3));
    assert_eq!(stats.loss_percent, Some(100.0));
    assert_eq!(stats.rtt, None);
    assert_eq!(stats.missing_sequences, vec![1, 2, 3]);
    assert_eq!(
        stats.error.as_deref(),
        Some("Destination Host Unreachable (from 10.0.0.1)")
    );
}

#[test]
fn bsd_unreachable_reply_is_an_error_not_a_reply() {
    let stats = parse("raw_bsd_unreachable.txt");
    assert!(stats.replies.is_empty());
    assert_eq!(stats.lost, 2);
    assert_eq!(
        stats.error.as_deref(),
        Some("Destination Host Unreachable (from 10.0.0.1)")
    );
}

#[test]
fn request_timeouts_leave_gaps() {
    let stats = parse("raw_macos_timeouts.txt");
    assert_eq!(stats.missing_sequences, vec![1]);
    assert_eq!(stats.loss_percent, Some(25.0));
    assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
    assert!((stats.rtt.unwrap().stddev_ms - 0.989).abs() < 0.001);
}

#[test]
fn total_loss_without_a_round_trip_line_has_no_rtt() {
    let stats = parse("raw_bsd_total_loss.txt");
    assert_eq!((stats.transmitted, stats.received, stats.lost), (4, 0, 4));
    assert_eq!(stats.rtt, None);
    assert_eq!(stats.missing_sequences, vec![0, 1, 2, 3]);
    assert_eq!(stats.error, None);
}

#[test]
fn ipv6_addresses_keep_their_colons() {
    let stats = parse("raw_linux_ipv6.txt");
    assert_eq!(stats.destination.as_deref(), Some("ipv6.google.com"));
    assert_eq!(
        stats.resolved_ip.as_deref(),
        Some("2a00:1450:4009:81f::200e")
    );
    assert_eq!(
        stats.replies[1].address.as_deref(),
        Some("2a00:1450:4009:81f::200e")
    );
    assert_eq!(stats.received, 2);

    let stats = parse("raw_busybox_ipv6.txt");
    assert_eq!(
        stats.replies[0].address.as_deref(),
        Some("2001:4860:4860::8888")
    );
    assert_eq!(stats.replies[0].time_ms, Some(12.304));
    assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
}

#[test]
fn unknown_hosts_give_statistics_with_the_error_stated() {
    for (fixture, error, destination) in [
        (
            "raw_busybox_bad_address.txt",
            "bad address 'nonexistent.invalid'",
            None,
        ),
        (
            "raw_linux_unknown_host.txt",
            "nonexistent.invalid: Name or service not known",
            None,
        ),
        (
            "raw_aos_unknown_host.txt",
            "unknown host nonexistent.invalid",
            Some("nonexistent.invalid"),
        ),
        (
            "raw_ap_address_failed.txt",
            "host address failed because the ipv4/v6 address www.djgdij.com is invalid.",
            Some("www.djgdij.com"),
        ),
    ] {
        let stats = parse(fixture);
        assert_eq!(stats.error.as_deref(), Some(error), "{fixture}");
        assert_eq!(stats.destination.as_deref(), destination, "{fixture}");
        assert_eq!((stats.transmitted, stats.received), (0, 0), "{fixture}");
        assert_eq!(
            stats.loss_percent, None,
            "{fixture}: nothing sent, so no loss figure"
        );
        assert_eq!(stats.rtt, None);
    }
}

#[test]
fn a_summary_that_disagrees_with_the_replies_is_a_warning() {
    let text = "PING h (1.2.3.4): 56 data bytes\n\
                64 bytes from 1.2.3.4: icmp_seq=0 ttl=5 time=10.0 ms\n\
                64 bytes from 1.2.3.4: icmp_seq=1 ttl=5 time=20.0 ms\n\
                --- h ping statistics ---\n\
                2 packets transmitted, 1 packets received, 50% packet loss\n\
                round-trip min/avg/max = 10.0/30.0/20.0 ms\n";
    let stats = parse_ping_output(text).unwrap();
    assert_eq!(stats.received, 1, "the reported count is kept");
    assert_eq!(
        stats.warnings,
        vec![
            "the summary says 1 received but 2 replies are listed",
            "the reported average RTT 30 ms disagrees with the replies (15 ms)",
        ]
    );
}

#[test]
fn unreadable_reply_lines_become_warnings() {
    let text = "64 bytes from 1.2.3.4: icmp_seq=zero ttl=5 time=10.0 ms\n\
                64 bytes from 1.2.3.4: icmp_seq=1 ttl=5 time=fast ms\n\
                64 bytes from 1.2.3.4: icmp_seq=2 ttl=5 time=3 ms\n";
    let stats = parse_ping_output(text).unwrap();
    assert_eq!(sequences(&stats), vec![2]);
    assert_eq!(stats.warnings.len(), 3, "{:?}", stats.warnings);
    assert!(stats.warnings[0]
        .starts_with("line 1 not read (the sequence number is not a whole number)"));
    assert!(stats.warnings[2].starts_with("the number of packets transmitted is not reported"));
}

#[test]
fn text_with_no_ping_in_it_is_an_error() {
    for text in [
        "",
        "hello world",
        "{\"status\":\"COMPLETED\"}",
        "\0\u{1}\u{2}",
    ] {
        let err = parse_ping_output(text).unwrap_err();
        assert!(
            err.to_string().starts_with("no ping output found"),
            "{text:?}: {err}"
        );
    }
}

#[test]
fn command_line_options_are_not_the_destination() {
    let stats = parse_ping_output(
        "COMMAND=ping -c 3 -s 100 core-sw1.example.net\nping: sendto: Network is unreachable\n",
    )
    .unwrap();
    assert_eq!(stats.destination.as_deref(), Some("core-sw1.example.net"));
    assert_eq!(
        stats.error.as_deref(),
        Some("sendto: Network is unreachable")
    );
}

#[test]
fn an_absurd_transmitted_count_in_text_is_ignored_not_allocated() {
    let text = "64 bytes from 1.2.3.4: icmp_seq=0 ttl=5 time=1 ms\n4000000000 packets transmitted, 1 packets received\n";
    let stats = parse_ping_output(text).unwrap();
    assert_eq!(stats.transmitted, 1, "estimated from the replies instead");
    assert!(stats.missing_sequences.is_empty());
}
