//! Yew function components, one per file (the chart, a module of its own). They render
//! the typed model in the words of `words`; timers, fetches and observers live in
//! `hooks`, and the only effects here are a user's own clicks (copy, download).

pub mod chart;
pub mod error_panel;
pub mod fleet;
pub mod no_result_card;
pub mod progress_bar;
pub mod progress_panel;
pub mod raw_output;
pub mod reply_table;
pub mod summary_card;
pub mod traceroute;
pub mod widget;

/// The words every component takes (`messages`), for a Yew app that passes its own.
pub use crate::words::{Messages, Msg};

use yew::{html, Html};

/// The text of `msg` with `value` in place of `{name}`, set apart in a span of `class`
/// wherever the language puts it (the serial in the title, the destination).
fn with_value_apart(m: &Messages, msg: Msg, name: &str, value: &str, class: &str) -> Html {
    let mut nodes = Vec::new();
    m.parts(msg, &[(name, value)], &mut |text, is_value| {
        nodes.push(if is_value {
            html! { <span class={class.to_owned()}>{ text.to_owned() }</span> }
        } else {
            Html::from(text)
        })
    });
    nodes.into_iter().collect()
}
pub use chart::{RttChart, RttChartProps};
pub use error_panel::{ErrorPanel, ErrorPanelProps};
pub use fleet::{PingFleet, PingFleetProps};
pub use no_result_card::{NoResultCard, NoResultCardProps};
pub use progress_bar::{ProgressBar, ProgressBarProps};
pub use progress_panel::{ProgressPanel, ProgressPanelProps, ShownProgress};
pub use raw_output::{Exported, RawOutput, RawOutputProps};
pub use reply_table::{ReplyTable, ReplyTableProps};
pub use summary_card::{SummaryCard, SummaryCardProps};
pub use traceroute::{TracerouteWidget, TracerouteWidgetProps};
pub use widget::{PingWidget, PingWidgetProps};
