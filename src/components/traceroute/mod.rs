//! The traceroute card (`TracerouteWidget`): progress and the time since the start (a
//! trace can take minutes), then the verdict, the hop table, the merge's warnings, the
//! raw output, the downloads and "Run again". Built from the ping card's parts: the
//! progress panel, the error panel, the no-result card and the raw output's actions.

pub mod hop_table;

use crate::components::no_result_card::no_result_view;
use crate::components::progress_panel::{envelope_readers, ProgressWords, ShownProgress};
use crate::components::raw_output::Exported;
use crate::components::widget::Card;
use crate::components::RawOutput;
use crate::hooks::use_test_task::{use_test_task, TaskCallbacks, TaskConfig};
use crate::stats::TestStatus;
use crate::trace::{verdict, Verdict};
use crate::words::{format, Messages, Msg};
use ap_ping_core::traceroute::{TraceOutcome, Traceroute, TracerouteTestResult};
use std::rc::Rc;
use yew::prelude::*;

pub use hop_table::{HopTable, HopTableProps};

/// What traceroute to follow and how (see [`TaskConfig`]).
pub type TraceTaskConfig = TaskConfig<crate::api::traceroute::Traceroute>;

/// Notifications of a traceroute for the embedding page.
pub type TraceCallbacks = TaskCallbacks<TracerouteTestResult>;

/// Props of [`TracerouteWidget`].
#[derive(Properties, PartialEq, Clone)]
pub struct TracerouteWidgetProps {
    /// What to follow and how; a change starts over.
    pub config: TraceTaskConfig,
    /// Notifications for the embedding page.
    #[prop_or_default]
    pub callbacks: TraceCallbacks,
    /// Extra classes on the root element.
    #[prop_or_default]
    pub class: Classes,
    /// The words it shows and the language of its numbers; English by default.
    #[prop_or_default]
    pub messages: Messages,
    /// Shown inside another card (the ping's "Trace the path"): its title one heading
    /// level down (`h3`), so that the page's outline stays right.
    #[prop_or_default]
    pub nested: bool,
}

/// The progress panel's words for a trace.
pub const TRACE_WORDS: ProgressWords = ProgressWords {
    label: Msg::TraceProgressLabel,
    running: Msg::Tracing,
    elapsed: Msg::RunningFor,
};

impl ShownProgress for TracerouteTestResult {
    envelope_readers!();
    fn no_result(&self) -> bool {
        self.outcome == TraceOutcome::NoResult
    }
    fn elapsed_ms(&self, now_ms: f64) -> Option<f64> {
        crate::trace::elapsed_ms(self, now_ms)
    }
    /// The verdict, or that it failed or ended without a result.
    fn announce(&self, m: &Messages) -> String {
        match (&self.trace, self.outcome) {
            (Some(trace), TraceOutcome::Traced) => verdict_text(m, trace),
            _ if self.status == TestStatus::Failed => m.get(Msg::TraceAnnounceFailed).to_string(),
            _ => m.get(Msg::TraceAnnounceNoResult).to_string(),
        }
    }
}

/// The traceroute card: progress, then the verdict, the hops and the raw output.
///
/// ```
/// use ap_ping_widget::api::traceroute::TraceStartRequest;
/// use ap_ping_widget::components::traceroute::{TraceTaskConfig, TracerouteWidget};
/// use yew::prelude::*;
///
/// #[function_component]
/// fn Path() -> Html {
///     let config = TraceTaskConfig {
///         base_url: "/central-proxy".into(),
///         serial: "CNF7G9X001".into(),
///         start: Some(TraceStartRequest {
///             destination: "www.google.com".into(),
///             include_raw_output: Some(true),
///             ..Default::default()
///         }),
///         ..Default::default()
///     };
///     html! { <TracerouteWidget {config} /> }
/// }
/// # let _ = html! { <Path /> };
/// ```
#[function_component]
pub fn TracerouteWidget(props: &TracerouteWidgetProps) -> Html {
    let task = use_test_task(&props.config, &props.callbacks);
    let m = &props.messages;
    use_effect_with(m.lang().clone(), |lang| format::warm_up(lang));
    let file_stem = AttrValue::from(
        [
            "traceroute-",
            &props.config.serial,
            "-",
            props.config.task_id.as_deref().unwrap_or("new"),
        ]
        .concat(),
    );
    let card = Card {
        class: classes!("apw", "apw-trace", props.class.clone()),
        label: Msg::TraceLabel,
        title: Msg::TraceTitle,
        serial: &props.config.serial,
        words: &TRACE_WORDS,
        nested: props.nested,
    };
    // Where it was started to, for a result that does not say (one without a path).
    let started_to = props.config.start.as_ref().map(|s| s.destination.as_str());
    card.view(m, &task, |result, on_run_again, _| {
        result_view(m, result, started_to, &file_stem, on_run_again)
    })
}

/// A finished trace: the verdict, the hops, the merge's warnings, and the actions; without
/// a path, the no-result card about the destination (the result's, else `started_to`).
fn result_view(
    m: &Messages,
    result: &Rc<TracerouteTestResult>,
    started_to: Option<&str>,
    file_stem: &AttrValue,
    on_run_again: Option<Callback<()>>,
) -> Html {
    let trace = result
        .trace
        .clone()
        .filter(|_| result.outcome == TraceOutcome::Traced);
    html! {
        <>
            if trace.is_none() {
                { no_result_view(
                    m,
                    (Msg::TraceNoResultFor, Msg::TraceNoResultTitle),
                    result.trace.as_deref().and_then(crate::trace::destination_of).or(started_to),
                    result.fail_reason.clone().filter(|r| !r.trim().is_empty()).map(AttrValue::from).or_else(|| Some(m.get(Msg::StatusNoResult))),
                    None,
                ) }
            }
            if let Some(trace) = trace {
                { verdict_line(m, &trace, result.duration_ms) }
                <HopTable messages={m.clone()} trace={trace.clone()} />
                if !trace.warnings.is_empty() {
                    <ul class="apw-summary__warnings" aria-label={m.get(Msg::Warnings)}>
                        { for trace.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                    </ul>
                }
            }
            <RawOutput messages={m.clone()} result={Exported::from(result.clone())} file_stem={file_stem.clone()} {on_run_again} />
        </>
    }
}

/// The verdict as a sentence: "Reached 142.251.46.164 in 9 hops", "Did not reach …: no
/// answer after hop 4 (10.27.66.2)", or that it cannot be told.
pub fn verdict_text(m: &Messages, trace: &Traceroute) -> String {
    let unknown = m.get(Msg::TraceDestination);
    // Where the answers stopped ("hop 4 (10.27.66.2)"), or that none came.
    let stopped = |(after, none): (Msg, Msg),
                   destination: Option<&str>,
                   last: Option<(u32, Option<&str>)>| {
        let destination = destination.unwrap_or(&unknown);
        let Some((hop, address)) = last else {
            return m.fill(none, &[("destination", destination)]);
        };
        let hop = hop.to_string();
        let hop = match address {
            Some(address) => m.fill(Msg::TraceHopAt, &[("hop", &hop), ("address", address)]),
            None => m.fill(Msg::TraceHop, &[("hop", &hop)]),
        };
        m.fill(after, &[("destination", destination), ("hop", &hop)])
    };
    match verdict(trace) {
        Verdict::Reached { destination, hops } => m.fill_count(
            Msg::TraceReached,
            f64::from(hops),
            &[
                ("destination", destination.unwrap_or(&unknown)),
                ("hops", &hops.to_string()),
            ],
        ),
        Verdict::NotReached {
            destination,
            last_answer,
        } => stopped(
            (Msg::TraceNotReached, Msg::TraceNotReachedNoAnswer),
            destination,
            last_answer,
        ),
        Verdict::Unknown {
            destination,
            last_answer,
        } => stopped(
            (Msg::TraceUnknown, Msg::TraceUnknownNoAnswer),
            destination,
            last_answer,
        ),
    }
}

/// The verdict, coloured by what it says, and how long the trace took.
fn verdict_line(m: &Messages, trace: &Traceroute, duration_ms: Option<f64>) -> Html {
    let class = match trace.reached {
        Some(true) => "apw-trace__verdict--reached",
        Some(false) => "apw-trace__verdict--notReached",
        None => "apw-trace__verdict--unknown",
    };
    html! {
        <div class="apw-trace__summary">
            <p class={classes!("apw-trace__verdict", class)}>{ verdict_text(m, trace) }</p>
            if let Some(d) = duration_ms {
                <p class="apw-trace__duration">{ m.get(Msg::Duration) }{ " " }{ m.duration(d) }</p>
            }
        </div>
    }
}
