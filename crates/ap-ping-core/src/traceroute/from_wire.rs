//! The status JSON of any device family to [`TracerouteTestResult`]: read straight into
//! the model (no intermediate copy of the hops), with errors naming the field path, then
//! merged with `rawOutput`.

use crate::error::ParseError;
use crate::json::{quoted, JsonReader, Kind};
use crate::stats::from_wire::{integer, owned, text, typed_envelope, MAX_FIELD_CHARS};
use crate::traceroute::derive::{hop_list, hop_of, is_ip, probe_time, reached, Interner};
use crate::traceroute::model::{
    Destination, TraceHop, TraceOutcome, TraceProbe, TraceSource, Traceroute, TracerouteTestResult,
    MAX_HOPS, MAX_PROBES_PER_HOP,
};
use crate::traceroute::text::{parse_traceroute_text, MAX_TRACE_TEXT_BYTES};
use crate::wire::{
    number_value, present, read_object, text_value, wrong_kind, FieldPath, Place, StatusEnvelope,
    WireNumber,
};
use std::borrow::Cow;
use std::rc::Rc;

/// Largest status body read: room for `rawOutput` and for `output.hops` several times
/// over what any device sends (30 hops × 3 probes is about 10 KB). Larger is refused before
/// it is read.
pub const MAX_TRACE_BODY_BYTES: usize = 4 * MAX_TRACE_TEXT_BYTES;

/// Parses the 200 body of `GET …/traceroute/async-operations/{task-id}`.
pub fn parse_traceroute_status(body: &str) -> Result<TracerouteTestResult, ParseError> {
    if body.len() > MAX_TRACE_BODY_BYTES {
        return Err(ParseError::body_too_large(
            body.len(),
            "a traceroute status",
        ));
    }
    from_status(read_status(body)?)
}

/// The status body as read: the envelope as sent, the hops already typed.
struct StatusWire<'a> {
    envelope: StatusEnvelope<'a>,
    output: Option<OutputWire<'a>>,
}

/// `output`: the AP's example puts `rawOutput` in it as well.
#[derive(Default)]
struct OutputWire<'a> {
    destination: Option<Cow<'a, str>>,
    resolved_ip: Option<Cow<'a, str>>,
    raw_output: Option<Cow<'a, str>>,
    hops: Vec<TraceHop>,
    warnings: Vec<String>,
}

fn read_status(text: &str) -> Result<StatusWire<'_>, ParseError> {
    let mut output = None;
    let envelope = StatusEnvelope::read(text, |r| {
        output = read_output(r)?;
        Ok(())
    })?;
    Ok(StatusWire { envelope, output })
}

fn read_output<'a>(r: &mut JsonReader<'a>) -> Result<Option<OutputWire<'a>>, ParseError> {
    #[derive(Clone, Copy)]
    enum Field {
        Destination,
        ResolvedIp,
        RawOutput,
        Hops,
    }
    const FIELDS: &[(&str, Field)] = &[
        ("destination", Field::Destination),
        ("resolvedIp", Field::ResolvedIp),
        ("rawOutput", Field::RawOutput),
        ("hops", Field::Hops),
    ];
    if !present(r, Kind::Object, "output", "an object")? {
        return Ok(None);
    }
    let mut out = OutputWire::default();
    read_object(r, FIELDS, Place::Output, |r, field, path| {
        match field {
            Field::Destination => out.destination = text_value(r, path)?,
            Field::ResolvedIp => out.resolved_ip = text_value(r, path)?,
            Field::RawOutput => out.raw_output = text_value(r, path)?,
            Field::Hops => read_hops(r, &mut out)?,
        }
        Ok(())
    })?;
    Ok(Some(out))
}

/// `output.hops`: each hop typed as it is read. Hops numbered above [`MAX_HOPS`] (a TTL
/// has 8 bits) are skipped, only their JSON syntax checked, and counted in one warning;
/// probes past [`MAX_PROBES_PER_HOP`] likewise. A hop number listed twice is an error:
/// which of the two would be meant?
fn read_hops(r: &mut JsonReader<'_>, out: &mut OutputWire<'_>) -> Result<(), ParseError> {
    #[derive(Clone, Copy)]
    enum Field {
        Hop,
        Probes,
    }
    const FIELDS: &[(&str, Field)] = &[("hop", Field::Hop), ("probes", Field::Probes)];
    if !present(r, Kind::Array, "output.hops", "an array of hops")? {
        return Ok(());
    }
    r.begin_array()?;
    // Where each hop number was first listed (index + 1), to name both of a repeat.
    let mut listed_at = [0u32; MAX_HOPS as usize + 1];
    let mut interner = Interner::default();
    let mut above_max = 0usize;
    let mut probes_dropped = 0usize;
    let mut sorted = true;
    let mut i = 0usize;
    let mut first = true;
    while r.next_element(&mut first)? {
        let kind = r.peek()?;
        if kind != Kind::Object {
            let path = FieldPath {
                place: Place::Hop(i),
                key: "",
            };
            return Err(wrong_kind(r, path.to_string(), "a hop object", kind));
        }
        let mut number: Option<u32> = None;
        let mut skipped = false;
        let mut probes: Vec<TraceProbe> = Vec::new();
        read_object(r, FIELDS, Place::Hop(i), |r, field, path| {
            match field {
                Field::Hop => {
                    let n = match number_value(r, path)? {
                        Some(n) => integer(|| path.to_string(), &n)?,
                        None => {
                            return Err(ParseError::Missing {
                                path: path.to_string(),
                            })
                        }
                    };
                    if n == 0 {
                        return Err(ParseError::invalid(
                            path.to_string(),
                            "a hop number starts at 1, got 0",
                        ));
                    }
                    number = Some(n);
                }
                Field::Probes if number.is_some_and(|n| n > MAX_HOPS) => {
                    skipped = true;
                    r.skip_value()?;
                }
                Field::Probes => {
                    probes_dropped += read_probes(r, i, &mut interner, &mut probes)?;
                }
            }
            Ok(())
        })?;
        let Some(n) = number else {
            let path = FieldPath {
                place: Place::Hop(i),
                key: "hop",
            };
            return Err(ParseError::Missing {
                path: path.to_string(),
            });
        };
        if n > MAX_HOPS {
            above_max += 1;
            let _ = skipped;
        } else {
            let at = &mut listed_at[n as usize];
            if *at != 0 {
                let path = FieldPath {
                    place: Place::Hop(i),
                    key: "hop",
                };
                return Err(ParseError::invalid(
                    path.to_string(),
                    format!("hop {n} is listed twice (also output.hops[{}])", *at - 1),
                ));
            }
            *at = i as u32 + 1;
            sorted &= out.hops.last().is_none_or(|h| h.hop < n);
            out.hops.push(hop_of(n, probes));
        }
        i += 1;
    }
    if !sorted {
        out.hops.sort_unstable_by_key(|h| h.hop);
    }
    if above_max > 0 {
        out.warnings.push(format!(
            "{above_max} hops numbered above {MAX_HOPS} were not read"
        ));
    }
    if probes_dropped > 0 {
        out.warnings.push(format!(
            "{probes_dropped} probes past the {MAX_PROBES_PER_HOP} read per hop were not read"
        ));
    }
    Ok(())
}

/// `output.hops[i].probes` into `probes`; returns how many past the bound were skipped.
fn read_probes(
    r: &mut JsonReader<'_>,
    i: usize,
    interner: &mut Interner,
    probes: &mut Vec<TraceProbe>,
) -> Result<usize, ParseError> {
    #[derive(Clone, Copy)]
    enum Field {
        IpAddress,
        Time,
        ReverseDns,
    }
    const FIELDS: &[(&str, Field)] = &[
        ("ipAddress", Field::IpAddress),
        ("responseTimeMilliseconds", Field::Time),
        ("reverseDnsResolution", Field::ReverseDns),
    ];
    match r.peek()? {
        Kind::Array => {}
        Kind::Null => {
            r.null()?;
            return Ok(0);
        }
        other => {
            let path = FieldPath {
                place: Place::Hop(i),
                key: "probes",
            };
            return Err(wrong_kind(r, path.to_string(), "an array of probes", other));
        }
    }
    r.begin_array()?;
    let mut dropped = 0;
    let mut j = 0;
    let mut first = true;
    while r.next_element(&mut first)? {
        if probes.len() == MAX_PROBES_PER_HOP {
            r.skip_value()?;
            dropped += 1;
            continue;
        }
        let kind = r.peek()?;
        if kind != Kind::Object {
            let path = FieldPath {
                place: Place::Probe(i, j),
                key: "",
            };
            return Err(wrong_kind(r, path.to_string(), "a probe object", kind));
        }
        let (mut ip, mut dns, mut time) = (None, None, None);
        read_object(r, FIELDS, Place::Probe(i, j), |r, field, path| {
            match field {
                Field::IpAddress => ip = host_value(r, path)?,
                Field::ReverseDns => dns = host_value(r, path)?,
                Field::Time => {
                    time = match number_value(r, path)? {
                        None => None,
                        Some(WireNumber::Number(v)) if v.is_finite() && v >= 0.0 => {
                            Some((v, false))
                        }
                        Some(WireNumber::Text(t)) => {
                            probe_time(&t).map_err(|()| not_a_time(path, &t))?
                        }
                        Some(WireNumber::Number(v)) => {
                            return Err(not_a_time(path, &crate::decimal::format(v, 9)))
                        }
                    }
                }
            }
            Ok(())
        })?;
        probes.push(probe(ip, dns, time, interner));
        j += 1;
    }
    Ok(dropped)
}

/// A host field: a string (`"null"` and `""` mean none) or null.
fn host_value<'a>(
    r: &mut JsonReader<'a>,
    path: FieldPath<'_>,
) -> Result<Option<Cow<'a, str>>, ParseError> {
    let value = text_value(r, path)?;
    Ok(match value {
        Some(v) => {
            text(|| path.to_string(), &v, MAX_FIELD_CHARS)?;
            match crate::stats::text::trimmed(&v) {
                "" | "null" | "*" => None,
                _ => Some(v),
            }
        }
        None => None,
    })
}

/// One probe from its two host fields: whichever is an IP literal is the address (APs send
/// it in `reverseDnsResolution`, switches in `ipAddress`), the other, if a name, the name.
fn probe(
    ip: Option<Cow<'_, str>>,
    dns: Option<Cow<'_, str>>,
    time: Option<(f64, bool)>,
    interner: &mut Interner,
) -> TraceProbe {
    let (mut address, mut name): (Option<Rc<str>>, Option<Rc<str>>) = (None, None);
    for value in [ip.as_deref(), dns.as_deref()].into_iter().flatten() {
        let (host, ip) = interner.host(crate::stats::text::trimmed(value));
        if ip {
            address.get_or_insert(host);
        } else {
            name.get_or_insert(host);
        }
    }
    TraceProbe {
        name: name.filter(|n| address.as_ref() != Some(n)),
        address,
        rtt_ms: time.map(|(v, _)| v),
        annotation: time.and_then(|(_, below)| below.then(|| interner.get("<1"))),
    }
}

#[cold]
#[inline(never)]
fn not_a_time(path: FieldPath<'_>, t: &str) -> ParseError {
    ParseError::invalid(
        path.to_string(),
        format!(
            "expected a time such as \"1.5 ms\", \"*\" or \"null\", got {}",
            quoted(t)
        ),
    )
}

/// The read body to the typed result: the envelope checked as ping's is, the trace merged
/// from `output.hops` and `rawOutput`.
fn from_status(body: StatusWire<'_>) -> Result<TracerouteTestResult, ParseError> {
    let (raw_path, raw) = match (&body.envelope.raw_output, &body.output) {
        (None, Some(output)) => ("output.rawOutput", &output.raw_output),
        _ => ("rawOutput", &body.envelope.raw_output),
    };
    let e = typed_envelope(&body.envelope, raw_path, raw, MAX_TRACE_TEXT_BYTES)?;
    let from_text = e
        .raw_output
        .as_deref()
        .filter(|raw| !raw.trim().is_empty())
        .and_then(|raw| parse_traceroute_text(raw).ok());
    let trace = match body.output {
        Some(output) => Some(merge(output, from_text, e.status.is_terminal())?),
        None => from_text,
    }
    .map(Rc::new);
    Ok(TracerouteTestResult {
        is_terminal: e.status.is_terminal(),
        outcome: TraceOutcome::of(&e.status, e.fail_reason.as_deref(), trace.as_deref()),
        status: e.status,
        progress_percent: e.progress_percent,
        start_time: e.start_time,
        end_time: e.end_time,
        duration_ms: e.duration_ms,
        fail_reason: e.fail_reason,
        raw_output: e.raw_output,
        trace,
    })
}

/// `output` with what `rawOutput` adds: hop numbers `output.hops` skips (a two-address hop
/// is left out of it on switches) are filled in from the text, and where both list a hop
/// with different addresses, `output.hops` is kept and a warning says so. With no hop in
/// `output`, the text's trace is the trace.
fn merge(
    output: OutputWire<'_>,
    text: Option<Traceroute>,
    ended: bool,
) -> Result<Traceroute, ParseError> {
    let name = owned("output.destination", &output.destination, MAX_FIELD_CHARS)?
        .filter(|n| !matches!(n.trim(), "" | "null"));
    // Without `resolvedIp` (AOS-S, gateways), a destination given as an address is it.
    let address = owned("output.resolvedIp", &output.resolved_ip, MAX_FIELD_CHARS)?
        .filter(|a| !matches!(a.trim(), "" | "null"))
        .or_else(|| name.clone().filter(|n| is_ip(n)));
    let mut warnings = output.warnings;
    if output.hops.is_empty() {
        if let Some(mut text) = text {
            text.destination.name = name.or(text.destination.name.take());
            text.destination.address = address.or(text.destination.address.take());
            text.warnings.splice(0..0, warnings);
            text.reached = reached(&text.hops, text.destination.address.as_deref(), ended);
            return Ok(text);
        }
    }
    let mut hops = output.hops;
    let mut source = TraceSource::Output;
    let mut max_hops = None;
    let mut destination = Destination { name, address };
    if let Some(text) = text {
        max_hops = text.max_hops;
        if destination.address.is_none() {
            destination.address = text.destination.address;
        }
        if destination.name.is_none() {
            destination.name = text.destination.name;
        }
        let (mut filled, mut differ) = (Vec::new(), Vec::new());
        let mut merged = Vec::with_capacity(hops.len().max(text.hops.len()));
        let mut from_output = hops.into_iter().peekable();
        for raw_hop in text.hops {
            while let Some(h) = from_output.next_if(|h| h.hop < raw_hop.hop) {
                merged.push(h);
            }
            match from_output.next_if(|h| h.hop == raw_hop.hop) {
                Some(h) => {
                    if !h.addresses.is_empty()
                        && !raw_hop.addresses.is_empty()
                        && h.addresses != raw_hop.addresses
                    {
                        differ.push(h.hop);
                    }
                    merged.push(h);
                }
                None => {
                    filled.push(raw_hop.hop);
                    merged.push(raw_hop);
                }
            }
        }
        merged.extend(from_output);
        hops = merged;
        if !filled.is_empty() {
            source = TraceSource::Merged;
            warnings.push(format!("{} filled in from rawOutput", hop_list(&filled)));
        }
        if !differ.is_empty() {
            warnings.push(format!(
                "output.hops and rawOutput differ at {}; output.hops kept",
                hop_list(&differ)
            ));
        }
    }
    let reached = reached(&hops, destination.address.as_deref(), ended);
    Ok(Traceroute {
        destination,
        max_hops,
        hops,
        reached,
        source,
        warnings,
    })
}
