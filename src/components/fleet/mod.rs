//! The fleet view: one destination pinged from every AP of a site, under the page's one
//! request budget. [`PingFleet`] composes it; the run itself is `hooks::use_fleet_run`'s
//! and its model `crate::fleet`'s.
//!
//! - `fleet_progress`: the estimate, the confirmation, "37 of 40 done, about 20 s left";
//! - `verdict_line`: the verdict sentence, announced once at the end;
//! - `fleet_table`, `fleet_row`, `sparkline`: the table;
//! - `stop_notice`: why the run stopped as a whole;
//! - `export`: the run as the JS object of `fleet-complete` and "Download JSON".

pub mod export;
pub mod fleet_progress;
pub mod fleet_row;
pub mod fleet_table;
pub mod sparkline;
pub mod stop_notice;
pub mod verdict_line;

pub use fleet_progress::{FleetProgress, FleetProgressProps};
pub use fleet_row::{FleetRowView, FleetRowViewProps};
pub use fleet_table::{FleetTable, FleetTableProps};
pub use sparkline::{Sparkline, SparklineProps};
pub use stop_notice::{stop_text, StopNotice, StopNoticeProps};
pub use verdict_line::{verdict_kind, verdict_text, VerdictLine, VerdictLineProps};

use super::raw_output::download;
use crate::fleet::{ApSelection, FleetRun, RunPhase};
use crate::hooks::{request_budget, use_fleet_run, FleetCallbacks, FleetConfig};
use crate::words::{format, Messages, Msg};
use ap_ping_core::fleet::VerdictRules;
use yew::prelude::*;

/// Props of [`PingFleet`].
#[derive(Properties, PartialEq, Clone)]
pub struct PingFleetProps {
    /// Which APs, what test, and how; a change starts over.
    pub config: FleetConfig,
    /// Notifications for the embedding page.
    #[prop_or_default]
    pub callbacks: FleetCallbacks,
    /// When APs count as losing packets, and when that points beyond them.
    #[prop_or_default]
    pub rules: VerdictRules,
    /// Extra classes on the root element.
    #[prop_or_default]
    pub class: Classes,
    /// The words it shows and the language of its numbers; English by default.
    #[prop_or_default]
    pub messages: Messages,
}

/// The view's title: the site, or how many APs.
fn title(m: &Messages, selection: &ApSelection, run: &FleetRun, destination: &str) -> String {
    let site = match selection {
        ApSelection::SiteName(name) => Some(name.clone()),
        ApSelection::SiteId(id) => Some(
            run.rows
                .iter()
                .find_map(|r| r.ap.site_name.clone())
                .unwrap_or_else(|| id.clone()),
        ),
        ApSelection::Serials(_) => None,
    };
    match site {
        Some(site) => m.fill(
            Msg::FleetTitleSite,
            &[("destination", destination), ("site", &site)],
        ),
        None => {
            let n = match selection {
                ApSelection::Serials(s) if run.rows.is_empty() => s.len(),
                _ => run.rows.len(),
            };
            m.fill_count(
                Msg::FleetTitleAps,
                n as f64,
                &[
                    ("destination", destination),
                    ("count", &m.number(n as f64, 0)),
                ],
            )
        }
    }
}

/// The fleet view: title, estimate, progress, verdict, table, downloads and "Run again".
///
/// In a Yew app:
///
/// ```
/// use ap_ping_widget::components::fleet::PingFleet;
/// use ap_ping_widget::fleet::ApSelection;
/// use ap_ping_widget::hooks::{FleetConfig, StartRequest};
/// use yew::prelude::*;
///
/// #[function_component]
/// fn Site() -> Html {
///     let config = FleetConfig {
///         base_url: "/central-proxy".into(),
///         api_version: Default::default(),
///         selection: ApSelection::SiteName("HQ".into()),
///         start: StartRequest { destination: "8.8.8.8".into(), count: Some(5), ..Default::default() },
///         auth: Default::default(),
///         settings: Default::default(),
///     };
///     html! { <PingFleet {config} /> }
/// }
/// # let _ = html! { <Site /> };
/// ```
#[function_component]
pub fn PingFleet(props: &PingFleetProps) -> Html {
    let fleet = use_fleet_run(&props.config, &props.callbacks);
    let m = &props.messages;
    use_effect_with(m.lang().clone(), |lang| format::warm_up(lang));
    let run = fleet.run.clone();
    let destination = props.config.start.destination.as_str();
    let lang = (!m.lang().is_empty()).then(|| m.lang().clone());
    let over = run.is_over();
    let finished = run.phase == RunPhase::Finished;
    let verdict = finished.then(|| run.verdict(&props.rules));
    let verdict_text = verdict
        .as_ref()
        .map(|v| AttrValue::from(verdict_text(m, v, destination, &props.rules)));
    let verdict_kind = verdict.as_ref().map(verdict_kind).unwrap_or_default();
    let time_left_ms = run.time_left_ms(request_budget::limits(), fleet.run_ms);
    let stem = format!(
        "ping-fleet-{}",
        match &props.config.selection {
            ApSelection::SiteId(id) => id.clone(),
            ApSelection::SiteName(name) => name.clone(),
            ApSelection::Serials(_) => "aps".to_owned(),
        }
    );
    let on_csv = {
        let (run, m, name) = (run.clone(), m.clone(), format!("{stem}.csv"));
        Callback::from(move |_| {
            let csv = run.csv(|row| m.get(fleet_row::badge(&row.state).0).to_string());
            download(&name, "text/csv", &csv);
        })
    };
    let on_json = {
        let (run, m, name) = (run.clone(), m.clone(), format!("{stem}.json"));
        let (destination, rules) = (destination.to_owned(), props.rules.clone());
        Callback::from(move |_| {
            download(
                &name,
                "application/json",
                &export::run_json(&m, &run, &destination, &rules),
            );
        })
    };
    let listed = !matches!(run.phase, RunPhase::Listing { .. })
        && !matches!(run.phase, RunPhase::Stopped(_) if run.rows.is_empty());
    html! {
        <section class={classes!("apw", "apw-fleet", props.class.clone())} {lang} aria-label={m.get(Msg::FleetLabel)} aria-busy={(!over).to_string()}>
            <header class="apw__header">
                <h2 class="apw__title">{ title(m, &props.config.selection, &run, destination) }</h2>
            </header>
            <FleetProgress messages={m.clone()} phase={run.phase.clone()} counts={run.counts()} estimate={listed.then(|| run.estimate())} {time_left_ms} on_confirm={fleet.confirm.clone()} />
            if let RunPhase::Stopped(stop) = &run.phase {
                <StopNotice messages={m.clone()} stop={stop.clone()} />
            }
            <VerdictLine text={verdict_text} kind={verdict_kind} />
            if finished && run.rows.is_empty() {
                <p class="apw-empty">{ m.get(Msg::FleetNoAps) }</p>
            }
            if listed && !run.rows.is_empty() {
                <FleetTable run={run.clone()} messages={m.clone()} />
            }
            if over {
                <div class="apw-raw__actions">
                    if let Some(run_again) = fleet.run_again.clone() {
                        <button type="button" class="apw-button apw-button--primary" onclick={move |_| run_again.emit(())}>{ m.get(Msg::RunAgain) }</button>
                    }
                    if !run.rows.is_empty() {
                        <button type="button" class="apw-button" onclick={on_csv}>{ m.get(Msg::DownloadCsv) }</button>
                        <button type="button" class="apw-button" onclick={on_json}>{ m.get(Msg::DownloadJson) }</button>
                    }
                </div>
            }
        </section>
    }
}
