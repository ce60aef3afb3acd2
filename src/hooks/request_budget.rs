//! The page's request budget in the browser: one [`RequestBudget`] per API base URL, shared
//! by every widget of the page (the module's own state: one page, one budget), its timer,
//! and the requests waiting for their turn. The decisions are `budget`'s; this module only
//! tells it the time and starts what it grants.
//!
//! A request asks with [`wait_turn`] and gets a [`Turn`]; the turn's callback runs when the
//! request may be sent. [`Turn::answered`] reports the answer (whose 429 or spent budget
//! holds every request to that API); dropping a turn before that gives its place up,
//! waiting or in flight. Its owner drops it in its one place of cancellation.

use crate::api::client::{hold_ms, RawAnswer};
use crate::budget::{BudgetLimits, Owner, RequestBudget, Ticket};
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A wait the API asks for that is longer than this is shortened to it: a wrong clock or
/// header must not stall a page for hours (the polling's `RetryPolicy` caps its own the same).
const LONGEST_HOLD_MS: u32 = 15 * 60 * 1000;

/// One API's budget and what waits on it.
struct Shared {
    model: RefCell<RequestBudget>,
    /// What each waiting request does when its turn comes, and what it is told of a hold.
    /// (A list, not a map: a map's hashing cost the widget 1 KB gzip.)
    waiting: RefCell<Vec<(Ticket, Waiter)>>,
    /// The timer of the next [`pump`], and when it fires.
    timer: RefCell<Option<(f64, Timeout)>>,
    /// The waiting requests were told of a hold that has not been told to end.
    told_held: Cell<bool>,
}

struct Waiter {
    go: Box<dyn FnOnce()>,
    held: Rc<dyn Fn(Option<f64>)>,
}

thread_local! {
    static LIMITS: Cell<BudgetLimits> = Cell::new(BudgetLimits::default());
    /// Each API base URL's budget; a page calls one or two.
    static BUDGETS: RefCell<Vec<(String, Rc<Shared>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

fn next_id() -> u64 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// Sets the page's limits, for the budgets of every API from now on.
pub fn configure(limits: BudgetLimits) {
    LIMITS.with(|l| l.set(limits));
    BUDGETS.with(|b| {
        for (_, shared) in b.borrow().iter() {
            shared.model.borrow_mut().set_limits(limits);
            pump(shared);
        }
    });
}

/// The page's limits.
pub fn limits() -> BudgetLimits {
    LIMITS.with(Cell::get)
}

/// A new owner: one per widget, so that turns go round-robin between widgets.
pub fn new_owner() -> Owner {
    Owner(next_id())
}

/// Until when the API at `base_url` holds every request (ms since the epoch), if it does.
pub fn held_until(base_url: &str) -> Option<f64> {
    let now = js_sys::Date::now();
    BUDGETS.with(|b| {
        b.borrow()
            .iter()
            .find(|(url, _)| url == base_url)
            .and_then(|(_, s)| s.model.borrow().held_until(now))
    })
}

/// A request's place in its API's budget, from waiting to answered.
pub struct Turn {
    shared: Rc<Shared>,
    ticket: Ticket,
    /// Answered: the place is already given back.
    done: Cell<bool>,
}

impl Turn {
    /// The answer came: frees the place, and holds the whole API when the answer says
    /// (a 429's wait, a spent budget's reset).
    pub fn answered(self, answer: Option<&RawAnswer>) {
        let hold = answer.and_then(|a| {
            let ms = hold_ms(a)?.min(LONGEST_HOLD_MS);
            Some(a.received_at_ms + f64::from(ms))
        });
        self.done.set(true);
        self.shared.model.borrow_mut().finished(self.ticket, hold);
        if hold.is_some() {
            tell_held(&self.shared);
        }
        pump(&self.shared);
    }
}

impl Drop for Turn {
    /// Given up (its widget stopped, its request timed out): the place goes to the next.
    fn drop(&mut self) {
        if !self.done.get() {
            self.shared
                .waiting
                .borrow_mut()
                .retain(|(t, _)| *t != self.ticket);
            self.shared.model.borrow_mut().cancel(self.ticket);
            pump(&self.shared);
        }
    }
}

/// Waits for a turn to send a request to the API at `base_url`: `go` runs when it comes
/// (never within this call), `held` is told when a hold of the whole API begins or ends
/// while the request waits (`Some(until)`, then `None`).
pub fn wait_turn(
    base_url: &str,
    owner: Owner,
    go: impl FnOnce() + 'static,
    held: Rc<dyn Fn(Option<f64>)>,
) -> Turn {
    let shared = BUDGETS.with(|b| {
        let mut budgets = b.borrow_mut();
        if let Some((_, shared)) = budgets.iter().find(|(url, _)| url == base_url) {
            return shared.clone();
        }
        let shared = Rc::new(Shared {
            model: RefCell::new(RequestBudget::new(limits())),
            waiting: RefCell::new(Vec::new()),
            timer: RefCell::new(None),
            told_held: Cell::new(false),
        });
        budgets.push((base_url.to_owned(), shared.clone()));
        shared
    });
    let ticket = Ticket(next_id());
    shared.model.borrow_mut().enqueue(owner, ticket);
    if let Some(until) = shared.model.borrow().held_until(js_sys::Date::now()) {
        held(Some(until));
    }
    shared.waiting.borrow_mut().push((
        ticket,
        Waiter {
            go: Box::new(go),
            held,
        },
    ));
    pump(&shared);
    Turn {
        shared,
        ticket,
        done: Cell::new(false),
    }
}

/// Tells every waiting request until when the API holds them (`None`: no longer).
fn tell_held(shared: &Shared) {
    let until = shared.model.borrow().held_until(js_sys::Date::now());
    shared.told_held.set(until.is_some());
    let told: Vec<_> = shared
        .waiting
        .borrow()
        .iter()
        .map(|(_, w)| w.held.clone())
        .collect();
    for held in told {
        held(until);
    }
}

/// Starts every request the budget grants now, and sets the timer for the next grant.
fn pump(shared: &Rc<Shared>) {
    let now = js_sys::Date::now();
    let grants = shared.model.borrow_mut().grant(now);
    if let Some(at) = grants.wake_at_ms {
        let sooner = shared
            .timer
            .borrow()
            .as_ref()
            .is_none_or(|(due, _)| *due > at || *due <= now);
        if sooner {
            let weak = Rc::downgrade(shared);
            let ms = (at - now).clamp(0.0, f64::from(u32::MAX)).ceil() as u32;
            let timeout = Timeout::new(ms, move || {
                if let Some(shared) = weak.upgrade() {
                    shared.timer.borrow_mut().take();
                    if shared.told_held.get() {
                        tell_held(&shared); // the hold may be over
                    }
                    pump(&shared);
                }
            });
            *shared.timer.borrow_mut() = Some((at, timeout));
        }
    }
    if grants.go.is_empty() {
        return;
    }
    // In a task of its own, never inside the caller (which may be a widget stopping):
    // a turn dropped meanwhile has left `waiting`, and its request does not go.
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        for ticket in grants.go {
            let waiter = {
                let mut waiting = shared.waiting.borrow_mut();
                let at = waiting.iter().position(|(t, _)| *t == ticket);
                at.map(|at| waiting.remove(at).1)
            };
            if let Some(waiter) = waiter {
                (waiter.go)();
            }
        }
    });
}
