//! Yew function components, one per file. They render the typed model; the only effects
//! live in `hooks::use_ping_task`.

pub mod error_panel;
pub mod format;
pub mod messages;
pub mod no_result_card;
pub mod progress_bar;
pub mod progress_panel;
pub mod raw_output;
pub mod reply_table;
pub mod rtt_chart;
pub mod summary_card;
pub mod widget;

pub use error_panel::{ErrorPanel, ErrorPanelProps};
pub use messages::{Messages, Msg};
pub use no_result_card::{NoResultCard, NoResultCardProps};
pub use progress_bar::{ProgressBar, ProgressBarProps};
pub use progress_panel::{ProgressPanel, ProgressPanelProps};
pub use raw_output::{RawOutput, RawOutputProps};
pub use reply_table::{ReplyTable, ReplyTableProps};
pub use rtt_chart::{RttChart, RttChartProps};
pub use summary_card::{SummaryCard, SummaryCardProps};
pub use widget::{PingWidget, PingWidgetProps};
