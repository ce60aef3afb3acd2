//! How parse inputs and results cross the wasm boundary, with `flat.js`.
//!
//! In: [`with_text_from_js`] copies a JS string into wasm memory with one `encodeInto`.
//! Out: the flat form of a result, numbers in one `f64` buffer and every string in one
//! UTF-8 text (decoded once, then sliced), turned into objects by `flat.js` in one call.
//! Field-by-field conversion (serde-wasm-bindgen) crosses the boundary per value and was
//! measured about 4x slower than a plain JavaScript parser; see bench/parse.mjs.

use crate::stats::{PingStatistics, PingTestResult, StatisticsSource, TestOutcome};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js_shape/flat.js")]
extern "C" {
    #[wasm_bindgen(js_name = useMemory)]
    fn use_memory(memory: &JsValue);
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &JsValue, ptr: *mut u8, capacity: usize) -> f64;
    #[wasm_bindgen(js_name = buildStatistics)]
    fn build_statistics(numbers: &[f64], spans_at: usize, text: &[u8]) -> JsValue;
    #[wasm_bindgen(js_name = buildTestResult)]
    fn build_test_result(numbers: &[f64], spans_at: usize, text: &[u8]) -> JsValue;
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
    static MEMORY_GIVEN: Cell<bool> = const { Cell::new(false) };
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
const MAX_TEXT_UNITS: usize = 2 * crate::stats::raw_text::MAX_TEXT_BYTES;

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
    MEMORY_GIVEN.with(|given| {
        if !given.replace(true) {
            use_memory(&wasm_bindgen::memory());
        }
    });
    // The buffer is initialized in full (zeros once, then earlier text), and what comes
    // back is checked as UTF-8: whatever `encodeInto` does or claims (a page can replace
    // it), Rust reads only initialized bytes and only valid text.
    let mut bytes = take_kept(|s| &mut s.input);
    if bytes.len() < MIN_INPUT_CAPACITY {
        bytes.resize(MIN_INPUT_CAPACITY, 0);
    }
    // One call in the usual case; a second one when the text needs more room.
    let mut answer = encode_into(value, bytes.as_mut_ptr(), bytes.len());
    if answer <= -3.0 {
        let needed = (-3.0 - answer) as usize;
        if needed / 3 > MAX_TEXT_UNITS {
            return Err(NoText::TooLong { units: needed / 3 });
        }
        // Zeroed by the allocator: fresh memory from the host is zero already.
        bytes = vec![0; needed];
        answer = encode_into(value, bytes.as_mut_ptr(), bytes.len());
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
    let mut out = FlatResult::for_statistics(result.statistics.as_deref());
    out.numbers.extend_from_slice(&[
        result.progress_percent.unwrap_or(f64::NAN),
        result.duration_ms.unwrap_or(f64::NAN),
        flag(result.is_terminal),
        flag(result.statistics.is_some()),
        // An index into flat.js's OUTCOMES, in TestOutcome's order: a number costs less
        // than a string on the way out.
        match result.outcome {
            TestOutcome::Pending => 0.0,
            TestOutcome::Measured => 1.0,
            TestOutcome::NoResult => 2.0,
        },
    ]);
    out.string(Some(result.status.as_str()));
    for s in [
        &result.start_time,
        &result.end_time,
        &result.fail_reason,
        &result.raw_output,
    ] {
        out.string(s.as_deref());
    }
    if let Some(stats) = &result.statistics {
        out.statistics(stats);
    }
    let spans_at = out.append_spans();
    let object = build_test_result(&out.numbers, spans_at, out.text.as_bytes());
    out.keep();
    object
}

/// `PingStatistics` as a plain JS object.
pub fn statistics_to_js(stats: &PingStatistics) -> JsValue {
    let mut out = FlatResult::for_statistics(Some(stats));
    out.statistics(stats);
    let spans_at = out.append_spans();
    let object = build_statistics(&out.numbers, spans_at, out.text.as_bytes());
    out.keep();
    object
}

/// A result on its way out. String `i` is `text` from UTF-16 offset `spans[2i]` to
/// `spans[2i + 1]` (NaN for null): JavaScript decodes the text once and slices it. The
/// spans cross after the numbers, in the same buffer.
#[derive(Default)]
struct FlatResult {
    numbers: Vec<f64>,
    spans: Vec<f64>,
    text: String,
    utf16_len: usize,
}

impl FlatResult {
    /// Empty buffers from the scratch, sized for `stats`.
    fn for_statistics(stats: Option<&PingStatistics>) -> Self {
        let (replies, missing, warnings) = stats.map_or((0, 0, 0), |s| {
            (s.replies.len(), s.missing_sequences.len(), s.warnings.len())
        });
        let mut out = take_kept(|s| &mut s.output);
        out.numbers.clear();
        out.spans.clear();
        out.text.clear();
        out.utf16_len = 0;
        out.numbers
            .reserve(22 + 6 * replies + missing + 2 * (10 + warnings));
        out.spans.reserve(2 * (9 + warnings + 1));
        out
    }

    /// Returns the buffers to the scratch for the next call, unless they grew large.
    fn keep(self) {
        let size = 8 * (self.numbers.capacity() + self.spans.capacity()) + self.text.capacity();
        keep(|s| &mut s.output, self, size);
    }

    fn string(&mut self, s: Option<&str>) {
        let Some(s) = s else {
            self.spans.extend_from_slice(&[f64::NAN, f64::NAN]);
            return;
        };
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

    /// Puts the spans after the numbers (one buffer crosses instead of two); where they start.
    fn append_spans(&mut self) -> usize {
        let at = self.numbers.len();
        self.numbers.extend_from_slice(&self.spans);
        at
    }

    fn string_count(&self) -> f64 {
        (self.spans.len() / 2) as f64
    }

    fn statistics(&mut self, stats: &PingStatistics) {
        let string_offset = self.string_count();
        self.string(stats.destination.as_deref());
        self.string(stats.resolved_ip.as_deref());
        self.string(stats.error.as_deref());
        for w in &stats.warnings {
            self.string(Some(w));
        }
        let rtt = stats.rtt.as_ref();
        self.numbers.extend_from_slice(&[
            f64::from(stats.transmitted),
            f64::from(stats.received),
            f64::from(stats.lost),
            f64::from(stats.duplicates),
            stats.loss_percent.unwrap_or(f64::NAN),
            flag(rtt.is_some()),
            rtt.map_or(0.0, |r| r.min_ms),
            rtt.map_or(0.0, |r| r.avg_ms),
            rtt.map_or(0.0, |r| r.max_ms),
            rtt.map_or(0.0, |r| r.median_ms),
            rtt.map_or(0.0, |r| r.stddev_ms),
            rtt.map_or(0.0, |r| r.jitter_ms),
            match stats.source {
                StatisticsSource::Output => 0.0,
                StatisticsSource::RawOutput => 1.0,
            },
            stats.replies.len() as f64,
            stats.missing_sequences.len() as f64,
            stats.warnings.len() as f64,
            string_offset,
        ]);
        // Replies nearly always come from one address, shared by consecutive replies
        // (one Rc<str>): each run of the same address crosses once.
        let mut previous: Option<(&std::rc::Rc<str>, f64)> = None;
        let mut address_count = 0.0;
        for r in &stats.replies {
            let address = match (&r.address, previous) {
                (None, _) => -1.0,
                (Some(a), Some((p, i))) if std::rc::Rc::ptr_eq(a, p) || **a == **p => i,
                (Some(a), _) => {
                    self.string(Some(a));
                    let i = address_count;
                    address_count += 1.0;
                    previous = Some((a, i));
                    i
                }
            };
            self.numbers.extend_from_slice(&[
                f64::from(r.sequence),
                address,
                r.ttl.map_or(f64::NAN, f64::from),
                r.time_ms.unwrap_or(f64::NAN),
                r.size_bytes.map_or(f64::NAN, f64::from),
                flag(r.duplicate),
            ]);
        }
        self.numbers
            .extend(stats.missing_sequences.iter().map(|&m| f64::from(m)));
    }
}

fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}
