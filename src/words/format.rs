//! Numbers and times as a language writes them (`Intl`), so an admin in Germany reads
//! `204,7 ms`. Formatters are made once per language and fraction length. `lang` is a
//! BCP 47 tag, or `""` for the browser's own language. The words around the numbers are
//! in `messages`.

/// `v` with at most `max_fraction` decimals.
pub fn number(v: f64, max_fraction: u8, lang: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(text) = intl::format(v, max_fraction, lang) {
            return text;
        }
    }
    let _ = lang;
    ap_ping_core::decimal::format(v, u32::from(max_fraction))
}

/// Makes the language's formatters now: creating an `Intl.NumberFormat` or an
/// `Intl.DateTimeFormat` costs milliseconds (3 ms measured for the clock's, in the frame
/// that showed "Finished at"), which belong in the widget's first, idle moments, not in
/// the frame that shows a result.
pub fn warm_up(lang: &str) {
    for digits in 0..=2 {
        number(0.0, digits, lang);
    }
    clock_time(0.0, lang);
}

/// `lang` as `Intl` writes it (`en-us` → `en-US`), or `None` when it is not a language
/// tag. Natively (tests), any non-empty ASCII tag of letters, digits and `-`.
pub fn canonical_lang(lang: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        intl::canonical(lang)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let valid = !lang.is_empty()
            && lang.split('-').all(|part| {
                (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        valid.then(|| lang.to_owned())
    }
}

/// A moment (ms since the epoch) as a wall-clock time in the language's way and the
/// page's time zone: `14:05:10`, or `2:05:10 PM`. Natively (tests), UTC with 24 hours.
pub fn clock_time(epoch_ms: f64, lang: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(text) = intl::clock_time(epoch_ms, lang) {
            return text;
        }
    }
    let _ = lang;
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
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// Throws a `RangeError` for what is not a language tag: caught here.
        #[wasm_bindgen(catch, js_namespace = Intl, js_name = getCanonicalLocales)]
        fn get_canonical_locales(lang: &str) -> Result<js_sys::Array, JsValue>;
    }

    /// The clock's entry in the cache, beside the numbers' fraction lengths.
    const CLOCK: u8 = u8::MAX;

    thread_local! {
        /// `format` functions by language and fraction length (or [`CLOCK`]).
        static FORMATTERS: RefCell<Vec<(String, u8, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
    }

    pub fn canonical(lang: &str) -> Option<String> {
        get_canonical_locales(lang).ok()?.get(0).as_string()
    }

    /// Formats `v` with the cached formatter of (`lang`, `kind`), made the first time: an
    /// `Intl.NumberFormat` with `kind` fraction digits, or for [`CLOCK`] an
    /// `Intl.DateTimeFormat` of hours, minutes and seconds. One function for both, not one
    /// per kind: the widget is built for size.
    fn call(lang: &str, kind: u8, v: f64) -> Option<String> {
        FORMATTERS.with(|cell| {
            let mut cache = cell.borrow_mut();
            let i = match cache.iter().position(|(l, k, _)| l == lang && *k == kind) {
                Some(i) => i,
                None => {
                    let locales = js_sys::Array::new();
                    if !lang.is_empty() {
                        locales.push(&lang.into());
                    }
                    let options = js_sys::Object::new();
                    let set = |name: &str, value: JsValue| {
                        js_sys::Reflect::set(&options, &name.into(), &value)
                    };
                    let format = if kind == CLOCK {
                        for unit in ["hour", "minute", "second"] {
                            set(unit, "2-digit".into()).ok()?;
                        }
                        js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
                    } else {
                        set("maximumFractionDigits", kind.into()).ok()?;
                        js_sys::Intl::NumberFormat::new(&locales, &options).format()
                    };
                    cache.push((lang.to_owned(), kind, format));
                    cache.len() - 1
                }
            };
            cache[i]
                .2
                .call1(&JsValue::NULL, &JsValue::from_f64(v))
                .ok()?
                .as_string()
        })
    }

    pub fn format(v: f64, max_fraction: u8, lang: &str) -> Option<String> {
        call(lang, max_fraction, v)
    }

    /// Hours, minutes and seconds of a moment, by `Intl.DateTimeFormat`.
    pub fn clock_time(epoch_ms: f64, lang: &str) -> Option<String> {
        call(lang, CLOCK, epoch_ms)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clock_times_are_hours_minutes_seconds() {
        // 2025-04-09T14:05:10.900Z
        assert_eq!(super::clock_time(1_744_207_510_900.0, ""), "14:05:10");
    }

    #[test]
    fn language_tags_are_checked() {
        assert_eq!(super::canonical_lang("de-DE").as_deref(), Some("de-DE"));
        for bad in ["", "de_DE", "-", "de--DE", "toolongtag9"] {
            assert_eq!(super::canonical_lang(bad), None, "{bad}");
        }
    }
}
