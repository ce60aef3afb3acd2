//! The demo devices and what each one does: the deterministic scenarios that a test or a
//! person picks by serial number (or, for an unresolvable host, by destination). The
//! fleet's APs (`crate::fleet`) resolve here too, each to a [`Scenario::Planned`] (or
//! [`Scenario::Offline`]). A traceroute's path is picked by its destination instead:
//! [`traceroute`].

pub mod traceroute;

/// How a device behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// Every packet answered.
    Clean,
    /// About one packet in five lost (reproducible with `--seed`).
    Lossy,
    /// No packet answered: 100% loss.
    TotalLoss,
    /// The AP is offline: starting a test answers 409.
    Offline,
    /// Every status answer takes `SLOW_RESPONSE` to arrive.
    Slow,
    /// Status requests are never answered (the client must time out).
    Hanging,
    /// Every second status request answers 500.
    Flaky,
    /// The first status request and every third after it answer 429 with `Retry-After: 1`.
    RateLimited,
    /// Like `RateLimited`, without a `Retry-After` header (the real API documents none):
    /// only `X-RateLimit-Reset`, [`RATE_LIMIT_RESET`] later, says when to come back.
    RateLimitedNoRetryAfter,
    /// Status answers are cut-off JSON.
    MalformedJson,
    /// Status answers are HTML with `Content-Type: text/html`, as from a misconfigured proxy.
    WrongContentType,
    /// The test ends `COMPLETED` with `failReason: "Destination not resolved"`,
    /// `output: null` and the AP's own error line, as in the API description's example.
    NotResolved,
    /// Every request answers 403: the API client lacks troubleshooting access.
    Forbidden,
    /// A clean run whose status never says how far it is (`progressPercent: null` until the
    /// end), as a status answer may: polled at the interval all along.
    NoProgress,
    /// Every status answer spends the request budget (`X-RateLimit-Remaining: 0`) until
    /// [`BUDGET_WINDOW`] later; a status request before then answers 429.
    BudgetSpent,
    /// A fleet AP: RTTs around its own base, and a fixed share of the packets lost.
    Planned(LossPlan),
}

/// What a fleet AP's ping does: how many packets it loses and how far away it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LossPlan {
    /// Share of the packets lost, 0 to 100.
    pub loss_percent: u8,
    /// Every reply takes this long, plus up to 3 ms.
    pub base_rtt_ms: u8,
}

impl LossPlan {
    /// Packets lost of `count`: `round(count × loss)`, at least one when the loss is not
    /// 0, and at most `count - 1` when the loss is under 100% and `count` ≥ 2 (so a lossy
    /// AP never reads as "unreachable"). 60% of 5 is 3; 60% of 1 is 1.
    pub fn lost_packets(&self, count: u32) -> u32 {
        if self.loss_percent == 0 || count == 0 {
            return 0;
        }
        let percent = u32::from(self.loss_percent.min(100));
        let lost = (count * percent + 50) / 100;
        let most = if percent < 100 && count >= 2 {
            count - 1
        } else {
            count
        };
        lost.clamp(1, most)
    }

    /// Whether packet `seq` (from 0) of `count` is lost: the lost ones are spread evenly
    /// over the run (60% of 5 loses `icmp_seq` 1, 3 and 4).
    pub fn loses(&self, seq: u32, count: u32) -> bool {
        let lost = self.lost_packets(count);
        (seq + 1) * lost / count.max(1) > seq * lost / count.max(1)
    }
}

/// A device the stand-in knows.
#[derive(Debug, Clone, Copy)]
pub struct Device {
    /// Serial number, the path segment.
    pub serial: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What it does.
    pub scenario: Scenario,
}

/// Every known device. The first is the demo's default.
pub const DEVICES: &[Device] = &[
    Device {
        serial: "CNF7G9X001",
        name: "lobby-ap-01 (clean)",
        scenario: Scenario::Clean,
    },
    Device {
        serial: "CNF7G9X002",
        name: "warehouse-ap-02 (lossy)",
        scenario: Scenario::Lossy,
    },
    Device {
        serial: "CNF7G9X003",
        name: "roof-ap-03 (total loss)",
        scenario: Scenario::TotalLoss,
    },
    Device {
        serial: "CNF7G9X004",
        name: "basement-ap-04 (offline)",
        scenario: Scenario::Offline,
    },
    Device {
        serial: "CNF7G9X005",
        name: "annex-ap-05 (slow answers)",
        scenario: Scenario::Slow,
    },
    Device {
        serial: "CNF7G9X006",
        name: "annex-ap-06 (hanging answers)",
        scenario: Scenario::Hanging,
    },
    Device {
        serial: "CNF7G9X007",
        name: "lab-ap-07 (flaky 500s)",
        scenario: Scenario::Flaky,
    },
    Device {
        serial: "CNF7G9X008",
        name: "lab-ap-08 (rate limited, Retry-After)",
        scenario: Scenario::RateLimited,
    },
    Device {
        serial: "CNF7G9X009",
        name: "lab-ap-09 (rate limited, no Retry-After)",
        scenario: Scenario::RateLimitedNoRetryAfter,
    },
    Device {
        serial: "CNF7G9X010",
        name: "lab-ap-10 (malformed JSON)",
        scenario: Scenario::MalformedJson,
    },
    Device {
        serial: "CNF7G9X011",
        name: "lab-ap-11 (wrong content type)",
        scenario: Scenario::WrongContentType,
    },
    Device {
        serial: "CNF7G9X012",
        name: "lab-ap-12 (destination not resolved: COMPLETED without result)",
        scenario: Scenario::NotResolved,
    },
    Device {
        serial: "CNF7G9X013",
        name: "lab-ap-13 (forbidden: 403)",
        scenario: Scenario::Forbidden,
    },
    Device {
        serial: "CNF7G9X014",
        name: "lab-ap-14 (request budget spent after every answer)",
        scenario: Scenario::BudgetSpent,
    },
    Device {
        serial: "CNF7G9X015",
        name: "lab-ap-15 (no progress reported)",
        scenario: Scenario::NoProgress,
    },
];

/// The demo device with this serial, if any.
pub fn device(serial: &str) -> Option<&'static Device> {
    DEVICES.iter().find(|d| d.serial == serial)
}

/// What a ping on `serial` does: a demo device's scenario, or a fleet AP's; `None` for a
/// serial the stand-in does not know (404).
pub fn scenario_of(serial: &str) -> Option<Scenario> {
    device(serial)
        .map(|d| d.scenario)
        .or_else(|| crate::fleet::scenario_of(serial))
}

/// Destinations under the reserved `.invalid` top-level domain never resolve: the test
/// then ends `FAILED` with a `failReason`, as on a real AP.
pub fn is_unresolvable(destination: &str) -> bool {
    let d = destination.trim_end_matches('.').to_ascii_lowercase();
    d == "invalid" || d.ends_with(".invalid")
}

/// How long a `Slow` device takes to answer a status request.
pub const SLOW_RESPONSE: std::time::Duration = std::time::Duration::from_millis(1500);

/// How long after a scenario's 429 its `X-RateLimit-Reset` lies: longer than the first
/// backoff (at most 1 s), so a test can tell which of the two the client waited for.
pub const RATE_LIMIT_RESET: std::time::Duration = std::time::Duration::from_millis(2500);

/// How long a `BudgetSpent` device's budget stays spent after each answer.
pub const BUDGET_WINDOW: std::time::Duration = std::time::Duration::from_millis(1500);

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(loss_percent: u8) -> LossPlan {
        LossPlan {
            loss_percent,
            base_rtt_ms: 10,
        }
    }

    #[test]
    fn sixty_percent_loses_three_of_five_and_at_least_one() {
        let lost: Vec<u32> = [1, 2, 3, 4, 5, 10, 100]
            .map(|c| plan(60).lost_packets(c))
            .to_vec();
        assert_eq!(lost, [1, 1, 2, 2, 3, 6, 60]);
        let seqs: Vec<u32> = (0..5).filter(|s| plan(60).loses(*s, 5)).collect();
        assert_eq!(seqs, [1, 3, 4]);
    }

    #[test]
    fn losses_under_100_percent_never_lose_everything_and_never_nothing() {
        for percent in 1..100u8 {
            for count in 2..=100u32 {
                let lost = plan(percent).lost_packets(count);
                assert!((1..count).contains(&lost), "{percent}% of {count}: {lost}");
                let counted = (0..count)
                    .filter(|s| plan(percent).loses(*s, count))
                    .count();
                assert_eq!(counted as u32, lost, "{percent}% of {count}");
            }
        }
        assert_eq!(plan(0).lost_packets(5), 0);
        assert_eq!(plan(100).lost_packets(5), 5);
    }

    #[test]
    fn fleet_serials_resolve_and_demo_devices_keep_theirs() {
        assert_eq!(scenario_of("CNF7G9X004"), Some(Scenario::Offline));
        assert_eq!(scenario_of("CNF7G9X001"), Some(Scenario::Clean));
        assert_eq!(scenario_of("WH00000012"), Some(Scenario::Offline));
        assert!(matches!(
            scenario_of("HQ00000007"),
            Some(Scenario::Planned(LossPlan {
                loss_percent: 60,
                ..
            }))
        ));
        assert!(matches!(
            scenario_of("CP00001001"),
            Some(Scenario::Planned(LossPlan {
                loss_percent: 0,
                ..
            }))
        ));
        assert_eq!(scenario_of("HQ00000041"), None);
        assert_eq!(scenario_of("NOPE"), None);
    }
}
