//! The widget's words and the way its numbers and times are written: the table of texts
//! and the page's overrides of it (`messages`), and the `Intl` formatters of a language
//! (`format`). No component and no web type above `Intl`: the table, its templates and
//! plural choice are tested natively, the formatters in the browser tests.

pub mod format;
pub mod messages;

pub use messages::{Messages, MessagesError, Msg};
