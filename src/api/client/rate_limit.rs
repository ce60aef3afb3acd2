//! What an answer says about when to ask again: `Retry-After` (seconds or an HTTP-date)
//! and `X-RateLimit-Reset` (an RFC 3339 date-time), as ms to wait. Pure, tested natively.

use ap_ping_core::stats::timestamp::parse_rfc3339_nanos;

/// `Retry-After` as ms to wait: delta-seconds (`"3"`), or an HTTP-date
/// (`"Wed, 21 Oct 2015 07:28:00 GMT"`) measured from `now_ms` (ms since the epoch), never
/// negative. Anything else gives `None`, and the backoff applies.
pub fn retry_after_ms(value: &str, now_ms: f64) -> Option<u32> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u32>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at_ms = http_date_ms(value)?;
    Some((at_ms - now_ms).clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// An IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`) as ms since the epoch, read as the
/// RFC 3339 date-time it names (no number formatting: the widget's size budget is tight).
fn http_date_ms(value: &str) -> Option<f64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = value.split_whitespace();
    let (_weekday, day, month, year, time) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == month)? as u8 + 1;
    // The digits themselves are checked by the RFC 3339 reader.
    if day.len() > 2 || year.len() > 4 {
        return None;
    }
    let mut rfc3339 = String::with_capacity(24);
    for _ in year.len()..4 {
        rfc3339.push('0');
    }
    rfc3339.push_str(year);
    rfc3339.push('-');
    rfc3339.push(char::from(b'0' + month / 10));
    rfc3339.push(char::from(b'0' + month % 10));
    rfc3339.push('-');
    if day.len() == 1 {
        rfc3339.push('0');
    }
    rfc3339.push_str(day);
    rfc3339.push('T');
    rfc3339.push_str(time);
    rfc3339.push('Z');
    let nanos = parse_rfc3339_nanos(&rfc3339).ok()?;
    Some((nanos / 1_000_000) as f64)
}

/// `X-RateLimit-Reset` (an RFC 3339 UTC date-time) as ms to wait from `now_ms`, never
/// negative; `None` when it is absent or unreadable.
pub fn reset_in_ms(value: &str, now_ms: f64) -> Option<u32> {
    let nanos = parse_rfc3339_nanos(value.trim()).ok()?;
    let at_ms = (nanos / 1_000_000) as f64;
    Some((at_ms - now_ms).clamp(0.0, f64::from(u32::MAX)) as u32)
}
