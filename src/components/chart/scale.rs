//! The chart's scales: its size for the width it is shown at, the round millisecond
//! values of its gridlines and the sequences it labels. Pure, tested natively.

/// The width drawn before the chart's own width is known.
const DEFAULT_WIDTH: f64 = 600.0;

/// Width and height for a chart shown `width` pixels wide: wider than high everywhere,
/// but not a thin strip on a desktop card nor a sliver at 320 px.
pub fn chart_size(width: f64) -> (f64, f64) {
    let width = if width.is_finite() {
        width.clamp(240.0, 2000.0)
    } else {
        DEFAULT_WIDTH
    };
    (width, (110.0 + width * 0.2).clamp(170.0, 300.0))
}

/// 3 to 5 round millisecond values (steps of 1, 2 or 5 times a power of ten) from at or
/// below `min` to at or above `max`, and the decimals their labels need. Equal values get
/// a range around them, so that a flat line sits mid-plot on a readable scale.
pub fn millisecond_ticks(min: f64, max: f64) -> (Vec<f64>, u8) {
    let (mut lo, mut hi) = (min.max(0.0), max.max(min).max(0.0));
    let least_span = (hi * 0.02).max(0.01);
    if hi - lo < least_span {
        let middle = (lo + hi) / 2.0;
        lo = (middle - least_span / 2.0).max(0.0);
        hi = lo + least_span;
    }
    // Steps are multiple × 10^exponent; a value is n × multiple scaled by an exact power
    // of ten, so that 0.07 is the number 0.07 and not 7 × 0.01.
    // The largest power of ten at most a quarter of the range (no `log10`: it would bring
    // libm's into the wasm for one number).
    let mut exponent = 0;
    while 10f64.powi(exponent) > (hi - lo) / 4.0 {
        exponent -= 1;
    }
    while 10f64.powi(exponent + 1) <= (hi - lo) / 4.0 {
        exponent += 1;
    }
    loop {
        let scale = |n: f64| {
            if exponent >= 0 {
                n * 10f64.powi(exponent)
            } else {
                n / 10f64.powi(-exponent)
            }
        };
        for multiple in [1.0, 2.0, 5.0] {
            let step = scale(multiple);
            let (from, to) = ((lo / step).floor(), (hi / step).ceil());
            if to - from <= 4.0 {
                let ticks = (0..=(to - from) as u32)
                    .map(|i| scale((from + f64::from(i)) * multiple))
                    .collect();
                return (ticks, (-exponent).clamp(0, 6) as u8);
            }
        }
        exponent += 1;
    }
}

/// The sequences to label on an axis `plot_width` pixels long: every one when they fit
/// (36 px each, more for numbers of more than 3 digits: 7 px a digit of the 11 px labels,
/// and a gap), else every 2nd, 5th, 10th, 20th, 50th... from a multiple of the step.
pub fn sequence_ticks(first: u32, last: u32, plot_width: f64) -> Vec<u32> {
    let digits = last.checked_ilog10().unwrap_or(0) + 1;
    let label_width = f64::from(digits * 7 + 12).max(36.0);
    let room = ((plot_width / label_width).floor() as u64).max(2);
    let count = u64::from(last - first) + 1;
    let mut step: u64 = 1;
    let mut multiples = [2, 5, 10].into_iter().cycle();
    let mut base: u64 = 1;
    while count.div_ceil(step) > room {
        let m = multiples.next().unwrap_or(10);
        if m == 10 {
            base *= 10;
            step = base;
        } else {
            step = base * m;
        }
    }
    let start = u64::from(first).div_ceil(step) * step;
    (start..=u64::from(last))
        .step_by(step as usize)
        .map(|s| s as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millisecond_ticks_are_three_to_five_round_values_around_the_data() {
        for (min, max, expected, decimals) in [
            (200.2, 209.8, vec![200.0, 205.0, 210.0], 0),
            (28.5, 35.7, vec![28.0, 30.0, 32.0, 34.0, 36.0], 0),
            (0.041, 0.062, vec![0.04, 0.05, 0.06, 0.07], 2),
            (5.0, 5.0, vec![4.95, 5.0, 5.05], 2),
            (0.0, 0.0, vec![0.0, 0.005, 0.01], 3),
            (12.0, 950.0, vec![0.0, 500.0, 1000.0], 0),
        ] {
            let (ticks, d) = millisecond_ticks(min, max);
            assert_eq!((ticks, d), (expected, decimals), "{min}..{max}");
        }
        // Every range gets 3 to 5 ticks that enclose it.
        for i in 0..2000 {
            let min = f64::from(i) * 0.37;
            let max = min + f64::from(i % 97) * 1.3;
            let (ticks, _) = millisecond_ticks(min, max);
            assert!((3..=5).contains(&ticks.len()), "{min}..{max}: {ticks:?}");
            assert!(
                ticks[0] <= min && *ticks.last().unwrap() >= max,
                "{min}..{max}: {ticks:?}"
            );
        }
    }

    #[test]
    fn sequence_labels_are_all_shown_when_they_fit_and_thinned_when_not() {
        assert_eq!(sequence_ticks(0, 4, 500.0), vec![0, 1, 2, 3, 4]);
        assert_eq!(
            sequence_ticks(1, 100, 500.0),
            vec![10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
        );
        assert_eq!(sequence_ticks(0, 99, 250.0), vec![0, 20, 40, 60, 80]);
        assert_eq!(sequence_ticks(0, 9, 250.0), vec![0, 2, 4, 6, 8]);
        // Six-digit labels need 54 px each: 222 px hold 4 of them, not 6 that overlap.
        assert_eq!(sequence_ticks(0, 999_999, 222.0), vec![0, 500_000]);
        assert_eq!(sequence_ticks(0, 999_999, 860.0).len(), 10);
        assert_eq!(
            sequence_ticks(0, 9_999, 222.0),
            vec![0, 2_000, 4_000, 6_000, 8_000]
        );
        assert_eq!(sequence_ticks(7, 7, 250.0), vec![7]);
    }

    #[test]
    fn the_size_stays_readable_from_320_px_to_a_desktop_card() {
        let (narrow, wide) = (chart_size(288.0), chart_size(960.0));
        assert_eq!(narrow.0, 288.0);
        assert!(
            narrow.1 >= 170.0,
            "tall enough to read at 320 px: {narrow:?}"
        );
        assert!(
            wide.0 / wide.1 > 3.0,
            "not mostly empty on a desktop card: {wide:?}"
        );
        assert_eq!(chart_size(f64::NAN), chart_size(DEFAULT_WIDTH));
    }
}
