//! CSV as spreadsheets read it (RFC 4180), for every download of a table: the ping
//! widget's replies and the fleet's APs.

/// A text cell as RFC 4180 writes it (quoted when it holds a comma, a quote or a line
/// break), and never a formula: text starting with `=`, `+`, `-`, `@`, a tab or a CR gets
/// a leading `'`, so that a spreadsheet shows it instead of running it. The cells' texts
/// come from the API and the network, not from the admin.
pub fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_when_they_must_be_and_never_formulas() {
        assert_eq!(field("10.0.0.1"), "10.0.0.1");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field("\tx"), "'\tx");
    }
}
