//! The widget's root component: follows one ping test and composes the views.

use crate::components::{
    format, ErrorPanel, ProgressPanel, RawOutput, ReplyTable, RttChart, SummaryCard,
};
use crate::hooks::{use_ping_task, PingTaskConfig, TaskCallbacks};
use crate::poll::Phase;
use crate::stats::TestStatus;
use yew::prelude::*;

/// Props of [`PingWidget`].
#[derive(Properties, PartialEq, Clone)]
pub struct PingWidgetProps {
    /// What to follow and how; a change starts over.
    pub config: PingTaskConfig,
    /// Notifications for the embedding page.
    #[prop_or_default]
    pub callbacks: TaskCallbacks,
    /// Extra classes on the root element.
    #[prop_or_default]
    pub class: Classes,
}

/// The ping test card: progress, then summary, chart, replies and raw output.
#[function_component]
pub fn PingWidget(props: &PingWidgetProps) -> Html {
    let task = use_ping_task(&props.config, &props.callbacks);
    use_effect_with((), |_| format::warm_up());
    let latest = task.latest.clone();
    let status = latest.as_ref().map(|r| r.status.clone());
    let badge = match (&task.phase, &status) {
        (Phase::Failed(_), _) => ("Error", "apw-badge--error"),
        (_, Some(TestStatus::Completed)) => ("Completed", "apw-badge--done"),
        (_, Some(TestStatus::Failed)) => ("Failed", "apw-badge--error"),
        (Phase::Retrying { .. }, _) => ("Retrying", "apw-badge--warning"),
        (Phase::Idle, None) => ("Idle", "apw-badge--idle"),
        _ => ("Running", "apw-badge--running"),
    };
    let file_stem = AttrValue::from(format!(
        "ping-{}-{}",
        props.config.serial,
        props.config.task_id.as_deref().unwrap_or("new")
    ));
    html! {
        <section class={classes!("apw", props.class.clone())} aria-label="Access point ping test" aria-busy={(!matches!(task.phase, Phase::Done | Phase::Failed(_) | Phase::Idle)).to_string()}>
            <header class="apw__header">
                <h2 class="apw__title">
                    { "Ping from AP " }<span class="apw__serial">{ props.config.serial.clone() }</span>
                </h2>
                <span class={classes!("apw-badge", badge.1)}>{ badge.0 }</span>
            </header>
            <ProgressPanel phase={task.phase.clone()} latest={latest.clone()} paused={task.paused} />
            {
                match &task.phase {
                    Phase::Retrying { attempt, delay_ms, failure } => html! {
                        <ErrorPanel failure={failure.clone()} retrying={Some((*attempt, task.max_attempts, *delay_ms))} />
                    },
                    Phase::Failed(failure) => html! {
                        <ErrorPanel failure={failure.clone()} on_retry={task.retry.clone()} />
                    },
                    _ => html! {},
                }
            }
            if let Some(result) = latest.filter(|r| r.is_terminal) {
                // No packet sent (an unknown host, say): numbers of zero would mislead.
                if let Some(stats) = result.statistics.clone().filter(|s| s.transmitted > 0) {
                    <SummaryCard stats={stats.clone()} duration_ms={result.duration_ms} />
                    <RttChart stats={stats.clone()} />
                    <ReplyTable stats={stats} />
                } else if let Some(error) = result.statistics.as_ref().and_then(|s| s.error.clone()).filter(|_| result.fail_reason.is_none()) {
                    <p class="apw-summary__error" role="alert">{ error }</p>
                }
                <RawOutput result={result.clone()} file_stem={file_stem} />
            }
        </section>
    }
}
