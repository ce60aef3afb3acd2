//! Decimal text to `f64`: the short values ping reports (`200.2`, `64`) on a fast path,
//! anything else through the standard library. Both give the correctly rounded value, the
//! same as JavaScript's `Number()`.

/// Parses `s` as Rust's `str::parse::<f64>` does (so `inf` and `NaN` are read too and left
/// to the caller to refuse).
pub fn parse_f64(s: &str) -> Option<f64> {
    fast_path(s.as_bytes()).or_else(|| s.parse().ok())
}

/// `-?digits(.digits)?` with at most 15 digits in all: the digits as an integer are exact
/// in an `f64`, and so is the power of ten, so one division is correctly rounded
/// (Clinger's fast path).
fn fast_path(bytes: &[u8]) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0;
    let mut fraction_digits = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
            }
            b'.' if fraction_digits.is_none() && i > 0 && i + 1 < digits.len() => {
                fraction_digits = Some(digits.len() - i - 1);
            }
            _ => return None,
        }
        if count > 15 {
            return None;
        }
    }
    if count == 0 {
        return None;
    }
    let value = mantissa as f64 / POWERS[fraction_digits.unwrap_or(0)];
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_on_the_fast_path_and_off_it() {
        for s in [
            "0",
            "64",
            "200.2",
            "209.8",
            "0.047",
            "-1.5",
            "123456789012345",
            "1.00000000000001",
            "0.1",
            "-0",
            "99999.99999",
            "1234567890123456",
            "0.30000000000000004",
            "1e3",
            "+5",
            "5.",
            ".5",
            "inf",
            "NaN",
            "",
            "-",
            "1.2.3",
            "12a",
            "1_0",
        ] {
            assert_eq!(
                parse_f64(s).map(f64::to_bits),
                s.parse::<f64>().ok().map(f64::to_bits),
                "{s:?}"
            );
        }
    }

    #[test]
    fn every_value_of_a_millisecond_grid_is_exact() {
        for i in 0..200_000u32 {
            let s = format!("{}.{:03}", i / 1000, i % 1000);
            assert_eq!(parse_f64(&s), s.parse().ok(), "{s}");
        }
    }
}
