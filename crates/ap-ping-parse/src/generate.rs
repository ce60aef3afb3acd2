//! Writes the JS reader (the generated part of `flat.js`) and the TypeScript types
//! (`types.d.ts`) from [`super::layout`], so the layout is described once.
//!
//! The files are checked in, so a reader of the code and the wasm build see them. The
//! test below fails while they differ from what the layout gives; `scripts/generate`
//! (which sets `APW_GENERATE=1`) rewrites them.

use super::describe::{FieldLayout, Kind, ObjectLayout};
use super::layout::{ENTRIES, OBJECTS};
use std::fmt::Write;

/// Marks the generated part of `flat.js`; the rest of the file is written by hand.
pub const JS_BEGIN: &str =
    "// ── generated from crates/ap-ping-parse/src/layout.rs by scripts/generate: do not edit ──\n";
pub const JS_END: &str = "// ── end of generated code ──\n";

fn object(name: &str) -> &'static ObjectLayout {
    OBJECTS
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("layout.rs names an object it does not describe: {name}"))
}

/// The generated part of `flat.js`: one `read<Entry>(n, s, c)` function for each entry,
/// reading the numbers `n` and strings `s` from the cursor `c` on, in the order the layout
/// describes, into the object in that order. An entry nested in another is read by its
/// own function; every other nested object is read inline: no call per reply.
pub fn js_reader() -> String {
    let mut js = String::from(JS_BEGIN);
    js.push_str("const orNull = (v) => (Number.isNaN(v) ? null : v);\n");
    for (o, f) in choices() {
        if let Kind::Choice { ts_name, names } = f.kind {
            let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
            let _ = writeln!(js, "const {ts_name}Names = [{}];", names.join(", "));
        }
        let _ = o;
    }
    for entry in ENTRIES {
        let _ = write!(
            js,
            "\n/** {entry}, from numbers with the string spans after them at `spansAt`. */\nexport function build{entry}(n, spansAt, text) {{\n  return read{entry}(n, strings(n, spansAt, text), {{ p: 0, q: 0, last: null }});\n}}\n"
        );
    }
    for entry in ENTRIES {
        let _ = write!(
            js,
            "\n/** {entry} from numbers `n` and strings `s`, from the cursor `c` on (moved past it). */\nfunction read{entry}(n, s, c) {{\n  let {{ p, q, last }} = c, t = 0;\n"
        );
        let value = read_object(&mut js, object(entry), 1);
        let _ = writeln!(
            js,
            "  c.p = p; c.q = q; c.last = last;\n  return {value};\n}}"
        );
    }
    js.push_str(JS_END);
    js
}

/// Every field that names a choice type, with its object, once per type name: fields that
/// share a name share the type, and must list the same names.
fn choices() -> Vec<(&'static ObjectLayout, &'static FieldLayout)> {
    let mut seen: Vec<(&'static ObjectLayout, &'static FieldLayout)> = Vec::new();
    for o in OBJECTS {
        for f in o.fields {
            let (Kind::Choice { ts_name, .. } | Kind::OpenChoice { ts_name, .. }) = f.kind else {
                continue;
            };
            match seen
                .iter()
                .find(|(_, g)| ts_name_of(g.kind) == Some(ts_name))
            {
                Some((first, g)) => assert!(
                    g.kind == f.kind,
                    "{}.{} and {}.{} name the type {ts_name} with different values",
                    first.name,
                    g.name,
                    o.name,
                    f.name
                ),
                None => seen.push((o, f)),
            }
        }
    }
    seen
}

fn ts_name_of(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Choice { ts_name, .. } | Kind::OpenChoice { ts_name, .. } => Some(ts_name),
        _ => None,
    }
}

/// Writes the statements that read `o` (at `depth` levels of indent); returns the object
/// literal that holds the values read, fields in the layout's order.
fn read_object(js: &mut String, o: &ObjectLayout, depth: usize) -> String {
    let pad = "  ".repeat(depth);
    for f in o.fields {
        let name = f.name;
        let value = match f.kind {
            Kind::Number => "n[p++]".to_owned(),
            Kind::NumberOrNull => "orNull(n[p++])".to_owned(),
            Kind::Flag => "n[p++] === 1".to_owned(),
            Kind::FlagOrNull => "Number.isNaN((t = n[p++])) ? null : t === 1".to_owned(),
            Kind::TextOrNull => "n[p++] === 1 ? s[q++] : null".to_owned(),
            Kind::OpenChoice { .. } => "s[q++]".to_owned(),
            Kind::Choice { ts_name, .. } => format!("{ts_name}Names[n[p++]]"),
            Kind::SharedTextOrNull => {
                "(t = n[p++]) === 1 ? (last = s[q++]) : t === 0 ? last : null".to_owned()
            }
            Kind::Object(inner) => {
                // In a block of its own: its fields' locals may be named like this object's.
                let _ = writeln!(js, "{pad}let {name};\n{pad}{{");
                let literal = read_object(js, object(inner), depth + 1);
                let _ = writeln!(js, "{pad}  {name} = {literal};\n{pad}}}");
                continue;
            }
            Kind::ObjectOrNull(inner) if ENTRIES.contains(&inner) => {
                let _ = writeln!(
                    js,
                    "{pad}let {name} = null;\n{pad}if (n[p++] === 1) {{\n{pad}  c.p = p; c.q = q; c.last = last;\n{pad}  {name} = read{inner}(n, s, c);\n{pad}  ({{ p, q, last }} = c);\n{pad}}}"
                );
                continue;
            }
            Kind::ObjectOrNull(inner) => {
                let _ = writeln!(js, "{pad}let {name} = null;\n{pad}if (n[p++] === 1) {{");
                let literal = read_object(js, object(inner), depth + 1);
                let _ = writeln!(js, "{pad}  {name} = {literal};\n{pad}}}");
                continue;
            }
            Kind::List(inner) => {
                let _ = writeln!(
                    js,
                    "{pad}const {name} = [];\n{pad}for (let i = 0, count = n[p++]; i < count; i++) {{"
                );
                let literal = read_object(js, object(inner), depth + 1);
                let _ = writeln!(js, "{pad}  {name}.push({literal});\n{pad}}}");
                continue;
            }
            Kind::Runs => {
                let _ = writeln!(
                    js,
                    "{pad}const {name} = new Array(n[p++]);\n{pad}for (let i = 0, k = 0, runs = n[p++]; i < runs; i++) {{\n{pad}  for (let v = n[p++], to = n[p++]; v <= to; v++) {name}[k++] = v;\n{pad}}}"
                );
                continue;
            }
            Kind::Texts => {
                let _ = writeln!(
                    js,
                    "{pad}const {name} = [];\n{pad}for (let i = 0, count = n[p++]; i < count; i++) {name}.push(s[q++]);"
                );
                continue;
            }
        };
        let _ = writeln!(js, "{pad}const {name} = {value};");
    }
    let names: Vec<&str> = o.fields.iter().map(|f| f.name).collect();
    format!("{{ {} }}", names.join(", "))
}

/// The TypeScript types of every object, and the named unions of their choices.
pub fn typescript() -> String {
    let mut ts = String::from(
        "// Generated from crates/ap-ping-parse/src/layout.rs by scripts/generate: do not edit.\n",
    );
    for (o, f) in choices() {
        if let Kind::Choice { ts_name, names } | Kind::OpenChoice { ts_name, names } = f.kind {
            let mut union: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
            if matches!(f.kind, Kind::OpenChoice { .. }) {
                // Any other string is allowed, and editors still offer the names.
                union.push("(string & {})".into());
            }
            let _ = writeln!(
                ts,
                "\n/** The values of `{}.{}`. */\nexport type {ts_name} = {};",
                o.name,
                f.name,
                union.join(" | ")
            );
        }
    }
    for o in OBJECTS {
        ts.push('\n');
        doc_comment(&mut ts, o.doc, "");
        let _ = writeln!(ts, "export interface {} {{", o.name);
        for f in o.fields {
            doc_comment(&mut ts, f.doc, "  ");
            let _ = writeln!(ts, "  {}: {};", f.name, ts_type(f));
        }
        ts.push_str("}\n");
    }
    ts
}

fn ts_type(f: &FieldLayout) -> String {
    match f.kind {
        Kind::Number => "number".into(),
        Kind::NumberOrNull => "number | null".into(),
        Kind::Flag => "boolean".into(),
        Kind::FlagOrNull => "boolean | null".into(),
        Kind::TextOrNull | Kind::SharedTextOrNull => "string | null".into(),
        Kind::OpenChoice { ts_name, .. } | Kind::Choice { ts_name, .. } => ts_name.into(),
        Kind::Object(name) => name.into(),
        Kind::ObjectOrNull(name) => format!("{name} | null"),
        Kind::List(name) => format!("{name}[]"),
        Kind::Runs => "number[]".into(),
        Kind::Texts => "string[]".into(),
    }
}

/// `/** … */` from doc lines as `///` gives them (each with a leading space).
fn doc_comment(ts: &mut String, doc: &[&str], pad: &str) {
    match doc {
        [] => {}
        [line] => {
            let _ = writeln!(ts, "{pad}/** {} */", line.trim());
        }
        lines => {
            let _ = writeln!(ts, "{pad}/**");
            for line in lines {
                let _ = writeln!(ts, "{pad} * {}", line.trim());
            }
            let _ = writeln!(ts, "{pad} */");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const FLAT_JS: &str = "src/flat.js";
    const TYPES_TS: &str = "src/types.d.ts";

    /// `flat.js` with its generated part replaced by `reader`.
    fn with_reader(flat_js: &str, reader: &str) -> String {
        let (Some(begin), Some(end)) = (flat_js.find(JS_BEGIN), flat_js.find(JS_END)) else {
            panic!("{FLAT_JS} has lost its generated-code markers");
        };
        format!(
            "{}{reader}{}",
            &flat_js[..begin],
            &flat_js[end + JS_END.len()..]
        )
    }

    /// The checked-in files are what the layout gives; `APW_GENERATE=1` rewrites them.
    #[test]
    fn generated_reader_and_types_are_current() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let flat_js = std::fs::read_to_string(root.join(FLAT_JS)).unwrap();
        let want_js = with_reader(&flat_js, &js_reader());
        let want_ts = typescript();
        let have_ts = std::fs::read_to_string(root.join(TYPES_TS)).unwrap_or_default();
        if std::env::var_os("APW_GENERATE").is_some() {
            std::fs::write(root.join(FLAT_JS), &want_js).unwrap();
            std::fs::write(root.join(TYPES_TS), &want_ts).unwrap();
            return;
        }
        assert!(
            flat_js == want_js && have_ts == want_ts,
            "{FLAT_JS} or {TYPES_TS} is stale: run scripts/generate after changing crates/ap-ping-parse/src/layout.rs"
        );
    }

    /// The reader keeps each field in a local named like it, next to its own locals.
    #[test]
    fn field_names_can_be_the_readers_locals() {
        const LOCALS: &[&str] = &[
            "n", "s", "c", "p", "q", "t", "last", "i", "k", "count", "runs", "v", "to", "orNull",
        ];
        const RESERVED: &[&str] = &["default", "delete", "new", "class", "function", "var", "in"];
        for o in OBJECTS {
            for f in o.fields {
                assert!(
                    !LOCALS.contains(&f.name) && !RESERVED.contains(&f.name),
                    "{}.{} cannot be a local of the generated reader",
                    o.name,
                    f.name
                );
                if let Kind::Object(inner) | Kind::ObjectOrNull(inner) | Kind::List(inner) = f.kind
                {
                    assert!(
                        object(inner).fields.iter().all(|g| g.name != f.name),
                        "{inner} has a field named like the field {}.{} that holds it",
                        o.name,
                        f.name
                    );
                }
            }
        }
    }

    #[test]
    fn every_object_named_by_a_field_or_an_entry_is_described() {
        for name in ENTRIES {
            object(name);
        }
        for f in OBJECTS.iter().flat_map(|o| o.fields) {
            if let Kind::Object(name) | Kind::ObjectOrNull(name) | Kind::List(name) = f.kind {
                object(name);
            }
        }
    }

    #[test]
    fn a_reply_list_is_read_inline_in_layout_order() {
        let js = js_reader();
        let replies = js.find("const replies = [];").unwrap();
        let missing = js
            .find("const missingSequences = new Array(n[p++]);")
            .unwrap();
        assert!(replies < missing, "lists are read in the layout's order");
        assert!(
            js.contains("replies.push({ sequence, address, ttl, timeMs, sizeBytes, duplicate });")
        );
        assert!(js.contains(r#"const PingTestOutcomeNames = ["pending", "measured", "noResult"];"#));
    }

    #[test]
    fn choices_become_named_unions_and_open_ones_admit_any_string() {
        let ts = typescript();
        assert!(
            ts.contains(r#"export type PingTestOutcome = "pending" | "measured" | "noResult";"#)
        );
        assert!(ts.contains(
            r#"export type PingTestStatus = "INITIATED" | "RUNNING" | "COMPLETED" | "FAILED" | (string & {});"#
        ));
        assert!(ts.contains("  statistics: PingStatistics | null;\n"));
        assert!(ts.contains("  replies: PingReply[];\n"));
    }
}
