//! Any bytes into `parse_ping_output`: it may refuse them, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(stats) = ap_ping_core::stats::parse_ping_output(&text) {
        assert_eq!(stats.lost, stats.transmitted.saturating_sub(stats.received));
        assert!(stats.missing_sequences.len() <= stats.transmitted as usize);
    }
});
