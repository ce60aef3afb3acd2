//! One request at a time, the way every view sends it: it waits for its turn in the page's
//! request budget, goes under an abort controller and its timeout, and hands its answer
//! (or why there was none) back, unless it was cancelled meanwhile. The test driver
//! (`use_test_task`) and the fleet's list (`use_fleet_run`) each hold one; [`cancel`] is
//! their one way to stop a request, waiting or in flight.
//!
//! [`cancel`]: RequestSlot::cancel

use crate::api::client::http::{self, Auth};
use crate::api::client::{ClientError, RawAnswer};
use crate::budget::Owner;
use crate::hooks::request_budget::{self, Turn};
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Where a view's requests go, and the one request it has waiting or in flight.
pub struct RequestSlot {
    base_url: String,
    owner: Owner,
    timeout_ms: u32,
    /// Its place in the page's budget, from waiting to answered.
    turn: RefCell<Option<Turn>>,
    /// The request in flight's controller; aborted on timeout and by `cancel`.
    in_flight: RefCell<Option<web_sys::AbortController>>,
    timeout: RefCell<Option<Timeout>>,
    /// Counts cancellations: an answer to a request sent before the last one is dropped.
    generation: Cell<u32>,
}

/// What a request came back with: the answer, or why there was none.
pub type Reply = Result<RawAnswer, ClientError>;

impl RequestSlot {
    /// Requests to the API at `base_url`, taking `owner`'s turns, each aborted after
    /// `timeout_ms` once sent (the wait for a turn does not count).
    pub fn new(base_url: &str, owner: Owner, timeout_ms: u32) -> Rc<Self> {
        Rc::new(RequestSlot {
            base_url: base_url.to_owned(),
            owner,
            timeout_ms,
            turn: RefCell::new(None),
            in_flight: RefCell::new(None),
            timeout: RefCell::new(None),
            generation: Cell::new(0),
        })
    }

    /// Sends `method url` (with `body` as JSON) when its turn comes, then hands what came
    /// back to `done`. `held` is told while the page's budget holds every request (`Some`
    /// until when, then `None`). Any request of this slot still waiting or in flight is
    /// cancelled first.
    pub fn send(
        self: &Rc<Self>,
        method: &'static str,
        url: String,
        body: Option<String>,
        auth: Auth,
        held: Rc<dyn Fn(Option<f64>)>,
        done: impl FnOnce(Reply) + 'static,
    ) {
        self.cancel();
        let generation = self.generation.get();
        let slot = Rc::downgrade(self);
        let go = move || {
            if let Some(slot) = slot.upgrade().filter(|s| s.generation.get() == generation) {
                slot.send_now(method, url, body, auth, done);
            }
        };
        let turn = request_budget::wait_turn(&self.base_url, self.owner, go, held);
        *self.turn.borrow_mut() = Some(turn);
    }

    /// Its turn has come: sends now, under the controller and its timeout.
    fn send_now(
        self: Rc<Self>,
        method: &'static str,
        url: String,
        body: Option<String>,
        auth: Auth,
        done: impl FnOnce(Reply) + 'static,
    ) {
        let Ok(controller) = web_sys::AbortController::new() else {
            drop(self.turn.borrow_mut().take());
            return done(Err(ClientError::Network {
                detail: "AbortController is not available".into(),
            }));
        };
        let signal = controller.signal();
        let on_timeout = {
            let controller = controller.clone();
            move || controller.abort()
        };
        *self.timeout.borrow_mut() = Some(Timeout::new(self.timeout_ms, on_timeout));
        *self.in_flight.borrow_mut() = Some(controller);
        let generation = self.generation.get();
        let slot = Rc::downgrade(&self);
        wasm_bindgen_futures::spawn_local(async move {
            let reply = http::request(method, &url, body.as_deref(), &auth, &signal).await;
            let Some(slot) = slot.upgrade() else { return };
            if slot.generation.get() != generation {
                return; // cancelled: nobody waits for this answer
            }
            let turn = slot.turn.borrow_mut().take();
            if let Some(turn) = turn {
                turn.answered(reply.as_ref().ok());
            }
            slot.timeout.borrow_mut().take();
            slot.in_flight.borrow_mut().take();
            done(reply);
        });
    }

    /// Gives up the request waiting or in flight: its place in the budget goes to the next,
    /// it is aborted, and its answer is never handed back.
    pub fn cancel(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        let turn = self.turn.borrow_mut().take();
        drop(turn);
        if let Some(controller) = self.in_flight.borrow_mut().take() {
            controller.abort();
        }
        self.timeout.borrow_mut().take();
    }
}
