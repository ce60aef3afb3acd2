//! RFC 3339 timestamps to nanoseconds since the Unix epoch, without a date library
//! (the widget's size budget has no room for one).

use crate::error::ParseError;
use crate::json::quoted;

/// Nanoseconds since 1970-01-01T00:00:00Z, or what is wrong (a [`ParseError::Invalid`]
/// without a path).
pub fn parse_rfc3339_nanos(s: &str) -> Result<i128, ParseError> {
    parse_rfc3339_nanos_at(s, "")
}

/// [`parse_rfc3339_nanos`] of the value at `path` of a body, which its error names.
pub fn parse_rfc3339_nanos_at(s: &str, path: &str) -> Result<i128, ParseError> {
    nanos(s.as_bytes()).ok_or_else(|| not_rfc3339(s, path))
}

#[cold]
#[inline(never)]
fn not_rfc3339(s: &str, path: &str) -> ParseError {
    ParseError::Invalid {
        path: path.to_owned(),
        problem: format!(
            "expected an RFC 3339 timestamp like 2025-05-20T13:07:48.849780286Z, got {}",
            quoted(s)
        ),
    }
}

/// [`parse_rfc3339_nanos`] without the why: `None` for anything but a timestamp.
fn nanos(b: &[u8]) -> Option<i128> {
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    // Works on bytes, never slices `s`: a multi-byte character must not split a field.
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = b.get(from..to)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0, |n, c| n * 10 + i64::from(c - b'0')))
        } else {
            None
        }
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut nanos: i64 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = i - start;
        if digits == 0 {
            return None;
        }
        for _ in digits..9 {
            nanos *= 10;
        }
    }
    let offset_seconds = match &b[i..] {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let h = num(i + 1, i + 3)?;
            let m = num(i + 4, i + 6)?;
            if h > 23 || m > 59 {
                return None;
            }
            let sign = if *sign == b'-' { -1 } else { 1 };
            sign * (h * 3600 + m * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
    Some(i128::from(seconds) * 1_000_000_000 + i128::from(nanos))
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::parse_rfc3339_nanos;

    #[test]
    fn epoch_and_known_instants() {
        assert_eq!(parse_rfc3339_nanos("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(
            parse_rfc3339_nanos("2000-03-01T00:00:00Z"),
            Ok(951_868_800_000_000_000)
        );
        assert_eq!(parse_rfc3339_nanos("1970-01-01T01:00:00+01:00"), Ok(0));
        assert_eq!(
            parse_rfc3339_nanos("1970-01-01T00:00:00.5Z"),
            Ok(500_000_000)
        );
    }

    #[test]
    fn nanoseconds_are_kept() {
        let start = parse_rfc3339_nanos("2025-05-20T13:07:48.849780286Z").unwrap();
        let end = parse_rfc3339_nanos("2025-05-20T13:08:04.034123064Z").unwrap();
        assert_eq!(end - start, 15_184_342_778);
    }

    #[test]
    fn malformed_timestamps_are_rejected() {
        for s in [
            "",
            "yesterday",
            "2025-13-01T00:00:00Z",
            "2025-02-30T00:00:00Z",
            "2025-05-20T13:07:48",
            "2025-05-20T13:07:48.Z",
            "2025-05-20T25:00:00Z",
            "2025-05-20T13:07:48Zjunk",
            "２025-05-20T13:07:48Z",
            "2025-05-20T13:07:4é:00Z",
            "2025-05-20T13:07:48é",
        ] {
            assert!(parse_rfc3339_nanos(s).is_err(), "{s}");
        }
    }
}
