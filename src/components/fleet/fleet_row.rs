//! One AP's row of the fleet table, and, when opened, its full result in place below it
//! (the single test's card, chart and table).

use super::sparkline::Sparkline;
use crate::components::summary_card::LossLevel;
use crate::components::{ErrorPanel, NoResultCard, ReplyTable, RttChart, SummaryCard};
use crate::fleet::{FleetRow, RowState};
use crate::stats::{TestOutcome, TestStatus};
use crate::words::{Messages, Msg};
use yew::prelude::*;

/// Columns of the table: name, serial, model, status, loss, median, avg, jitter, replies.
pub const COLUMNS: u32 = 9;

/// Props of [`FleetRowView`].
#[derive(Properties, PartialEq, Clone)]
pub struct FleetRowViewProps {
    pub row: FleetRow,
    /// Its index in the run: what `on_toggle` is told.
    pub index: usize,
    /// Its place in the table as shown (0 for the first row under the header).
    pub position: usize,
    /// Whether its result is shown below it.
    pub open: bool,
    pub on_toggle: Callback<usize>,
    #[prop_or_default]
    pub messages: Messages,
}

/// The badge of a row: its words and its class.
pub fn badge(state: &RowState) -> (Msg, &'static str) {
    match state {
        RowState::Offline => (Msg::FleetOffline, "apw-badge--idle"),
        RowState::Queued => (Msg::FleetQueued, "apw-badge--idle"),
        RowState::Running { .. } => (Msg::BadgeRunning, "apw-badge--running"),
        RowState::Failed(_) => (Msg::BadgeError, "apw-badge--error"),
        RowState::Done { result, .. } => match (&result.status, result.outcome) {
            (TestStatus::Failed, _) => (Msg::BadgeFailed, "apw-badge--error"),
            (_, TestOutcome::NoResult) => (Msg::BadgeNoResult, "apw-badge--warning"),
            _ => (Msg::BadgeCompleted, "apw-badge--done"),
        },
    }
}

/// A row: the AP, its badge, its figures (or its error), its sparkline.
#[function_component]
pub fn FleetRowView(props: &FleetRowViewProps) -> Html {
    let (m, row) = (&props.messages, &props.row);
    let ap = &row.ap;
    let (word, class) = badge(&row.state);
    let figures = row.state.figures();
    let ms = |v: Option<f64>| v.map_or(AttrValue::Static("—"), |v| m.ms(v).into());
    let openable = matches!(row.state, RowState::Done { .. } | RowState::Failed(_));
    let on_click = {
        let (toggle, index) = (props.on_toggle.clone(), props.index);
        Callback::from(move |_| toggle.emit(index))
    };
    let name = if openable {
        html! {
            <button type="button" class="apw-fleet__open" aria-expanded={props.open.to_string()} onclick={on_click}
                    title={m.fill(Msg::FleetShowResult, &[("name", &ap.name)])}>{ ap.name.clone() }</button>
        }
    } else {
        html! { { ap.name.clone() } }
    };
    let progress = match row.state {
        RowState::Running { percent: Some(p) } => Some(m.percent(p.clamp(0.0, 100.0).round())),
        _ => None,
    };
    let cells = match (&row.state, figures) {
        (RowState::Failed(f), _) => html! {
            <td class="apw-fleet__error" colspan="5">{ f.message.clone() }</td>
        },
        (_, Some(f)) => {
            let level = LossLevel::of(f.loss_percent);
            html! {
                <>
                    <td class={classes!("apw-fleet__loss", level.class())}>{ f.loss_percent.map_or(AttrValue::Static("—"), |l| m.percent(l).into()) }</td>
                    <td>{ ms(f.median_ms) }</td>
                    <td>{ ms(f.avg_ms) }</td>
                    <td>{ ms(f.jitter_ms) }</td>
                    <td class="apw-fleet__spark">
                        if let RowState::Done { result, .. } = &row.state {
                            if let Some(stats) = result.statistics.clone() { <Sparkline {stats} /> }
                        }
                    </td>
                </>
            }
        }
        _ => html! { <><td>{"—"}</td><td>{"—"}</td><td>{"—"}</td><td>{"—"}</td><td></td></> },
    };
    // Only an opened row names its result.
    let title = (props.open && openable).then(|| {
        m.fill(
            Msg::FleetResultOf,
            &[("name", &ap.name), ("serial", &ap.serial)],
        )
    });
    html! {
        <>
            <tr aria-rowindex={(props.position + 2).to_string()} class={classes!("apw-fleet__row", props.open.then_some("apw-fleet__row--open"), matches!(row.state, RowState::Offline).then_some("apw-fleet__row--offline"))}>
                <th scope="row" class="apw-fleet__name">{ name }</th>
                <td class="apw-fleet__serial">{ ap.serial.clone() }</td>
                <td>{ ap.model.clone().unwrap_or_default() }</td>
                <td><span class={classes!("apw-badge", class)}>{ m.get(word) }</span>
                    if let Some(p) = progress { <span class="apw-fleet__percent">{ p }</span> }</td>
                { cells }
            </tr>
            if let Some(title) = title {
                <tr class="apw-fleet__detail">
                    <td colspan={COLUMNS.to_string()}>
                        <div class="apw-fleet__detail-body" role="group" aria-label={title.clone()}>
                            <p class="apw-fleet__detail-title" aria-hidden="true">{ title }</p>
                            { detail(m, &row.state) }
                        </div>
                    </td>
                </tr>
            }
        </>
    }
}

/// An opened row: the test's result as the single widget shows it, or its error.
fn detail(m: &Messages, state: &RowState) -> Html {
    match state {
        RowState::Failed(failure) => html! {
            <ErrorPanel messages={m.clone()} failure={failure.clone()} />
        },
        RowState::Done { result, .. } => html! {
            <>
                if result.outcome == TestOutcome::NoResult {
                    <NoResultCard messages={m.clone()} result={result.clone()} />
                }
                if let Some(stats) = result.statistics.clone().filter(|s| s.transmitted > 0) {
                    <SummaryCard messages={m.clone()} stats={stats.clone()} duration_ms={result.duration_ms} />
                    <RttChart messages={m.clone()} stats={stats.clone()} />
                    <ReplyTable messages={m.clone()} stats={stats} />
                }
            </>
        },
        _ => html! {},
    }
}
