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

/// The plural form (`messages::Form`) the count `n` takes in the language, by
/// `Intl.PluralRules`: 0 for `other`, then 1 to 5 for `zero`, `one`, `two`, `few`, `many`.
/// Natively (tests), English's rule: `one` for 1.
pub fn plural(n: f64, lang: &str) -> u8 {
    // The categories told apart by their first letter, "one" from "other" by its
    // length: smaller than a table of their names.
    #[cfg(target_arch = "wasm32")]
    {
        match intl::plural(n, lang).as_deref().map(str::as_bytes) {
            Some([b'z', ..]) => 1,
            Some(b"one") => 2,
            Some([b't', ..]) => 3,
            Some([b'f', ..]) => 4,
            Some([b'm', ..]) => 5,
            _ => 0,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        if n == 1.0 {
            2
        } else {
            0
        }
    }
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
    plural(0.0, lang);
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
    // Every browser that runs wasm has `Intl`: no second clock in the widget.
    #[cfg(target_arch = "wasm32")]
    {
        intl::clock_time(epoch_ms, lang).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        let seconds = (epoch_ms / 1000.0).floor().rem_euclid(86_400.0) as u32;
        format!(
            "{:02}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen]
    extern "C" {
        /// Throws a `RangeError` for what is not a language tag: caught here.
        #[wasm_bindgen(catch, js_namespace = Intl, js_name = getCanonicalLocales)]
        fn get_canonical_locales(lang: &str) -> Result<js_sys::Array, JsValue>;
    }

    /// The clock's entry in the cache, beside the numbers' fraction lengths.
    const CLOCK: u8 = u8::MAX;
    /// The plural rules' entry.
    const PLURAL: u8 = u8::MAX - 1;

    thread_local! {
        /// `format` functions by language and fraction length (or [`CLOCK`]), and the
        /// `Intl.PluralRules` of a language ([`PLURAL`]).
        static FORMATTERS: RefCell<Vec<(String, u8, JsValue)>> = const { RefCell::new(Vec::new()) };
    }

    pub fn canonical(lang: &str) -> Option<String> {
        get_canonical_locales(lang).ok()?.get(0).as_string()
    }

    /// Formats `v` with the cached formatter of (`lang`, `kind`), made the first time: an
    /// `Intl.NumberFormat` with `kind` fraction digits, for [`CLOCK`] an
    /// `Intl.DateTimeFormat` of hours, minutes and seconds, for [`PLURAL`] the category of
    /// `Intl.PluralRules`. One function for all, not one per kind: the widget is built for
    /// size.
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
                    let format = if kind == PLURAL {
                        js_sys::Intl::PluralRules::new(&locales, &options).into()
                    } else if kind == CLOCK {
                        for unit in ["hour", "minute", "second"] {
                            set(unit, "2-digit".into()).ok()?;
                        }
                        js_sys::Intl::DateTimeFormat::new(&locales, &options)
                            .format()
                            .into()
                    } else {
                        set("maximumFractionDigits", kind.into()).ok()?;
                        js_sys::Intl::NumberFormat::new(&locales, &options)
                            .format()
                            .into()
                    };
                    cache.push((lang.to_owned(), kind, format));
                    cache.len() - 1
                }
            };
            let entry = &cache[i].2;
            if kind == PLURAL {
                return entry
                    .unchecked_ref::<js_sys::Intl::PluralRules>()
                    .select(v)
                    .as_string();
            }
            entry
                .unchecked_ref::<js_sys::Function>()
                .call1(&JsValue::NULL, &JsValue::from_f64(v))
                .ok()?
                .as_string()
        })
    }

    /// The plural category (`one`, `few`, …) of `n` in the language.
    pub fn plural(n: f64, lang: &str) -> Option<String> {
        call(lang, PLURAL, n)
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
