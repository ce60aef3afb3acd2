//! The HTTP layer: the API's two endpoints under both path versions, its error bodies,
//! bearer auth (a static token, or tokens issued by an OAuth client-credentials endpoint),
//! a per-token rate limit told in `X-RateLimit-*` headers on every answer, bounded task
//! storage, a one-line-per-request log and `/__mock/requests`, which end-to-end tests read
//! to count what the widget (or the proxy) sent.

use crate::rng::Rng;
use crate::scenario::{self, Scenario, BUDGET_WINDOW, RATE_LIMIT_RESET, SLOW_RESPONSE};
use crate::simulation::{task_id, PingRequest, SimulatedTest};
use ap_ping_core::paths::ApiVersion;
use axum::body::Bytes;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
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
    /// Time between two simulated replies (1 s like a real ping; tests use a few ms).
    pub reply_interval: Duration,
    /// Seed for loss, RTTs and task ids: the same seed gives the same runs.
    pub seed: u64,
    /// Requests a token may make per second before it gets 429 (`X-RateLimit-Limit`).
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
            max_tasks: 1000,
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

/// Where the token endpoint listens, as on HPE's SSO host.
pub const TOKEN_PATH: &str = "/as/token.oauth2";
/// Tokens kept at most; expired ones go first.
const MAX_ISSUED_TOKENS: usize = 10_000;
/// Entries kept in the request log.
const MAX_LOGGED_REQUESTS: usize = 10_000;

struct Task {
    serial: String,
    test: SimulatedTest,
    created: Instant,
    polls: u32,
    /// `BudgetSpent`: no status request is allowed before this.
    budget_spent_until: Option<SystemTime>,
}

/// One token's rate-limit window: when it began (both clocks) and the requests in it.
struct Window {
    began: Instant,
    began_wall: SystemTime,
    requests: u32,
}

/// One request as it arrived (a hanging one never completes), as `/__mock/requests` lists it.
#[derive(Clone, serde::Serialize)]
struct LoggedRequest {
    method: String,
    path: String,
    /// Milliseconds since the server started.
    #[serde(rename = "atMs")]
    at_ms: u128,
}

struct Inner {
    tasks: HashMap<String, Task>,
    order: VecDeque<String>,
    rng: Rng,
    windows: HashMap<String, Window>,
    log: VecDeque<LoggedRequest>,
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
        api = api
            .route(&format!("{prefix}/aps/{{serial}}/ping"), post(start_test))
            .route(
                &format!("{prefix}/aps/{{serial}}/ping/async-operations/{{task_id}}"),
                get(test_status),
            );
    }
    let api = api.route_layer(middleware::from_fn_with_state(state.clone(), guard));
    let app = Router::new()
        .merge(api)
        .route(TOKEN_PATH, post(issue_token))
        .route(
            "/__mock/requests",
            get(list_requests).delete(clear_requests),
        )
        .route("/__mock/state", get(mock_state))
        .route("/__mock/devices", get(list_devices))
        .fallback(no_route)
        .layer(middleware::from_fn_with_state(state.clone(), log_request))
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

/// Every API request passes here: 401 without an accepted token, 429 once the token's
/// window is used up, and `X-RateLimit-*` on every answer (a scenario may have set its own).
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let accepted = token.as_deref().filter(|t| accepts(&state, t));
    // Unauthenticated requests share one window, as a real gateway's per-IP limit would.
    let window_key = accepted.unwrap_or("").to_owned();
    let (limit, remaining, reset) = count_request(&state, &window_key);
    let mut response = if accepted.is_none() {
        api_error(
            StatusCode::UNAUTHORIZED,
            "HPE_GL_ERROR_UNAUTHORIZED",
            "Authentication required.",
        )
    } else if remaining.is_none() {
        too_many_requests(state.config.retry_after.then_some(1))
    } else {
        next.run(request).await
    };
    rate_limit_headers(&mut response, limit, remaining.unwrap_or(0), reset);
    response
}

/// Whether `token` is the static token or an issued one that has not expired.
fn accepts(state: &AppState, token: &str) -> bool {
    if state.config.token.as_deref() == Some(token) {
        return true;
    }
    state
        .lock()
        .issued
        .get(token)
        .is_some_and(|expires| Instant::now() < *expires)
}

/// Counts one request in `key`'s window of a second: the limit, what is left (`None`
/// once over the limit) and when the window resets.
fn count_request(state: &AppState, key: &str) -> (u32, Option<u32>, SystemTime) {
    let limit = state.config.rate_limit_per_second;
    let mut inner = state.lock();
    let now = Instant::now();
    let window = inner.windows.entry(key.to_owned()).or_insert(Window {
        began: now,
        began_wall: SystemTime::now(),
        requests: 0,
    });
    if now.duration_since(window.began) >= Duration::from_secs(1) {
        *window = Window {
            began: now,
            began_wall: SystemTime::now(),
            requests: 0,
        };
    }
    window.requests += 1;
    let remaining = limit.checked_sub(window.requests);
    (limit, remaining, window.began_wall + Duration::from_secs(1))
}

/// `X-RateLimit-Limit`, `-Remaining` and `-Reset` (RFC 3339), unless already set.
fn rate_limit_headers(response: &mut Response, limit: u32, remaining: u32, reset: SystemTime) {
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-ratelimit-limit", limit.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", crate::simulation::rfc3339(reset)),
    ] {
        if !headers.contains_key(name) {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
    }
}

/// A 429 in the API's words, with `Retry-After: seconds` when given.
fn too_many_requests(retry_after_secs: Option<u32>) -> Response {
    let mut response = api_error(
        StatusCode::TOO_MANY_REQUESTS,
        "HPE_GL_ERROR_TOO_MANY_REQUESTS",
        "Rate limit exceeded.",
    );
    if let Some(seconds) = retry_after_secs {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// A scenario's 429 that says only when the budget resets (`Remaining: 0`).
fn budget_spent_until(retry_after_secs: Option<u32>, reset: SystemTime, limit: u32) -> Response {
    let mut response = too_many_requests(retry_after_secs);
    rate_limit_headers(&mut response, limit, 0, reset);
    response
}

fn forbidden() -> Response {
    api_error(
        StatusCode::FORBIDDEN,
        "HPE_GL_ERROR_FORBIDDEN",
        "Forbidden: Access is denied.",
    )
}

/// The form of a client-credentials token request.
#[derive(serde::Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// `POST /as/token.oauth2`: `grant_type=client_credentials` with the client's id and
/// secret in the form or as HTTP Basic; answers `{access_token, token_type, expires_in}`
/// or an RFC 6749 error.
async fn issue_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> Response {
    let Some(client) = state.config.oauth.clone() else {
        return no_route(Method::POST, axum::http::Uri::from_static(TOKEN_PATH)).await;
    };
    let oauth_error = |status: StatusCode, error: &str, description: &str| {
        (
            status,
            Json(json!({ "error": error, "error_description": description })),
        )
            .into_response()
    };
    let Ok(Form(form)) = form else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The body must be application/x-www-form-urlencoded.",
        );
    };
    if form.grant_type.as_deref() != Some("client_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Only grant_type=client_credentials is supported.",
        );
    }
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(basic_credentials);
    let (id, secret) = match (basic, form.client_id, form.client_secret) {
        (Some(pair), _, _) => pair,
        (None, Some(id), Some(secret)) => (id, secret),
        _ => (String::new(), String::new()),
    };
    if id != client.client_id || secret != client.client_secret {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed.",
        );
    }
    let mut inner = state.lock();
    let now = Instant::now();
    inner.issued.retain(|_, expires| *expires > now);
    if inner.issued.len() >= MAX_ISSUED_TOKENS {
        return oauth_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "temporarily_unavailable",
            "Too many tokens are in use.",
        );
    }
    let token = format!(
        "{:016x}{:016x}",
        inner.token_rng.next_u64(),
        inner.token_rng.next_u64()
    );
    inner.issued.insert(token.clone(), now + client.token_ttl);
    drop(inner);
    Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": client.token_ttl.as_secs(),
    }))
    .into_response()
}

/// `Basic base64(id:secret)` as the pair.
fn basic_credentials(value: &str) -> Option<(String, String)> {
    use base64::Engine;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// The path version a request came in on (the router only sends the API's paths here).
fn version_of(uri: &axum::http::Uri) -> ApiVersion {
    ap_ping_core::paths::parse_path(uri.path()).map_or(ApiVersion::default(), |p| p.version)
}

async fn start_test(
    State(state): State<AppState>,
    Path(serial): Path<String>,
    uri: axum::http::Uri,
    body: Bytes,
) -> Response {
    let request: PingRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            let detail = if e.is_data() {
                e.to_string()
            } else {
                "body is not valid JSON".to_owned()
            };
            return api_error(
                StatusCode::BAD_REQUEST,
                "HPE_GL_ERROR_BAD_REQUEST",
                format!("Validation errors - {detail}"),
            );
        }
    };
    let parameters = match request.validate() {
        Ok(p) => p,
        Err(message) => {
            return api_error(StatusCode::BAD_REQUEST, "HPE_GL_ERROR_BAD_REQUEST", message)
        }
    };
    let Some(device) = scenario::device(&serial) else {
        return api_error(
            StatusCode::NOT_FOUND,
            "HPE_GL_ERROR_NOT_FOUND",
            format!("Device not found: {serial}"),
        );
    };
    match device.scenario {
        Scenario::Offline => {
            return api_error(
                StatusCode::CONFLICT,
                "HPE_GL_ERROR_CONFLICT",
                format!("Device offline: {serial}"),
            )
        }
        Scenario::Forbidden => return forbidden(),
        _ => {}
    }
    let mut inner = state.lock();
    let id = task_id(&mut inner.rng);
    let seed = inner.rng.next_u64();
    let test = SimulatedTest::new(parameters, device.scenario, seed, SystemTime::now());
    let location = format!(
        "{}/aps/{serial}/ping/async-operations/{id}",
        version_of(&uri).prefix()
    );
    let start_time = crate::simulation::rfc3339(test.started_at);
    forget_old_tasks(&mut inner, &state.config);
    inner.tasks.insert(
        id.clone(),
        Task {
            serial,
            test,
            created: Instant::now(),
            polls: 0,
            budget_spent_until: None,
        },
    );
    inner.order.push_back(id);
    drop(inner);
    let mut response = (
        StatusCode::ACCEPTED,
        Json(json!({ "location": location, "status": "INITIATED", "startTime": start_time })),
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Keeps storage bounded: expired tasks go, then the oldest beyond `max_tasks`.
fn forget_old_tasks(inner: &mut Inner, config: &Config) {
    let now = Instant::now();
    while let Some(oldest) = inner.order.front() {
        let expired = inner
            .tasks
            .get(oldest)
            .is_none_or(|t| now.duration_since(t.created) > config.task_ttl);
        if !expired && inner.order.len() < config.max_tasks {
            break;
        }
        if let Some(id) = inner.order.pop_front() {
            inner.tasks.remove(&id);
        }
    }
}

async fn test_status(
    State(state): State<AppState>,
    Path((serial, task_id)): Path<(String, String)>,
) -> Response {
    if scenario::device(&serial).is_some_and(|d| d.scenario == Scenario::Forbidden) {
        return forbidden();
    }
    let limit = state.config.rate_limit_per_second;
    let now = SystemTime::now();
    let found = {
        let mut inner = state.lock();
        let found = inner
            .tasks
            .get_mut(&task_id)
            .filter(|t| t.serial == serial)
            .map(|task| {
                task.polls += 1;
                let spent = task.budget_spent_until.filter(|until| now < *until);
                if task.test.scenario == Scenario::BudgetSpent && spent.is_none() {
                    task.budget_spent_until = Some(now + BUDGET_WINDOW);
                }
                (
                    task.test.scenario,
                    task.polls,
                    spent,
                    task.test
                        .status_at(task.created.elapsed(), state.config.reply_interval),
                )
            });
        if matches!(found, Some((_, _, Some(_), _))) {
            inner.over_budget += 1;
        }
        found
    };
    let Some((scenario, polls, spent, body)) = found else {
        return api_error(
            StatusCode::NOT_FOUND,
            "HPE_GL_ERROR_NOT_FOUND",
            format!("Async operation task not found: {task_id}"),
        );
    };
    match scenario {
        Scenario::Slow => tokio::time::sleep(SLOW_RESPONSE).await,
        Scenario::Hanging => std::future::pending::<()>().await,
        Scenario::Flaky if polls % 2 == 0 => {
            return api_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "HPE_GL_ERROR_INTERNAL_SERVER_ERROR",
                "An unexpected error occurred.",
            )
        }
        Scenario::RateLimited if polls % 3 == 1 => {
            return budget_spent_until(Some(1), now + RATE_LIMIT_RESET, limit)
        }
        Scenario::RateLimitedNoRetryAfter if polls % 3 == 1 => {
            return budget_spent_until(None, now + RATE_LIMIT_RESET, limit)
        }
        Scenario::BudgetSpent => {
            if let Some(until) = spent {
                return budget_spent_until(None, until, limit);
            }
            let mut response = Json(body).into_response();
            rate_limit_headers(&mut response, limit, 0, now + BUDGET_WINDOW);
            return response;
        }
        Scenario::MalformedJson => {
            let text = body.to_string();
            let cut = text.get(..text.len() / 2).unwrap_or("{");
            return ([(header::CONTENT_TYPE, "application/json")], cut.to_owned()).into_response();
        }
        Scenario::WrongContentType => {
            return (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                "<html><body><h1>Welcome</h1><p>Please sign in.</p></body></html>",
            )
                .into_response()
        }
        _ => {}
    }
    Json(body).into_response()
}

async fn no_route(method: Method, uri: axum::http::Uri) -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        "HPE_GL_ERROR_NOT_FOUND",
        format!("No route for {method} {}", uri.path()),
    )
}

async fn list_requests(State(state): State<AppState>) -> Response {
    let log: Vec<LoggedRequest> = state.lock().log.iter().cloned().collect();
    Json(log).into_response()
}

async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.lock().log.clear();
    StatusCode::NO_CONTENT
}

/// The demo devices and what each shows, for the demo page's picker: the page learns them
/// from here, so `scenario::DEVICES` stays their one description.
async fn list_devices() -> Response {
    let devices: Vec<serde_json::Value> = scenario::DEVICES
        .iter()
        .map(|d| json!({ "serial": d.serial, "name": d.name }))
        .collect();
    Json(devices).into_response()
}

async fn mock_state(State(state): State<AppState>) -> Response {
    let inner = state.lock();
    Json(json!({
        "tasks": inner.tasks.len(),
        "loggedRequests": inner.log.len(),
        "issuedTokens": inner.issued.len(),
        "overBudget": inner.over_budget,
    }))
    .into_response()
}

/// One line per request (never a header: the token stays out of logs), and the log that
/// `/__mock/requests` serves, written on arrival so that requests still open are counted.
async fn log_request(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let began = Instant::now();
    if !path.starts_with("/__mock/") {
        let mut inner = state.lock();
        if inner.log.len() == MAX_LOGGED_REQUESTS {
            inner.log.pop_front();
        }
        let at_ms = state.started.elapsed().as_millis();
        inner.log.push_back(LoggedRequest {
            method: method.clone(),
            path: path.clone(),
            at_ms,
        });
    }
    let response = next.run(request).await;
    if state.config.log_requests {
        let status = response.status().as_u16();
        println!(
            "{method} {path} -> {status} ({:.1} ms)",
            began.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}
