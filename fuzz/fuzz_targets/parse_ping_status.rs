//! Any bytes into `parse_ping_status`: it may refuse them, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(result) = ap_ping_core::stats::parse_ping_status(text) {
            if let Some(stats) = result.statistics {
                assert_eq!(stats.lost, stats.transmitted.saturating_sub(stats.received));
            }
        }
    }
});
