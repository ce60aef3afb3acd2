//! A small, strict JSON reader (RFC 8259) that [`crate::wire`] drives field by field,
//! and the one JSON string writer.
//!
//! Why not serde_json: the wire module knows exactly which value it expects where, so it
//! can name the field path of a wrong value itself, strings borrow from the input unless
//! they contain escapes, and nothing generic is compiled per type. That made reading a
//! status body both faster and much smaller in wasm than serde's derived code plus
//! serde_path_to_error (see bench/parse.mjs and bench/size.mjs).

use std::borrow::Cow;
use std::fmt;

/// Deepest nesting accepted (serde_json's limit too): deeper input is an error, not a
/// stack overflow.
const MAX_DEPTH: u32 = 128;

/// The text is not JSON: what was wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What was expected or found.
    pub message: &'static str,
    /// 1-based line of the offending byte.
    pub line: usize,
    /// 1-based column (in bytes) of the offending byte.
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// What the next value is, judged by its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{`
    Object,
    /// `[`
    Array,
    /// `"`
    String,
    /// `-` or a digit.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`
    Null,
}

impl Kind {
    /// How the kind is named in a message: "expected a string, got an array".
    pub fn described(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::Array => "an array",
            Kind::String => "a string",
            Kind::Number => "a number",
            Kind::Bool => "a boolean",
            Kind::Null => "null",
        }
    }
}

/// A pull reader over one JSON text. The caller asks for what it expects next; every
/// method either consumes exactly that or returns the position of the problem.
pub struct JsonReader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

type Read<T> = Result<T, SyntaxError>;

impl<'a> JsonReader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        JsonReader {
            text,
            pos: 0,
            depth: 0,
        }
    }

    /// The kind of the next value, without consuming it.
    pub fn peek(&mut self) -> Read<Kind> {
        match self.next_byte() {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("EOF while parsing a value")),
        }
    }

    /// Enters an object (the next value must be one).
    pub fn begin_object(&mut self) -> Read<()> {
        self.open(b'{')
    }

    /// The next key of the current object, or `None` at its end. `first` is the caller's
    /// flag, true before the first key.
    pub fn next_key(&mut self, first: &mut bool) -> Read<Option<Cow<'a, str>>> {
        if self.closed_or_separated(b'}', first, "expected `,` or `}`")? {
            return Ok(None);
        }
        if self.next_byte() != Some(b'"') {
            return Err(self.unexpected("expected a key in double quotes"));
        }
        let key = self.string_at_quote()?;
        self.expect(b':', "expected `:`")?;
        Ok(Some(key))
    }

    /// Enters an array (the next value must be one).
    pub fn begin_array(&mut self) -> Read<()> {
        self.open(b'[')
    }

    /// True when another element of the current array follows; false at its end.
    pub fn next_element(&mut self, first: &mut bool) -> Read<bool> {
        Ok(!self.closed_or_separated(b']', first, "expected `,` or `]`")?)
    }

    /// Between members of an object or array: true (and the container left) when `close`
    /// comes next; otherwise the `,` that must precede every member but the first.
    /// Inlined: it runs for every key and element.
    #[inline(always)]
    fn closed_or_separated(
        &mut self,
        close: u8,
        first: &mut bool,
        message: &'static str,
    ) -> Read<bool> {
        if self.next_byte() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            return Ok(true);
        }
        if !std::mem::replace(first, false) {
            self.expect(b',', message)?;
        }
        Ok(false)
    }

    /// A string value, borrowed from the input unless it contains escapes.
    pub fn string(&mut self) -> Read<Cow<'a, str>> {
        if self.next_byte() != Some(b'"') {
            return Err(self.unexpected("expected a string"));
        }
        self.string_at_quote()
    }

    /// The string whose opening quote is at the current position (already checked).
    fn string_at_quote(&mut self) -> Read<Cow<'a, str>> {
        let bytes = self.text.as_bytes();
        let start = self.pos + 1;
        // The run ends at the closing quote, a backslash, a control character or the end.
        let i = plain_run_end(bytes, start);
        self.pos = i;
        match bytes.get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                Ok(Cow::Borrowed(&self.text[start..i]))
            }
            Some(b'\\') => {
                let mut owned = String::with_capacity(i - start + 16);
                owned.push_str(&self.text[start..i]);
                self.escaped_rest(owned).map(Cow::Owned)
            }
            Some(_) => Err(self.error("control character in a string")),
            None => Err(self.error("EOF while parsing a string")),
        }
    }

    /// A number value, as `f64`.
    pub fn number(&mut self) -> Read<f64> {
        self.next_byte();
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits_end(bytes, i),
            _ => return Err(self.error_at(i, "invalid number")),
        }
        if bytes.get(i) == Some(&b'.') {
            let end = digits_end(bytes, i + 1);
            if end == i + 1 {
                return Err(self.error_at(end, "invalid number"));
            }
            i = end;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            let end = digits_end(bytes, i);
            if end == i {
                return Err(self.error_at(end, "invalid number"));
            }
            i = end;
        }
        self.pos = i;
        // The JSON grammar above is a subset of Rust's float syntax.
        Ok(crate::decimal::parse_f64(&self.text[start..i]).unwrap_or(f64::NAN))
    }

    /// `true` or `false`.
    pub fn boolean(&mut self) -> Read<bool> {
        if self.literal("true") {
            Ok(true)
        } else if self.literal("false") {
            Ok(false)
        } else {
            Err(self.error("expected `true` or `false`"))
        }
    }

    /// `null`.
    pub fn null(&mut self) -> Read<()> {
        self.next_byte();
        if self.literal("null") {
            Ok(())
        } else {
            Err(self.error("expected `null`"))
        }
    }

    /// Reads and discards one value of any kind.
    pub fn skip_value(&mut self) -> Read<()> {
        match self.peek()? {
            Kind::Object => {
                self.begin_object()?;
                let mut first = true;
                while self.next_key(&mut first)?.is_some() {
                    self.skip_value()?;
                }
            }
            Kind::Array => {
                self.begin_array()?;
                let mut first = true;
                while self.next_element(&mut first)? {
                    self.skip_value()?;
                }
            }
            Kind::String => {
                self.string()?;
            }
            Kind::Number => {
                self.number()?;
            }
            Kind::Bool => {
                self.boolean()?;
            }
            Kind::Null => self.null()?,
        }
        Ok(())
    }

    /// The end of the text: only whitespace may follow the value.
    pub fn finish(&mut self) -> Read<()> {
        match self.next_byte() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters")),
        }
    }

    fn open(&mut self, byte: u8) -> Read<()> {
        self.expect(
            byte,
            if byte == b'{' {
                "expected `{`"
            } else {
                "expected `[`"
            },
        )?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(self.pos - 1, "recursion limit exceeded"));
        }
        Ok(())
    }

    /// Skips whitespace; the byte after it, not consumed.
    fn next_byte(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Read<()> {
        if self.next_byte() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(message))
        }
    }

    /// `message` at the current byte, or that the text ended there.
    #[cold]
    #[inline(never)]
    fn unexpected(&self, message: &'static str) -> SyntaxError {
        if self.pos >= self.text.len() {
            self.error("EOF while parsing")
        } else {
            self.error(message)
        }
    }

    fn literal(&mut self, word: &str) -> bool {
        if self.text.as_bytes()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// The rest of a string from the first backslash on, unescaped into `out`.
    #[cold]
    #[inline(never)]
    fn escaped_rest(&mut self, mut out: String) -> Read<String> {
        let bytes = self.text.as_bytes();
        loop {
            let start = self.pos;
            let i = plain_run_end(bytes, start);
            out.push_str(&self.text[start..i]);
            self.pos = i;
            match bytes.get(i) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escape = bytes.get(self.pos).copied();
                    self.pos += 1;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape"));
                        }
                    }
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("EOF while parsing a string")),
            }
        }
    }

    /// The character of `\uXXXX` (the `\u` already read), joining surrogate pairs.
    #[cold]
    #[inline(never)]
    fn unicode_escape(&mut self) -> Read<char> {
        let high = self.hex4()?;
        let code = match high {
            0xD800..=0xDBFF => {
                if !self.literal("\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.error("invalid low surrogate in hex escape"));
                }
                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            c => c,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode escape"))
    }

    fn hex4(&mut self) -> Read<u32> {
        let digits = self.text.as_bytes().get(self.pos..self.pos + 4);
        let mut value = 0;
        for &b in digits.ok_or_else(|| self.error("EOF while parsing a string"))? {
            let digit = (b as char)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid hex escape"))?;
            value = value * 16 + digit;
        }
        self.pos += 4;
        Ok(value)
    }

    #[cold]
    #[inline(never)]
    fn error(&self, message: &'static str) -> SyntaxError {
        self.error_at(self.pos, message)
    }

    #[cold]
    #[inline(never)]
    fn error_at(&self, pos: usize, message: &'static str) -> SyntaxError {
        let before = &self.text.as_bytes()[..pos.min(self.text.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        SyntaxError {
            message,
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: 1 + pos - line_start,
        }
    }
}

/// Where the run of string bytes that need no attention (not `"`, `\\` or a control
/// character) starting at `i` ends, looking at 8 bytes at a time: strings are most of
/// a status body.
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A high bit marks each byte that is `"`, `\` or below 0x20 (the lowest mark is exact).
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let marks = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let marks = marks & HIGH;
        if marks != 0 {
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

fn digits_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b'0'..=b'9') = bytes.get(i) {
        i += 1;
    }
    i
}

/// Appends `s` to `out` as a JSON string literal (quotes and escapes included).
pub fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `s` as a JSON string literal for a message (`got "abc"`), cut to 40 characters.
/// The one way values are quoted in messages: Rust's `{:?}` would bring its Unicode tables.
pub fn quoted(s: &str) -> String {
    let mut out = String::new();
    match s.char_indices().nth(40) {
        Some((cut, _)) => {
            push_string(&mut out, &s[..cut]);
            out.push('…');
        }
        None => push_string(&mut out, s),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads any JSON text completely, as skip_value does for unknown fields.
    fn check(text: &str) -> Result<(), String> {
        let mut r = JsonReader::new(text);
        r.skip_value()
            .and_then(|_| r.finish())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_valid_json_of_every_kind() {
        for ok in [
            "{}",
            "[]",
            " {\"a\" : [1, -2.5e3, 0.1, true, false, null, \"x\\n\\u00e9\\ud83d\\ude00\"] }\n",
            "\"\"",
            "0",
            "-0.0E+2",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_invalid_json_with_its_position() {
        for (bad, message) in [
            ("", "EOF while parsing a value at line 1 column 1"),
            ("{", "EOF while parsing at line 1 column 2"),
            ("{\"a\" 1}", "expected `:` at line 1 column 6"),
            (
                "{\"a\":1,}",
                "expected a key in double quotes at line 1 column 8",
            ),
            ("[1 2]", "expected `,` or `]` at line 1 column 4"),
            ("01", "trailing characters at line 1 column 2"),
            ("1.", "invalid number at line 1 column 3"),
            ("-", "invalid number at line 1 column 2"),
            ("1e", "invalid number at line 1 column 3"),
            ("tru", "expected `true` or `false` at line 1 column 1"),
            ("nul", "expected `null` at line 1 column 1"),
            (
                "\"a\nb\"",
                "control character in a string at line 1 column 3",
            ),
            ("\"\\x\"", "invalid escape at line 1 column 3"),
            (
                "\"\\ud800\"",
                "lone leading surrogate in hex escape at line 1 column 8",
            ),
            ("\"\\u12x4\"", "invalid hex escape at line 1 column 4"),
            ("\"\\u12", "EOF while parsing a string at line 1 column 4"),
            ("{}\n x", "trailing characters at line 2 column 2"),
            ("NaN", "expected a value at line 1 column 1"),
        ] {
            assert_eq!(check(bad), Err(message.to_owned()), "{bad:?}");
        }
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            check(&deep),
            Err("recursion limit exceeded at line 1 column 129".to_owned())
        );
        let fine = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert_eq!(check(&fine), Ok(()));
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        let mut r = JsonReader::new("\"plain\"");
        assert!(matches!(r.string(), Ok(Cow::Borrowed("plain"))));
        let mut r = JsonReader::new(r#""a\"b\\c\/d\u0041""#);
        assert_eq!(r.string().unwrap(), "a\"b\\c/dA");
    }

    #[test]
    fn the_end_of_a_plain_run_is_found_at_every_position() {
        for len in 0..20 {
            for special in [b'"', b'\\', b'\n', 0, 0x1f] {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    if at > 0 {
                        bytes[at - 1] = 0xC3; // multi-byte text before it is plain
                    }
                    assert_eq!(plain_run_end(&bytes, 0), at, "{bytes:?}");
                }
                assert_eq!(plain_run_end(&vec![b' '; len], 0), len);
            }
        }
    }

    #[test]
    fn numbers_read_as_javascript_reads_them() {
        for (text, value) in [
            ("200.2", 200.2),
            ("-0.5", -0.5),
            ("1e3", 1000.0),
            ("64", 64.0),
        ] {
            assert_eq!(JsonReader::new(text).number(), Ok(value));
        }
    }

    #[test]
    fn written_strings_read_back_unchanged() {
        for s in ["", "www.google.com", "a\"b\\c\n\t\r\u{1}\u{1f}é😀</script>"] {
            let mut out = String::new();
            push_string(&mut out, s);
            assert_eq!(JsonReader::new(&out).string().unwrap(), s, "{out}");
        }
    }
}
