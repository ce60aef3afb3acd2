//! The loss and RTT summary: what an admin reads first.

use crate::components::format;
use crate::stats::PingStatistics;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`SummaryCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct SummaryCardProps {
    /// The statistics to summarize.
    pub stats: Rc<PingStatistics>,
    /// The test's duration, when known.
    #[prop_or_default]
    pub duration_ms: Option<f64>,
}

/// How bad a loss is, for its colour and its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LossLevel {
    /// No loss.
    Good,
    /// Some loss, under 10%.
    Warning,
    /// 10% or more.
    Bad,
}

impl LossLevel {
    /// The level of a loss percentage; no figure (nothing sent) is the worst.
    pub fn of(loss_percent: Option<f64>) -> Self {
        let Some(loss_percent) = loss_percent else {
            return LossLevel::Bad;
        };
        if loss_percent <= 0.0 {
            LossLevel::Good
        } else if loss_percent < 10.0 {
            LossLevel::Warning
        } else {
            LossLevel::Bad
        }
    }

    fn class(self) -> &'static str {
        match self {
            LossLevel::Good => "apw-loss--good",
            LossLevel::Warning => "apw-loss--warning",
            LossLevel::Bad => "apw-loss--bad",
        }
    }

    fn word(self) -> &'static str {
        match self {
            LossLevel::Good => "no loss",
            LossLevel::Warning => "some loss",
            LossLevel::Bad => "high loss",
        }
    }
}

/// Destination, counts, loss, RTTs, duration and the parser's warnings.
#[function_component]
pub fn SummaryCard(props: &SummaryCardProps) -> Html {
    let s = &props.stats;
    let level = LossLevel::of(s.loss_percent);
    let stat = |label: &'static str, value: String, class: &'static str| {
        html! {
            <div class={classes!("apw-stat", class)}>
                <dt class="apw-stat__label">{ label }</dt>
                <dd class="apw-stat__value">{ value }</dd>
            </div>
        }
    };
    html! {
        <section class="apw-summary" aria-label="Summary">
            <p class="apw-summary__destination">
                <span class="apw-summary__name">{ s.destination.clone().unwrap_or_else(|| "Unknown destination".into()) }</span>
                if let Some(ip) = s.resolved_ip.as_ref().filter(|ip| Some(*ip) != s.destination.as_ref()) {
                    <span class="apw-summary__ip">{ ip.clone() }</span>
                }
            </p>
            if let Some(error) = &s.error {
                <p class="apw-summary__error" role="alert">{ error.clone() }</p>
            }
            <dl class="apw-summary__grid">
                <div class={classes!("apw-stat", "apw-stat--loss", level.class())}>
                    <dt class="apw-stat__label">{ "Packet loss" }</dt>
                    <dd class="apw-stat__value">
                        { s.loss_percent.map_or_else(|| "–".into(), format::percent) }
                        <span class="apw-loss__word">{ level.word() }</span>
                    </dd>
                </div>
                { stat("Sent", format::number(f64::from(s.transmitted), 0), "apw-stat--sent") }
                { stat("Received", format::number(f64::from(s.received), 0), "apw-stat--received") }
                { stat("Lost", format::number(f64::from(s.lost), 0), "apw-stat--lost") }
                if s.duplicates > 0 {
                    { stat("Duplicates", format::number(f64::from(s.duplicates), 0), "apw-stat--dup") }
                }
                if let Some(rtt) = &s.rtt {
                    { stat("Min RTT", format::ms(rtt.min_ms), "apw-stat--min") }
                    { stat("Avg RTT", format::ms(rtt.avg_ms), "apw-stat--avg") }
                    { stat("Max RTT", format::ms(rtt.max_ms), "apw-stat--max") }
                    { stat("Median", format::ms(rtt.median_ms), "apw-stat--median") }
                    { stat("Jitter", format::ms(rtt.jitter_ms), "apw-stat--jitter") }
                    { stat("Std dev", format::ms(rtt.stddev_ms), "apw-stat--stddev") }
                }
                if let Some(d) = props.duration_ms {
                    { stat("Duration", format::duration(d), "apw-stat--duration") }
                }
            </dl>
            if !s.warnings.is_empty() {
                <ul class="apw-summary__warnings" aria-label="Warnings">
                    { for s.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}
