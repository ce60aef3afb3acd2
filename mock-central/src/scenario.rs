//! The demo devices and what each one does: the deterministic scenarios that a test or a
//! person picks by serial number (or, for an unresolvable host, by destination).

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
    /// Every status answer spends the request budget (`X-RateLimit-Remaining: 0`) until
    /// [`BUDGET_WINDOW`] later; a status request before then answers 429.
    BudgetSpent,
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
];

/// The device with this serial, if any.
pub fn device(serial: &str) -> Option<&'static Device> {
    DEVICES.iter().find(|d| d.serial == serial)
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
