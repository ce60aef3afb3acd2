//! The HTTP layer: the API's two endpoints of each test (ping, traceroute) under both
//! path versions and the monitoring API's list of access points ([`APS_PATH`]), its error
//! bodies, bearer auth (a static token, or tokens issued by an OAuth client-credentials endpoint),
//! a per-token rate limit told in `X-RateLimit-*` headers on every answer, bounded task
//! storage, a one-line-per-request log and `/__mock/requests`, which end-to-end tests read
//! to count what the widget (or the proxy) sent.
//!
//! - [`auth`]: who may call (bearer tokens) and the OAuth token endpoint;
//! - [`rate_limit`]: the per-token window and its `X-RateLimit-*` and 429 answers;
//! - [`handlers`]: start and status of each test, each device's scenario, and the AP list;
//! - [`inspection`]: `/__mock/…` for tests and the demo, and the request log.

mod auth;
mod handlers;
mod inspection;
mod rate_limit;

use crate::rng::Rng;
use crate::simulation::{SimulatedTest, TestKind};
use ap_ping_core::paths::ApiVersion;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use inspection::LoggedRequest;
use rate_limit::Window;
use serde_json::json;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio::net::TcpListener;
use tokio::time::Instant;

/// Everything the stand-in can be told on its command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// A bearer token every API request may carry; `None` accepts only issued tokens.
    pub token: Option<String>,
    /// Turns on the OAuth token endpoint (`POST /as/token.oauth2`).
    pub oauth: Option<OAuthClient>,
    /// Time between two simulated replies: a ping's packets, a traceroute's hops (1 s like
    /// a real ping; tests use a few ms).
    pub reply_interval: Duration,
    /// Seed for loss, RTTs and task ids: the same seed gives the same runs.
    pub seed: u64,
    /// Requests a token may make per second before it gets 429 (`X-RateLimit-Limit`):
    /// every API request counts, the AP list's included.
    pub rate_limit_per_second: u32,
    /// Whether the rate limiter's 429 carries `Retry-After`.
    pub retry_after: bool,
    /// Tasks kept at most; the oldest go first.
    pub max_tasks: usize,
    /// How long a finished task can still be read.
    pub task_ttl: Duration,
    /// Print one line per request.
    pub log_requests: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: Some("demo-token".into()),
            oauth: None,
            reply_interval: Duration::from_secs(1),
            seed: 1,
            rate_limit_per_second: 20,
            retry_after: true,
            max_tasks: 4000,
            task_ttl: Duration::from_secs(600),
            log_requests: true,
        }
    }
}

/// The one API client the token endpoint knows. No `Debug` of the secret.
#[derive(Clone)]
pub struct OAuthClient {
    /// `client_id`.
    pub client_id: String,
    /// `client_secret`.
    pub client_secret: String,
    /// How long an issued token is accepted (`expires_in`).
    pub token_ttl: Duration,
}

impl std::fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthClient")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("token_ttl", &self.token_ttl)
            .finish()
    }
}

/// The monitoring API's list of access points (`crate::fleet`).
pub const APS_PATH: &str = "/network-monitoring/v1/aps";
/// Where the token endpoint listens, as on HPE's SSO host.
pub const TOKEN_PATH: &str = "/as/token.oauth2";
/// Tokens kept at most; expired ones go first.
const MAX_ISSUED_TOKENS: usize = 10_000;
/// Entries kept in the request log (a fleet benchmark of 1,001 APs sends about 4,000
/// requests a run); the oldest go first, counted in `/__mock/state`'s `droppedRequests`.
const MAX_LOGGED_REQUESTS: usize = 100_000;

struct Task {
    serial: String,
    test: SimulatedTest,
    created: Instant,
    polls: u32,
    /// `BudgetSpent`: no status request is allowed before this.
    budget_spent_until: Option<SystemTime>,
}

struct Inner {
    tasks: HashMap<String, Task>,
    order: VecDeque<String>,
    rng: Rng,
    windows: HashMap<String, Window>,
    log: VecDeque<LoggedRequest>,
    /// The number the next logged request gets (so its answer's status finds it).
    next_log_id: u64,
    /// Log entries dropped because the log was full.
    dropped_log_entries: u64,
    /// Issued OAuth tokens and when each expires.
    issued: HashMap<String, Instant>,
    /// Token generator, seeded from the clock (unlike `rng`, which keeps runs repeatable).
    token_rng: Rng,
    /// Status requests a `BudgetSpent` device refused because the budget was spent.
    over_budget: u64,
}

#[derive(Clone)]
struct AppState {
    config: Arc<Config>,
    inner: Arc<Mutex<Inner>>,
    started: Instant,
}

impl AppState {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the maps half-updated in a way that
        // matters to a test server, so a poisoned lock is simply taken over.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let state = AppState {
        inner: Arc::new(Mutex::new(Inner {
            tasks: HashMap::new(),
            order: VecDeque::new(),
            rng: Rng::new(config.seed),
            windows: HashMap::new(),
            log: VecDeque::new(),
            next_log_id: 0,
            dropped_log_entries: 0,
            issued: HashMap::new(),
            token_rng: Rng::new(
                config.seed
                    ^ SystemTime::now()
                        .duration_since(SystemTime::UNIX_EPOCH)
                        .map_or(0, |d| d.as_nanos() as u64),
            ),
            over_budget: 0,
        })),
        config: Arc::new(config),
        started: Instant::now(),
    };
    let mut api = Router::new();
    for version in ApiVersion::ALL {
        let prefix = version.prefix();
        for kind in TestKind::ALL {
            let operation = kind.operation();
            api = api
                .route(
                    &format!("{prefix}/aps/{{serial}}/{operation}"),
                    post(move |state, serial, body| {
                        handlers::start_test(kind, version, state, serial, body)
                    }),
                )
                .route(
                    &format!("{prefix}/aps/{{serial}}/{operation}/async-operations/{{task_id}}"),
                    get(move |state, ids| handlers::test_status(kind, state, ids)),
                );
        }
    }
    let api = api
        .route(APS_PATH, get(handlers::list_aps))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::guard));
    let app = Router::new()
        .merge(api)
        .route(TOKEN_PATH, post(auth::issue_token))
        .route(
            "/__mock/requests",
            get(inspection::list_requests).delete(inspection::clear_requests),
        )
        .route("/__mock/state", get(inspection::mock_state))
        .route("/__mock/devices", get(inspection::list_devices))
        .route("/__mock/sites", get(inspection::list_sites))
        .route(
            "/__mock/traceroute-scenarios",
            get(inspection::list_traceroute_scenarios),
        )
        .fallback(handlers::no_route)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            inspection::log_request,
        ))
        .with_state(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

fn api_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(json!({ "errorCode": code, "message": message.into() })),
    )
        .into_response()
}
