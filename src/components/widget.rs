//! The widget's root component: follows one ping test and composes the views.

use crate::components::{
    format, ErrorPanel, NoResultCard, ProgressPanel, RawOutput, ReplyTable, RttChart, SummaryCard,
};
use crate::hooks::{use_ping_task, PingTaskConfig, TaskCallbacks};
use crate::poll::{FailureKind, Phase};
use crate::stats::{TestOutcome, TestStatus};
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
    let outcome = latest.as_ref().map(|r| r.outcome);
    let badge = match (&task.phase, &status, outcome) {
        (Phase::Failed(_), _, _) => ("Error", "apw-badge--error"),
        (_, Some(TestStatus::Failed), _) => ("Failed", "apw-badge--error"),
        (_, _, Some(TestOutcome::NoResult)) => ("No result", "apw-badge--warning"),
        (_, Some(TestStatus::Completed), _) => ("Completed", "apw-badge--done"),
        (Phase::Retrying { .. }, _, _) => ("Retrying", "apw-badge--warning"),
        (Phase::Throttled { .. }, _, _) => ("Waiting", "apw-badge--warning"),
        (Phase::Idle, None, _) => ("Idle", "apw-badge--idle"),
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
            <ProgressPanel phase={task.phase.clone()} latest={latest.clone()} paused={task.paused} next_request_at_ms={task.next_request_at_ms} />
            {
                match &task.phase {
                    Phase::Retrying { attempt, delay_ms, failure } => html! {
                        <ErrorPanel failure={failure.clone()} retrying={Some((*attempt, task.max_attempts, *delay_ms))} retry_at_ms={task.next_request_at_ms} />
                    },
                    // Asking again cannot mend the page's own settings: no button then.
                    Phase::Failed(failure) => html! {
                        <ErrorPanel failure={failure.clone()} on_retry={(failure.kind != FailureKind::Configuration).then(|| task.retry.clone())} />
                    },
                    _ => html! {},
                }
            }
            if let Some(result) = latest.filter(|r| r.is_terminal) {
                if result.outcome == TestOutcome::NoResult {
                    <NoResultCard result={result.clone()} />
                }
                // Numbers only where packets were sent: zeros of an unknown host would mislead.
                if let Some(stats) = result.statistics.clone().filter(|s| s.transmitted > 0) {
                    <SummaryCard stats={stats.clone()} duration_ms={result.duration_ms} />
                    <RttChart stats={stats.clone()} />
                    <ReplyTable stats={stats} />
                }
                <RawOutput result={result.clone()} file_stem={file_stem} />
            }
        </section>
    }
}
