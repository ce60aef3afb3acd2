//! The loss and RTT summary: what an admin reads first.

use crate::stats::PingStatistics;
use crate::words::{Messages, Msg};
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
    /// The words.
    #[prop_or_default]
    pub messages: Messages,
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

    pub(crate) fn class(self) -> &'static str {
        match self {
            LossLevel::Good => "apw-loss--good",
            LossLevel::Warning => "apw-loss--warning",
            LossLevel::Bad => "apw-loss--bad",
        }
    }

    fn word(self) -> Msg {
        match self {
            LossLevel::Good => Msg::LossNone,
            LossLevel::Warning => Msg::LossSome,
            LossLevel::Bad => Msg::LossHigh,
        }
    }
}

/// Destination, counts, loss, RTTs, duration and the parser's warnings.
#[function_component]
pub fn SummaryCard(props: &SummaryCardProps) -> Html {
    let (s, m) = (&props.stats, &props.messages);
    let level = LossLevel::of(s.loss_percent);
    let count = |n: u32| m.number(f64::from(n), 0);
    let stat = |label: Msg, value: String, class: &'static str| {
        html! {
            <div class={classes!("apw-stat", class)}>
                <dt class="apw-stat__label">{ m.get(label) }</dt>
                <dd class="apw-stat__value">{ value }</dd>
            </div>
        }
    };
    html! {
        <section class="apw-summary" aria-label={m.get(Msg::SummaryLabel)}>
            <p class="apw-summary__destination">
                <span class="apw-summary__name">{ s.destination.clone().map_or_else(|| m.get(Msg::UnknownDestination), AttrValue::from) }</span>
                if let Some(ip) = s.resolved_ip.as_ref().filter(|ip| Some(*ip) != s.destination.as_ref()) {
                    <span class="apw-summary__ip">{ ip.clone() }</span>
                }
            </p>
            if let Some(error) = &s.error {
                <p class="apw-summary__error" role="alert">{ error.clone() }</p>
            }
            <dl class="apw-summary__grid">
                <div class={classes!("apw-stat", "apw-stat--loss", level.class())}>
                    <dt class="apw-stat__label">{ m.get(Msg::PacketLoss) }</dt>
                    <dd class="apw-stat__value">
                        { s.loss_percent.map_or_else(|| "–".into(), |p| m.percent(p)) }
                        <span class="apw-loss__word">{ m.get(level.word()) }</span>
                    </dd>
                </div>
                { stat(Msg::Sent, count(s.transmitted), "apw-stat--sent") }
                { stat(Msg::Received, count(s.received), "apw-stat--received") }
                { stat(Msg::Lost, count(s.lost), "apw-stat--lost") }
                if s.duplicates > 0 {
                    { stat(Msg::Duplicates, count(s.duplicates), "apw-stat--dup") }
                }
                if let Some(rtt) = &s.rtt {
                    { stat(Msg::MinRtt, m.ms(rtt.min_ms), "apw-stat--min") }
                    { stat(Msg::AvgRtt, m.ms(rtt.avg_ms), "apw-stat--avg") }
                    { stat(Msg::MaxRtt, m.ms(rtt.max_ms), "apw-stat--max") }
                    { stat(Msg::Median, m.ms(rtt.median_ms), "apw-stat--median") }
                    { stat(Msg::Jitter, m.ms(rtt.jitter_ms), "apw-stat--jitter") }
                    { stat(Msg::StdDev, m.ms(rtt.stddev_ms), "apw-stat--stddev") }
                }
                if let Some(d) = props.duration_ms {
                    { stat(Msg::Duration, m.duration(d), "apw-stat--duration") }
                }
            </dl>
            if !s.warnings.is_empty() {
                <ul class="apw-summary__warnings" aria-label={m.get(Msg::Warnings)}>
                    { for s.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}
