//! Numbers and durations as the page's locale writes them (`Intl.NumberFormat`), so an
//! admin in Germany reads `204,7 ms`. Formatters are made once per fraction length.

/// `v` with at most `max_fraction` decimals, in the page's locale.
pub fn number(v: f64, max_fraction: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(text) = intl::format(v, max_fraction) {
            return text;
        }
    }
    ap_ping_core::decimal::format(v, u32::from(max_fraction))
}

/// Makes the locale's formatters now: creating an `Intl.NumberFormat` costs milliseconds,
/// which belong in the widget's first, idle moments, not in the frame that shows a result.
pub fn warm_up() {
    for digits in 0..=2 {
        number(0.0, digits);
    }
}

/// A round-trip time: `204.7 ms`.
pub fn ms(v: f64) -> String {
    format!("{} ms", number(v, if v < 10.0 { 2 } else { 1 }))
}

/// A percentage: the number as the locale writes it, then `%` (`20%`, `33.3%`). Rounding
/// never claims all or nothing: 999,999 lost of a million is `>99.9%`, not `100%`.
pub fn percent(v: f64) -> String {
    if (99.95..100.0).contains(&v) {
        format!(">{}%", number(99.9, 1))
    } else if v > 0.0 && v < 0.05 {
        format!("<{}%", number(0.1, 1))
    } else {
        format!("{}%", number(v, 1))
    }
}

/// A duration for people: `850 ms`, `15.2 s`, `2 min 5 s`.
pub fn duration(ms_total: f64) -> String {
    if ms_total < 1000.0 {
        format!("{} ms", number(ms_total, 0))
    } else if ms_total < 60_000.0 {
        format!("{} s", number(ms_total / 1000.0, 1))
    } else {
        let seconds = (ms_total / 1000.0).round() as u64;
        format!("{} min {} s", seconds / 60, seconds % 60)
    }
}

/// A moment (ms since the epoch) as a wall-clock time in the page's locale and time
/// zone: `14:05:10`, or `2:05:10 PM`. Natively (tests), UTC with 24 hours.
pub fn clock_time(epoch_ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(text) = intl::clock_time(epoch_ms) {
            return text;
        }
    }
    let seconds = (epoch_ms / 1000.0).floor().rem_euclid(86_400.0) as u32;
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use std::cell::RefCell;
    use wasm_bindgen::JsValue;

    thread_local! {
        static FORMATTERS: RefCell<Vec<Option<js_sys::Function>>> = const { RefCell::new(Vec::new()) };
    }

    pub fn format(v: f64, max_fraction: u8) -> Option<String> {
        FORMATTERS.with(|cell| {
            let mut cache = cell.borrow_mut();
            let i = usize::from(max_fraction);
            if cache.len() <= i {
                cache.resize(i + 1, None);
            }
            if cache[i].is_none() {
                let options = js_sys::Object::new();
                js_sys::Reflect::set(
                    &options,
                    &"maximumFractionDigits".into(),
                    &JsValue::from(max_fraction),
                )
                .ok()?;
                let nf = js_sys::Intl::NumberFormat::new(&js_sys::Array::new(), &options);
                cache[i] = Some(nf.format());
            }
            let f = cache[i].as_ref()?;
            f.call1(&JsValue::NULL, &JsValue::from_f64(v))
                .ok()?
                .as_string()
        })
    }

    /// Hours, minutes and seconds of a moment, by `Intl.DateTimeFormat`.
    pub fn clock_time(epoch_ms: f64) -> Option<String> {
        let options = js_sys::Object::new();
        for unit in ["hour", "minute", "second"] {
            js_sys::Reflect::set(&options, &unit.into(), &"2-digit".into()).ok()?;
        }
        let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format();
        format
            .call1(&JsValue::NULL, &JsValue::from_f64(epoch_ms))
            .ok()?
            .as_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_naturally() {
        assert_eq!(super::duration(850.0), "850 ms");
        assert_eq!(super::duration(15184.342778), "15.2 s");
        assert_eq!(super::duration(125_000.0), "2 min 5 s");
        assert_eq!(super::ms(204.7), "204.7 ms");
        assert_eq!(super::ms(0.512), "0.51 ms");
    }

    #[test]
    fn percentages_round_to_all_or_nothing_only_when_they_are() {
        assert_eq!(super::percent(20.0), "20%");
        assert_eq!(super::percent(33.33), "33.3%");
        assert_eq!(super::percent(99.9999), ">99.9%");
        assert_eq!(super::percent(100.0), "100%");
        assert_eq!(super::percent(0.0001), "<0.1%");
        assert_eq!(super::percent(0.0), "0%");
    }

    #[test]
    fn clock_times_are_hours_minutes_seconds() {
        // 2025-04-09T14:05:10.900Z
        assert_eq!(super::clock_time(1_744_207_510_900.0), "14:05:10");
    }
}
