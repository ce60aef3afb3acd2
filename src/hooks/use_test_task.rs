//! `use_test_task`: follows one test of any kind ([`TestKind`]; `use_ping_task` is ping's).
//! It owns every effect of polling (its request slot: the fetch, its turn in the page's
//! budget, its abort controller and timeout; the poll timer; the visibility listener) and
//! tears all of them down in one place, [`Driver::shutdown`], when the component unmounts
//! or its serial, task id or other settings change. The decisions are [`PollMachine`]'s.
//! Every request waits for its turn in the page's request budget (`request_budget`),
//! shared with every other widget.
//!
//! A view that follows many tests at once (the fleet) runs a [`TaskRunner`] for each,
//! outside any hook: the same driver, its state handed to a callback.

use crate::api::client::{self, http, ApiVersion, ClientError, RawAnswer};
use crate::api::kind::{TestKind, TestStatus};
use crate::api::start::{config_failure, started_task_of};
use crate::budget::Owner;
use crate::hooks::request_budget;
use crate::hooks::request_slot::RequestSlot;
use crate::poll::{Answer, Effect, Event, Failure, Phase, PollMachine, PollSettings};
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use yew::prelude::*;

/// What to follow and how. A change of any field starts over.
///
/// The default follows nothing (neither a task id nor a start request: a configuration
/// error); set what you need and take the rest from it (ping's, `PingTaskConfig`):
///
/// ```
/// use ap_ping_widget::hooks::{PingTaskConfig, StartRequest};
///
/// let config = PingTaskConfig {
///     base_url: "/central-proxy".into(), // your backend's proxy of the API
///     serial: "CNF7G9X001".into(),
///     start: Some(StartRequest {
///         destination: "www.example.com".into(),
///         count: Some(5),
///         ..Default::default()
///     }),
///     ..Default::default()
/// };
/// assert_eq!(config.settings.interval_ms, 2000);
/// ```
#[derive(Clone, PartialEq, Default)]
pub struct TaskConfig<K: TestKind> {
    /// Base URL of the API (or of the page's backend proxy); `""` for the page's origin.
    pub base_url: AttrValue,
    /// Which path version to call (`v1alpha1` unless told).
    pub api_version: ApiVersion,
    /// The AP's serial number.
    pub serial: AttrValue,
    /// The task to follow; `None` to start a new test with `start`.
    pub task_id: Option<AttrValue>,
    /// Start a new test first (used when `task_id` is `None`).
    pub start: Option<K::Start>,
    /// Token and credentials mode.
    pub auth: http::Auth,
    /// Interval, timeout, retries.
    pub settings: PollSettings,
}

/// Notifications for the embedding page (`S`: the kind's status).
#[derive(Clone, PartialEq)]
pub struct TaskCallbacks<S> {
    /// Each new non-terminal status.
    pub on_progress: Option<Callback<Rc<S>>>,
    /// The terminal status (`COMPLETED` or `FAILED`).
    pub on_complete: Option<Callback<Rc<S>>>,
    /// Polling stopped on an error.
    pub on_error: Option<Callback<Failure>>,
    /// A new test was started; its task id.
    pub on_started: Option<Callback<String>>,
}

// Written out: a derive would ask `S: Default`.
impl<S> Default for TaskCallbacks<S> {
    fn default() -> Self {
        TaskCallbacks {
            on_progress: None,
            on_complete: None,
            on_error: None,
            on_started: None,
        }
    }
}

/// What a component renders from, and what it can ask for (`S`: the kind's status).
#[derive(Clone, PartialEq)]
pub struct TaskHandle<S> {
    /// Where polling is.
    pub phase: Phase,
    /// The latest status the API sent.
    pub latest: Option<Rc<S>>,
    /// Whether polling is paused because the page is hidden.
    pub paused: bool,
    /// When the next request is due (ms since the epoch) while waiting for a timer: what
    /// "Rate limited until 14:05:10" names.
    pub next_request_at_ms: Option<f64>,
    /// Try again after polling stopped.
    pub retry: Callback<()>,
    /// Start the same test again: offered once a test the widget started itself has ended.
    pub run_again: Option<Callback<()>>,
    /// The result of the test before "Run again", until the new one ends.
    pub previous: Option<Rc<S>>,
    /// The retry policy's limit, for "attempt 2 of 5".
    pub max_attempts: u32,
}

/// What a card draws of a task whatever its kind: a [`TaskHandle`] without its statuses.
pub struct TaskState<'a> {
    /// Where polling is.
    pub phase: &'a Phase,
    /// Whether polling is paused because the page is hidden.
    pub paused: bool,
    /// When the next request is due (ms since the epoch) while waiting.
    pub next_request_at_ms: Option<f64>,
    /// Try again after polling stopped.
    pub retry: &'a Callback<()>,
    /// The retry policy's limit.
    pub max_attempts: u32,
}

impl<S> TaskHandle<S> {
    /// Its state without the statuses.
    pub fn as_state(&self) -> TaskState<'_> {
        TaskState {
            phase: &self.phase,
            paused: self.paused,
            next_request_at_ms: self.next_request_at_ms,
            retry: &self.retry,
            max_attempts: self.max_attempts,
        }
    }
}

/// A test's state as a view shows it: the machine's, and a hold of the page's budget.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskView<S> {
    /// Where polling is; `Throttled` also while the page's budget holds every request.
    pub phase: Phase,
    /// The latest status the API sent.
    pub latest: Option<Rc<S>>,
    /// Whether polling is paused because the page is hidden.
    pub paused: bool,
    /// When the next request is due (ms since the epoch) while waiting.
    pub next_request_at_ms: Option<f64>,
}

impl<S> Default for TaskView<S> {
    fn default() -> Self {
        TaskView {
            phase: Phase::Idle,
            latest: None,
            paused: false,
            next_request_at_ms: None,
        }
    }
}

/// Follows one test outside any hook, for a view of many tests: what [`use_test_task`]
/// runs for one. Its state goes to `on_view` after each change; dropping it stops it.
pub struct TaskRunner<K: TestKind> {
    driver: Rc<Driver<K>>,
}

impl<K: TestKind> TaskRunner<K> {
    /// Starts following (or starting) the configured test; its requests wait for their
    /// turn among `owner`'s.
    pub fn start(
        config: TaskConfig<K>,
        owner: Owner,
        on_view: Callback<TaskView<K::Status>>,
        callbacks: TaskCallbacks<K::Status>,
    ) -> Self {
        TaskRunner {
            driver: Driver::start(config, owner, on_view, Rc::new(RefCell::new(callbacks))),
        }
    }

    /// Try again after polling stopped.
    pub fn retry(&self) {
        self.driver.dispatch(Event::Retry {
            now_ms: js_sys::Date::now(),
        });
    }
}

impl<K: TestKind> Drop for TaskRunner<K> {
    fn drop(&mut self) {
        self.driver.shutdown();
    }
}

/// Follows the configured test until it ends, is cancelled or the component unmounts.
#[hook]
pub fn use_test_task<K: TestKind>(
    config: &TaskConfig<K>,
    callbacks: &TaskCallbacks<K::Status>,
) -> TaskHandle<K::Status> {
    let view = use_state_eq(TaskView::<K::Status>::default);
    let driver = use_mut_ref(|| None::<Rc<Driver<K>>>);
    // One owner a widget: its turns in the page's budget, round-robin with the others.
    let owner = *use_state(request_budget::new_owner);
    // How many times "Run again" was asked for: a new run starts the driver over.
    let run = use_state_eq(|| 0u32);
    let previous = use_state_eq(|| None::<Rc<K::Status>>);
    // The latest callbacks, read at emit time: a new closure must not restart polling.
    let callbacks_ref = use_mut_ref(TaskCallbacks::<K::Status>::default);
    *callbacks_ref.borrow_mut() = callbacks.clone();

    {
        let setter = view.setter();
        let view = Callback::from(move |v| setter.set(v));
        let driver = driver.clone();
        use_effect_with((config.clone(), *run), move |(config, _)| {
            let started = Driver::start(config.clone(), owner, view, callbacks_ref);
            *driver.borrow_mut() = Some(started.clone());
            move || started.shutdown()
        });
    }

    let retry = {
        let driver = driver.clone();
        Callback::from(move |()| {
            if let Some(d) = driver.borrow().as_ref() {
                d.dispatch(Event::Retry {
                    now_ms: js_sys::Date::now(),
                });
            }
        })
    };
    {
        // Another test's result is not this one's previous result.
        let previous = previous.clone();
        use_effect_with(config.clone(), move |_| previous.set(None));
    }
    let started_here = config.task_id.is_none() && config.start.is_some();
    let run_again = (started_here && view.phase == Phase::Done).then(|| {
        let (run, previous, latest) = (run.clone(), previous.clone(), view.latest.clone());
        Callback::from(move |()| {
            previous.set(latest.clone());
            run.set(*run + 1);
        })
    });
    let new_result = view.latest.as_ref().is_some_and(|r| r.is_terminal());
    TaskHandle {
        run_again,
        previous: (*previous).clone().filter(|_| !new_result),
        phase: view.phase.clone(),
        latest: view.latest.clone(),
        paused: view.paused,
        next_request_at_ms: view.next_request_at_ms,
        retry,
        max_attempts: config.settings.retry.max_attempts,
    }
}

/// Carries out the machine's effects. Everything it starts, it can stop.
struct Driver<K: TestKind> {
    config: TaskConfig<K>,
    machine: RefCell<PollMachine<K::Status>>,
    view: Callback<TaskView<K::Status>>,
    /// Its one request at a time: its turn in the page's budget, controller and timeout.
    slot: Rc<RequestSlot>,
    /// The page's budget holds every request until then (ms since the epoch).
    held_until_ms: Cell<Option<f64>>,
    callbacks: Rc<RefCell<TaskCallbacks<K::Status>>>,
    /// The task followed, and the path version to follow it on (a 202's `location` may
    /// name another version than the one the test was started on).
    task: RefCell<Option<(ApiVersion, String)>>,
    alive: Cell<bool>,
    timer: RefCell<Option<Timeout>>,
    /// When `timer` fires (ms since the epoch).
    timer_due_at_ms: Cell<Option<f64>>,
    visibility: RefCell<Option<EventListener>>,
    self_ref: RefCell<Weak<Driver<K>>>,
}

impl<K: TestKind> Driver<K> {
    // Inlined by hand: generic, it would not be inlined into its one caller as the
    // ping-only code was, and the widget's size budget counts every byte.
    #[inline(always)]
    fn start(
        config: TaskConfig<K>,
        owner: Owner,
        view: Callback<TaskView<K::Status>>,
        callbacks: Rc<RefCell<TaskCallbacks<K::Status>>>,
    ) -> Rc<Self> {
        let mut settings = config.settings;
        if config.task_id.is_none() {
            settings.expected_run_ms = config.start.as_ref().and_then(K::expected_duration_ms);
        }
        let driver = Rc::new(Driver {
            machine: RefCell::new(PollMachine::with_settings(settings)),
            slot: RequestSlot::new(&config.base_url, owner, config.settings.request_timeout_ms),
            held_until_ms: Cell::new(None),
            task: RefCell::new(
                config
                    .task_id
                    .as_ref()
                    .map(|t| (config.api_version, t.to_string())),
            ),
            config,
            view,
            callbacks,
            alive: Cell::new(true),
            timer: RefCell::new(None),
            timer_due_at_ms: Cell::new(None),
            visibility: RefCell::new(None),
            self_ref: RefCell::new(Weak::new()),
        });
        *driver.self_ref.borrow_mut() = Rc::downgrade(&driver);
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let weak = Rc::downgrade(&driver);
            let doc = document.clone();
            *driver.visibility.borrow_mut() = Some(EventListener::new(
                &document,
                "visibilitychange",
                move |_| {
                    if let Some(d) = weak.upgrade() {
                        d.dispatch(if doc.hidden() {
                            Event::Hidden
                        } else {
                            Event::Visible
                        });
                    }
                },
            ));
            if document.hidden() {
                driver.dispatch(Event::Hidden);
            }
        }
        let first = match (&driver.config.task_id, &driver.config.start) {
            (Some(_), _) => Event::Start,
            (None, Some(_)) => Event::StartNewTest,
            (None, None) => Event::Refuse(config_failure(&ClientError::NoTask)),
        };
        driver.dispatch(first);
        driver
    }

    /// Applies an event and carries out what the machine decides.
    fn dispatch(&self, event: Event<K::Status>) {
        if !self.alive.get() {
            return;
        }
        // Only news from the server (or a refusal) is worth telling the page about.
        let notable = matches!(
            event,
            Event::Answered(_) | Event::StartAnswered(_) | Event::Refuse(_)
        );
        let effect = self
            .machine
            .borrow_mut()
            .handle(event, js_sys::Math::random());
        match effect {
            Effect::None => {}
            Effect::Fetch => self.fetch_status(),
            Effect::PostStart => self.post_start(),
            Effect::Wait { ms } => {
                self.timer_due_at_ms
                    .set(Some(js_sys::Date::now() + f64::from(ms)));
                let weak = self.self_ref.borrow().clone();
                *self.timer.borrow_mut() = Some(Timeout::new(ms, move || {
                    if let Some(d) = weak.upgrade() {
                        d.dispatch(Event::TimerFired);
                    }
                }));
            }
            Effect::Stop => self.stop_requests(),
        }
        self.publish();
        if notable {
            let phase = self.machine.borrow().phase().clone();
            self.notify(&phase);
        }
    }

    /// Hands the machine's state to the component and notifies the page.
    #[inline(always)] // see `Driver::start`
    fn publish(&self) {
        let machine = self.machine.borrow();
        let phase = machine.phase().clone();
        let waiting = matches!(
            phase,
            Phase::Waiting | Phase::Throttled { .. } | Phase::Retrying { .. }
        );
        let mut view = TaskView {
            latest: machine.latest().cloned(),
            paused: machine.is_hidden(),
            next_request_at_ms: self.timer_due_at_ms.get().filter(|_| waiting),
            phase,
        };
        drop(machine);
        // A request that waits on the page's budget while it holds every request (another
        // widget's 429, a spent budget) is told as a wait for the API, as its own would be.
        if let Some(until) = self.held_until_ms.get() {
            if matches!(view.phase, Phase::Fetching | Phase::Starting) {
                let delay_ms = (until - js_sys::Date::now()).max(0.0).ceil() as u32;
                view.phase = Phase::Throttled { delay_ms };
                view.next_request_at_ms = Some(until);
            }
        }
        self.view.emit(view);
    }

    /// Tells the page what the last answer meant: progress, the end, or an error.
    #[inline(always)] // see `Driver::start`
    fn notify(&self, outcome_phase: &Phase) {
        let callbacks = self.callbacks.borrow().clone();
        let latest = self.machine.borrow().latest().cloned();
        match (outcome_phase, latest) {
            (Phase::Done, Some(result)) => {
                if let Some(cb) = callbacks.on_complete {
                    cb.emit(result)
                }
            }
            (Phase::Waiting | Phase::Throttled { .. }, Some(result)) => {
                if let Some(cb) = callbacks.on_progress {
                    cb.emit(result)
                }
            }
            (Phase::Failed(failure), _) => {
                if let Some(cb) = callbacks.on_error {
                    cb.emit(failure.clone())
                }
            }
            _ => {}
        }
    }

    /// Sends one request (`method url`, with `body` as JSON) in its turn, then hands the
    /// answer (or why there was none) to `then`, unless the driver was shut down meanwhile.
    /// One function for both requests, not one per request's future: the two copies cost
    /// the widget over 1 KB.
    fn send(
        &self,
        method: &'static str,
        url: String,
        body: Option<String>,
        then: fn(&Driver<K>, Result<RawAnswer, Failure>),
    ) {
        let held: Rc<dyn Fn(Option<f64>)> = {
            let weak = self.self_ref.borrow().clone();
            Rc::new(move |until| {
                if let Some(driver) = weak.upgrade() {
                    if driver.alive.get() && driver.held_until_ms.replace(until) != until {
                        driver.publish();
                    }
                }
            })
        };
        let weak = self.self_ref.borrow().clone();
        let done = move |reply: Result<RawAnswer, ClientError>| {
            let Some(driver) = weak.upgrade().filter(|d| d.alive.get()) else {
                return;
            };
            driver.held_until_ms.set(None);
            then(&driver, reply.map_err(|e| client::transport_failure(&e)));
        };
        let auth = self.config.auth.clone();
        self.slot.send(method, url, body, auth, held, done);
    }

    #[inline(always)] // see `Driver::start`
    fn fetch_status(&self) {
        let (version, task_id) = self
            .task
            .borrow()
            .clone()
            .unwrap_or((self.config.api_version, String::new()));
        let url = match client::operation_status_url(
            &self.config.base_url,
            version,
            K::OPERATION,
            &self.config.serial,
            &task_id,
        ) {
            Ok(url) => url,
            Err(problem) => return self.dispatch(Event::Answered(config_failure(&problem).into())),
        };
        self.send("GET", url, None, |driver, answer| {
            let answer = match answer {
                Ok(answer) => client::classify_as::<K>(&answer),
                Err(failure) => failure.into(),
            };
            driver.dispatch(Event::Answered(answer));
        });
    }

    #[allow(clippy::result_large_err)] // see `started_task`
    #[inline(always)] // see `Driver::start`
    fn post_start(&self) {
        let Some(start) = &self.config.start else {
            return;
        };
        let checked = K::start_body(start)
            .map_err(ClientError::from)
            .and_then(|body| {
                let url = client::operation_start_url(
                    &self.config.base_url,
                    self.config.api_version,
                    K::OPERATION,
                    &self.config.serial,
                )?;
                Ok((url, body))
            });
        let (url, body) = match checked {
            Ok(checked) => checked,
            Err(problem) => return self.finish_start(Err(config_failure(&problem).into())),
        };
        self.send("POST", url, Some(body), |driver, answer| {
            let serial = driver.config.serial.to_string();
            driver.finish_start(
                answer
                    .map_err(Answer::from)
                    .and_then(|a| started_task_of::<K>(&a, &serial)),
            )
        });
    }

    fn finish_start(&self, result: Result<(ApiVersion, String), Answer<K::Status>>) {
        let result = result.map(|(version, task_id)| {
            if let Some(cb) = self.callbacks.borrow().on_started.clone() {
                cb.emit(task_id.clone());
            }
            *self.task.borrow_mut() = Some((version, task_id));
        });
        self.dispatch(Event::StartAnswered(result));
    }

    /// Aborts the request in flight (or gives up its turn) and clears every timer.
    fn stop_requests(&self) {
        self.slot.cancel();
        self.held_until_ms.set(None);
        self.timer.borrow_mut().take();
        self.timer_due_at_ms.set(None);
    }

    /// Everything stops: no request, no timer, no listener, no state update after this.
    #[inline(always)] // see `Driver::start`
    fn shutdown(&self) {
        self.alive.set(false);
        self.machine.borrow_mut().handle(Event::Cancel, 0.0);
        self.stop_requests();
        self.visibility.borrow_mut().take();
    }
}
