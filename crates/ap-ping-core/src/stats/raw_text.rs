//! Ping text (the API's `rawOutput`, or what a user pastes) to statistics.
//!
//! Understands BusyBox (`seq=`), BSD/macOS/AOS (`icmp_seq=0`, `round-trip
//! min/avg/max[/stddev]`) and Linux iputils (`icmp_seq=1`, `rtt min/avg/max/mdev`,
//! `N received`, `+N duplicates`, `+N errors`) output, IPv6, `DUP!`, timeouts, ICMP errors,
//! unknown hosts (ping's `ping: unknown host` and the AP's `host address failed because …
//! is invalid.`), the API's `COMMAND=ping <dest>` first line and CRLF line ends.
//! Ping text is free-form, so a line that cannot be read becomes a warning, never an error;
//! only text with nothing of ping in it at all is rejected.

use crate::decimal::parse_f64;
use crate::error::ParseError;
use crate::stats::derive::{assemble, mark_repeated_sequences, Observed, MAX_PACKETS};
use crate::stats::model::{PingReply, PingStatistics, StatisticsSource};
use crate::stats::text::{each_line, shared, trimmed};

/// How an AP reports a destination it could not resolve: "host address failed because
/// the ipv4/v6 address www.djgdij.com is invalid."
const AP_ADDRESS_FAILED: &str = "host address failed because ";

/// Longest ping text accepted (about 150,000 reply lines).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Parses ping text into statistics.
pub fn parse_ping_text(text: &str) -> Result<PingStatistics, ParseError> {
    Ok(assemble(observe(text)?, StatisticsSource::RawOutput))
}

/// Reads what the text reports, before cross-checking.
pub fn observe(text: &str) -> Result<Observed, ParseError> {
    let mut reader = TextReader::default();
    each_line(text, MAX_TEXT_BYTES, "ping text", |number, line| {
        reader.line(number, line)
    })?;
    reader.finish()
}

#[derive(Default)]
struct TextReader {
    seen: Observed,
    /// `COMMAND=ping <dest>`: the name as the user typed it.
    command_destination: Option<String>,
    /// From the `PING host (ip)` header or the statistics line.
    header_destination: Option<String>,
    iputils: bool,
    recognized: bool,
    /// ICMP errors (`Destination Host Unreachable`), counted and summarized once.
    icmp_errors: u32,
    first_icmp_error: Option<String>,
    /// The address of the previous reply, shared with the next one when it is the same.
    last_address: Option<std::rc::Rc<str>>,
}

impl TextReader {
    fn line(&mut self, number: usize, line: &str) {
        if line.is_empty() {
            return;
        }
        if let Some(command) = line.strip_prefix("COMMAND=") {
            self.recognized = true;
            self.command_destination = command_destination(command);
        } else if let Some(rest) = line.strip_prefix("PING6(") {
            self.recognized = true;
            if let Some((_, dest)) = rest.split_once("--> ") {
                self.seen.resolved_ip = Some(dest.trim().to_owned());
                self.header_destination = Some(dest.trim().to_owned());
            }
        } else if let Some(rest) = line.strip_prefix("PING ") {
            self.recognized = true;
            self.header(rest);
        } else if let Some((size, rest)) = reply_line(line) {
            self.recognized = true;
            self.reply(number, line, size, rest);
        } else if let Some(rest) = line.strip_prefix("From ") {
            // iputils: "From 192.168.1.1 icmp_seq=2 Destination Host Unreachable"
            self.recognized = true;
            let message = rest
                .split_whitespace()
                .skip_while(|t| !t.starts_with("icmp_seq="))
                .skip(1)
                .collect::<Vec<_>>()
                .join(" ");
            let from = rest.split_whitespace().next().unwrap_or("");
            self.icmp_error(if message.is_empty() {
                rest.to_owned()
            } else {
                format!("{message} (from {from})")
            });
        } else if line.starts_with("Request timeout for icmp_seq") {
            self.recognized = true; // the gap in the replies already says it
        } else if line.contains("packets transmitted") {
            self.recognized = true;
            self.summary(line);
        } else if let Some(values) = rtt_values(line) {
            self.recognized = true;
            self.rtt(number, line, values);
        } else if let Some(message) = line.strip_prefix("ping: ") {
            self.recognized = true;
            self.seen.error.get_or_insert_with(|| message.to_owned());
        } else if line.starts_with(AP_ADDRESS_FAILED) {
            // The AP's own words for a name it could not resolve, kept whole.
            self.recognized = true;
            self.seen.error.get_or_insert_with(|| line.to_owned());
        } else if let Some(rest) = line.strip_prefix("--- ") {
            self.recognized = true;
            if let Some(dest) = rest.strip_suffix(" ping statistics ---") {
                self.header_destination
                    .get_or_insert_with(|| dest.to_owned());
            }
        } else if line.contains("bytes of data") {
            self.iputils = true;
        }
    }

    /// `www.google.com (142.251.46.164): 56 data bytes`, `host (ip) 56(84) bytes of data.`,
    /// `google.com(lhr.1e100.net (2a00:1450::200e)) 56 data bytes`.
    fn header(&mut self, rest: &str) {
        if rest.contains("bytes of data") {
            self.iputils = true;
        }
        let host_end = rest.find([' ', '(']).unwrap_or(rest.len());
        let host = &rest[..host_end];
        if !host.is_empty() {
            self.header_destination = Some(host.to_owned());
        }
        if let Some(ip) = innermost_parenthesized(&rest[host_end..]) {
            self.seen.resolved_ip = Some(ip.to_owned());
        }
    }

    /// `64 bytes from 142.251.46.164: icmp_seq=0 ttl=108 time=200.2 ms (DUP!)`
    fn reply(&mut self, number: usize, line: &str, size: &str, rest: &str) {
        let colon = rest
            .match_indices(':')
            .find(|(i, _)| rest[i + 1..].starts_with(' '));
        let Some((from, fields)) = colon.map(|(i, _)| (&rest[..i], &rest[i + 2..])) else {
            return self.warn(number, line, "no ': ' after the address");
        };
        let address = innermost_parenthesized(from).unwrap_or(from).trim();
        let mut reply = PingReply {
            sequence: 0,
            address: (!address.is_empty()).then(|| shared(&mut self.last_address, address)),
            ttl: None,
            time_ms: None,
            size_bytes: size.parse().ok(),
            duplicate: false,
        };
        let mut sequence = None;
        // Ping writes ASCII: ASCII whitespace separates the fields.
        let mut tokens = fields.split_ascii_whitespace().peekable();
        while let Some(token) = tokens.next() {
            if let Some(v) = token
                .strip_prefix("icmp_seq=")
                .or_else(|| token.strip_prefix("seq="))
            {
                match v.parse::<u32>() {
                    Ok(s) => sequence = Some(s),
                    Err(_) => {
                        return self.warn(number, line, "the sequence number is not a whole number")
                    }
                }
            } else if let Some(v) = token
                .strip_prefix("ttl=")
                .or_else(|| token.strip_prefix("hlim="))
            {
                reply.ttl = v.parse().ok();
            } else if let Some(v) = token
                .strip_prefix("time=")
                .or_else(|| token.strip_prefix("time<"))
            {
                let v = v.strip_suffix("ms").unwrap_or(v);
                match parse_f64(v) {
                    Some(t) if t.is_finite() && t >= 0.0 => reply.time_ms = Some(t),
                    _ => return self.warn(number, line, "the time is not a number"),
                }
                if tokens.peek() == Some(&"ms") {
                    tokens.next();
                }
            } else if token.contains("DUP!") {
                reply.duplicate = true;
            }
        }
        let Some(sequence) = sequence else {
            // BSD: "92 bytes from 10.0.0.1: Destination Host Unreachable"
            if fields.contains("nreachable") || fields.contains("exceeded") {
                return self.icmp_error(format!("{} (from {address})", fields.trim()));
            }
            return self.warn(number, line, "no sequence number");
        };
        reply.sequence = sequence;
        self.seen.replies.push(reply);
    }

    /// `5 packets transmitted, 4 packets received, +1 duplicates, +2 errors, 20% packet loss, time 4005ms`
    fn summary(&mut self, line: &str) {
        for part in line.split(',') {
            let part = part.trim();
            let leading = part
                .trim_start_matches('+')
                .split_whitespace()
                .next()
                .unwrap_or("");
            if part.ends_with("packets transmitted") {
                self.seen.transmitted = leading.parse().ok().filter(|&t| t <= MAX_PACKETS);
            } else if part.ends_with("received") {
                self.iputils |= !part.contains("packets");
                self.seen.received = leading.parse().ok();
            } else if part.ends_with("duplicates") {
                self.seen.duplicates = leading.parse().ok();
            } else if part.ends_with("errors") {
                self.icmp_errors = self.icmp_errors.max(leading.parse().unwrap_or(0));
            } else if part.ends_with("packet loss") {
                self.seen.loss_percent =
                    parse_f64(leading.trim_end_matches('%')).filter(|v| v.is_finite());
            }
        }
    }

    fn rtt(&mut self, number: usize, line: &str, values: [f64; 3]) {
        if line.starts_with("rtt ") {
            self.iputils = true;
        }
        if values.iter().all(|v| v.is_finite() && *v >= 0.0) {
            self.seen.reported_rtt = Some((values[0], values[1], values[2]));
        } else {
            self.warn(number, line, "the round-trip values are not numbers");
        }
    }

    fn icmp_error(&mut self, message: String) {
        self.icmp_errors += 1;
        self.first_icmp_error.get_or_insert(message);
    }

    fn warn(&mut self, number: usize, line: &str, why: &str) {
        let shown: String = line.chars().take(80).collect();
        self.seen
            .warnings
            .push(format!("line {number} not read ({why}): {shown}"));
    }

    fn finish(mut self) -> Result<Observed, ParseError> {
        if !self.recognized {
            return Err(ParseError::invalid(
                "",
                "no ping output found: expected lines like \"64 bytes from …\" or \"5 packets transmitted, …\"",
            ));
        }
        self.seen.destination = self.command_destination.or(self.header_destination);
        mark_repeated_sequences(&mut self.seen.replies);
        self.seen.first_sequence = u32::from(self.iputils);
        if let Some(first) = self.first_icmp_error {
            let plural = if self.icmp_errors == 1 { "" } else { "s" };
            self.seen
                .warnings
                .push(format!("{} ICMP error{plural}: {first}", self.icmp_errors));
            if self.seen.replies.is_empty() && self.seen.error.is_none() {
                self.seen.error = Some(first);
            }
        }
        Ok(self.seen)
    }
}

/// `64 bytes from …` split into the size and what follows `bytes from `. Reply lines are
/// most of any ping text, so this is plain prefix matching, no substring search.
fn reply_line(line: &str) -> Option<(&str, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = line[digits..].strip_prefix(" bytes from ")?;
    Some((&line[..digits], rest))
}

/// The destination of `COMMAND=ping -c 5 www.google.com`: the last word that is not an option.
fn command_destination(command: &str) -> Option<String> {
    command
        .split_whitespace()
        .skip(1)
        .filter(|w| !w.starts_with('-'))
        .last()
        .map(str::to_owned)
}

/// `(a (b))` → `b`; `(a)` → `a`; `x` → None.
fn innermost_parenthesized(s: &str) -> Option<&str> {
    let close = s.find(')')?;
    let open = s[..close].rfind('(')?;
    Some(s[open + 1..close].trim())
}

/// min/avg/max of `round-trip min/avg/max = 1/2/3 ms` or `rtt min/avg/max/mdev = 1/2/3/0.4 ms`.
fn rtt_values(line: &str) -> Option<[f64; 3]> {
    if !(line.starts_with("round-trip ") || line.starts_with("rtt ")) {
        return None;
    }
    let (_, values) = line.split_once('=')?;
    let values = values.trim().trim_end_matches("ms").trim();
    let mut parts = values
        .split('/')
        .map(|v| parse_f64(trimmed(v)).unwrap_or(f64::NAN));
    Some([parts.next()?, parts.next()?, parts.next()?])
}
