//! Any bytes into `parse_traceroute_status`: it may refuse them, never panic, and what it
//! reads keeps to the bounds.
#![no_main]
use ap_ping_core::traceroute::{parse_traceroute_status, MAX_HOPS, MAX_PROBES_PER_HOP};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(result) = parse_traceroute_status(text) {
            if let Some(trace) = result.trace {
                assert!(trace.hops.len() <= MAX_HOPS as usize);
                assert!(trace.hops.windows(2).all(|w| w[0].hop < w[1].hop));
                assert!(trace.hops.iter().all(|h| h.probes.len() <= MAX_PROBES_PER_HOP));
            }
        }
    }
});
