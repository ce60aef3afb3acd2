//! Yew function components, one per file. They render the typed model and own no effects.

pub mod progress_bar;
pub mod widget;

pub use progress_bar::{ProgressBar, ProgressBarProps};
pub use widget::{PingWidget, PingWidgetProps};
