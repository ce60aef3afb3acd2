//! What both readers (the status JSON and traceroute text) compute the same way: a hop's
//! figures from its probes, whether the destination was reached, and the small value
//! rules (a time with its unit, an address or a name).

use crate::decimal::parse_f64;
use crate::stats::text::trimmed;
use crate::traceroute::model::{TraceHop, TraceProbe};
use std::rc::Rc;

/// Most "line not understood" warnings kept; the rest are counted in one more.
pub const MAX_LINE_WARNINGS: usize = 10;

/// A hop from its probes: loss, min/avg/max over the answered ones, and the distinct
/// answering addresses in order of first answer. One pass; addresses are compared by
/// pointer first (repeated addresses share one `Rc`).
pub fn hop_of(hop: u32, probes: Vec<TraceProbe>) -> TraceHop {
    let mut answered = 0u32;
    let (mut min, mut max, mut sum) = (f64::INFINITY, f64::NEG_INFINITY, 0.0);
    let mut addresses: Vec<Rc<str>> = Vec::new();
    for probe in &probes {
        if let Some(rtt) = probe.rtt_ms {
            answered += 1;
            min = min.min(rtt);
            max = max.max(rtt);
            sum += rtt;
        }
        if let (Some(address), Some(_)) = (&probe.address, probe.rtt_ms) {
            if !addresses
                .iter()
                .any(|a| Rc::ptr_eq(a, address) || **a == **address)
            {
                addresses.push(address.clone());
            }
        }
    }
    let sent = probes.len();
    let some = |v: f64| (answered > 0).then_some(v);
    TraceHop {
        hop,
        loss_percent: (sent > 0).then(|| (sent - answered as usize) as f64 * 100.0 / sent as f64),
        min_ms: some(min),
        avg_ms: some(sum / f64::from(answered.max(1))),
        max_ms: some(max),
        addresses,
        probes,
    }
}

/// Whether the destination answered, as [`crate::traceroute::Traceroute::reached`]
/// describes: the last answering hop holds `destination`'s address; else not, when the
/// trace `ended` (and the address is known) or stopped at a `!H`-style mark; else unknown.
pub fn reached(hops: &[TraceHop], destination: Option<&str>, ended: bool) -> Option<bool> {
    let last_answering = hops.iter().rev().find(|h| !h.addresses.is_empty());
    if let (Some(hop), Some(destination)) = (last_answering, destination) {
        if hop.addresses.iter().any(|a| **a == *destination) {
            return Some(true);
        }
    }
    let stopped = hops.last().is_some_and(|h| {
        h.probes
            .iter()
            .any(|p| p.annotation.as_deref().is_some_and(is_stop))
    });
    if stopped || (ended && destination.is_some()) {
        Some(false)
    } else {
        None
    }
}

/// `!H`, `!N`, `!X`, `!P`, `!<n>` and the like: the router said the destination cannot be
/// reached, and traceroute stops. (`<1`, Windows' "under a millisecond", is no stop.)
fn is_stop(annotation: &str) -> bool {
    annotation.starts_with('!')
}

/// A probe time as devices write it: `33.799 ms`, `1 ms`, `0.529ms`, `12.3`, Windows'
/// `<1 ms` (read as 1, with the annotation `<1`). `Ok(None)` for a lost or absent one
/// (`*`, `null`, empty); `Err(())` for anything else or a negative time.
pub fn probe_time(s: &str) -> Result<Option<(f64, bool)>, ()> {
    let t = trimmed(s);
    if t.is_empty() || t == "*" || t == "null" {
        return Ok(None);
    }
    let t = t.strip_suffix("ms").unwrap_or(t).trim_end();
    let (below, t) = match t.strip_prefix('<') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    match parse_f64(t) {
        Some(v) if v.is_finite() && v >= 0.0 => Ok(Some((v, below))),
        _ => Err(()),
    }
}

/// Whether `s` is an IP literal (an address) rather than a host name: a dotted quad of
/// 0–255, or IPv6 (hex groups and colons, maybe an embedded IPv4 and a `%zone`). A shape
/// check, not a validation: it only decides which of the two a value is.
pub fn is_ip(s: &str) -> bool {
    let b = s.as_bytes();
    if b.contains(&b':') {
        let body = s.split('%').next().unwrap_or(s);
        return body.len() >= 2
            && body.bytes().filter(|&c| c == b':').count() >= 2
            && body
                .bytes()
                .all(|c| c.is_ascii_hexdigit() || c == b':' || c == b'.');
    }
    // A dotted quad, byte by byte: this runs on every host token of a text.
    let (mut parts, mut value, mut digits) = (0, 0u32, 0);
    for &c in b {
        match c {
            b'0'..=b'9' if digits < 3 => {
                value = value * 10 + u32::from(c - b'0');
                digits += 1;
            }
            b'.' if digits > 0 && value <= 255 && parts < 3 => {
                parts += 1;
                (value, digits) = (0, 0);
            }
            _ => return false,
        }
    }
    parts == 3 && digits > 0 && value <= 255
}

/// Hosts as `Rc<str>`, one of the last few seen again when it is the same text: a path
/// repeats its addresses probe after probe, and each probe shares them rather than
/// copying (or classifying them again).
#[derive(Default)]
pub struct Interner {
    recent: [Option<(Rc<str>, bool)>; 4],
    next: usize,
}

impl Interner {
    /// The shared text of `s`, and whether it is an IP literal ([`is_ip`]).
    pub fn host(&mut self, s: &str) -> (Rc<str>, bool) {
        for (known, ip) in self.recent.iter().flatten() {
            if **known == *s {
                return (known.clone(), *ip);
            }
        }
        let entry = (Rc::<str>::from(s), is_ip(s));
        self.recent[self.next] = Some(entry.clone());
        self.next = (self.next + 1) % self.recent.len();
        entry
    }

    /// The shared text of `s`.
    pub fn get(&mut self, s: &str) -> Rc<str> {
        self.host(s).0
    }
}

/// Hop numbers named for a warning: `hop 3`, `hops 3, 7`, `hops 3–5, 9`.
pub fn hop_list(numbers: &[u32]) -> String {
    let mut out = String::from(if numbers.len() == 1 { "hop " } else { "hops " });
    let start = out.len();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        if out.len() > start {
            out.push_str(", ");
        }
        out.push_str(&numbers[i].to_string());
        if j > i {
            out.push('–');
            out.push_str(&numbers[j].to_string());
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_with_or_without_their_unit() {
        assert_eq!(probe_time("33.799 ms"), Ok(Some((33.799, false))));
        assert_eq!(probe_time("0.529ms"), Ok(Some((0.529, false))));
        assert_eq!(probe_time("<1 ms"), Ok(Some((1.0, true))));
        assert_eq!(probe_time("*"), Ok(None));
        assert_eq!(probe_time("null"), Ok(None));
        assert_eq!(probe_time("-1 ms"), Err(()));
        assert_eq!(probe_time("fast"), Err(()));
    }

    #[test]
    fn addresses_are_told_from_names() {
        for ip in [
            "10.27.113.225",
            "2001:4860::8888",
            "fe80::1%eth0",
            "::ffff:1.2.3.4",
        ] {
            assert!(is_ip(ip), "{ip}");
        }
        for name in ["router.lan", "10.0.0", "10.0.0.256", "null", "a:b", "cafe"] {
            assert!(!is_ip(name), "{name}");
        }
    }

    #[test]
    fn hop_lists_join_runs() {
        assert_eq!(hop_list(&[3]), "hop 3");
        assert_eq!(hop_list(&[3, 7]), "hops 3, 7");
        assert_eq!(hop_list(&[3, 4, 5, 9]), "hops 3–5, 9");
    }
}
