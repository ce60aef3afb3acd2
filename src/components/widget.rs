//! The widget's root component: what `mountPingWidget` and the demo page render.

use crate::components::ProgressBar;
use yew::prelude::*;

/// Props of [`PingWidget`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct PingWidgetProps {
    /// Progress to show, 0..=100.
    #[prop_or_default]
    pub progress_percent: Option<f64>,
}

/// The ping test card.
#[function_component]
pub fn PingWidget(props: &PingWidgetProps) -> Html {
    html! {
        <section class="apw" aria-label="Access point ping test">
            <header class="apw__header"><h2 class="apw__title">{ "AP ping test" }</h2></header>
            <ProgressBar percent={props.progress_percent} />
        </section>
    }
}
