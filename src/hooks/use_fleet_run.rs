//! `use_fleet_run`: one destination pinged from every AP of a site. It lists the APs
//! (every filter of the selection, `limit=1000`, following `next`), asks the admin first
//! when the API's allowance is below the run's estimate, starts a [`TaskRunner`] per AP
//! that may be tested, and gathers their states into the run's model ([`FleetRun`], whose
//! decisions these are). Every request, the list's too, waits for its turn in the page's
//! budget under the fleet's one owner, so a ping widget beside it keeps its turns.
//!
//! A thousand runners must not cause a thousand renders: their news is gathered in the
//! model, and the view gets a copy of it at most once an animation frame.
//!
//! Everything it starts stops in one place, [`Fleet::shutdown`]: the runners (dropping
//! each stops its requests, timers and its place in the budget), the list request (its
//! turn, its abort controller and timeout), the timers and the pending frame.

use crate::api::client::{self, http, ApiVersion, RawAnswer};
use crate::api::kind::TestKind;
use crate::api::outcome::Outcome;
use crate::api::ping::{Ping, StartRequest};
use crate::budget::Owner;
use crate::fleet::{
    needs_confirmation, too_many, ApSelection, Counts, FleetRun, RowState, RunPhase, RunStop,
};
use crate::hooks::request_budget;
use crate::hooks::request_slot::RequestSlot;
use crate::hooks::{TaskCallbacks, TaskConfig, TaskRunner, TaskView};
use crate::poll::{Failure, FailureKind, Phase, PollSettings};
use crate::stats::PingTestResult;
use ap_ping_core::fleet::{list_filters, read_ap_list, AccessPoint};
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Which APs, what test, and how. A change of any field starts over.
#[derive(Clone, PartialEq)]
pub struct FleetConfig {
    /// Base URL of the API (or of the page's backend proxy); `""` for the page's origin.
    pub base_url: AttrValue,
    /// The path version of the ping tests (the list is `network-monitoring/v1`'s).
    pub api_version: ApiVersion,
    /// The site, or the serials.
    pub selection: ApSelection,
    /// The test every AP runs: one destination, count and packet size for all.
    pub start: StartRequest,
    /// Token and credentials mode.
    pub auth: http::Auth,
    /// Interval, timeout, retries: of every request, the list's too.
    pub settings: PollSettings,
}

/// Notifications for the embedding page.
#[derive(Clone, PartialEq, Default)]
pub struct FleetCallbacks {
    /// The counts changed (at most once a frame).
    pub on_progress: Option<Callback<Counts>>,
    /// Every test is over: the whole run.
    pub on_complete: Option<Callback<Rc<FleetRun>>>,
    /// The run stopped as a whole (the model keeps what was done before).
    pub on_error: Option<Callback<(RunStop, Rc<FleetRun>)>>,
}

/// What the view renders from, and what it can ask for.
#[derive(Clone, PartialEq)]
pub struct FleetHandle {
    /// The run as of the last frame.
    pub run: Rc<FleetRun>,
    /// Start although the allowance is below the estimate (while it asks).
    pub confirm: Option<Callback<()>>,
    /// The same fleet again (once the run is over).
    pub run_again: Option<Callback<()>>,
    /// How long a test runs on its AP (ms): the least of the time left.
    pub run_ms: u32,
}

/// Runners started in one task: a thousand at once would make one long task; the page's
/// budget admits a few requests a second anyway.
const STARTS_PER_TASK: usize = 100;

/// Runs the configured fleet until it is over, the configuration changes or the component
/// unmounts.
#[hook]
pub fn use_fleet_run(config: &FleetConfig, callbacks: &FleetCallbacks) -> FleetHandle {
    let run = use_state_eq(|| Rc::new(FleetRun::default()));
    // One owner for the whole fleet: its turns in the page's budget, round-robin with others.
    let owner = *use_state(request_budget::new_owner);
    // How many times "Run again" was asked for: a new run starts over.
    let again = use_state_eq(|| 0u32);
    let fleet = use_mut_ref(|| None::<Rc<Fleet>>);
    // The latest callbacks, read when a frame publishes: a new closure must not restart.
    let callbacks_ref = use_mut_ref(FleetCallbacks::default);
    *callbacks_ref.borrow_mut() = callbacks.clone();
    {
        let setter = run.setter();
        let fleet = fleet.clone();
        use_effect_with((config.clone(), *again), move |(config, _)| {
            let started = Fleet::start(
                config.clone(),
                owner,
                Callback::from(move |r| setter.set(r)),
                callbacks_ref,
            );
            *fleet.borrow_mut() = Some(started.clone());
            move || started.shutdown()
        });
    }
    let confirm = matches!(run.phase, RunPhase::Confirming { .. }).then(|| {
        let fleet = fleet.clone();
        Callback::from(move |()| {
            if let Some(f) = fleet.borrow().as_ref() {
                f.confirm();
            }
        })
    });
    let run_again = run
        .is_over()
        .then(|| {
            let again = again.clone();
            Callback::from(move |()| again.set(*again + 1))
        })
        // Nothing to run again while the page's options cannot make a run.
        .filter(|_| !matches!(run.phase, RunPhase::Stopped(RunStop::Configuration(_))));
    FleetHandle {
        run: (*run).clone(),
        confirm,
        run_again,
        run_ms: Ping::expected_duration_ms(&config.start).unwrap_or(0),
    }
}

/// One run: the list, then the runners. Everything it starts, it can stop.
struct Fleet {
    config: FleetConfig,
    owner: Owner,
    /// The live model; the view gets a copy each frame.
    run: RefCell<FleetRun>,
    publish: Callback<Rc<FleetRun>>,
    callbacks: Rc<RefCell<FleetCallbacks>>,
    /// One per AP started, by row.
    runners: RefCell<Vec<TaskRunner<Ping>>>,
    /// Listing: the filters, the one being listed, its next page's cursor, what was read.
    filters: Vec<String>,
    filter_at: Cell<usize>,
    next: RefCell<Option<String>>,
    listed: RefCell<Vec<AccessPoint>>,
    pages: Cell<usize>,
    /// Failed list requests in a row.
    attempt: Cell<u32>,
    /// The last `X-RateLimit-Remaining` the API sent, and in how long its window resets.
    remaining: Cell<Option<u64>>,
    reset_in_ms: Cell<Option<u32>>,
    /// The list's one request at a time: its turn in the budget, controller and timeout.
    list: Rc<RequestSlot>,
    /// A retry of the list, or the next batch of runners to start.
    timer: RefCell<Option<Timeout>>,
    /// The pending publication: an animation frame, or a timeout while the tab is hidden.
    frame: Cell<Option<i32>>,
    frame_timeout: RefCell<Option<Timeout>>,
    /// Counts last told to the page; whether its end was told.
    told: Cell<Option<Counts>>,
    told_end: Cell<bool>,
    alive: Cell<bool>,
    self_ref: RefCell<Weak<Fleet>>,
}

impl Fleet {
    fn start(
        config: FleetConfig,
        owner: Owner,
        publish: Callback<Rc<FleetRun>>,
        callbacks: Rc<RefCell<FleetCallbacks>>,
    ) -> Rc<Self> {
        // What cannot make a run is said before anything is sent: the selection, and the
        // test's own settings (else every AP would fail alike).
        let checked = list_filters(&config.selection)
            .and_then(|filters| Ping::start_body(&config.start).map(|_| filters))
            .and_then(|filters| {
                client::ap_list_url(&config.base_url, "", None)
                    .map_err(|_| ap_ping_core::RequestError::Required { name: "baseUrl" })?;
                Ok(filters)
            });
        let (filters, stop) = match checked {
            Ok(filters) => (filters, None),
            Err(e) => (Vec::new(), Some(RunStop::Configuration(e.to_string()))),
        };
        let list = RequestSlot::new(&config.base_url, owner, config.settings.request_timeout_ms);
        let fleet = Rc::new(Fleet {
            config,
            owner,
            run: RefCell::new(FleetRun::default()),
            publish,
            callbacks,
            runners: RefCell::new(Vec::new()),
            filters,
            filter_at: Cell::new(0),
            next: RefCell::new(None),
            listed: RefCell::new(Vec::new()),
            pages: Cell::new(0),
            attempt: Cell::new(0),
            remaining: Cell::new(None),
            reset_in_ms: Cell::new(None),
            list,
            timer: RefCell::new(None),
            frame: Cell::new(None),
            frame_timeout: RefCell::new(None),
            told: Cell::new(None),
            told_end: Cell::new(false),
            alive: Cell::new(true),
            self_ref: RefCell::new(Weak::new()),
        });
        *fleet.self_ref.borrow_mut() = Rc::downgrade(&fleet);
        match stop {
            Some(stop) => fleet.stop(stop),
            None => fleet.list_page(),
        }
        fleet.schedule();
        fleet
    }

    fn weak(&self) -> Weak<Fleet> {
        self.self_ref.borrow().clone()
    }

    /// Asks for the next page of the current filter, in its turn.
    fn list_page(&self) {
        let filter = &self.filters[self.filter_at.get()];
        let url =
            match client::ap_list_url(&self.config.base_url, filter, self.next.borrow().as_deref())
            {
                Ok(url) => url,
                Err(e) => return self.stop(RunStop::Configuration(e.to_string())),
            };
        let held: Rc<dyn Fn(Option<f64>)> = {
            let weak = self.weak();
            Rc::new(move |until| {
                if let Some(fleet) = weak.upgrade() {
                    fleet.check_budget(until);
                }
            })
        };
        let weak = self.weak();
        let done = move |reply: Result<RawAnswer, client::ClientError>| {
            let Some(fleet) = weak.upgrade().filter(|f| f.alive.get()) else {
                return;
            };
            match reply {
                Ok(answer) => fleet.list_answered(&answer),
                Err(error) => fleet.list_failed(client::transport_failure(&error)),
            }
        };
        let auth = self.config.auth.clone();
        self.list.send("GET", url, None, auth, held, done);
    }

    fn list_answered(&self, answer: &RawAnswer) {
        if let Some(n) = answer
            .rate_limit_remaining
            .as_deref()
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            self.remaining.set(Some(n));
            self.reset_in_ms.set(
                answer
                    .rate_limit_reset
                    .as_deref()
                    .and_then(|v| client::reset_in_ms(v, answer.received_at_ms)),
            );
        }
        if answer.status != 200 {
            return match client::outcome(answer) {
                Outcome::Failed { failure, .. } => self.list_failed(failure),
                Outcome::Status(_) => {}
            };
        }
        let page = match read_ap_list(&answer.body) {
            Ok(page) => page,
            Err(e) => {
                return self.list_failed(Failure {
                    kind: FailureKind::BadResponse,
                    http_status: Some(200),
                    error_code: None,
                    message: format!("The list of access points could not be read: {e}"),
                })
            }
        };
        self.attempt.set(0);
        self.pages.set(self.pages.get() + 1);
        {
            // A serial listed by two filters (or twice over pages) is one row. A scan, not
            // a hash set: once a page, and the hash table's code would cost kilobytes.
            let mut listed = self.listed.borrow_mut();
            for ap in page.items {
                if !listed.iter().any(|a| a.serial == ap.serial) {
                    listed.push(ap);
                }
            }
            if let Some(stop) = too_many(listed.len()) {
                drop(listed);
                return self.stop(stop);
            }
            self.run.borrow_mut().phase = RunPhase::Listing {
                pages: self.pages.get(),
                aps: listed.len(),
            };
        }
        self.schedule();
        match page.next {
            Some(next) => *self.next.borrow_mut() = Some(next),
            None => {
                *self.next.borrow_mut() = None;
                self.filter_at.set(self.filter_at.get() + 1);
                if self.filter_at.get() >= self.filters.len() {
                    return self.listed_all();
                }
            }
        }
        self.list_page();
    }

    /// The list failed: asked again while retrying may help (the budget holds a 429's
    /// wait for every request), else the run stops.
    fn list_failed(&self, failure: Failure) {
        let attempt = self.attempt.get() + 1;
        let retry = self.config.settings.retry;
        if failure.kind.is_retryable() && attempt < retry.max_attempts {
            self.attempt.set(attempt);
            let weak = self.weak();
            let ms = retry.backoff_ms(attempt, js_sys::Math::random());
            *self.timer.borrow_mut() = Some(Timeout::new(ms, move || {
                if let Some(fleet) = weak.upgrade() {
                    fleet.list_page();
                }
            }));
            return;
        }
        self.stop(RunStop::of_list_failure(failure));
    }

    /// Every page read: the rows, then the tests (or the admin's confirmation first).
    fn listed_all(&self) {
        let aps = std::mem::take(&mut *self.listed.borrow_mut());
        let run = FleetRun::listed(aps, self.pages.get());
        let estimate = run.estimate();
        let ask = run.phase == RunPhase::Running
            && needs_confirmation(
                self.remaining.get(),
                self.reset_in_ms.get(),
                estimate,
                request_budget::limits(),
            );
        *self.run.borrow_mut() = run;
        if ask {
            self.run.borrow_mut().phase = RunPhase::Confirming {
                estimate,
                remaining: self.remaining.get().unwrap_or(0),
            };
            self.schedule();
        } else {
            self.start_tests();
        }
    }

    /// The admin confirmed: the tests start.
    fn confirm(&self) {
        if !self.alive.get() || !matches!(self.run.borrow().phase, RunPhase::Confirming { .. }) {
            return;
        }
        self.run.borrow_mut().phase = RunPhase::Running;
        self.start_tests();
    }

    fn start_tests(&self) {
        let to_start: Vec<usize> = self.run.borrow().to_start().collect();
        self.start_batch(Rc::new(to_start), 0);
        self.schedule();
    }

    /// Starts runners `from..` of `rows`, [`STARTS_PER_TASK`] now and the rest in later tasks.
    fn start_batch(&self, rows: Rc<Vec<usize>>, from: usize) {
        if !self.alive.get() || self.run.borrow().is_over() {
            return;
        }
        let until = (from + STARTS_PER_TASK).min(rows.len());
        for &index in &rows[from..until] {
            let serial = self.run.borrow().rows[index].ap.serial.clone();
            let config = TaskConfig::<Ping> {
                base_url: self.config.base_url.clone(),
                api_version: self.config.api_version,
                serial: serial.into(),
                task_id: None,
                start: Some(self.config.start.clone()),
                auth: self.config.auth.clone(),
                settings: self.config.settings,
            };
            let weak = self.weak();
            let on_view = Callback::from(move |view: TaskView<PingTestResult>| {
                if let Some(fleet) = weak.upgrade() {
                    fleet.test_changed(index, &view);
                }
            });
            let runner = TaskRunner::start(config, self.owner, on_view, TaskCallbacks::default());
            if !self.alive.get() {
                return; // a 401 of the first ones stopped the run
            }
            self.runners.borrow_mut().push(runner);
        }
        if until < rows.len() {
            let weak = self.weak();
            *self.timer.borrow_mut() = Some(Timeout::new(0, move || {
                if let Some(fleet) = weak.upgrade() {
                    fleet.start_batch(rows, until);
                }
            }));
        }
    }

    /// A runner's news: its row changes (a 401 stops the run), and a frame will show it.
    fn test_changed(&self, index: usize, view: &TaskView<PingTestResult>) {
        if !self.alive.get() {
            return;
        }
        let state = RowState::of_test(&view.phase, view.latest.as_ref());
        let changed = self.run.borrow_mut().update(index, state);
        if matches!(view.phase, Phase::Throttled { .. }) {
            self.check_budget(request_budget::held_until(&self.config.base_url));
        }
        if changed {
            if self.run.borrow().is_over() {
                self.stop_requests();
            }
            self.schedule();
        }
    }

    /// A hold of the page's budget longer than a few minutes: the allowance is spent.
    fn check_budget(&self, held_until: Option<f64>) {
        if let Some(stop) = RunStop::of_budget_hold(held_until, js_sys::Date::now()) {
            self.stop(stop);
        }
    }

    /// The run stops as a whole: no request goes after this; the view says why.
    fn stop(&self, why: RunStop) {
        self.run.borrow_mut().stop(why);
        self.stop_requests();
        self.schedule();
    }

    /// Every request and timer of the run stops (the pending frame stays: it shows the end).
    fn stop_requests(&self) {
        // Dropped outside the borrow: a runner's last view may come back here.
        let runners = std::mem::take(&mut *self.runners.borrow_mut());
        drop(runners);
        self.list.cancel();
        self.timer.borrow_mut().take();
    }

    /// Publishes the model at the next animation frame (at most one pending); while the
    /// tab is hidden, when frames do not come, after a short timeout.
    fn schedule(&self) {
        if !self.alive.get() || self.frame.get().is_some() || self.frame_timeout.borrow().is_some()
        {
            return;
        }
        let weak = self.weak();
        let window = web_sys::window();
        let hidden = window
            .as_ref()
            .and_then(|w| w.document())
            .is_none_or(|d| d.hidden());
        if hidden {
            *self.frame_timeout.borrow_mut() = Some(Timeout::new(250, move || {
                if let Some(fleet) = weak.upgrade() {
                    fleet.frame_timeout.borrow_mut().take();
                    fleet.frame_now();
                }
            }));
            return;
        }
        let callback = Closure::once_into_js(move || {
            if let Some(fleet) = weak.upgrade() {
                fleet.frame.set(None);
                fleet.frame_now();
            }
        });
        let id = window.and_then(|w| w.request_animation_frame(callback.unchecked_ref()).ok());
        self.frame.set(id);
    }

    /// Hands a copy of the model to the view, and tells the page what changed.
    fn frame_now(&self) {
        if !self.alive.get() {
            return;
        }
        let run = Rc::new(self.run.borrow().clone());
        self.publish.emit(run.clone());
        let callbacks = self.callbacks.borrow().clone();
        let counts = run.counts();
        let listing = matches!(run.phase, RunPhase::Listing { .. });
        // Counts once there are APs: a run stopped before its list has none to tell.
        let counted = !listing && !run.rows.is_empty();
        if counted && self.told.replace(Some(counts)) != Some(counts) {
            if let Some(cb) = &callbacks.on_progress {
                cb.emit(counts);
            }
        }
        if run.is_over() && !self.told_end.replace(true) {
            match &run.phase {
                RunPhase::Stopped(stop) => {
                    if let Some(cb) = &callbacks.on_error {
                        cb.emit((stop.clone(), run.clone()));
                    }
                }
                _ => {
                    if let Some(cb) = &callbacks.on_complete {
                        cb.emit(run);
                    }
                }
            }
        }
    }

    /// Everything stops: no request, no timer, no frame, no state update after this.
    fn shutdown(&self) {
        self.alive.set(false);
        self.stop_requests();
        if let (Some(id), Some(window)) = (self.frame.take(), web_sys::window()) {
            window.cancel_animation_frame(id).ok();
        }
        self.frame_timeout.borrow_mut().take();
    }
}
