//! Decimal numbers in and out.
//!
//! In: the short values ping reports (`200.2`, `64`) on a fast path, anything else exactly
//! ([`exact`]); both give the correctly rounded value, as JavaScript's `Number()`.
//! Out: [`format`], with integer arithmetic only. Rust's float formatting (`{}` and
//! `{:.1}` on an `f64`) is about 15 KB of wasm, and the widget is measured in kilobytes.

mod exact;

/// Parses `s` as Rust's `str::parse::<f64>` does (so `inf` and `NaN` are read too and left
/// to the caller to refuse), without its 14 KB gzip of tables.
pub fn parse_f64(s: &str) -> Option<f64> {
    fast_path(s.as_bytes()).or_else(|| exact::parse(s.as_bytes()))
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

/// `v` rounded to at most `max_fraction` decimals (9 at most), trailing zeros dropped,
/// as JavaScript prints numbers: `204.7`, `5`, `-0.25`, `NaN`, `Infinity`. Values too large
/// for exact integers are written with an exponent and four significant digits (`1.235e+20`).
pub fn format(v: f64, max_fraction: u32) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let digits = max_fraction.min(9);
    let scale = 10u64.pow(digits);
    let scaled = (v.abs() * scale as f64).round();
    if scaled >= 9.0e15 {
        return scientific(v);
    }
    let scaled = scaled as u64;
    let mut out = String::new();
    if v < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&(scaled / scale).to_string());
    let fraction = scaled % scale;
    if fraction != 0 {
        let text = fraction.to_string();
        out.push('.');
        out.extend(std::iter::repeat_n('0', digits as usize - text.len()));
        out.push_str(text.trim_end_matches('0'));
    }
    out
}

/// `1.235e+20`: for magnitudes no integer holds exactly. Approximate in the last digit,
/// which is fine for the messages it is used in.
fn scientific(v: f64) -> String {
    let (mut mantissa, mut exponent) = (v.abs(), 0);
    while mantissa >= 10.0 {
        mantissa /= 10.0;
        exponent += 1;
    }
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}{}e+{exponent}", format(mantissa, 3))
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
            agrees(s);
        }
    }

    /// Compares with the standard library, bit for bit (NaN's sign included).
    pub(super) fn agrees(s: &str) {
        assert_eq!(
            parse_f64(s).map(f64::to_bits),
            s.parse::<f64>().ok().map(f64::to_bits),
            "{s:?}"
        );
    }

    #[test]
    fn formats_like_javascript_prints_rounded_numbers() {
        for (v, digits, text) in [
            (204.7, 1, "204.7"),
            (204.75, 1, "204.8"),
            (5.0, 3, "5"),
            (0.512, 2, "0.51"),
            (-0.25, 2, "-0.25"),
            (-0.001, 1, "0"),
            (12.0, 1, "12"),
            (0.05, 3, "0.05"),
            (1_000_000.5, 0, "1000001"),
            (15184.342778, 6, "15184.342778"),
            (f64::NAN, 1, "NaN"),
            (f64::INFINITY, 1, "Infinity"),
            (f64::NEG_INFINITY, 1, "-Infinity"),
            (1.2345e20, 1, "1.235e+20"),
            (-1e300, 1, "-1e+300"),
        ] {
            assert_eq!(format(v, digits), text, "{v} to {digits} digits");
        }
    }

    #[test]
    fn formatted_values_read_back_to_the_rounded_value() {
        for i in 0..100_000u32 {
            let v = f64::from(i) * 0.0137;
            let rounded = (v * 1000.0).round() / 1000.0;
            assert_eq!(format(v, 3).parse::<f64>().unwrap(), rounded, "{v}");
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
