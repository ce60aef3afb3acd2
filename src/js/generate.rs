//! Writes what is generated from the descriptions of the options (`options::OPTIONS`),
//! the start request (`ap_ping_core::wire::START_FIELDS`) and the error kinds
//! (`events::ERROR_KINDS`): the TypeScript (`types.d.ts`), the table of attributes in
//! `element.js`, and the README's options and start tables and its `ping-error` row.
//!
//! The files are checked in, so a reader of the code, the wasm build and the README's
//! readers see them. The test below fails while one differs from what the descriptions
//! give; `scripts/generate` (which sets `APW_GENERATE=1`) rewrites them.

use super::events::{ERROR_KINDS, TS_ERROR_DETAIL, TS_FLEET_EVENTS, TS_TEST_EVENTS};
use super::options::{
    Element, OptionLayout, FLEET_OPTIONS, OPTIONS, TRACEROUTE_OPTIONS, TRACE_START_FIELDS,
};
use ap_ping_core::wire::{StartField, StartFieldKind, START_FIELDS};
use std::fmt::Write;

/// Marks the generated part of `element.js`; the rest of the file is written by hand.
pub const JS_BEGIN: &str =
    "// ── generated from src/js/options.rs and START_FIELDS by scripts/generate: do not edit ──\n";
pub const JS_END: &str = "// ── end of generated code ──\n";
/// Marks the README's generated tables.
pub const MD_BEGIN: &str =
    "<!-- generated from src/js/options.rs and START_FIELDS by scripts/generate: do not edit -->\n";
pub const MD_END: &str = "<!-- end of generated tables -->\n";

/// `baseUrl` → `base-url`: the attribute of an option.
pub fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The sentence that says what happens under an option's minimum.
fn minimum_sentence(o: &OptionLayout) -> Option<String> {
    let what = if FLEET_OPTIONS.iter().any(|w| std::ptr::eq(w, o)) {
        "fleet"
    } else {
        "widget"
    };
    o.minimum.map(|min| {
        format!(
            "At least {min}: less is refused with `invalid {what} options: {} must be at least {min}`.",
            o.name
        )
    })
}

fn limits(f: &StartField) -> Option<(u32, u32)> {
    match f.kind {
        StartFieldKind::Whole(limits) => Some(limits),
        _ => None,
    }
}

/// The TypeScript of the options, the start request, the `ping-error` detail and its kinds.
pub fn typescript() -> String {
    let mut ts = String::from(
        "// Generated from src/js/options.rs, src/js/events.rs and START_FIELDS by scripts/generate: do not edit.\n",
    );
    ts.push_str("\n/** Options of `mountPingWidget` and `PingWidgetHandle.update`. */\nexport interface PingWidgetOptions {\n");
    interface_fields(&mut ts, OPTIONS);
    ts.push_str("}\n\n/** Options of `mountPingFleet` and `PingFleetHandle.update` (`<ap-ping-fleet>`: the same names in kebab case). */\nexport interface FleetOptions {\n");
    interface_fields(&mut ts, FLEET_OPTIONS);
    ts.push_str("}\n\n/** Options of `mountTracerouteWidget` and `TracerouteWidgetHandle.update` (`<ap-traceroute-status>`: the same names in kebab case). */\nexport interface TracerouteWidgetOptions {\n");
    interface_fields(&mut ts, TRACEROUTE_OPTIONS);
    ts.push_str("}\n\n/** The POST body of a new trace (`start` of `TracerouteWidgetOptions`), checked before it is sent. */\nexport interface TracerouteStartOptions {\n");
    interface_fields(&mut ts, TRACE_START_FIELDS);
    ts.push_str("}\n\n/** The POST body of a new test, checked against the API's limits before it is sent. */\nexport interface PingStartOptions {\n");
    for f in &START_FIELDS {
        let mut doc = f.doc.to_owned();
        if let Some((min, max)) = limits(f) {
            let _ = write!(doc, " {min}-{max}.");
        }
        doc_comment(&mut ts, &[doc], "  ");
        let (optional, ty) = match f.kind {
            StartFieldKind::Host => ("", "string"),
            StartFieldKind::Whole(_) => ("?", "number"),
            StartFieldKind::Text => ("?", "string"),
            StartFieldKind::Flag => ("?", "boolean"),
        };
        let _ = writeln!(ts, "  {}{optional}: {ty};", f.name);
    }
    ts.push_str("}\n\n");
    ts.push_str(TS_ERROR_DETAIL);
    ts.push_str("\n/**\n * Why polling stopped:\n");
    for k in ERROR_KINDS {
        let _ = writeln!(ts, " * - \"{}\": {}", k.name, k.doc);
    }
    ts.push_str(" */\nexport type PingErrorKind =\n");
    for k in ERROR_KINDS {
        let _ = writeln!(ts, "  | \"{}\"", k.name);
    }
    ts.truncate(ts.len() - 1);
    ts.push_str(";\n");
    ts.push_str(TS_FLEET_EVENTS);
    ts.push_str(TS_TEST_EVENTS);
    ts
}

/// Each option as a field of a TypeScript interface, with its doc, minimum and default.
fn interface_fields(ts: &mut String, options: &[OptionLayout]) {
    for o in options {
        let mut doc: Vec<String> = o.doc.iter().map(|l| l.trim().to_owned()).collect();
        doc.extend(minimum_sentence(o));
        if o.default != "—" {
            doc.push(format!("Default: {}.", o.default));
        }
        doc_comment(ts, &doc, "  ");
        let optional = if o.required { "" } else { "?" };
        let _ = writeln!(ts, "  {}{optional}: {};", o.name, o.ts);
    }
}

/// `name: kind` for each option an attribute gives: "s" a text, "n" a number, "l"
/// comma-separated texts, "b" true or false.
fn attribute_kinds(options: &[OptionLayout]) -> String {
    let kinds: Vec<String> = options
        .iter()
        .filter_map(|o| match o.element {
            Element::Text => Some(format!(" {}: \"s\"", o.name)),
            Element::Number => Some(format!(" {}: \"n\"", o.name)),
            Element::List => Some(format!(" {}: \"l\"", o.name)),
            Element::Flag => Some(format!(" {}: \"b\"", o.name)),
            Element::Property | Element::Start => None,
        })
        .collect();
    kinds.join(",")
}

/// The generated part of `element.js`: the options an attribute gives and the start
/// request's fields, each as `name: kind` ("s" a text, "n" a number, "b" true or false);
/// the element names the attribute in kebab case.
pub fn element_js() -> String {
    let mut js = String::from(JS_BEGIN);
    js.push_str("const OPTIONS = {");
    js.push_str(&attribute_kinds(OPTIONS));
    js.push_str(" };\nconst START = {");
    let start: Vec<String> = START_FIELDS
        .iter()
        .map(|f| {
            let kind = match f.kind {
                StartFieldKind::Host | StartFieldKind::Text => "s",
                StartFieldKind::Whole(_) => "n",
                StartFieldKind::Flag => "b",
            };
            format!(" {}: \"{kind}\"", f.name)
        })
        .collect();
    js.push_str(&start.join(","));
    js.push_str(" };\nconst FLEET = {");
    js.push_str(&attribute_kinds(FLEET_OPTIONS));
    js.push_str(" };\nconst TRACE = {");
    js.push_str(&attribute_kinds(TRACEROUTE_OPTIONS));
    js.push_str(" };\nconst TRACE_START = {");
    js.push_str(&attribute_kinds(TRACE_START_FIELDS));
    js.push_str(" };\n");
    js.push_str(JS_END);
    js
}

/// The README's options table and start request table, between their markers.
pub fn readme_tables() -> String {
    let mut md = String::from(MD_BEGIN);
    md.push_str("\n| option | attribute | default | meaning |\n| --- | --- | --- | --- |\n");
    for o in OPTIONS {
        option_row(&mut md, o);
    }
    md.push_str("\nThe start request (`start`; for the element, an attribute each, used when `destination` is given):\n\n| field | attribute | values | meaning |\n| --- | --- | --- | --- |\n");
    for f in &START_FIELDS {
        let values = match f.kind {
            StartFieldKind::Host => "a hostname or an address".to_owned(),
            StartFieldKind::Whole((min, max)) => format!("{min}–{max}"),
            StartFieldKind::Text => "a short text".to_owned(),
            StartFieldKind::Flag => FLAG_VALUES.to_owned(),
        };
        let _ = writeln!(
            md,
            "| `{}` | `{}` | {values} | {} |",
            f.name,
            kebab(f.name),
            f.doc
        );
    }
    md.push('\n');
    md.push_str(MD_END);
    md
}

/// Where the README's fleet options table begins and ends.
pub const MD_FLEET_BEGIN: &str =
    "<!-- generated from src/js/options.rs (FLEET_OPTIONS) by scripts/generate: do not edit -->\n";
pub const MD_FLEET_END: &str = "<!-- end of the generated fleet table -->\n";

/// The fleet view's options table for the README (`<ap-ping-fleet>`'s attributes in its
/// second column), between its markers.
pub fn readme_fleet_table() -> String {
    options_table(FLEET_OPTIONS, MD_FLEET_BEGIN, MD_FLEET_END)
}

/// Where the README's traceroute options table begins and ends.
pub const MD_TRACE_BEGIN: &str =
    "<!-- generated from src/js/options.rs (TRACEROUTE_OPTIONS) by scripts/generate: do not edit -->\n";
pub const MD_TRACE_END: &str = "<!-- end of the generated traceroute table -->\n";

/// The traceroute widget's options table for the README (`<ap-traceroute-status>`'s
/// attributes in its second column), between its markers.
pub fn readme_traceroute_table() -> String {
    options_table(TRACEROUTE_OPTIONS, MD_TRACE_BEGIN, MD_TRACE_END)
}

/// A view's options table, between `begin` and `end`; a traceroute's start fields after
/// its options.
fn options_table(options: &[OptionLayout], begin: &str, end: &str) -> String {
    let mut md = String::from(begin);
    md.push_str("| option | attribute | default | meaning |\n| --- | --- | --- | --- |\n");
    for o in options {
        option_row(&mut md, o);
    }
    if std::ptr::eq(options, TRACEROUTE_OPTIONS) {
        md.push_str("\nThe trace's start (`start`; for the element, an attribute each, used when `destination` is given):\n\n| field | attribute | default | meaning |\n| --- | --- | --- | --- |\n");
        for o in TRACE_START_FIELDS {
            option_row(&mut md, o);
        }
    }
    md.push_str(end);
    md
}

/// What a flag attribute takes (element.js reads it the HTML way).
const FLAG_VALUES: &str = "alone or `true`: on; `false`: off";

/// One option's row: its name, its attribute, its default and what it means.
fn option_row(md: &mut String, o: &OptionLayout) {
    let attribute = match o.element {
        Element::Text | Element::Number => format!("`{}`", kebab(o.name)),
        Element::Flag => format!("`{}` ({FLAG_VALUES})", kebab(o.name)),
        Element::List => format!("`{}` (comma-separated)", kebab(o.name)),
        Element::Property => "(a property)".to_owned(),
        Element::Start => "(below)".to_owned(),
    };
    let mut meaning: Vec<String> = o.doc.iter().map(|l| l.trim().to_owned()).collect();
    meaning.extend(minimum_sentence(o));
    let _ = writeln!(
        md,
        "| `{}` | {attribute} | {} | {} |",
        o.name,
        o.default,
        meaning.join(" ")
    );
}

/// The README's row of `ping-error` in its table of events.
pub fn readme_error_row() -> String {
    let kinds: Vec<String> = ERROR_KINDS
        .iter()
        .map(|k| format!("`{}` ({})", k.name, k.doc))
        .collect();
    format!(
        "| `ping-error` | `{{ status, errorCode, message, kind }}` when polling stops on an error; `kind` (typed as `PingErrorKind`) is one of {} |",
        kinds.join(", ")
    )
}

/// `/** … */` from doc lines.
fn doc_comment(ts: &mut String, doc: &[String], pad: &str) {
    match doc {
        [] => {}
        [line] => {
            let _ = writeln!(ts, "{pad}/** {line} */");
        }
        lines => {
            let _ = writeln!(ts, "{pad}/**");
            for line in lines {
                let _ = writeln!(ts, "{pad} * {line}");
            }
            let _ = writeln!(ts, "{pad} */");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const TYPES_TS: &str = "src/js/types.d.ts";
    const ELEMENT_JS: &str = "src/js/element.js";
    const README: &str = "README.md";

    /// `text` with what lies between `begin` and `end` (both kept) replaced by `generated`,
    /// which starts with `begin` and ends with `end`.
    fn replaced(text: &str, file: &str, begin: &str, end: &str, generated: &str) -> String {
        let (Some(b), Some(e)) = (text.find(begin), text.find(end)) else {
            panic!("{file} has lost its generated-code markers");
        };
        format!("{}{generated}{}", &text[..b], &text[e + end.len()..])
    }

    /// The README with its `ping-error` row as the kinds give it.
    fn with_error_row(readme: &str) -> String {
        let row = readme_error_row();
        let mut found = false;
        let out: String = readme
            .split_inclusive('\n')
            .map(|l| {
                if l.starts_with("| `ping-error` |") {
                    found = true;
                    format!("{row}\n")
                } else {
                    l.to_owned()
                }
            })
            .collect();
        assert!(
            found,
            "the README's events table has lost its ping-error row"
        );
        out
    }

    /// The checked-in copies are what the descriptions give: the TypeScript, the element's
    /// table of attributes, the README's tables and its `ping-error` row (each kind named
    /// as `kind_name` names it, with the union in the same order). `APW_GENERATE=1`
    /// rewrites them.
    #[test]
    fn generated_types_attributes_and_readme_tables_are_current() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |file: &str| std::fs::read_to_string(root.join(file)).unwrap_or_default();
        let (types, element, readme) = (read(TYPES_TS), read(ELEMENT_JS), read(README));
        let want_types = typescript();
        let want_element = replaced(&element, ELEMENT_JS, JS_BEGIN, JS_END, &element_js());
        let mut want_readme = with_error_row(&replaced(
            &replaced(&readme, README, MD_BEGIN, MD_END, &readme_tables()),
            README,
            MD_FLEET_BEGIN,
            MD_FLEET_END,
            &readme_fleet_table(),
        ));
        // The traceroute table is checked once the README has its markers (the README's
        // editor adds them where the traceroute widget is documented).
        if want_readme.contains(MD_TRACE_BEGIN) {
            want_readme = replaced(
                &want_readme,
                README,
                MD_TRACE_BEGIN,
                MD_TRACE_END,
                &readme_traceroute_table(),
            );
        }
        if std::env::var_os("APW_GENERATE").is_some() {
            std::fs::write(root.join(TYPES_TS), &want_types).unwrap();
            std::fs::write(root.join(ELEMENT_JS), &want_element).unwrap();
            std::fs::write(root.join(README), &want_readme).unwrap();
            return;
        }
        for (file, have, want) in [
            (TYPES_TS, &types, &want_types),
            (ELEMENT_JS, &element, &want_element),
            (README, &readme, &want_readme),
        ] {
            if have != want {
                let line = have
                    .lines()
                    .zip(want.lines())
                    .find(|(h, w)| h != w)
                    .map_or_else(String::new, |(h, w)| format!("\n  has:  {h}\n  want: {w}"));
                panic!("{file} is stale: run scripts/generate after changing src/js/options.rs, src/js/events.rs or START_FIELDS{line}");
            }
        }
    }

    #[test]
    fn the_fleet_table_names_attributes_and_never_the_token() {
        let table = readme_fleet_table();
        assert!(
            table.contains("| `serials` | `serials` (comma-separated) |"),
            "{table}"
        );
        assert!(
            !table.contains("| `token` | `token`"),
            "the token is never an attribute"
        );
    }

    #[test]
    fn the_traceroute_table_and_element_name_its_attributes() {
        let table = readme_traceroute_table();
        assert!(
            table.contains("| `sourceInterface` | `source-interface` |"),
            "{table}"
        );
        assert!(
            table.contains(
                "| `includeRawOutput` | `include-raw-output` (alone or `true`: on; `false`: off) |"
            ),
            "{table}"
        );
        let js = element_js();
        assert!(
            js.contains("const TRACE = { serial: \"s\", taskId: \"s\", baseUrl: \"s\","),
            "{js}"
        );
        assert!(js.contains("const TRACE_START = { destination: \"s\", sourceInterface: \"s\", includeRawOutput: \"b\" };"), "{js}");
        assert!(js.contains(" traceOnLoss: \"b\""), "{js}");
        let ts = typescript();
        assert!(
            ts.contains("export interface TracerouteWidgetOptions {"),
            "{ts}"
        );
        assert!(ts.contains("  start?: TracerouteStartOptions;\n"), "{ts}");
        assert!(ts.contains("  destination: string;\n  /** The AP's interface to trace from (`eth0`). */\n  sourceInterface?: string;\n"), "{ts}");
        assert!(
            ts.contains("\"traceroute-complete\": CustomEvent<TracerouteTestResult>;"),
            "{ts}"
        );
    }

    #[test]
    fn attributes_are_the_options_in_kebab_case() {
        assert_eq!(kebab("requestTimeoutMs"), "request-timeout-ms");
        assert_eq!(kebab("includeRawOutput"), "include-raw-output");
        let js = element_js();
        assert!(js.contains(" pollIntervalMs: \"n\""), "{js}");
        assert!(js.contains(" includeRawOutput: \"b\""), "{js}");
        assert!(!js.contains("token"), "the token is never an attribute");
    }

    #[test]
    fn the_union_lists_every_kind_with_its_meaning() {
        let ts = typescript();
        let union = ts
            .split_once("export type PingErrorKind =")
            .and_then(|(_, rest)| rest.split_once(';'))
            .expect("the PingErrorKind union")
            .0;
        let in_union: Vec<&str> = union.split('"').skip(1).step_by(2).collect();
        let names: Vec<&str> = ERROR_KINDS.iter().map(|k| k.name).collect();
        assert_eq!(in_union, names);
        assert!(
            ts.contains(" * - \"forbidden\": 403: the API client lacks troubleshooting access\n")
        );
        assert!(ts.contains("  serial: string;\n") && ts.contains("  destination: string;\n"));
        assert!(ts.contains("  /** Echo requests to send. 1-100. */\n  count?: number;\n"));
    }
}
