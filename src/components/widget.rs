//! The widget's root component: follows one ping test and composes the views.

use crate::components::{
    with_value_apart, ErrorPanel, NoResultCard, ProgressPanel, RawOutput, ReplyTable, RttChart,
    SummaryCard,
};
use crate::hooks::{use_ping_task, PingTaskConfig, TaskCallbacks};
use crate::poll::{FailureKind, Phase};
use crate::stats::{PingTestResult, TestOutcome, TestStatus};
use crate::words::{format, Messages, Msg};
use std::rc::Rc;
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
    /// The words it shows and the language of its numbers; English by default.
    #[prop_or_default]
    pub messages: Messages,
}

/// The ping test card: progress, then summary, chart, replies and raw output.
///
/// In a Yew app, with the app's own callbacks (`examples/yew-app` is a whole one):
///
/// ```
/// use ap_ping_widget::components::PingWidget;
/// use ap_ping_widget::hooks::{PingTaskConfig, TaskCallbacks};
/// use ap_ping_widget::stats::PingTestResult;
/// use std::rc::Rc;
/// use yew::prelude::*;
///
/// #[function_component]
/// fn AccessPoint() -> Html {
///     let loss = use_state(|| None::<f64>);
///     let config = PingTaskConfig {
///         base_url: "/central-proxy".into(),
///         serial: "CNF7G9X001".into(),
///         task_id: Some("c7a3f2d1-e8a9-4b7c-8d1e-0f9a3b2c1d0e".into()),
///         ..Default::default()
///     };
///     let callbacks = TaskCallbacks {
///         on_complete: Some({
///             let loss = loss.clone();
///             Callback::from(move |r: Rc<PingTestResult>| {
///                 loss.set(r.statistics.as_ref().and_then(|s| s.loss_percent))
///             })
///         }),
///         ..Default::default()
///     };
///     html! {
///         <>
///             <PingWidget {config} {callbacks} class="my-card" />
///             if let Some(loss) = *loss { <p>{ format!("{loss}% lost") }</p> }
///         </>
///     }
/// }
/// # let _ = html! { <AccessPoint /> };
/// ```
#[function_component]
pub fn PingWidget(props: &PingWidgetProps) -> Html {
    let task = use_ping_task(&props.config, &props.callbacks);
    let m = &props.messages;
    use_effect_with(m.lang().clone(), |lang| format::warm_up(lang));
    let latest = task.latest.clone();
    let status = latest.as_ref().map(|r| r.status.clone());
    let outcome = latest.as_ref().map(|r| r.outcome);
    let badge = match (&task.phase, &status, outcome) {
        (Phase::Failed(_), _, _) => (Msg::BadgeError, "apw-badge--error"),
        (_, Some(TestStatus::Failed), _) => (Msg::BadgeFailed, "apw-badge--error"),
        (_, _, Some(TestOutcome::NoResult)) => (Msg::BadgeNoResult, "apw-badge--warning"),
        (_, Some(TestStatus::Completed), _) => (Msg::BadgeCompleted, "apw-badge--done"),
        (Phase::Retrying { .. }, _, _) => (Msg::BadgeRetrying, "apw-badge--warning"),
        (Phase::Throttled { .. }, _, _) => (Msg::BadgeWaiting, "apw-badge--warning"),
        (Phase::Idle, None, _) => (Msg::BadgeIdle, "apw-badge--idle"),
        _ => (Msg::BadgeRunning, "apw-badge--running"),
    };
    let lang = (!m.lang().is_empty()).then(|| m.lang().clone());
    let file_stem = AttrValue::from(format!(
        "ping-{}-{}",
        props.config.serial,
        props.config.task_id.as_deref().unwrap_or("new")
    ));
    html! {
        <section class={classes!("apw", props.class.clone())} {lang} aria-label={m.get(Msg::WidgetLabel)} aria-busy={(!matches!(task.phase, Phase::Done | Phase::Failed(_) | Phase::Idle)).to_string()}>
            <header class="apw__header">
                <h2 class="apw__title">
                    { with_value_apart(m, Msg::Title, "serial", &props.config.serial, "apw__serial") }
                </h2>
                <span class={classes!("apw-badge", badge.1)}>{ m.get(badge.0) }</span>
            </header>
            <ProgressPanel messages={m.clone()} phase={task.phase.clone()} latest={latest.clone()} paused={task.paused} next_request_at_ms={task.next_request_at_ms} />
            {
                match &task.phase {
                    Phase::Retrying { attempt, delay_ms, failure } => html! {
                        <ErrorPanel messages={m.clone()} failure={failure.clone()} retrying={Some((*attempt, task.max_attempts, *delay_ms))} retry_at_ms={task.next_request_at_ms} />
                    },
                    // Asking again cannot mend the page's own settings: no button then.
                    Phase::Failed(failure) => html! {
                        <ErrorPanel messages={m.clone()} failure={failure.clone()} on_retry={(failure.kind != FailureKind::Configuration).then(|| task.retry.clone())} />
                    },
                    _ => html! {},
                }
            }
            if let Some(result) = latest.filter(|r| r.is_terminal) {
                { result_view(m, &result, &file_stem, task.run_again.clone()) }
            } else if let Some(previous) = &task.previous {
                // "Run again" keeps the last result in view, marked, until the new one ends.
                <div class="apw-previous">
                    <p class="apw-previous__label">{ m.get(Msg::PreviousResult) }</p>
                    { result_view(m, previous, &file_stem, None) }
                </div>
            }
        </section>
    }
}

/// A finished test: what it said, its numbers, and what can be done with it.
fn result_view(
    m: &Messages,
    result: &Rc<PingTestResult>,
    file_stem: &AttrValue,
    on_run_again: Option<Callback<()>>,
) -> Html {
    html! {
        <>
            if result.outcome == TestOutcome::NoResult {
                <NoResultCard messages={m.clone()} result={result.clone()} />
            }
            // Numbers only where packets were sent: zeros of an unknown host would mislead.
            if let Some(stats) = result.statistics.clone().filter(|s| s.transmitted > 0) {
                <SummaryCard messages={m.clone()} stats={stats.clone()} duration_ms={result.duration_ms} />
                <RttChart messages={m.clone()} stats={stats.clone()} />
                <ReplyTable messages={m.clone()} stats={stats} />
            }
            <RawOutput messages={m.clone()} result={result.clone()} file_stem={file_stem.clone()} {on_run_again} />
        </>
    }
}
