//! How parse inputs and results cross the wasm boundary, with `flat.js`.
//!
//! In: [`with_text_from_js`] copies a JS string into wasm memory with one `encodeInto`.
//! Out: a result written as [`super::layout`] describes it, numbers in one `f64` buffer and
//! every string in one UTF-8 text (decoded once, then sliced), turned into objects by the
//! reader generated into `flat.js`, in one call.
//! Field-by-field conversion (serde-wasm-bindgen) crosses the boundary per value and was
//! measured about 4x slower than a plain JavaScript parser; see bench/parse.mjs.

use ap_ping_core::stats::{PingStatistics, PingTestResult};
use ap_ping_core::traceroute::{Traceroute, TracerouteTestResult};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A type whose values cross to JavaScript: what [`super::describe`]'s `crossing!` macro
/// implements for each object [`super::layout`] describes. It lives here, with the writer
/// it writes into, so that `describe` (the vocabulary) does not depend on `flat`.
pub(super) trait Crossing {
    fn write(&self, out: &mut FlatResult);
}

#[wasm_bindgen(module = "/src/flat.js")]
extern "C" {
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(memory: &JsValue, text: &JsValue, ptr: *mut u8, capacity: usize) -> f64;
    #[wasm_bindgen(js_name = buildPingStatistics)]
    fn build_statistics(numbers: &[f64], spans_at: usize, text: &[u8]) -> JsValue;
    #[wasm_bindgen(js_name = buildPingTestResult)]
    fn build_test_result(numbers: &[f64], spans_at: usize, text: &[u8]) -> JsValue;
    #[wasm_bindgen(js_name = buildTracerouteTestResult)]
    fn build_traceroute_result(numbers: &[f64], spans_at: usize, text: &[u8]) -> JsValue;
    #[wasm_bindgen(js_name = buildTraceroute)]
    fn build_trace(numbers: &[f64], spans_at: usize, text: &[u8]) -> JsValue;
}

/// Buffers kept between calls: the input text and a result on its way out. Allocating
/// them afresh was a measurable part of parsing a small body. A buffer grown past
/// [`KEPT_CAPACITY`] by a large input is let go afterwards.
#[derive(Default)]
struct Scratch {
    input: Vec<u8>,
    output: FlatResult,
}

const KEPT_CAPACITY: usize = 1 << 20;
/// Room for any ordinary status body, so it is written in one call.
const MIN_INPUT_CAPACITY: usize = 64 * 1024;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
    /// This module's memory, handed to `encodeInto` with each text. Not kept in `flat.js`:
    /// the parser module and the widget's import the same `flat.js` (one snippet of this
    /// crate), so a page that loads both has one copy of it for two memories.
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// One of the kept buffers, taken out of the scratch (a new one if it is in use).
fn take_kept<T: Default>(buffer: fn(&mut Scratch) -> &mut T) -> T {
    SCRATCH.with(|s| {
        s.try_borrow_mut()
            .map(|mut s| std::mem::take(buffer(&mut s)))
            .unwrap_or_default()
    })
}

/// Puts a buffer back for the next call, unless its `size` in bytes grew past
/// [`KEPT_CAPACITY`].
fn keep<T>(buffer: fn(&mut Scratch) -> &mut T, value: T, size: usize) {
    if size <= KEPT_CAPACITY {
        SCRATCH.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                *buffer(&mut s) = value;
            }
        });
    }
}

/// Longest JS string read, in UTF-16 units. Its UTF-8 is at least as long, and the
/// parsers refuse more than this many bytes anyway: longer text is refused before any
/// memory is set aside for it.
const MAX_TEXT_UNITS: usize = 2 * ap_ping_core::stats::raw_text::MAX_TEXT_BYTES;

/// Why a JS value gave no text to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoText {
    /// Not a string at all.
    NotAString,
    /// `TextEncoder.prototype.encodeInto` (replaceable by any script on the page) threw,
    /// gave no byte count, or gave back something that is not UTF-8.
    NotUtf8,
    /// A string too long to be a ping status or ping text.
    TooLong {
        /// Its length in UTF-16 units.
        units: usize,
    },
}

impl NoText {
    /// The message of the JS `Error`; `expected` says what should have been given.
    pub fn message(self, expected: &str) -> String {
        match self {
            NoText::NotAString => format!("expected {expected}"),
            NoText::NotUtf8 => {
                "the text could not be read: TextEncoder.prototype.encodeInto gave back no UTF-8 text (has a script on the page replaced it?)".into()
            }
            NoText::TooLong { units } => {
                format!("a text of {units} characters is longer than the {MAX_TEXT_UNITS} accepted")
            }
        }
    }
}

/// Calls `f` with the text of a JS string.
pub fn with_text_from_js<R>(value: &JsValue, f: impl FnOnce(&str) -> R) -> Result<R, NoText> {
    // The buffer is initialized in full (zeros once, then earlier text), and what comes
    // back is checked as UTF-8: whatever `encodeInto` does or claims (a page can replace
    // it), Rust reads only initialized bytes and only valid text.
    let mut bytes = take_kept(|s| &mut s.input);
    if bytes.len() < MIN_INPUT_CAPACITY {
        bytes.resize(MIN_INPUT_CAPACITY, 0);
    }
    // One call in the usual case; a second one when the text needs more room.
    let encode = |bytes: &mut Vec<u8>| {
        MEMORY.with(|memory| encode_into(memory, value, bytes.as_mut_ptr(), bytes.len()))
    };
    let mut answer = encode(&mut bytes);
    if answer <= -3.0 {
        let needed = (-3.0 - answer) as usize;
        if needed / 3 > MAX_TEXT_UNITS {
            return Err(NoText::TooLong { units: needed / 3 });
        }
        // Zeroed by the allocator: fresh memory from the host is zero already.
        bytes = vec![0; needed];
        answer = encode(&mut bytes);
    }
    let result = if answer == -1.0 {
        Err(NoText::NotAString)
    } else if answer < 0.0 {
        Err(NoText::NotUtf8)
    } else {
        let written = (answer as usize).min(bytes.len());
        std::str::from_utf8(&bytes[..written])
            .map(f)
            .map_err(|_| NoText::NotUtf8)
    };
    let size = bytes.len();
    keep(|s| &mut s.input, bytes, size);
    result
}

/// `PingTestResult` as a plain JS object.
pub fn test_result_to_js(result: &PingTestResult) -> JsValue {
    cross(result, build_test_result)
}

/// `PingStatistics` as a plain JS object.
pub fn statistics_to_js(stats: &PingStatistics) -> JsValue {
    cross(stats, build_statistics)
}

/// `TracerouteTestResult` as a plain JS object: what `parseTracerouteStatus` returns.
pub fn traceroute_result_to_js(result: &TracerouteTestResult) -> JsValue {
    cross(result, build_traceroute_result)
}

/// `Traceroute` as a plain JS object: what `parseTracerouteOutput` returns.
pub fn trace_to_js(trace: &Traceroute) -> JsValue {
    cross(trace, build_trace)
}

/// Writes `value` as [`super::layout`] describes it and has `build` (its reader in
/// `flat.js`) make the object: one call across the boundary.
fn cross<T: Crossing>(value: &T, build: fn(&[f64], usize, &[u8]) -> JsValue) -> JsValue {
    let mut out = take_kept(|s| &mut s.output);
    out.clear();
    value.write(&mut out);
    // The spans follow the numbers: one buffer crosses instead of two.
    let spans_at = out.numbers.len();
    out.numbers.extend_from_slice(&out.spans);
    let object = build(&out.numbers, spans_at, out.text.as_bytes());
    let size = 8 * (out.numbers.capacity() + out.spans.capacity()) + out.text.capacity();
    keep(|s| &mut s.output, out, size);
    object
}

/// A result on its way out, in the two streams `describe` explains: numbers, and strings
/// as spans of one text. String `i` is `text` from UTF-16 offset `spans[2i]` to
/// `spans[2i + 1]`: JavaScript decodes the text once and slices it. A null is a NaN in the
/// numbers, never a string.
#[derive(Default)]
pub(super) struct FlatResult {
    numbers: Vec<f64>,
    spans: Vec<f64>,
    text: String,
    utf16_len: usize,
    /// The last string a `shared_text_or_null` field wrote.
    last_shared: Option<Rc<str>>,
}

/// How `crossing!` writes each kind of field.
impl FlatResult {
    fn clear(&mut self) {
        self.numbers.clear();
        self.spans.clear();
        self.text.clear();
        self.utf16_len = 0;
        self.last_shared = None;
    }

    /// Every number goes through here, inlined: at the widget's size-first opt-level a
    /// `push` left as a call measured 3 % of a 4-reply parse.
    #[inline(always)]
    fn put(&mut self, n: f64) {
        self.numbers.push(n);
    }

    #[inline(always)]
    pub(super) fn number(&mut self, n: f64) {
        self.put(n);
    }

    #[inline(always)]
    pub(super) fn number_or_null(&mut self, n: Option<f64>) {
        self.put(n.unwrap_or(f64::NAN));
    }

    #[inline(always)]
    pub(super) fn flag(&mut self, b: bool) {
        self.put(if b { 1.0 } else { 0.0 });
    }

    /// NaN for null, as for numbers.
    #[inline(always)]
    pub(super) fn flag_or_null(&mut self, b: Option<bool>) {
        self.put(b.map_or(f64::NAN, |b| if b { 1.0 } else { 0.0 }));
    }

    /// A string or null: 1 then the string, or NaN alone. A null crosses as one number
    /// rather than a string slot.
    #[inline(always)]
    pub(super) fn text(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.put(1.0);
                self.span(s);
            }
            None => self.put(f64::NAN),
        }
    }

    /// A string that is always there (`texts`, `open_choice`, a new shared one).
    pub(super) fn span(&mut self, s: &str) {
        let start = self.utf16_len;
        self.text.push_str(s);
        self.utf16_len += if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.spans
            .extend_from_slice(&[start as f64, self.utf16_len as f64]);
    }

    /// One of a choice's names, by its index: a number costs less than a string on the way
    /// out.
    #[inline(always)]
    pub(super) fn choice(&mut self, index: usize) {
        self.put(index as f64);
    }

    /// Replies nearly always come from one address, shared by consecutive replies (one
    /// `Rc<str>`): each run of the same address crosses once.
    #[inline(always)]
    pub(super) fn shared_text(&mut self, s: Option<&Rc<str>>) {
        match (s, &self.last_shared) {
            (None, _) => self.put(f64::NAN),
            (Some(s), Some(last)) if Rc::ptr_eq(s, last) || **s == **last => self.put(0.0),
            (Some(s), _) => {
                self.put(1.0);
                self.span(s);
                self.last_shared = Some(Rc::clone(s));
            }
        }
    }

    #[inline(always)]
    pub(super) fn object<T: Crossing>(&mut self, value: &T) {
        value.write(self);
    }

    #[inline(always)]
    pub(super) fn object_or_null<T: Crossing>(&mut self, value: Option<&T>) {
        self.flag(value.is_some());
        if let Some(value) = value {
            value.write(self);
        }
    }

    #[inline(always)]
    pub(super) fn list<T: Crossing>(&mut self, items: &[T]) {
        self.put(items.len() as f64);
        for item in items {
            item.write(self);
        }
    }

    /// Runs of whole numbers, first and last of each: a body that claims a million
    /// packets crosses as a few numbers, and JavaScript counts them out.
    pub(super) fn runs(&mut self, runs: &[(u32, u32)]) {
        // The total first: JavaScript makes the array at its size, measured 2-3x faster
        // than growing it to a million.
        let total: u64 = runs.iter().map(|&(f, l)| u64::from(l - f) + 1).sum();
        self.put(total as f64);
        self.put(runs.len() as f64);
        for &(first, last) in runs {
            self.numbers
                .extend_from_slice(&[f64::from(first), f64::from(last)]);
        }
    }

    pub(super) fn texts<S: AsRef<str>>(&mut self, values: &[S]) {
        self.put(values.len() as f64);
        for v in values {
            self.span(v.as_ref());
        }
    }
}
