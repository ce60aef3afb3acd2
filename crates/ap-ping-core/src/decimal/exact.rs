//! Correctly rounded decimal → `f64` for what the fast path leaves: long mantissas and
//! exponents (`0.30000000000000004`, `1e-7`, 800-digit halfway cases).
//!
//! Exact big-integer arithmetic, in place of the standard library's `f64::from_str`:
//! its Eisel-Lemire tables make the parser module 14 KB gzip larger, and these numbers
//! are rare in ping answers, so their speed matters little. The work is bounded by
//! [`MAX_DIGITS`] and the exponent checks: a few thousand limb operations per number.

use std::cmp::Ordering;

/// Significant digits kept; later ones only say "a little more than this". 767 suffice to
/// decide the rounding of any `f64` (the longest exact halfway value has 767).
const MAX_DIGITS: usize = 800;

/// Reads `s` with the syntax of Rust's `str::parse::<f64>`: an optional sign, digits with
/// an optional point, an optional exponent, or `inf`, `infinity`, `nan` in any case.
pub(super) fn parse(s: &[u8]) -> Option<f64> {
    let (negative, rest) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let magnitude = special(rest).or_else(|| Decimal::read(rest).map(|d| d.to_f64()))?;
    Some(if negative { -magnitude } else { magnitude })
}

fn special(s: &[u8]) -> Option<f64> {
    if s.eq_ignore_ascii_case(b"inf") || s.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if s.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// `digits × 10^exponent`, plus a little more when `truncated`.
struct Decimal {
    /// Significant digits (0–9), without leading zeros.
    digits: Vec<u8>,
    exponent: i64,
    /// A non-zero digit after the first [`MAX_DIGITS`] was dropped.
    truncated: bool,
}

impl Decimal {
    fn read(s: &[u8]) -> Option<Decimal> {
        let mut decimal = Decimal {
            digits: Vec::new(),
            exponent: 0,
            truncated: false,
        };
        let (mut any_digit, mut after_point) = (false, false);
        let mut i = 0;
        while let Some(&b) = s.get(i) {
            match b {
                b'0'..=b'9' => {
                    any_digit = true;
                    let leading_zero = b == b'0' && decimal.digits.is_empty();
                    if !leading_zero && decimal.digits.len() < MAX_DIGITS {
                        decimal.digits.push(b - b'0');
                    } else if !leading_zero {
                        decimal.truncated |= b != b'0';
                        if !after_point {
                            decimal.exponent += 1;
                        }
                        i += 1;
                        continue;
                    }
                    if after_point {
                        decimal.exponent -= 1;
                    }
                }
                b'.' if !after_point => after_point = true,
                _ => break,
            }
            i += 1;
        }
        if !any_digit {
            return None;
        }
        if i < s.len() {
            if s[i] | 0x20 != b'e' {
                return None;
            }
            decimal.exponent = decimal.exponent.saturating_add(exponent(&s[i + 1..])?);
        }
        Some(decimal)
    }

    fn to_f64(&self) -> f64 {
        let magnitude = self.digits.len() as i64 + self.exponent; // value < 10^magnitude
        if self.digits.is_empty() || magnitude < -324 {
            return 0.0; // below half the smallest subnormal, 4.9e-324
        }
        if magnitude > 310 {
            return f64::INFINITY;
        }
        let mut numerator = Big::default();
        for chunk in self.digits.chunks(9) {
            let n = chunk.iter().fold(0, |n, &d| n * 10 + u32::from(d));
            numerator.mul_add(10u32.pow(chunk.len() as u32), n);
        }
        let mut denominator = Big(vec![1]);
        let power = self.exponent.unsigned_abs() as u32;
        if self.exponent >= 0 {
            numerator.mul_pow10(power);
        } else {
            denominator.mul_pow10(power);
        }
        // Scaled by a power of two so that the quotient has 63 or 64 bits: enough to
        // round, and the remainder says whether it was exact.
        let shift = 63 + i64::from(denominator.bits()) - i64::from(numerator.bits());
        if shift >= 0 {
            numerator.shl(shift as u32);
        } else {
            denominator.shl(shift.unsigned_abs() as u32);
        }
        let quotient = numerator.div_rem(&denominator);
        round(quotient, -shift, self.truncated || !numerator.is_zero())
    }
}

/// The exponent's digits after `e`: an optional sign, at least one digit; saturates.
fn exponent(s: &[u8]) -> Option<i64> {
    let (negative, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits
        .iter()
        .fold(0i64, |n, &d| (n * 10 + i64::from(d - b'0')).min(1 << 40));
    Some(if negative { -n } else { n })
}

/// `value × 2^exponent` (plus a little more when `inexact`) to the nearest `f64`, ties to
/// even, subnormals and overflow included. `value` has 63 or 64 bits.
fn round(value: u64, exponent: i64, inexact: bool) -> f64 {
    let bits = 64 - i64::from(value.leading_zeros());
    // The lowest bit an f64 keeps: 53 significant bits, but never below 2^-1074.
    let lowest = (exponent + bits - 53).max(-1074);
    let drop = (lowest - exponent) as u32; // at least 10
    let below = |n: u32| value.checked_shr(n).unwrap_or(0);
    let mut mantissa = below(drop);
    let half = below(drop - 1) & 1 == 1;
    let under_half = 1u64.checked_shl(drop - 1).map_or(u64::MAX, |bit| bit - 1);
    let rest = inexact || value & under_half != 0;
    if half && (rest || mantissa & 1 == 1) {
        mantissa += 1;
    }
    // mantissa × 2^lowest, with mantissa <= 2^53. Normal numbers store the exponent of
    // their top bit; subnormals (and a rounding up into the normals) are mantissa alone.
    if lowest == -1074 && mantissa < 1 << 52 {
        return f64::from_bits(mantissa);
    }
    let mut top = lowest + 52;
    if mantissa >= 1 << 53 {
        mantissa >>= 1;
        top += 1;
    }
    let biased = top + 1023;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits((biased as u64) << 52 | (mantissa & ((1 << 52) - 1)))
}

/// An unsigned big integer, 32-bit limbs, least significant first, no zero limb on top.
#[derive(Default)]
struct Big(Vec<u32>);

impl Big {
    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn bits(&self) -> u32 {
        self.0
            .last()
            .map_or(0, |top| 32 * self.0.len() as u32 - top.leading_zeros())
    }

    /// `self × m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(m) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(9);
            self.mul_add(10u32.pow(step), 0);
            n -= step;
        }
    }

    fn shl(&mut self, n: u32) {
        let part = n % 32;
        let mut shifted = vec![0; (n / 32) as usize];
        let mut carry = 0;
        for &limb in &self.0 {
            // Two steps, so that a shift by 32 (part 0) cannot overflow.
            shifted.push(limb << part | carry);
            carry = limb >> (31 - part) >> 1;
        }
        shifted.push(carry);
        self.0 = shifted;
        self.trim();
    }

    fn shr1(&mut self) {
        let mut carry = 0;
        for limb in self.0.iter_mut().rev() {
            let next = *limb << 31;
            *limb = *limb >> 1 | carry;
            carry = next;
        }
        self.trim();
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn compare(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    /// `self -= other`, with `self >= other`.
    fn subtract(&mut self, other: &Big) {
        let mut borrow = false;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let (d, b1) = limb.overflowing_sub(other.0.get(i).copied().unwrap_or(0));
            let (d, b2) = d.overflowing_sub(u32::from(borrow));
            *limb = d;
            borrow = b1 || b2;
        }
        self.trim();
    }

    /// Divides by `divisor`, leaving the remainder in `self`. The quotient must fit in
    /// 64 bits (the caller scales it to 63 or 64).
    fn div_rem(&mut self, divisor: &Big) -> u64 {
        let Some(span) = self.bits().checked_sub(divisor.bits()) else {
            return 0;
        };
        let mut step = Big(divisor.0.clone());
        step.shl(span);
        let mut quotient = 0;
        for i in (0..=span).rev() {
            if self.compare(&step) != Ordering::Less {
                self.subtract(&step);
                quotient |= 1 << i;
            }
            step.shr1();
        }
        quotient
    }
}

#[cfg(test)]
mod tests {
    use crate::decimal::tests::agrees;
    use crate::test_support::Rng;

    #[test]
    fn reads_the_syntax_of_the_standard_library() {
        for s in [
            "1e3",
            "1E3",
            "1e+3",
            "1e-3",
            "1e",
            "1e+",
            "e3",
            ".e3",
            "1.e3",
            ".5e1",
            "+.5",
            "-.5",
            ".",
            "+",
            "-",
            "",
            "1e3.5",
            "1e3e3",
            "1 ",
            " 1",
            "0x10",
            "1_000",
            "inf",
            "-inf",
            "+inf",
            "INF",
            "Infinity",
            "-infinity",
            "infinit",
            "infinityy",
            "nan",
            "NaN",
            "-nan",
            "+NAN",
            "nan1",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0e99999999999999999999",
            "-0e-5",
            "0.000",
            "00012.5e1",
        ] {
            agrees(s);
        }
    }

    #[test]
    fn rounds_the_hard_cases_correctly() {
        for s in [
            "0.30000000000000004",
            "9007199254740993",
            "9007199254740993.0000000000000000000001",
            "9007199254740992.9999999999999999999999",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-324",
            "3e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e308",
            "1e309",
            "123456789012345678901234567890",
            "7.038531e-26",
            "8.98846567431158e307",
        ] {
            agrees(s);
        }
    }

    #[test]
    fn agrees_on_random_decimals_of_every_size() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..200_000 {
            let longest = if rng.below(10) == 0 { 900 } else { 25 };
            let digits = 1 + rng.below(longest);
            let mut s = String::new();
            if rng.below(4) == 0 {
                s.push('-');
            }
            let point = rng.below(digits + 1);
            for i in 0..digits {
                if i == point && i > 0 {
                    s.push('.');
                }
                s.push(char::from(b'0' + rng.below(10) as u8));
            }
            if rng.below(2) == 0 {
                s.push_str(&format!("e{}", rng.below(800) as i64 - 400));
            }
            agrees(&s);
        }
    }

    /// The exact value of `x` halfway to the next `f64`, and just above and below it:
    /// where the rounding direction is decided by the last of up to 767 digits.
    #[test]
    fn rounds_exact_halfway_values_to_even() {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        for i in 0..3_000 {
            // Every fifth value subnormal or near the limits, the rest anywhere.
            let bits = match i % 5 {
                0 => rng.below(1 << 53),
                1 => 0x7FE0_0000_0000_0000 + rng.below(1 << 52),
                _ => rng.below(0x7FEF_FFFF_FFFF_FFFF),
            };
            let (low, high) = (f64::from_bits(bits), f64::from_bits(bits + 1));
            let half = halfway(&exact_digits(low), &exact_digits(high));
            agrees(&half);
            agrees(&format!("{half}1"));
            agrees(&format!("{half}{}1", "0".repeat(900)));
            agrees(&below(&half));
        }
    }

    /// `x` written out exactly, as `int.fraction` with a fixed number of fraction digits
    /// (every f64 has at most 1074).
    fn exact_digits(x: f64) -> String {
        format!("{x:.1100}")
    }

    /// (a + b) / 2 for two decimals with the same number of fraction digits, exactly.
    fn halfway(a: &str, b: &str) -> String {
        let (a, b) = (a.replace('.', ""), b.replace('.', ""));
        let width = a.len().max(b.len());
        let pad = |s: &str| format!("{s:0>width$}").into_bytes();
        let (a, b) = (pad(&a), pad(&b));
        let mut sum = vec![0u8; width + 1];
        let mut carry = 0;
        for i in (0..width).rev() {
            let d = (a[i] - b'0') + (b[i] - b'0') + carry;
            sum[i + 1] = d % 10;
            carry = d / 10;
        }
        sum[0] = carry;
        // Halve, digit by digit, with one more digit for the final .5.
        sum.push(0);
        let mut rest = 0;
        for d in &mut sum {
            let v = rest * 10 + *d;
            *d = v / 2;
            rest = v % 2;
        }
        let text: String = sum.iter().map(|&d| char::from(b'0' + d)).collect();
        let point = text.len() - 1101;
        let (int, fraction) = text.split_at(point);
        format!("{int}.{}", fraction.trim_end_matches('0'))
    }

    /// The decimal just below `s` in its last digit (`s` ends in a non-zero digit).
    fn below(s: &str) -> String {
        let mut bytes = s.as_bytes().to_vec();
        let last = bytes.len() - 1;
        bytes[last] -= 1;
        bytes.extend_from_slice(b"9999999999");
        String::from_utf8(bytes).unwrap()
    }
}
