//! The verdict line, the reason the fleet view exists: is it these APs, or the path
//! beyond them? Written from `ap_ping_core::fleet::verdict` in the page's words.

use crate::words::{Messages, Msg};
use ap_ping_core::fleet::{Verdict, VerdictRules};
use yew::prelude::*;

/// The verdict's name in events and the JSON export.
pub fn verdict_kind(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::NothingTested => "nothingTested",
        Verdict::BeyondAps { .. } => "beyondAps",
        Verdict::SomeAps { .. } => "someAps",
        Verdict::NoLoss { .. } => "noLoss",
    }
}

/// The verdict as a sentence: "All 40 APs lose packets to 8.8.8.8: the problem is beyond
/// the APs (uplink, gateway or the path)", "2 of 40 APs lose packets: hq-ap-07 (60%), …",
/// "All 40 APs reach 8.8.8.8 with no loss; median RTT 12 ms (spread 9–31 ms)". Under a
/// raised `lossyAbovePercent`, "no loss" would be untrue of an AP that lost a little: the
/// sentence then says "with at most 5% loss".
pub fn verdict_text(
    m: &Messages,
    verdict: &Verdict,
    destination: &str,
    rules: &VerdictRules,
) -> String {
    let within = rules.lossy_above_percent > 0.0;
    let threshold = m.percent(rules.lossy_above_percent);
    let count = |n: usize| m.number(n as f64, 0);
    // Whole milliseconds from 10 on, as an admin says them.
    let ms = |v: f64| m.number(v, if v < 10.0 { 1 } else { 0 });
    match verdict {
        Verdict::NothingTested => m.fill(Msg::FleetVerdictNothing, &[("destination", destination)]),
        Verdict::BeyondAps { lossy, tested } if lossy == tested => m.fill(
            Msg::FleetVerdictAll,
            &[("tested", &count(*tested)), ("destination", destination)],
        ),
        Verdict::BeyondAps { lossy, tested } => m.fill_count(
            Msg::FleetVerdictBeyond,
            *lossy as f64,
            &[
                ("lossy", &count(*lossy)),
                ("tested", &count(*tested)),
                ("destination", destination),
            ],
        ),
        Verdict::SomeAps {
            lossy,
            tested,
            worst,
        } => {
            let named: Vec<String> = worst
                .iter()
                .map(|(name, loss)| {
                    m.fill(
                        Msg::FleetWorstAp,
                        &[("name", name), ("loss", &m.percent(*loss))],
                    )
                })
                .collect();
            let mut list = named.join(", ");
            let more = lossy.saturating_sub(worst.len());
            if more > 0 {
                list = m.fill_count(
                    Msg::FleetMoreAps,
                    more as f64,
                    &[("list", &list), ("count", &count(more))],
                );
            }
            m.fill_count(
                Msg::FleetVerdictSome,
                *lossy as f64,
                &[
                    ("lossy", &count(*lossy)),
                    ("tested", &count(*tested)),
                    ("worst", &list),
                ],
            )
        }
        Verdict::NoLoss {
            tested,
            median_ms: Some(median),
            min_ms: Some(min),
            max_ms: Some(max),
        } => m.fill_count(
            if within {
                Msg::FleetVerdictWithin
            } else {
                Msg::FleetVerdictNoLoss
            },
            *tested as f64,
            &[
                ("tested", &count(*tested)),
                ("destination", destination),
                ("threshold", &threshold),
                ("median", &ms(*median)),
                ("min", &ms(*min)),
                ("max", &ms(*max)),
            ],
        ),
        Verdict::NoLoss { tested, .. } => m.fill_count(
            if within {
                Msg::FleetVerdictWithinNoRtt
            } else {
                Msg::FleetVerdictNoLossNoRtt
            },
            *tested as f64,
            &[
                ("tested", &count(*tested)),
                ("destination", destination),
                ("threshold", &threshold),
            ],
        ),
    }
}

/// Props of [`VerdictLine`].
#[derive(Properties, PartialEq, Clone)]
pub struct VerdictLineProps {
    /// The sentence, once the run is over; `None` before (the live region is then empty,
    /// so that the sentence is announced once, when it appears).
    pub text: Option<AttrValue>,
    /// Its kind (`beyondAps`, …), for its colour.
    #[prop_or_default]
    pub kind: AttrValue,
}

/// The sentence shown prominently, and announced to screen readers once, at the end.
#[function_component]
pub fn VerdictLine(props: &VerdictLineProps) -> Html {
    let class = classes!(
        "apw-fleet__verdict",
        format!("apw-fleet__verdict--{}", props.kind)
    );
    html! {
        <>
            if let Some(text) = &props.text {
                <p class={class} aria-hidden="true">{ text.clone() }</p>
            }
            <p class="apw-visually-hidden" aria-live="polite" aria-atomic="true">{ props.text.clone().unwrap_or_default() }</p>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: Verdict) -> String {
        verdict_text(
            &Messages::default(),
            &v,
            "8.8.8.8",
            &VerdictRules::default(),
        )
    }

    #[test]
    fn under_a_raised_threshold_no_loss_is_not_said() {
        let rules = VerdictRules {
            lossy_above_percent: 5.0,
            ..VerdictRules::default()
        };
        let said = |v| verdict_text(&Messages::default(), &v, "8.8.8.8", &rules);
        assert_eq!(
            said(Verdict::NoLoss {
                tested: 40,
                median_ms: Some(12.2),
                min_ms: Some(9.04),
                max_ms: Some(31.0)
            }),
            "All 40 APs reach 8.8.8.8 with at most 5% loss; median RTT 12 ms (spread 9–31 ms)"
        );
        assert_eq!(
            said(Verdict::NoLoss {
                tested: 1,
                median_ms: None,
                min_ms: None,
                max_ms: None
            }),
            "The AP reaches 8.8.8.8 with at most 5% loss"
        );
    }

    #[test]
    fn each_verdict_reads_as_the_issue_words_it() {
        assert_eq!(
            text(Verdict::BeyondAps { lossy: 40, tested: 40 }),
            "All 40 APs lose packets to 8.8.8.8: the problem is beyond the APs (uplink, gateway or the path)"
        );
        assert_eq!(
            text(Verdict::BeyondAps { lossy: 36, tested: 40 }),
            "36 of 40 APs lose packets to 8.8.8.8: the problem is beyond the APs (uplink, gateway or the path)"
        );
        assert_eq!(
            text(Verdict::SomeAps {
                lossy: 2,
                tested: 40,
                worst: vec![("hq-ap-07".into(), 60.0), ("hq-ap-23".into(), 60.0)]
            }),
            "2 of 40 APs lose packets: hq-ap-07 (60%), hq-ap-23 (60%)"
        );
        assert_eq!(
            text(Verdict::SomeAps {
                lossy: 7,
                tested: 40,
                worst: vec![("a".into(), 80.0), ("b".into(), 20.0)]
            }),
            "7 of 40 APs lose packets: a (80%), b (20%), and 5 more"
        );
        assert_eq!(
            text(Verdict::SomeAps {
                lossy: 1,
                tested: 40,
                worst: vec![("a".into(), 20.0)]
            }),
            "1 of 40 APs loses packets: a (20%)"
        );
        assert_eq!(
            text(Verdict::NoLoss {
                tested: 40,
                median_ms: Some(12.2),
                min_ms: Some(9.04),
                max_ms: Some(31.0)
            }),
            "All 40 APs reach 8.8.8.8 with no loss; median RTT 12 ms (spread 9–31 ms)"
        );
        assert_eq!(
            text(Verdict::NoLoss {
                tested: 1,
                median_ms: None,
                min_ms: None,
                max_ms: None
            }),
            "The AP reaches 8.8.8.8 with no loss"
        );
        assert!(text(Verdict::NothingTested).contains("8.8.8.8"));
    }
}
