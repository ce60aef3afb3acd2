//! A Yew app's own page with the ping widget in it: the app decides what to follow (here a
//! new test it starts), hears the widget's callbacks, and shows what it makes of them in
//! its own markup. What a Yew developer writes to use the component is all here.

use ap_ping_widget::components::PingWidget;
use ap_ping_widget::hooks::{PingTaskConfig, StartRequest, TaskCallbacks};
use ap_ping_widget::poll::PollSettings;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`AccessPointPage`].
#[derive(Properties, PartialEq, Clone)]
pub struct AccessPointPageProps {
    /// The access point the page is about.
    pub serial: AttrValue,
    /// Where the API (or the app's backend proxy of it) is; `""` for the page's origin.
    #[prop_or_default]
    pub base_url: AttrValue,
    /// What to ping from it.
    pub destination: String,
}

/// A page about one access point, with a ping test of it.
#[function_component]
pub fn AccessPointPage(props: &AccessPointPageProps) -> Html {
    // What the app itself keeps of the test: its own words, from the widget's callbacks.
    let heard = use_state(|| AttrValue::from("No test yet"));
    let config = PingTaskConfig {
        base_url: props.base_url.clone(),
        serial: props.serial.clone(),
        start: Some(StartRequest {
            destination: props.destination.clone(),
            count: Some(5),
            ..Default::default()
        }),
        settings: PollSettings {
            interval_ms: 500,
            ..Default::default()
        },
        ..PingTaskConfig::default()
    };
    let callbacks = TaskCallbacks {
        on_started: Some({
            let heard = heard.clone();
            Callback::from(move |task_id: String| heard.set(format!("Started {task_id}").into()))
        }),
        on_complete: Some({
            let heard = heard.clone();
            Callback::from(move |result: Rc<ap_ping_widget::stats::PingTestResult>| {
                let loss = result.statistics.as_ref().and_then(|s| s.loss_percent);
                heard.set(format!("Finished: {}% loss", loss.unwrap_or(100.0)).into());
            })
        }),
        on_error: Some({
            let heard = heard.clone();
            Callback::from(move |failure: ap_ping_widget::poll::Failure| {
                heard.set(format!("Stopped: {}", failure.message).into())
            })
        }),
        ..Default::default()
    };
    html! {
        <main class="ap-page">
            <h1>{ format!("Access point {}", props.serial) }</h1>
            <p class="ap-page__heard" role="status">{ (*heard).clone() }</p>
            <PingWidget {config} {callbacks} class="ap-page__ping" />
        </main>
    }
}
