//! The `filter` query parameter of `GET /network-monitoring/v1/aps`: the small OData subset
//! the API description gives, read by a tokenizer and a parser (no regular expressions).
//!
//! ```text
//! filter    := condition ( "and" condition )*
//! condition := field "eq" string
//!            | field "in" "(" string ( "," string )* ")"
//! field     := siteId | siteName | serialNumber | deviceName | status | model
//!            | firmwareVersion | deployment | clusterId | clusterName
//! string    := "'" ( any character but "'" | "''" )* "'"
//! ```
//!
//! Keywords, operators and field names are case-sensitive, as in OData. Values compare
//! exactly (case-sensitive). At most [`MAX_FILTER_CHARS`] characters. `or`, `not`, other
//! operators, unquoted values, parentheses around conditions and anything else are refused
//! with a message that names the problem and where it is.

use std::fmt;

/// The longest filter the API takes, in characters.
pub const MAX_FILTER_CHARS: usize = 256;

/// A field a condition may name: every field of the API description's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    SiteId,
    SiteName,
    SerialNumber,
    DeviceName,
    Status,
    Model,
    FirmwareVersion,
    Deployment,
    ClusterId,
    ClusterName,
}

impl Field {
    /// Every field, in the description's order.
    pub const ALL: [Field; 10] = [
        Field::SiteId,
        Field::SiteName,
        Field::SerialNumber,
        Field::DeviceName,
        Field::Status,
        Field::Model,
        Field::FirmwareVersion,
        Field::Deployment,
        Field::ClusterId,
        Field::ClusterName,
    ];

    /// Its name in a filter (and in an item of the answer).
    pub fn name(self) -> &'static str {
        match self {
            Field::SiteId => "siteId",
            Field::SiteName => "siteName",
            Field::SerialNumber => "serialNumber",
            Field::DeviceName => "deviceName",
            Field::Status => "status",
            Field::Model => "model",
            Field::FirmwareVersion => "firmwareVersion",
            Field::Deployment => "deployment",
            Field::ClusterId => "clusterId",
            Field::ClusterName => "clusterName",
        }
    }

    /// The field with this exact name.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// One condition: the field equals one of `values` (`eq` is a list of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub field: Field,
    pub values: Vec<String>,
}

impl Condition {
    /// Whether an item whose `field` is `value` (`None`: the item has no such field) matches.
    pub fn matches(&self, value: Option<&str>) -> bool {
        value.is_some_and(|v| self.values.iter().any(|x| x == v))
    }
}

/// A filter: every condition must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub conditions: Vec<Condition>,
}

impl Filter {
    /// Whether an item matches, given how to read its fields.
    pub fn matches<'a>(&self, field_of: impl Fn(Field) -> Option<&'a str>) -> bool {
        self.conditions.iter().all(|c| c.matches(field_of(c.field)))
    }

    /// Every value a condition on `field` names.
    pub fn values_of(&self, field: Field) -> impl Iterator<Item = &str> {
        self.conditions
            .iter()
            .filter(move |c| c.field == field)
            .flat_map(|c| c.values.iter().map(String::as_str))
    }
}

/// Why a filter cannot be read: the message the 400 carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Invalid filter: {}", self.0)
    }
}

fn error<T>(message: impl Into<String>) -> Result<T, FilterError> {
    Err(FilterError(message.into()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A bare word: a field, an operator or a keyword (ASCII letters, digits, `_`).
    Word(String),
    /// A single-quoted value, with `''` read as `'`.
    Text(String),
    Open,
    Close,
    Comma,
}

/// A token and the character (1-based) where it begins.
type Located = (Token, usize);

fn describe(token: &Token) -> String {
    match token {
        Token::Word(w) => format!("'{w}'"),
        Token::Text(t) => format!("the value '{}'", t.replace('\'', "''")),
        Token::Open => "'('".into(),
        Token::Close => "')'".into(),
        Token::Comma => "','".into(),
    }
}

fn tokenize(text: &str) -> Result<Vec<Located>, FilterError> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let at = i + 1;
        match c {
            ' ' | '\t' => {}
            '(' => tokens.push((Token::Open, at)),
            ')' => tokens.push((Token::Close, at)),
            ',' => tokens.push((Token::Comma, at)),
            '\'' => {
                let mut value = String::new();
                loop {
                    match chars.next() {
                        None => return error(format!("unterminated value: the quote at character {at} is never closed")),
                        Some((_, '\'')) => {
                            if chars.next_if(|(_, c)| *c == '\'').is_some() {
                                value.push('\'');
                            } else {
                                break;
                            }
                        }
                        Some((j, c)) if c.is_control() => {
                            return error(format!("a control character (U+{:04X}) at character {} inside a value", c as u32, j + 1))
                        }
                        Some((_, c)) => value.push(c),
                    }
                }
                tokens.push((Token::Text(value), at));
            }
            c if c.is_ascii_alphabetic() => {
                let mut word = String::from(c);
                while let Some((_, c)) = chars.next_if(|(_, c)| c.is_ascii_alphanumeric() || *c == '_') {
                    word.push(c);
                }
                tokens.push((Token::Word(word), at));
            }
            c if c.is_ascii_digit() || c == '-' => {
                return error(format!(
                    "unquoted value at character {at}: values are written in single quotes, as in siteId eq '24833497'"
                ))
            }
            '"' => {
                return error(format!(
                    "double quote at character {at}: values are written in single quotes"
                ))
            }
            c if c.is_control() => {
                return error(format!("a control character (U+{:04X}) at character {at}", c as u32))
            }
            c => return error(format!("unexpected character '{c}' at character {at}")),
        }
    }
    Ok(tokens)
}

/// Reads a filter. The empty filter (or one of spaces only) is refused: leave the
/// parameter out to list everything.
pub fn parse(text: &str) -> Result<Filter, FilterError> {
    if text.chars().nth(MAX_FILTER_CHARS).is_some() {
        return error(format!(
            "longer than {MAX_FILTER_CHARS} characters ({} characters)",
            text.chars().count()
        ));
    }
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return error("empty: leave filter out to list every AP");
    }
    let mut parser = Parser {
        tokens: &tokens,
        next: 0,
    };
    let mut conditions = vec![parser.condition()?];
    while let Some((token, at)) = parser.take() {
        match token {
            Token::Word(w) if w == "and" => conditions.push(parser.condition()?),
            Token::Word(w) if w == "or" => {
                return error(format!(
                    "'or' at character {at} is not supported: conditions are joined with 'and' only (for several values of one field use in (...))"
                ))
            }
            other => {
                return error(format!(
                    "expected 'and' or the end of the filter at character {at}, found {}",
                    describe(other)
                ))
            }
        }
    }
    Ok(Filter { conditions })
}

struct Parser<'a> {
    tokens: &'a [Located],
    next: usize,
}

impl<'a> Parser<'a> {
    fn take(&mut self) -> Option<&'a Located> {
        let token = self.tokens.get(self.next)?;
        self.next += 1;
        Some(token)
    }

    /// The next token, or an error saying what was expected at the end.
    fn expect(&mut self, what: &str) -> Result<&'a Located, FilterError> {
        match self.take() {
            Some(token) => Ok(token),
            None => error(format!("the filter ends where {what} was expected")),
        }
    }

    fn condition(&mut self) -> Result<Condition, FilterError> {
        let field = match self.expect("a field")? {
            (Token::Word(w), at) if w == "not" => {
                return error(format!(
                    "'not' at character {at} is not supported: only eq and in, joined with 'and'"
                ))
            }
            (Token::Word(w), at) if w == "and" || w == "or" => {
                return error(format!(
                    "'{w}' at character {at} where a field was expected"
                ))
            }
            (Token::Word(w), at) => match Field::from_name(w) {
                Some(field) => field,
                None => {
                    let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                    return error(format!(
                        "unknown field '{w}' at character {at} (fields: {})",
                        known.join(", ")
                    ));
                }
            },
            (Token::Open, at) => {
                return error(format!(
                    "'(' at character {at}: parentheses only enclose the values of an in list"
                ))
            }
            (other, at) => {
                return error(format!(
                    "expected a field at character {at}, found {}",
                    describe(other)
                ))
            }
        };
        let name = field.name();
        let values = match self.expect(&format!("an operator after {name}"))? {
            (Token::Word(w), _) if w == "eq" => vec![self.value(name)?],
            (Token::Word(w), _) if w == "in" => self.list(name)?,
            (Token::Word(w), at) => {
                return error(format!(
                    "unsupported operator '{w}' at character {at}: only eq and in are supported"
                ))
            }
            (other, at) => {
                return error(format!(
                    "expected eq or in after {name} at character {at}, found {}",
                    describe(other)
                ))
            }
        };
        Ok(Condition { field, values })
    }

    fn value(&mut self, name: &str) -> Result<String, FilterError> {
        match self.expect(&format!("a quoted value for {name}"))? {
            (Token::Text(t), _) => Ok(t.clone()),
            (Token::Word(w), at) => error(format!(
                "unquoted value '{w}' for {name} at character {at}: write it in single quotes"
            )),
            (other, at) => error(format!(
                "expected a quoted value for {name} at character {at}, found {}",
                describe(other)
            )),
        }
    }

    fn list(&mut self, name: &str) -> Result<Vec<String>, FilterError> {
        match self.expect(&format!("'(' after in for {name}"))? {
            (Token::Open, _) => {}
            (other, at) => {
                return error(format!(
                    "expected '(' after in at character {at}, found {}",
                    describe(other)
                ))
            }
        }
        if let Some((Token::Close, at)) = self.tokens.get(self.next) {
            return error(format!(
                "empty in list for {name} at character {at}: give at least one value"
            ));
        }
        if let Some((Token::Open, at)) = self.tokens.get(self.next) {
            return error(format!(
                "nested parentheses at character {at}: an in list holds quoted values only"
            ));
        }
        let mut values = vec![self.value(name)?];
        loop {
            match self.expect(&format!("',' or ')' in the in list for {name}"))? {
                (Token::Comma, _) => values.push(self.value(name)?),
                (Token::Close, _) => return Ok(values),
                (other, at) => {
                    return error(format!(
                        "expected ',' or ')' in the in list at character {at}, found {}",
                        describe(other)
                    ))
                }
            }
        }
    }
}

/// A value written as the filter grammar carries it: quoted, `'` doubled.
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(field: Field, values: &[&str]) -> Condition {
        Condition {
            field,
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn refused(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_eq_in_and_and() {
        assert_eq!(
            parse("siteId eq '24833497' and status eq 'ONLINE'").unwrap(),
            Filter {
                conditions: vec![
                    condition(Field::SiteId, &["24833497"]),
                    condition(Field::Status, &["ONLINE"]),
                ]
            }
        );
        assert_eq!(
            parse("serialNumber in ('CNF7G9X001', 'CNF7G9X002')").unwrap(),
            Filter {
                conditions: vec![condition(
                    Field::SerialNumber,
                    &["CNF7G9X001", "CNF7G9X002"]
                )]
            }
        );
        assert_eq!(
            parse("  siteName   in('HQ','WAREHOUSE')and\tmodel eq 'AP-515'  ").unwrap(),
            Filter {
                conditions: vec![
                    condition(Field::SiteName, &["HQ", "WAREHOUSE"]),
                    condition(Field::Model, &["AP-515"]),
                ]
            }
        );
    }

    #[test]
    fn every_field_of_the_description_is_accepted() {
        for field in Field::ALL {
            let filter = parse(&format!("{} eq 'x'", field.name())).unwrap();
            assert_eq!(filter.conditions, vec![condition(field, &["x"])]);
        }
    }

    #[test]
    fn a_doubled_quote_is_a_quote_and_quote_writes_it_back() {
        let filter = parse("deviceName eq 'o''brien''s ap' and siteName eq ''''").unwrap();
        assert_eq!(
            filter.conditions,
            vec![
                condition(Field::DeviceName, &["o'brien's ap"]),
                condition(Field::SiteName, &["'"]),
            ]
        );
        assert_eq!(
            parse("deviceName eq ''").unwrap().conditions[0].values,
            [""]
        );
        for value in ["o'brien", "''", "", "a,b) or (c", "ü ✓ 测试"] {
            let filter = parse(&format!("deviceName eq {}", quote(value))).unwrap();
            assert_eq!(filter.conditions[0].values, [value]);
        }
    }

    #[test]
    fn unicode_inside_a_value_is_kept_and_outside_is_refused() {
        let filter = parse("siteName eq 'Zürich – Büro 测试 🛰'").unwrap();
        assert_eq!(filter.conditions[0].values, ["Zürich – Büro 测试 🛰"]);
        assert_eq!(
            refused("siteName eq 'a' ünd status eq 'ONLINE'"),
            "Invalid filter: unexpected character 'ü' at character 17"
        );
        assert!(refused("siteName\u{00a0}eq 'a'").contains("unexpected character"));
        assert!(refused("siteName eq 'a\u{0000}'").contains("control character (U+0000)"));
        assert!(refused("siteName eq 'a'\n").contains("control character (U+000A)"));
    }

    #[test]
    fn or_and_not_are_refused_by_name() {
        assert!(refused("siteId eq '1' or siteId eq '2'")
            .contains("'or' at character 15 is not supported"));
        assert!(refused("not siteId eq '1'").contains("'not' at character 1 is not supported"));
        assert!(refused("siteId eq '1' and not status eq 'OFFLINE'").contains("'not'"));
        assert!(refused("siteId ne '1'").contains("unsupported operator 'ne'"));
        assert!(refused("siteId gt '1'").contains("only eq and in"));
        assert!(refused("contains(deviceName, 'ap')").contains("unknown field 'contains'"));
    }

    #[test]
    fn what_it_cannot_read_is_named_with_its_place() {
        let cases = [
            (
                "siteId eq '1",
                "unterminated value: the quote at character 11 is never closed",
            ),
            (
                "siteId eq 'a''",
                "unterminated value: the quote at character 11",
            ),
            (
                "'HQ' eq siteName",
                "expected a field at character 1, found the value 'HQ'",
            ),
            ("siteId eq 24833497", "unquoted value at character 11"),
            (
                "status eq ONLINE",
                "unquoted value 'ONLINE' for status at character 11",
            ),
            ("siteId eq \"1\"", "double quote at character 11"),
            (
                "siteId",
                "the filter ends where an operator after siteId was expected",
            ),
            (
                "siteId eq",
                "the filter ends where a quoted value for siteId was expected",
            ),
            (
                "siteId eq '1' and",
                "the filter ends where a field was expected",
            ),
            (
                "siteId eq '1' and and status eq 'x'",
                "'and' at character 19 where a field was expected",
            ),
            (
                "siteId eq '1' status eq 'x'",
                "expected 'and' or the end of the filter at character 15, found 'status'",
            ),
            ("siteId eq '1' AND status eq 'x'", "found 'AND'"),
            ("SiteId eq '1'", "unknown field 'SiteId'"),
            ("siteid eq '1'", "unknown field 'siteid'"),
            ("ipv4 eq '10.0.0.1'", "unknown field 'ipv4'"),
            ("siteId EQ '1'", "unsupported operator 'EQ'"),
            (
                "siteId in '1'",
                "expected '(' after in at character 11, found the value '1'",
            ),
            ("siteId in ()", "empty in list for siteId at character 12"),
            (
                "siteId in ('1',)",
                "expected a quoted value for siteId at character 16, found ')'",
            ),
            (
                "siteId in ('1' '2')",
                "expected ',' or ')' in the in list at character 16",
            ),
            (
                "siteId in ('1', '2'",
                "the filter ends where ',' or ')' in the in list for siteId was expected",
            ),
            ("siteId in ('1'))", "found ')'"),
            (
                "siteId eq '1' and ; drop",
                "unexpected character ';' at character 19",
            ),
            (
                "siteId eq ('1')",
                "expected a quoted value for siteId at character 11, found '('",
            ),
        ];
        for (text, expected) in cases {
            let message = refused(text);
            assert!(message.starts_with("Invalid filter: "), "{text}: {message}");
            assert!(message.contains(expected), "{text}: {message}");
        }
    }

    #[test]
    fn parentheses_only_enclose_an_in_list() {
        assert!(refused("(siteId eq '1')")
            .contains("parentheses only enclose the values of an in list"));
        assert!(refused("((((siteId eq '1'))))").contains("'(' at character 1"));
        assert!(refused("siteId in (('1'))").contains("nested parentheses at character 12"));
        assert!(refused("siteId in ((((((((((").contains("nested parentheses"));
        assert!(refused("siteId eq '1' and (status eq 'x')").contains("'(' at character 19"));
        assert!(refused(")))").contains("expected a field at character 1, found ')'"));
    }

    #[test]
    fn empty_and_overlong_filters_are_refused() {
        assert!(refused("").contains("empty"));
        assert!(refused("   ").contains("empty"));
        let longest = format!("deviceName eq '{}'", "a".repeat(MAX_FILTER_CHARS - 16));
        assert_eq!(longest.chars().count(), MAX_FILTER_CHARS);
        assert!(parse(&longest).is_ok());
        let over = format!("deviceName eq '{}'", "a".repeat(MAX_FILTER_CHARS - 15));
        assert_eq!(
            refused(&over),
            "Invalid filter: longer than 256 characters (257 characters)"
        );
        // Characters, not bytes: 256 two-byte characters are within the limit.
        let wide = format!("deviceName eq '{}'", "é".repeat(MAX_FILTER_CHARS - 16));
        assert!(wide.len() > MAX_FILTER_CHARS);
        assert!(parse(&wide).is_ok());
    }

    #[test]
    fn hostile_input_is_refused_quickly_and_without_panicking() {
        let ten_kb = "siteId eq '1' and ".repeat(600);
        assert!(ten_kb.len() > 10_000);
        assert!(refused(&ten_kb).contains("longer than 256 characters"));
        let quotes = "'".repeat(10_240);
        assert!(refused(&quotes).contains("longer than"));
        let parens = "(".repeat(200);
        assert!(refused(&parens).contains("'(' at character 1"));
        for text in [
            "'",
            "''",
            "'''",
            "(",
            ")",
            ",",
            "siteId in (",
            "siteId in ('",
            "siteId eq ''''''''",
            "siteId eq '1' and siteId",
            "\u{feff}siteId eq '1'",
            "siteId eq '\u{202e}1'",
            "siteId\u{0}eq '1'",
            "%27",
            "siteId eq '1' -- comment",
            "siteId eq '1';",
        ] {
            let _ = parse(text); // never panics
        }
        // Every prefix of a valid filter parses or is refused, never panics.
        let valid = "siteName in ('HQ', 'o''brien') and status eq 'ONLINE'";
        for (end, _) in valid.char_indices() {
            let _ = parse(&valid[..end]);
        }
    }

    #[test]
    fn a_filter_matches_when_every_condition_holds() {
        let filter = parse("siteName in ('HQ', 'WAREHOUSE') and status eq 'ONLINE'").unwrap();
        let item = |site: &'static str, status: &'static str| {
            move |field: Field| match field {
                Field::SiteName => Some(site),
                Field::Status => Some(status),
                _ => None,
            }
        };
        assert!(filter.matches(item("HQ", "ONLINE")));
        assert!(filter.matches(item("WAREHOUSE", "ONLINE")));
        assert!(!filter.matches(item("WAREHOUSE", "OFFLINE")));
        assert!(
            !filter.matches(item("hq", "ONLINE")),
            "values compare exactly"
        );
        let on_cluster = parse("clusterName eq 'x'").unwrap();
        assert!(
            !on_cluster.matches(item("HQ", "ONLINE")),
            "a missing field matches nothing"
        );
        assert_eq!(
            filter.values_of(Field::SiteName).collect::<Vec<_>>(),
            ["HQ", "WAREHOUSE"]
        );
    }
}
