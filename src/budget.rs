//! The page's request budget: which waiting request may go now, for every widget on a page
//! that calls the same API. Central allows an account about 7 calls a second; forty widgets
//! polling on their own would send three times that and spend the page in 429 waits. So
//! every request waits here for its turn, under one rate, one cap on requests in flight,
//! and one hold when the API says to stop (a 429, or `X-RateLimit-Remaining: 0`).
//!
//! Pure: no clock, no web types. The hook (`hooks::request_budget`) tells it the time and
//! carries out its decisions; `tests/budget.rs` drives it with a fake clock.

use std::collections::VecDeque;

/// The page-level limits (`configureRequestBudget`). A widget's own options cannot raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetLimits {
    /// Requests sent in any second, at most.
    pub max_requests_per_second: u32,
    /// Requests sent and not yet answered, at most.
    pub max_in_flight: u32,
}

impl Default for BudgetLimits {
    /// 5 a second, under Central's published 7, so that another tab or a script of the
    /// same account leaves the page some room; 4 at once.
    fn default() -> Self {
        BudgetLimits {
            max_requests_per_second: 5,
            max_in_flight: 4,
        }
    }
}

/// The "second" the rate is counted over, with 100 ms to spare: the server counts arrivals,
/// not sends; two requests sent 1,000 ms apart may arrive 990 ms apart, and a fetch can
/// leave up to ~45 ms after its turn was granted on a busy page (measured in the e2e tests
/// with three widgets loading: six sends within 1,006 ms under a 1,050 ms window).
pub const WINDOW_MS: f64 = 1100.0;

/// The least time between two sends at `per_second`: the window's share of one request.
/// Evenly spaced, not in bursts: five requests sent at once arrive bunched with the next
/// window's (a new connection, a busy network: 60–145 ms measured), and a server counting
/// whole seconds saw up to 9 in one (bench/fleet.mjs).
pub fn spacing_ms(per_second: u32) -> f64 {
    WINDOW_MS / f64::from(per_second.max(1))
}

/// Who asks: one widget (or the fleet view). Turns go round-robin between owners, so a
/// view of 1,000 APs cannot starve the ping widget next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Owner(pub u64);

/// One request, from the moment it waits until it is answered or given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ticket(pub u64);

/// What may happen now.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grants {
    /// These requests may be sent now, in this order.
    pub go: Vec<Ticket>,
    /// Ask again at this time (ms), when a request still waits for the rate or a hold; `None`
    /// when nothing waits, or only for a request in flight to be answered.
    pub wake_at_ms: Option<f64>,
}

/// The budget of one API (one base URL): its queue, what is in flight, and its holds.
/// Requests go evenly spaced ([`spacing_ms`]), never more than the rate in any window.
#[derive(Debug, Clone)]
pub struct RequestBudget {
    limits: BudgetLimits,
    /// Owners with requests waiting, in turn order; each one's requests in the order asked.
    /// Within an owner it is first come, first served: each of its tests has at most one
    /// request waiting, so its tests take turns too.
    queue: VecDeque<(Owner, VecDeque<Ticket>)>,
    in_flight: Vec<Ticket>,
    /// When the latest requests were sent (ms), at most `max_requests_per_second` of them.
    sent: VecDeque<f64>,
    /// No request goes before this time (ms): the API said to wait.
    held_until_ms: f64,
}

impl RequestBudget {
    /// An empty budget.
    pub fn new(limits: BudgetLimits) -> Self {
        RequestBudget {
            limits: sane(limits),
            queue: VecDeque::new(),
            in_flight: Vec::new(),
            sent: VecDeque::new(),
            held_until_ms: 0.0,
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> BudgetLimits {
        self.limits
    }

    /// New limits, from the next grant on.
    pub fn set_limits(&mut self, limits: BudgetLimits) {
        self.limits = sane(limits);
    }

    /// `ticket` of `owner` waits for its turn.
    pub fn enqueue(&mut self, owner: Owner, ticket: Ticket) {
        match self.queue.iter_mut().find(|(o, _)| *o == owner) {
            Some((_, tickets)) => tickets.push_back(ticket),
            None => self.queue.push_back((owner, VecDeque::from([ticket]))),
        }
    }

    /// `ticket` is given up, waiting or in flight (a widget stopped, a request timed out):
    /// it no longer takes a place.
    pub fn cancel(&mut self, ticket: Ticket) {
        self.in_flight.retain(|t| *t != ticket);
        for (_, tickets) in self.queue.iter_mut() {
            tickets.retain(|t| *t != ticket);
        }
        self.queue.retain(|(_, tickets)| !tickets.is_empty());
    }

    /// `ticket`'s answer came (or its request failed). `hold_until_ms`: the answer said no
    /// request may go before then (a 429's wait, or the reset of a spent budget); it holds
    /// every request of this budget, not only the next one of the widget that got it.
    pub fn finished(&mut self, ticket: Ticket, hold_until_ms: Option<f64>) {
        self.in_flight.retain(|t| *t != ticket);
        if let Some(until) = hold_until_ms.filter(|t| t.is_finite()) {
            self.held_until_ms = self.held_until_ms.max(until);
        }
    }

    /// Until when every request is held, if it is at `now_ms`.
    pub fn held_until(&self, now_ms: f64) -> Option<f64> {
        (self.held_until_ms > now_ms).then_some(self.held_until_ms)
    }

    /// Requests waiting.
    pub fn waiting(&self) -> usize {
        self.queue.iter().map(|(_, t)| t.len()).sum()
    }

    /// Requests sent and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }

    /// The requests that may be sent at `now_ms`, marked as sent, and when to ask again.
    pub fn grant(&mut self, now_ms: f64) -> Grants {
        let mut grants = Grants::default();
        while !self.queue.is_empty() {
            if now_ms < self.held_until_ms {
                grants.wake_at_ms = Some(self.held_until_ms);
                break;
            }
            if self.in_flight.len() >= self.limits.max_in_flight as usize {
                break; // an answer frees a place
            }
            let per_second = self.limits.max_requests_per_second as usize;
            let mut next_at = self.sent.back().map_or(f64::MIN, |last| {
                last + spacing_ms(self.limits.max_requests_per_second)
            });
            if self.sent.len() >= per_second {
                next_at = next_at.max(self.sent[self.sent.len() - per_second] + WINDOW_MS);
            }
            if now_ms < next_at {
                grants.wake_at_ms = Some(next_at);
                break;
            }
            let Some((owner, mut tickets)) = self.queue.pop_front() else {
                break;
            };
            let Some(ticket) = tickets.pop_front() else {
                continue;
            };
            if !tickets.is_empty() {
                self.queue.push_back((owner, tickets)); // the next owner's turn
            }
            self.in_flight.push(ticket);
            self.sent.push_back(now_ms);
            while self.sent.len() > per_second {
                self.sent.pop_front();
            }
            grants.go.push(ticket);
        }
        grants
    }
}

/// At least one request a second and one in flight: a budget of 0 would stop the page.
fn sane(limits: BudgetLimits) -> BudgetLimits {
    BudgetLimits {
        max_requests_per_second: limits.max_requests_per_second.max(1),
        max_in_flight: limits.max_in_flight.max(1),
    }
}
