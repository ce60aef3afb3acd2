//! One AP's figures in the fleet table, taken from its test's result.

use crate::stats::PingTestResult;

/// What a row shows of one AP's test, and what the verdict is written from.
#[derive(Debug, Clone, PartialEq)]
pub struct ApFigures {
    /// As the test reported it (or computed from the counts).
    pub loss_percent: Option<f64>,
    /// The median of the replies' round-trip times; `None` when no reply came back.
    pub median_ms: Option<f64>,
    pub avg_ms: Option<f64>,
    pub jitter_ms: Option<f64>,
    /// Echo requests sent.
    pub transmitted: u32,
    /// Distinct replies received.
    pub received: u32,
}

impl ApFigures {
    /// The figures of a test that measured something: `None` without statistics, or
    /// when no packet was sent (an unresolvable destination), since a row of zeros would
    /// claim a measurement that never happened. A test still running has no statistics.
    pub fn of(result: &PingTestResult) -> Option<Self> {
        let statistics = result.statistics.as_deref()?;
        if statistics.transmitted == 0 {
            return None;
        }
        let rtt = statistics.rtt.as_ref();
        Some(ApFigures {
            loss_percent: statistics.loss_percent,
            median_ms: rtt.map(|r| r.median_ms),
            avg_ms: rtt.map(|r| r.avg_ms),
            jitter_ms: rtt.map(|r| r.jitter_ms),
            transmitted: statistics.transmitted,
            received: statistics.received,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::parse_ping_status;

    #[test]
    fn the_seed_has_its_figures() {
        let result = parse_ping_status(include_str!(
            "../../../../tests/fixtures/seed_completed.json"
        ))
        .unwrap();
        let figures = ApFigures::of(&result).unwrap();
        let statistics = result.statistics.as_deref().unwrap();
        let rtt = statistics.rtt.as_ref().unwrap();
        assert_eq!(figures.loss_percent, statistics.loss_percent);
        assert_eq!(figures.median_ms, Some(rtt.median_ms));
        assert_eq!(figures.avg_ms, Some(rtt.avg_ms));
        assert_eq!(figures.jitter_ms, Some(rtt.jitter_ms));
        assert_eq!(
            (figures.transmitted, figures.received),
            (statistics.transmitted, statistics.received)
        );
    }

    #[test]
    fn no_statistics_or_nothing_sent_gives_no_figures() {
        for body in [
            r#"{"status":"RUNNING"}"#,
            r#"{"status":"FAILED"}"#,
            include_str!("../../../../tests/fixtures/completed_without_result.json"),
        ] {
            assert_eq!(
                ApFigures::of(&parse_ping_status(body).unwrap()),
                None,
                "{body}"
            );
        }
    }

    #[test]
    fn total_loss_has_figures_without_times() {
        let body = r#"{"status":"COMPLETED","output":{"transmittedPacketsCount":"5","receivedPacketsCount":"0","packetLossPercent":"100"}}"#;
        let figures = ApFigures::of(&parse_ping_status(body).unwrap()).unwrap();
        assert_eq!(figures.loss_percent, Some(100.0));
        assert_eq!(
            (figures.median_ms, figures.transmitted, figures.received),
            (None, 5, 0)
        );
    }
}
