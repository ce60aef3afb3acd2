//! The fleet run as its view shows it: one destination pinged from every AP of a site, each
//! AP's row, the counts, the time left at the page's budget, the order of the table and its
//! text filter, and when the run as a whole must stop. Pure: no clock, no web types. The
//! hook (`hooks::use_fleet_run`) feeds it each test's state and the list's answers;
//! `tests/fleet.rs` drives it natively.
//!
//! What AP lists, filters, figures and verdicts are is the core's (`ap_ping_core::fleet`);
//! what a run is, here.

use crate::budget::{BudgetLimits, WINDOW_MS};
use crate::poll::{Failure, FailureKind, Phase};
use crate::stats::PingTestResult;
use ap_ping_core::fleet::{
    estimate_requests, verdict, AccessPoint, ApFigures, ApOutcome, FleetCsvRow, Verdict,
    VerdictRules,
};
use std::cmp::Ordering;
use std::rc::Rc;

pub use ap_ping_core::fleet::{ApSelection, MAX_FLEET_APS};

/// A page's budget that holds every request for longer than this has spent its allowance
/// (a day's, or an hour's): the run stops and says until when, rather than wait unseen.
pub const SPENT_AFTER_MS: f64 = 3.0 * 60.0 * 1000.0;

/// One AP's test, as its row shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum RowState {
    /// The list says the AP is offline: it is not tested (the API would answer 409).
    Offline,
    /// Its test waits to start: for its turn in the page's budget, or a retry.
    Queued,
    /// Its test runs; the AP's own progress when it said.
    Running {
        /// `progressPercent`, when the API sent one.
        percent: Option<f64>,
    },
    /// Its test ended with a status (`COMPLETED`, `FAILED`, or without result).
    Done {
        /// The test's last status.
        result: Rc<PingTestResult>,
        /// What the row shows of it; `None` when it measured nothing.
        figures: Option<Rc<ApFigures>>,
    },
    /// Following its test stopped on an error (404, 409, 403, after every retry): that
    /// AP's only.
    Failed(Failure),
}

impl RowState {
    /// The row's state from its test's: the polling phase and the latest status.
    pub fn of_test(phase: &Phase, latest: Option<&Rc<PingTestResult>>) -> Self {
        match (phase, latest) {
            (Phase::Failed(failure), _) => RowState::Failed(failure.clone()),
            (_, Some(result)) if result.is_terminal => RowState::Done {
                figures: ApFigures::of(result).map(Rc::new),
                result: result.clone(),
            },
            (_, Some(result)) => RowState::Running {
                percent: result.progress_percent,
            },
            // Waiting for a status the test has not sent yet: started, not yet heard from.
            (Phase::Waiting | Phase::Fetching, None) => RowState::Running { percent: None },
            _ => RowState::Queued,
        }
    }

    /// Whether this AP's part of the run is over (a result, an error, or never started).
    pub fn is_over(&self) -> bool {
        matches!(
            self,
            RowState::Offline | RowState::Done { .. } | RowState::Failed(_)
        )
    }

    /// The figures, for a finished test that measured something.
    pub fn figures(&self) -> Option<&ApFigures> {
        match self {
            RowState::Done { figures, .. } => figures.as_deref(),
            _ => None,
        }
    }

    /// `offline`, `queued`, `running`, `done` or `failed`: its name for events and the CSV.
    pub fn name(&self) -> &'static str {
        match self {
            RowState::Offline => "offline",
            RowState::Queued => "queued",
            RowState::Running { .. } => "running",
            RowState::Done { .. } => "done",
            RowState::Failed(_) => "failed",
        }
    }
}

/// One row of the table: the AP as listed and its test.
#[derive(Debug, Clone, PartialEq)]
pub struct FleetRow {
    pub ap: Rc<AccessPoint>,
    pub state: RowState,
}

impl FleetRow {
    /// A listed AP before its test: offline ones are never started.
    pub fn listed(ap: AccessPoint) -> Self {
        let state = if ap.status.may_be_tested() {
            RowState::Queued
        } else {
            RowState::Offline
        };
        FleetRow {
            ap: Rc::new(ap),
            state,
        }
    }
}

/// How many APs are where: `done` of `total` in "37 of 40 done".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// The APs to test (every listed AP but the offline ones).
    pub total: usize,
    /// Of those, the ones whose test is over, with a result or an error.
    pub done: usize,
    /// Of the done ones, those that ended on an error.
    pub failed: usize,
    /// Listed as offline: not tested.
    pub offline: usize,
}

/// Why the run as a whole stopped. A 404, 409 or 403 of one AP is that AP's error only.
#[derive(Debug, Clone, PartialEq)]
pub enum RunStop {
    /// The page's options cannot make a run (no site nor serials, a bad serial, a filter
    /// over its limit): the message says which.
    Configuration(String),
    /// A 401 (on the list or any AP's test): the token is refused, no request can succeed.
    Unauthorized(Failure),
    /// The list answered 403: the API client may not list the site's APs.
    ListForbidden(Failure),
    /// The list failed otherwise (after its retries): nothing to test.
    ListFailed(Failure),
    /// More APs than one run tests ([`MAX_FLEET_APS`]).
    TooManyAps { listed: usize },
    /// The page's budget holds every request until then (ms since the epoch), longer than
    /// [`SPENT_AFTER_MS`]: the allowance is spent.
    BudgetSpent { until_ms: f64 },
}

impl RunStop {
    /// The `kind` of the `fleet-error` event.
    pub fn kind(&self) -> &'static str {
        match self {
            RunStop::Configuration(_) => "configuration",
            RunStop::Unauthorized(_) => "unauthorized",
            RunStop::ListForbidden(_) => "listForbidden",
            RunStop::ListFailed(_) => "listFailed",
            RunStop::TooManyAps { .. } => "tooManyAps",
            RunStop::BudgetSpent { .. } => "budgetSpent",
        }
    }

    /// The failure behind it, when an answer caused it.
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            RunStop::Unauthorized(f) | RunStop::ListForbidden(f) | RunStop::ListFailed(f) => {
                Some(f)
            }
            _ => None,
        }
    }

    /// Why the list request's failure stops the run: a 401 or a 403 by name, anything
    /// else (after its retries) as a failed list.
    pub fn of_list_failure(failure: Failure) -> Self {
        match failure.kind {
            FailureKind::Unauthorized | FailureKind::ProxyCredentials => {
                RunStop::Unauthorized(failure)
            }
            FailureKind::Forbidden => RunStop::ListForbidden(failure),
            _ => RunStop::ListFailed(failure),
        }
    }

    /// Whether one AP's failure stops the whole run: a refused token (401, or the proxy's
    /// own credentials) fails every request alike. A 403, 404 or 409 is that AP's.
    pub fn of_ap_failure(failure: &Failure) -> Option<Self> {
        matches!(
            failure.kind,
            FailureKind::Unauthorized | FailureKind::ProxyCredentials
        )
        .then(|| RunStop::Unauthorized(failure.clone()))
    }

    /// Whether a hold of the page's budget until `held_until_ms` (`request_budget::held_until`)
    /// means the allowance is spent, at `now_ms`.
    pub fn of_budget_hold(held_until_ms: Option<f64>, now_ms: f64) -> Option<Self> {
        let until = held_until_ms?;
        (until - now_ms > SPENT_AFTER_MS).then_some(RunStop::BudgetSpent { until_ms: until })
    }
}

/// Where the run is.
#[derive(Debug, Clone, PartialEq)]
pub enum RunPhase {
    /// Listing the APs: the pages read so far and the APs in them.
    Listing { pages: usize, aps: usize },
    /// Listed; the last `X-RateLimit-Remaining` is below the estimate: waits for the
    /// admin to confirm.
    Confirming { estimate: usize, remaining: u64 },
    /// The tests run.
    Running,
    /// Every test is over.
    Finished,
    /// The run stopped as a whole, and why.
    Stopped(RunStop),
}

/// The whole run: what the view renders and the events report.
#[derive(Debug, Clone, PartialEq)]
pub struct FleetRun {
    pub phase: RunPhase,
    /// One per listed AP, in the list's order.
    pub rows: Vec<FleetRow>,
    /// List requests made (each page of each filter).
    pub list_pages: usize,
}

impl Default for FleetRun {
    fn default() -> Self {
        FleetRun {
            phase: RunPhase::Listing { pages: 0, aps: 0 },
            rows: Vec::new(),
            list_pages: 0,
        }
    }
}

impl FleetRun {
    /// A run of these listed APs (`list_pages` requests made to list them), ready to start.
    pub fn listed(aps: Vec<AccessPoint>, list_pages: usize) -> Self {
        let rows: Vec<FleetRow> = aps.into_iter().map(FleetRow::listed).collect();
        FleetRun {
            phase: RunPhase::Running,
            rows,
            list_pages,
        }
        .settled()
    }

    /// Finished when running and every row is over.
    fn settled(mut self) -> Self {
        self.settle();
        self
    }

    fn settle(&mut self) {
        if self.phase == RunPhase::Running && self.rows.iter().all(|r| r.state.is_over()) {
            self.phase = RunPhase::Finished;
        }
    }

    /// The APs to start, by index: every one not offline.
    pub fn to_start(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.state != RowState::Offline)
            .map(|(i, _)| i)
    }

    /// Row `index`'s test is now in `state`. A 401 stops the run; the last test to end
    /// finishes it. Returns whether anything changed.
    pub fn update(&mut self, index: usize, state: RowState) -> bool {
        let Some(row) = self.rows.get_mut(index) else {
            return false;
        };
        if row.state == state {
            return false;
        }
        if let RowState::Failed(failure) = &state {
            if let Some(stop) = RunStop::of_ap_failure(failure) {
                if self.phase == RunPhase::Running {
                    self.phase = RunPhase::Stopped(stop);
                }
            }
        }
        row.state = state;
        self.settle();
        true
    }

    /// Stops the run as a whole (unless it already ended).
    pub fn stop(&mut self, why: RunStop) {
        if !matches!(self.phase, RunPhase::Finished | RunPhase::Stopped(_)) {
            self.phase = RunPhase::Stopped(why);
        }
    }

    /// Whether the run is over: finished or stopped.
    pub fn is_over(&self) -> bool {
        matches!(self.phase, RunPhase::Finished | RunPhase::Stopped(_))
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for row in &self.rows {
            match row.state {
                RowState::Offline => c.offline += 1,
                RowState::Done { .. } => c.done += 1,
                RowState::Failed(_) => c.failed += 1,
                _ => {}
            }
        }
        c.done += c.failed;
        c.total = self.rows.len() - c.offline;
        c
    }

    /// About how many requests the run costs, before it starts.
    pub fn estimate(&self) -> usize {
        estimate_requests(self.counts().total, self.list_pages)
    }

    /// About how long (ms) the rest of the run takes at the page's `limits`: the requests
    /// still to send at its rate, and at least what a test still has to run (`run_ms`:
    /// a test's expected run time, `count` × 1 s for ping). `None` once it is over.
    pub fn time_left_ms(&self, limits: BudgetLimits, run_ms: u32) -> Option<f64> {
        if self.is_over() {
            return None;
        }
        let run_ms = f64::from(run_ms);
        let mut requests = 0usize;
        let mut longest_run = 0f64;
        for row in &self.rows {
            let (sends, runs) = match &row.state {
                // A start and two polls; then the whole test.
                RowState::Queued => (estimate_requests(1, 0), run_ms),
                // Most tests end after one more poll; what the AP says is left still runs.
                RowState::Running { percent } => {
                    let left = 1.0 - percent.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0;
                    (1, run_ms * left)
                }
                _ => (0, 0.0),
            };
            requests += sends;
            longest_run = longest_run.max(runs);
        }
        let rate = f64::from(limits.max_requests_per_second.max(1));
        let sending = requests as f64 * WINDOW_MS / rate;
        Some(sending.max(longest_run))
    }

    /// The verdict, from every AP with a result (named by its name).
    pub fn verdict(&self, rules: &VerdictRules) -> Verdict {
        let outcomes: Vec<ApOutcome> = self
            .rows
            .iter()
            .map(|r| ApOutcome {
                name: &r.ap.name,
                figures: r.state.figures(),
            })
            .collect();
        verdict(&outcomes, rules)
    }

    /// The run as CSV, one line per AP, each with what its row shows (`state_text`: the
    /// words of its state) or its error.
    pub fn csv(&self, state_text: impl Fn(&FleetRow) -> String) -> String {
        let states: Vec<String> = self.rows.iter().map(&state_text).collect();
        let rows: Vec<FleetCsvRow> = self
            .rows
            .iter()
            .zip(&states)
            .map(|(r, state)| FleetCsvRow {
                name: &r.ap.name,
                serial: &r.ap.serial,
                model: r.ap.model.as_deref(),
                state,
                figures: r.state.figures(),
                error: match &r.state {
                    RowState::Failed(f) => Some(f.message.as_str()),
                    RowState::Done { result, .. } => result.fail_reason.as_deref(),
                    _ => None,
                },
            })
            .collect();
        ap_ping_core::fleet::fleet_csv(&rows)
    }
}

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Serial,
    Model,
    Status,
    Loss,
    Median,
    Avg,
    Jitter,
}

impl Column {
    /// Every column, in the table's order (the sparkline has no order of its own).
    pub const ALL: [Column; 8] = [
        Column::Name,
        Column::Serial,
        Column::Model,
        Column::Status,
        Column::Loss,
        Column::Median,
        Column::Avg,
        Column::Jitter,
    ];

    /// Whether its values are numbers, which an admin wants largest first.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::Loss | Column::Median | Column::Avg | Column::Jitter
        )
    }
}

/// The order the admin chose: a column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortOrder {
    pub column: Column,
    pub descending: bool,
}

impl SortOrder {
    /// The order after a click on `column`'s header: the same column turns round; a new
    /// one starts largest first for numbers, A to Z for text.
    pub fn clicked(current: Option<SortOrder>, column: Column) -> SortOrder {
        match current {
            Some(c) if c.column == column => SortOrder {
                column,
                descending: !c.descending,
            },
            _ => SortOrder {
                column,
                descending: column.is_numeric(),
            },
        }
    }
}

/// Where a row's state sorts in the Status column: what needs attention first.
fn status_rank(state: &RowState) -> u8 {
    match state {
        RowState::Failed(_) => 0,
        RowState::Done { figures: None, .. } => 1,
        RowState::Done { .. } => 2,
        RowState::Running { .. } => 3,
        RowState::Queued => 4,
        RowState::Offline => 5,
    }
}

/// One row's value in `column`, for sorting: `None` is a missing value.
enum Key<'a> {
    Text(Option<&'a str>),
    Number(Option<f64>),
}

fn key(row: &FleetRow, column: Column) -> Key<'_> {
    let f = row.state.figures();
    match column {
        Column::Name => Key::Text(Some(&row.ap.name)),
        Column::Serial => Key::Text(Some(&row.ap.serial)),
        Column::Model => Key::Text(row.ap.model.as_deref()),
        Column::Status => Key::Number(Some(f64::from(status_rank(&row.state)))),
        Column::Loss => Key::Number(f.and_then(|f| f.loss_percent)),
        Column::Median => Key::Number(f.and_then(|f| f.median_ms)),
        Column::Avg => Key::Number(f.and_then(|f| f.avg_ms)),
        Column::Jitter => Key::Number(f.and_then(|f| f.jitter_ms)),
    }
}

/// `a` against `b` by `order`; a missing value sorts last either way.
fn compare(a: &FleetRow, b: &FleetRow, order: SortOrder) -> Ordering {
    let by_direction = |o: Ordering| if order.descending { o.reverse() } else { o };
    match (key(a, order.column), key(b, order.column)) {
        (Key::Text(Some(x)), Key::Text(Some(y))) => by_direction(natural(x, y)),
        (Key::Number(Some(x)), Key::Number(Some(y))) => by_direction(x.total_cmp(&y)),
        (Key::Text(None), Key::Text(Some(_))) | (Key::Number(None), Key::Number(Some(_))) => {
            Ordering::Greater
        }
        (Key::Text(Some(_)), Key::Text(None)) | (Key::Number(Some(_)), Key::Number(None)) => {
            Ordering::Less
        }
        _ => Ordering::Equal,
    }
}

/// Text order without ASCII case (`hq-ap-7` and `HQ-AP-8` side by side): names, serials
/// and models are ASCII, and Unicode's case tables would cost the widget kilobytes.
fn natural(a: &str, b: &str) -> Ordering {
    let lower_a = a.bytes().map(|c| c.to_ascii_lowercase());
    lower_a.cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Whether `haystack` contains `needle` (already ASCII-lowercase), without ASCII case.
fn contains_ignoring_case(haystack: &str, needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether `row` matches the admin's filter: its name, serial or model contains `filter`,
/// without ASCII case; an empty filter matches every row.
pub fn matches_filter(row: &FleetRow, filter: &str) -> bool {
    let needle = filter.trim().as_bytes();
    let ap = &row.ap;
    [
        Some(ap.name.as_str()),
        Some(ap.serial.as_str()),
        ap.model.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|text| contains_ignoring_case(text, needle))
}

/// The rows to show, by index into `rows`: those matching `filter`, in `order`. Without
/// an order chosen, the worst loss first once results are in (then the rest in the
/// list's order). The sort is stable: rows of equal keys keep the list's order.
pub fn visible_rows(rows: &[FleetRow], order: Option<SortOrder>, filter: &str) -> Vec<usize> {
    let order = order.unwrap_or(SortOrder {
        column: Column::Loss,
        descending: true,
    });
    // A binary insertion sort, stable (each row goes after the rows it equals): for the
    // 2,000 rows at most, a millisecond, and 3 KB smaller in the widget than the standard
    // library's stable sort.
    let mut shown: Vec<usize> = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if matches_filter(row, filter) {
            let at = shown.partition_point(|&j| compare(&rows[j], row, order) != Ordering::Greater);
            shown.insert(at, i);
        }
    }
    shown
}

/// The selection of APs a page asked for: exactly one of a site id, a site name or serials.
pub fn selection_of(
    site_id: Option<String>,
    site_name: Option<String>,
    serials: Option<Vec<String>>,
) -> Result<ApSelection, String> {
    match (site_id, site_name, serials) {
        (Some(id), None, None) => Ok(ApSelection::SiteId(id)),
        (None, Some(name), None) => Ok(ApSelection::SiteName(name)),
        (None, None, Some(serials)) => Ok(ApSelection::Serials(serials)),
        (None, None, None) => Err("one of siteId, siteName or serials is required".into()),
        _ => Err("give only one of siteId, siteName or serials".into()),
    }
}

/// Whether the allowance the API reported is below the run's estimate, so that the admin
/// confirms first: `remaining` (the last `X-RateLimit-Remaining`) below `estimate`, unless
/// the window resets (`reset_in_ms`, from `X-RateLimit-Reset`) before the run could spend
/// what remains at the page's rate: a per-second window refills as the run goes, a day's
/// does not. Without a reset time, the allowance is taken as it is.
pub fn needs_confirmation(
    remaining: Option<u64>,
    reset_in_ms: Option<u32>,
    estimate: usize,
    limits: BudgetLimits,
) -> bool {
    let Some(remaining) = remaining.filter(|r| *r < estimate as u64) else {
        return false;
    };
    let rate = f64::from(limits.max_requests_per_second.max(1));
    let spending_ms = remaining as f64 * WINDOW_MS / rate;
    reset_in_ms.is_none_or(|reset| f64::from(reset) > spending_ms)
}

/// Most APs one run tests, as the error names it.
pub fn too_many(listed: usize) -> Option<RunStop> {
    (listed > MAX_FLEET_APS).then_some(RunStop::TooManyAps { listed })
}
