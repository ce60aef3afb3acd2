//! Traceroute text (the API's `rawOutput`, or what a user pastes) to a [`Traceroute`].
//!
//! One line reader for every format seen: the AP's BusyBox (after its `COMMAND=traceroute …`
//! line), CX (`0.529ms`), AOS-S and gateways (the header split over two lines, the glued
//! two-address line `10.186.128.6  1 ms10.186.128.4  1 ms  1 ms`), Linux `traceroute` and
//! `traceroute6` (`name (address)`, several addresses on a line, `!H`-style marks,
//! `[AS15169]`), BSD and macOS (`traceroute: Warning: …`, `… from …`, a second address
//! on a line of its own) and Windows `tracert` (times before the host, `<1 ms`,
//! `Request timed out.`). Text is free-form, so a line not understood is a warning; only
//! text with no traceroute in it at all is an error.

use crate::error::ParseError;
use crate::json::quoted;
use crate::stats::text::each_line;
use crate::traceroute::derive::{hop_list, hop_of, is_ip, reached, Interner, MAX_LINE_WARNINGS};
use crate::traceroute::model::{
    Destination, TraceHop, TraceProbe, TraceSource, Traceroute, MAX_HOPS, MAX_PROBES_PER_HOP,
};
use std::rc::Rc;

/// Longest traceroute text read: 255 hops of ten probes with long names take under
/// 200 KB, so this leaves room for pasted text around them and still bounds the work.
pub const MAX_TRACE_TEXT_BYTES: usize = 1024 * 1024;

/// Parses traceroute text into a trace.
pub fn parse_traceroute_text(text: &str) -> Result<Traceroute, ParseError> {
    let mut reader = TextReader::default();
    each_line(
        text,
        MAX_TRACE_TEXT_BYTES,
        "traceroute text",
        |number, line| reader.line(number, line),
    )?;
    reader.finish()
}

#[derive(Default)]
struct TextReader {
    /// `COMMAND=traceroute <dest>`: the name as asked for.
    command_destination: Option<String>,
    destination: Destination,
    max_hops: Option<u32>,
    /// A `traceroute to` / `Tracing route to` line was read.
    header: bool,
    /// Windows' `Trace complete.`: the trace ended.
    complete: bool,
    hops: Vec<TraceHop>,
    /// The hop being read: a BSD/macOS line of its own can add to it.
    current: Option<(u32, Vec<TraceProbe>)>,
    interner: Interner,
    /// What `traceroute:` said other than a warning (`unknown host …`), for the error
    /// when no trace follows.
    complaint: Option<String>,
    not_understood: Vec<String>,
    not_understood_count: usize,
    repeated: Vec<u32>,
    above_max: usize,
    probes_dropped: usize,
}

impl TextReader {
    fn line(&mut self, number: usize, line: &str) {
        if line.is_empty() {
            return;
        }
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && line[digits..].starts_with([' ', '\t']) {
            // The limits line of AOS-S's split header (`1 hop min, 30 hops max, …`).
            if self.max_hops.is_none() && (line.contains("hops max") || line.contains("hop max")) {
                self.limits(line);
            } else if !self.hop_line(line, digits) {
                self.not_understood(number, line);
            }
            return;
        }
        if let Some(rest) = line
            .strip_prefix("traceroute to ")
            .or_else(|| line.strip_prefix("traceroute6 to "))
        {
            self.unix_header(rest);
        } else if let Some(rest) = line.strip_prefix("Tracing route to ") {
            self.windows_header(rest);
        } else if let Some(rest) = line.strip_prefix("COMMAND=") {
            if let Some(dest) = rest.split_ascii_whitespace().skip(1).last() {
                self.command_destination = Some(dest.to_owned());
            }
        } else if line.starts_with("traceroute:") || line.starts_with("traceroute6:") {
            if !line.contains("Warning:") && self.complaint.is_none() {
                self.complaint = Some(line.to_owned());
            }
        } else if line.starts_with("over a maximum of ") {
            self.limits(line);
        } else if line == "Trace complete." {
            self.complete = true;
        } else if !(self.current.is_some() && self.continuation(line)) {
            self.not_understood(number, line);
        }
    }

    /// `traceroute to NAME (ADDRESS), 30 hops max, …`; the AOS-S form `traceroute to ADDRESS ,`
    /// leaves the limits to the next line.
    fn unix_header(&mut self, rest: &str) {
        self.header = true;
        let name_end = rest.find([' ', ',', '(']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        let after = rest[name_end..].trim_start();
        let address = after
            .strip_prefix('(')
            .and_then(|a| a.split_once(')'))
            .map(|(a, _)| a);
        self.set_destination(name, address);
        self.limits(after);
    }

    /// `Tracing route to NAME [ADDRESS]` (`over a maximum of 30 hops` here or on the next line).
    fn windows_header(&mut self, rest: &str) {
        self.header = true;
        let name_end = rest.find(' ').unwrap_or(rest.len());
        let after = rest[name_end..].trim_start();
        let address = after
            .strip_prefix('[')
            .and_then(|a| a.split_once(']'))
            .map(|(a, _)| a);
        self.set_destination(&rest[..name_end], address);
        self.limits(after);
    }

    fn set_destination(&mut self, name: &str, address: Option<&str>) {
        if !name.is_empty() {
            self.destination.name = Some(name.to_owned());
        }
        self.destination.address = address
            .filter(|a| is_ip(a))
            .or(is_ip(name).then_some(name))
            .map(str::to_owned);
    }

    /// `… 30 hops max …` (Unix, on the header or the line after) or `over a maximum of 30 hops`.
    fn limits(&mut self, line: &str) {
        let before = |word: &str| {
            line.find(word).and_then(|at| {
                line[..at]
                    .trim_end()
                    .rsplit([' ', ','])
                    .next()
                    .and_then(|n| n.parse::<u32>().ok())
            })
        };
        let max = before("hops max")
            .or_else(|| before("hop max"))
            .or_else(|| {
                let at = line.find("maximum of ")? + "maximum of ".len();
                line[at..].split(' ').next()?.parse().ok()
            });
        if max.is_some() {
            self.max_hops = max;
        }
    }

    /// ` 3  name (address)  1.2 ms  *  1.4 ms !H`: the hop's number, then its probes.
    /// Returns false when the line holds no probe (not understood).
    fn hop_line(&mut self, line: &str, digits: usize) -> bool {
        let rest = &line[digits..];
        let Ok(hop) = line[..digits].parse::<u32>() else {
            return false;
        };
        if hop == 0 {
            return false;
        }
        if hop > MAX_HOPS {
            self.above_max += 1;
            return true;
        }
        let last = self
            .current
            .as_ref()
            .map(|(n, _)| *n)
            .or(self.hops.last().map(|h| h.hop));
        if last.is_some_and(|last| hop <= last) {
            // A second trace pasted after the first, or a repeated line: the first is kept.
            self.repeated.push(hop);
            return true;
        }
        let mut probes = Vec::with_capacity(3);
        if !self.probes(rest, &mut probes) {
            return false;
        }
        self.finish_hop();
        self.current = Some((hop, probes));
        true
    }

    /// A line of its own adding an address to the hop before (BSD and macOS).
    fn continuation(&mut self, line: &str) -> bool {
        let Some((hop, mut probes)) = self.current.take() else {
            return false;
        };
        let first = line.split_ascii_whitespace().next().unwrap_or("");
        let understood = (is_ip(first) || first.contains('.')) && self.probes(line, &mut probes);
        self.current = Some((hop, probes));
        understood
    }

    /// Reads the probes of a hop line (after its number) into `probes`; false when there is
    /// none. A host (`name`, `address`, `name (address)`, Windows' `name [address]`) applies
    /// to the times after it; times before any host (Windows) take the first host after them.
    fn probes(&mut self, text: &str, probes: &mut Vec<TraceProbe>) -> bool {
        let start = probes.len();
        // The host the times after it are from: its address and name.
        let mut host: (Option<Rc<str>>, Option<Rc<str>>) = (None, None);
        let mut hostless_from: Option<usize> = None;
        let mut pending: Option<(f64, bool)> = None;
        let mut tokens = text.split_ascii_whitespace();
        let mut glued: Option<&str> = None;
        while let Some(token) = glued.take().or_else(|| tokens.next()) {
            // A time (`1.2`, `<1`, `0.529ms`), its unit, a mark, an address, a name.
            // A number is a time only with its unit after it (`1 ms`; AOS-S glues the next
            // address to it: `1 ms10.186.128.4`).
            if let Some((rtt, below)) = pending.take() {
                if let Some(rest) = token.strip_prefix("ms") {
                    self.push(probes, &host, Some(rtt), below, &mut hostless_from);
                    if !rest.is_empty() && rest != "ec" {
                        glued = Some(rest);
                    }
                    continue;
                }
            }
            if token == "*" {
                self.push(probes, &(None, None), None, false, &mut hostless_from);
            } else if token.starts_with('!') {
                if let Some(last) = probes[start..].last_mut() {
                    last.annotation = Some(self.interner.get(token));
                }
            } else if let Some((rtt, below, unit)) = time_token(token) {
                if unit {
                    self.push(probes, &host, Some(rtt), below, &mut hostless_from);
                } else {
                    pending = Some((rtt, below));
                }
            } else if let Some(inner) = token.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
                let (address, ip) = self.interner.host(inner);
                if ip {
                    if host.1.as_ref() == Some(&address) {
                        host.1 = None;
                    }
                    host.0 = Some(address);
                }
            } else if let Some(inner) = token.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
                // `[AS15169]`, `[*]` are AS numbers; Windows' `[10.0.0.1]` is the address.
                let (address, ip) = self.interner.host(inner);
                if ip {
                    host.0 = Some(address);
                    self.name_hostless(probes, &mut hostless_from, &host);
                }
            } else if token.starts_with('<') && token.ends_with('>') {
                // Linux `-e`: an ICMP extension such as `<MPLS:L=24001,E=0,S=1,T=1>`.
            } else if token == "Request" || token == "reports:" {
                // Windows: `Request timed out.`, `10.0.0.1  reports: Destination host
                // unreachable.`: the rest is words.
                if token == "reports:" {
                    let words = text.rsplit("reports:").next().unwrap_or("");
                    let mark = if words.contains("host unreachable") {
                        "!H"
                    } else if words.contains("net unreachable") {
                        "!N"
                    } else if words.contains("protocol unreachable") {
                        "!P"
                    } else {
                        "!"
                    };
                    let mark = Some(self.interner.get(mark));
                    probes.push(TraceProbe {
                        address: host.0.clone(),
                        name: host.1.clone(),
                        rtt_ms: None,
                        annotation: mark,
                    });
                }
                break;
            } else {
                // A host: an address, or a name whose `(address)` may follow.
                let (shared, ip) = self.interner.host(token);
                host = if ip {
                    (Some(shared), None)
                } else {
                    (None, Some(shared))
                };
                self.name_hostless(probes, &mut hostless_from, &host);
            }
        }
        let any = probes.len() > start;
        if probes.len() > MAX_PROBES_PER_HOP {
            self.probes_dropped += probes.len() - MAX_PROBES_PER_HOP;
            probes.truncate(MAX_PROBES_PER_HOP);
        }
        any
    }

    /// One probe; an answered one with no host yet is remembered for the host after it.
    fn push(
        &mut self,
        probes: &mut Vec<TraceProbe>,
        (address, name): &(Option<Rc<str>>, Option<Rc<str>>),
        rtt_ms: Option<f64>,
        below: bool,
        hostless_from: &mut Option<usize>,
    ) {
        if rtt_ms.is_some() && address.is_none() && name.is_none() && hostless_from.is_none() {
            *hostless_from = Some(probes.len());
        }
        probes.push(TraceProbe {
            address: address.clone(),
            name: name.clone(),
            rtt_ms,
            annotation: below.then(|| self.interner.get("<1")),
        });
    }

    /// Windows: the host printed after the times is theirs.
    fn name_hostless(
        &mut self,
        probes: &mut [TraceProbe],
        hostless_from: &mut Option<usize>,
        (address, name): &(Option<Rc<str>>, Option<Rc<str>>),
    ) {
        if let Some(from) = *hostless_from {
            for probe in probes[from..].iter_mut().filter(|p| p.rtt_ms.is_some()) {
                probe.address = address.clone();
                probe.name = name.clone();
            }
            if address.is_some() {
                *hostless_from = None;
            }
        }
    }

    fn not_understood(&mut self, number: usize, line: &str) {
        self.not_understood_count += 1;
        if self.not_understood.len() < MAX_LINE_WARNINGS {
            self.not_understood
                .push(format!("line {number} not understood: {}", quoted(line)));
        }
    }

    fn finish_hop(&mut self) {
        if let Some((hop, probes)) = self.current.take() {
            self.hops.push(hop_of(hop, probes));
        }
    }

    fn finish(mut self) -> Result<Traceroute, ParseError> {
        self.finish_hop();
        if !self.header && self.hops.is_empty() {
            return Err(ParseError::invalid(
                "",
                match self.complaint {
                    Some(said) => format!("no traceroute in the text; it says {}", quoted(&said)),
                    None => "no traceroute found in the text: expected a \"traceroute to …\" or \
                             \"Tracing route to …\" line, or numbered hop lines"
                        .to_owned(),
                },
            ));
        }
        if let Some(name) = self.command_destination {
            self.destination.name = Some(name);
        }
        let mut warnings = self.not_understood;
        let more = self.not_understood_count - warnings.len();
        if more > 0 {
            warnings.push(format!("{more} more lines not understood"));
        }
        if !self.repeated.is_empty() {
            self.repeated.sort_unstable();
            self.repeated.dedup();
            warnings.push(format!(
                "{} listed again or out of order; the first account kept",
                hop_list(&self.repeated)
            ));
        }
        if self.above_max > 0 {
            warnings.push(format!(
                "{} hops numbered above {MAX_HOPS} were not read",
                self.above_max
            ));
        }
        if self.probes_dropped > 0 {
            warnings.push(format!(
                "{} probes past the {MAX_PROBES_PER_HOP} read per hop were not read",
                self.probes_dropped
            ));
        }
        let ended = self.complete
            || matches!((self.max_hops, self.hops.last()), (Some(max), Some(h)) if h.hop >= max);
        Ok(Traceroute {
            reached: reached(&self.hops, self.destination.address.as_deref(), ended),
            destination: self.destination,
            max_hops: self.max_hops,
            hops: self.hops,
            source: TraceSource::RawOutput,
            warnings,
        })
    }
}

/// A probe time token: `1.2` or `<1` (the unit to follow), `0.529ms`, `4msec` (with it):
/// the time, whether it was `<`, whether the unit was glued on.
fn time_token(token: &str) -> Option<(f64, bool, bool)> {
    let (below, t) = match token.strip_prefix('<') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let bare = t.strip_suffix("msec").or_else(|| t.strip_suffix("ms"));
    let t = bare.unwrap_or(t);
    // Digits with at most one point: an address (`10.0.0.1`) is no time, and is told so
    // before the number reader tries it.
    let b = t.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit)
        || !b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        || b.iter().filter(|c| **c == b'.').count() > 1
    {
        return None;
    }
    crate::decimal::parse_f64(t)
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(|v| (v, below, bare.is_some()))
}
