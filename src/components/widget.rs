//! The widget's root component: follows one ping test and composes the views.

use crate::api::traceroute::TraceStartRequest;
use crate::components::progress_panel::{ProgressWords, Shown, ShownProgress, PING_WORDS};
use crate::components::raw_output::Exported;
use crate::components::traceroute::{TraceCallbacks, TraceTaskConfig, TracerouteWidget};
use crate::components::{
    with_value_apart, ErrorPanel, NoResultCard, ProgressPanel, RawOutput, ReplyTable, RttChart,
    SummaryCard,
};
use crate::hooks::use_test_task::TaskState;
use crate::hooks::{use_ping_task, PingTaskConfig, TaskCallbacks, TaskHandle};
use crate::poll::{FailureKind, Phase};
use crate::stats::{PingTestResult, TestOutcome, TestStatus};
use crate::trace::trace_target;
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
    /// Offer "Trace the path" under a result with loss: a traceroute to the same
    /// destination from the same AP, shown in place below (`traceOnLoss`).
    #[prop_or_default]
    pub trace_on_loss: bool,
    /// Notifications of that traceroute.
    #[prop_or_default]
    pub trace_callbacks: TraceCallbacks,
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
    // Where "Trace the path" was asked to trace to; another test forgets it.
    let trace_to = use_state_eq(|| None::<Rc<str>>);
    {
        let trace_to = trace_to.clone();
        use_effect_with(props.config.clone(), move |_| trace_to.set(None));
    }
    use_effect_with(m.lang().clone(), |lang| format::warm_up(lang));
    let file_stem = AttrValue::from(format!(
        "ping-{}-{}",
        props.config.serial,
        props.config.task_id.as_deref().unwrap_or("new")
    ));
    let card = Card {
        class: classes!("apw", props.class.clone()),
        label: Msg::WidgetLabel,
        title: Msg::Title,
        serial: &props.config.serial,
        words: &PING_WORDS,
        nested: false,
    };
    card.view(m, &task, |result, on_run_again, current| {
        html! {
            <>
                { result_view(m, result, &file_stem, on_run_again) }
                if current {
                    { trace_offer(props, result, &trace_to) }
                }
            </>
        }
    })
}

/// What a test's card is named: its classes, its label, its title with the AP's serial,
/// and its progress panel's words.
pub(crate) struct Card<'a> {
    pub class: Classes,
    pub label: Msg,
    pub title: Msg,
    pub serial: &'a str,
    pub words: &'static ProgressWords,
    /// Inside another card: its title an `h3` under that card's `h2`.
    pub nested: bool,
}

impl Card<'_> {
    /// The card every kind of test shows: its title and badge, its progress, the error
    /// panel, then the finished result (`result`, given "Run again" when offered, and
    /// `true`), or the one before "Run again" (`false`), marked, until the new one ends.
    /// Only the choice of result is generic: the card is drawn by [`Card::draw`], once in
    /// the module for every kind.
    pub(crate) fn view<S: ShownProgress>(
        self,
        m: &Messages,
        task: &TaskHandle<S>,
        result: impl Fn(&Rc<S>, Option<Callback<()>>, bool) -> Html,
    ) -> Html {
        let body = match (
            task.latest.as_ref().filter(|r| r.is_terminal()),
            &task.previous,
        ) {
            (Some(latest), _) => result(latest, task.run_again.clone(), true),
            (None, Some(previous)) => html! {
                <div class="apw-previous">
                    <p class="apw-previous__label">{ m.get(Msg::PreviousResult) }</p>
                    { result(previous, None, false) }
                </div>
            },
            (None, None) => Html::default(),
        };
        let latest = task
            .latest
            .clone()
            .map(|r| Shown(r as Rc<dyn ShownProgress>));
        self.draw(m, task.as_state(), latest, body)
    }

    fn draw(self, m: &Messages, task: TaskState<'_>, latest: Option<Shown>, body: Html) -> Html {
        let badge = badge(
            task.phase,
            latest.as_ref().map(|r| (r.0.status(), r.0.no_result())),
        );
        let lang = (!m.lang().is_empty()).then(|| m.lang().clone());
        let heading = if self.nested { "h3" } else { "h2" };
        html! {
            <section class={self.class} {lang} aria-label={m.get(self.label)} aria-busy={busy(task.phase)}>
                <header class="apw__header">
                    <@{heading} class="apw__title">
                        { with_value_apart(m, self.title, "serial", self.serial, "apw__serial") }
                    </@>
                    <span class={classes!("apw-badge", badge.1)}>{ m.get(badge.0) }</span>
                </header>
                <ProgressPanel messages={m.clone()} phase={task.phase.clone()} {latest} words={self.words} paused={task.paused} next_request_at_ms={task.next_request_at_ms} />
                { failure_view(m, &task) }
                { body }
            </section>
        }
    }
}

/// "Trace the path" under a result with loss, when the page allows it; once pressed, the
/// traceroute to the same destination from the same AP (its serial, base URL, version,
/// credentials and timing), in place, under the same page budget.
fn trace_offer(
    props: &PingWidgetProps,
    result: &PingTestResult,
    trace_to: &UseStateHandle<Option<Rc<str>>>,
) -> Html {
    if !props.trace_on_loss {
        return html! {};
    }
    let started_to = props.config.start.as_ref().map(|s| s.destination.as_str());
    let (m, config) = (&props.messages, &props.config);
    match (trace_target(started_to, result), &**trace_to) {
        (None, _) => html! {},
        (Some(destination), None) => {
            let trace_to = trace_to.clone();
            let onclick = Callback::from(move |_| trace_to.set(Some(destination.clone())));
            html! {
                <div class="apw-trace-offer">
                    <button type="button" class="apw-button apw-button--primary" {onclick}>{ m.get(Msg::TraceThePath) }</button>
                </div>
            }
        }
        (Some(_), Some(destination)) => {
            let trace = TraceTaskConfig {
                base_url: config.base_url.clone(),
                api_version: config.api_version,
                serial: config.serial.clone(),
                task_id: None,
                start: Some(TraceStartRequest {
                    destination: destination.to_string(),
                    include_raw_output: Some(true),
                    ..Default::default()
                }),
                auth: config.auth.clone(),
                settings: config.settings,
            };
            html! {
                <TracerouteWidget class="apw--nested" nested=true config={trace} callbacks={props.trace_callbacks.clone()} messages={m.clone()} />
            }
        }
    }
}

/// The header's badge, its words and class, from where polling is and the latest status
/// (and whether it ended without a result): the same for every kind of test.
pub(crate) fn badge(phase: &Phase, latest: Option<(&TestStatus, bool)>) -> (Msg, &'static str) {
    match (phase, latest) {
        (Phase::Failed(_), _) => (Msg::BadgeError, "apw-badge--error"),
        (_, Some((TestStatus::Failed, _))) => (Msg::BadgeFailed, "apw-badge--error"),
        (_, Some((_, true))) => (Msg::BadgeNoResult, "apw-badge--warning"),
        (_, Some((TestStatus::Completed, _))) => (Msg::BadgeCompleted, "apw-badge--done"),
        (Phase::Retrying { .. }, _) => (Msg::BadgeRetrying, "apw-badge--warning"),
        (Phase::Throttled { .. }, _) => (Msg::BadgeWaiting, "apw-badge--warning"),
        (Phase::Idle, None) => (Msg::BadgeIdle, "apw-badge--idle"),
        _ => (Msg::BadgeRunning, "apw-badge--running"),
    }
}

/// A retry pending, or polling stopped on an error: the panel that says so (with "Try
/// again", unless the page's own settings are wrong: asking again cannot mend them).
fn failure_view(m: &Messages, task: &TaskState<'_>) -> Html {
    match task.phase {
        Phase::Retrying {
            attempt,
            delay_ms,
            failure,
        } => html! {
            <ErrorPanel messages={m.clone()} failure={failure.clone()} retrying={Some((*attempt, task.max_attempts, *delay_ms))} retry_at_ms={task.next_request_at_ms} />
        },
        Phase::Failed(failure) => html! {
            <ErrorPanel messages={m.clone()} failure={failure.clone()} on_retry={(failure.kind != FailureKind::Configuration).then(|| task.retry.clone())} />
        },
        _ => html! {},
    }
}

/// Whether requests are still to come: the card is `aria-busy` meanwhile.
pub(crate) fn busy(phase: &Phase) -> String {
    (!matches!(phase, Phase::Done | Phase::Failed(_) | Phase::Idle)).to_string()
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
            <RawOutput messages={m.clone()} result={Exported::from(result.clone())} file_stem={file_stem.clone()} {on_run_again} />
        </>
    }
}
