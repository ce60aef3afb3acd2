//! The vocabulary of [`super::layout`]: the kinds of field a result can carry to
//! JavaScript, and the `crossing!` macro that turns one description into both the Rust
//! writer and the data that `generate` turns into the JS reader and the TypeScript types.
//!
//! The wire between the two halves is two streams read in the order the fields are
//! described: numbers (an `f64` buffer) and strings (slices of one text). Each kind says
//! what it puts in which stream:
//!
//! | kind                  | numbers                               | strings          | JS / TS          |
//! |-----------------------|---------------------------------------|------------------|------------------|
//! | `number`              | the value                             |                  | `number`         |
//! | `number_or_null`      | the value, NaN for null               |                  | `number \| null` |
//! | `flag`                | 1 or 0                                |                  | `boolean`        |
//! | `flag_or_null`        | 1 or 0, NaN for null                  |                  | `boolean \| null` |
//! | `text_or_null`        | 1, or NaN for null                    | the string       | `string \| null` |
//! | `open_choice(T = ..)` |                                       | the string       | `T`: the names or any string |
//! | `choice(T {..})`      | the index of the name                 |                  | `T`: one of the names |
//! | `shared_text_or_null` | NaN null, 0 as the last one, 1 new    | a new string     | `string \| null` |
//! | `object(T)`           | T's fields                            | T's strings      | `T`              |
//! | `object_or_null(T)`   | 1 then T's fields, or 0               | T's strings      | `T \| null`      |
//! | `list(T)`             | the count, then each T's fields       | each T's strings | `T[]`            |
//! | `runs`                | the total, the count of runs, then each one's first and last | | `number[]`: every number of every run |
//! | `texts`               | the count                             | the strings      | `string[]`       |
//!
//! A choice's `T` names a TypeScript type; two fields may name the same one if they list
//! the same names (`generate` checks).

/// A kind of field; see the table above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    NumberOrNull,
    Flag,
    FlagOrNull,
    TextOrNull,
    /// A string that is one of `names` or, for values added later, any other.
    OpenChoice {
        ts_name: &'static str,
        names: &'static [&'static str],
    },
    /// Exactly one of `names`, crossing as its index.
    Choice {
        ts_name: &'static str,
        names: &'static [&'static str],
    },
    /// A string that is nearly always the same as the one before (a reply's address).
    SharedTextOrNull,
    Object(&'static str),
    ObjectOrNull(&'static str),
    List(&'static str),
    /// Whole numbers given as runs of consecutive ones (`MissingSequences`).
    Runs,
    Texts,
}

/// One field of an object as JavaScript sees it.
#[derive(Debug)]
pub struct FieldLayout {
    /// The JS property name.
    pub name: &'static str,
    /// Its doc comment, one entry a line.
    pub doc: &'static [&'static str],
    pub kind: Kind,
}

/// One object as JavaScript sees it; fields in the order they cross and are shown.
#[derive(Debug)]
pub struct ObjectLayout {
    /// The TypeScript interface name, and the name of the Rust type it is written from.
    pub name: &'static str,
    pub doc: &'static [&'static str],
    pub fields: &'static [FieldLayout],
}

/// Where `name` is in `names`, for `choice` fields; evaluated while compiling, where a
/// name missing from the list is an error.
pub const fn index_of(names: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < names.len() {
        let (a, b) = (names[i].as_bytes(), name.as_bytes());
        let mut same = a.len() == b.len();
        let mut j = 0;
        while same && j < a.len() {
            same = a[j] == b[j];
            j += 1;
        }
        if same {
            return i;
        }
        i += 1;
    }
    panic!("a choice names a value it does not list")
}

/// Describes objects once and expands to the writer (`impl flat::Crossing`) and to `OBJECTS`.
///
/// ```text
/// /// Doc of the interface.
/// RustTypeAndTsName as value {
///     /// Doc of the field.
///     jsName: kind = expression of `value`,
/// }
/// ```
macro_rules! crossing {
    (@write $out:ident, number (), $v:expr) => { $out.number(f64::from($v)) };
    (@write $out:ident, number_or_null (), $v:expr) => { $out.number_or_null($v.map(f64::from)) };
    (@write $out:ident, flag (), $v:expr) => { $out.flag($v) };
    (@write $out:ident, flag_or_null (), $v:expr) => { $out.flag_or_null($v) };
    (@write $out:ident, text_or_null (), $v:expr) => { $out.text($v) };
    (@write $out:ident, open_choice ($ts:ident = $names:expr), $v:expr) => { $out.span($v) };
    (@write $out:ident, choice ($ts:ident { $($pat:pat => $name:literal),* $(,)? }), $v:expr) => {{
        const NAMES: &[&str] = &[$($name),*];
        // Indexes found while compiling: no string is compared at run time.
        $out.choice(match $v { $($pat => {
            const INDEX: usize = $crate::describe::index_of(NAMES, $name);
            INDEX
        }),* })
    }};
    (@write $out:ident, shared_text_or_null (), $v:expr) => { $out.shared_text($v) };
    (@write $out:ident, object ($t:ident), $v:expr) => { $out.object::<$t>($v) };
    (@write $out:ident, object_or_null ($t:ident), $v:expr) => { $out.object_or_null::<$t>($v) };
    (@write $out:ident, list ($t:ident), $v:expr) => { $out.list::<$t>($v) };
    (@write $out:ident, runs (), $v:expr) => { $out.runs($v) };
    (@write $out:ident, texts (), $v:expr) => { $out.texts($v) };

    (@kind number ()) => { $crate::describe::Kind::Number };
    (@kind number_or_null ()) => { $crate::describe::Kind::NumberOrNull };
    (@kind flag ()) => { $crate::describe::Kind::Flag };
    (@kind flag_or_null ()) => { $crate::describe::Kind::FlagOrNull };
    (@kind text_or_null ()) => { $crate::describe::Kind::TextOrNull };
    (@kind open_choice ($ts:ident = $names:expr)) => {
        $crate::describe::Kind::OpenChoice { ts_name: stringify!($ts), names: $names }
    };
    (@kind choice ($ts:ident { $($pat:pat => $name:literal),* $(,)? })) => {
        $crate::describe::Kind::Choice { ts_name: stringify!($ts), names: &[$($name),*] }
    };
    (@kind shared_text_or_null ()) => { $crate::describe::Kind::SharedTextOrNull };
    (@kind object ($t:ident)) => { $crate::describe::Kind::Object(stringify!($t)) };
    (@kind object_or_null ($t:ident)) => { $crate::describe::Kind::ObjectOrNull(stringify!($t)) };
    (@kind list ($t:ident)) => { $crate::describe::Kind::List(stringify!($t)) };
    (@kind runs ()) => { $crate::describe::Kind::Runs };
    (@kind texts ()) => { $crate::describe::Kind::Texts };

    ($(
        $(#[doc = $object_doc:literal])*
        $object:ident as $v:ident {
            $(
                $(#[doc = $field_doc:literal])*
                $field:ident: $kind:ident $(($($arg:tt)*))? = $value:expr
            ),* $(,)?
        }
    )*) => {
        $(
            impl $crate::flat::Crossing for $object {
                fn write(&self, out: &mut $crate::flat::FlatResult) {
                    let $v = self;
                    $( crossing!(@write out, $kind ($($($arg)*)?), $value); )*
                }
            }
        )*

        /// Every object that crosses, as data for `generate`.
        pub const OBJECTS: &[$crate::describe::ObjectLayout] = &[$(
            $crate::describe::ObjectLayout {
                name: stringify!($object),
                doc: &[$($object_doc),*],
                fields: &[$(
                    $crate::describe::FieldLayout {
                        name: stringify!($field),
                        doc: &[$($field_doc),*],
                        kind: crossing!(@kind $kind ($($($arg)*)?)),
                    }
                ),*],
            }
        ),*];
    };
}
pub(super) use crossing;
