//! The HTTP layer: the API's two endpoints, its error bodies, bearer auth, a per-token
//! rate limit, bounded task storage, a one-line-per-request log and `/__mock/requests`,
//! which end-to-end tests read to count what the widget sent.

use crate::rng::Rng;
use crate::scenario::{self, Scenario, SLOW_RESPONSE};
use crate::simulation::{task_id, PingRequest, SimulatedTest};
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
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
    /// The bearer token every request must carry.
    pub token: String,
    /// Time between two simulated replies (1 s like a real ping; tests use a few ms).
    pub reply_interval: Duration,
    /// Seed for loss, RTTs and task ids: the same seed gives the same runs.
    pub seed: u64,
    /// Requests a token may make per second before it gets 429.
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
            token: "demo-token".into(),
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

const API: &str = "/network-troubleshooting/v1alpha1";
/// Entries kept in the request log.
const MAX_LOGGED_REQUESTS: usize = 10_000;

struct Task {
    serial: String,
    test: SimulatedTest,
    created: Instant,
    polls: u32,
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
    windows: HashMap<String, (Instant, u32)>,
    log: VecDeque<LoggedRequest>,
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
        })),
        config: Arc::new(config),
        started: Instant::now(),
    };
    let app = Router::new()
        .route(&format!("{API}/aps/{{serial}}/ping"), post(start_test))
        .route(
            &format!("{API}/aps/{{serial}}/ping/async-operations/{{task_id}}"),
            get(test_status),
        )
        .route(
            "/__mock/requests",
            get(list_requests).delete(clear_requests),
        )
        .route("/__mock/state", get(mock_state))
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

/// The answer to a request that must be turned away (401 or 429), or `None` to go on.
fn turn_away(state: &AppState, headers: &HeaderMap) -> Option<Response> {
    unauthorized(state, headers).or_else(|| rate_limited(state))
}

/// 401 unless the request carries `Authorization: Bearer <the configured token>`.
fn unauthorized(state: &AppState, headers: &HeaderMap) -> Option<Response> {
    let expected = format!("Bearer {}", state.config.token);
    match headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        Some(given) if given == expected => None,
        _ => Some(api_error(
            StatusCode::UNAUTHORIZED,
            "HPE_GRAVITY_UNAUTHORIZED",
            "Authentication required.",
        )),
    }
}

/// 429 once the token has made more than the allowed requests in this second.
fn rate_limited(state: &AppState) -> Option<Response> {
    let mut inner = state.lock();
    let now = Instant::now();
    let window = inner
        .windows
        .entry(state.config.token.clone())
        .or_insert((now, 0));
    if now.duration_since(window.0) >= Duration::from_secs(1) {
        *window = (now, 0);
    }
    window.1 += 1;
    if window.1 > state.config.rate_limit_per_second {
        let retry_after = state.config.retry_after;
        drop(inner);
        return Some(too_many_requests(retry_after));
    }
    None
}

fn too_many_requests(retry_after: bool) -> Response {
    let mut response = api_error(
        StatusCode::TOO_MANY_REQUESTS,
        "HPE_GRAVITY_TOO_MANY_REQUESTS",
        "Rate limit exceeded.",
    );
    if retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}

async fn start_test(
    State(state): State<AppState>,
    Path(serial): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(refusal) = turn_away(&state, &headers) {
        return refusal;
    }
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
                "HPE_GRAVITY_BAD_REQUEST",
                format!("Validation errors - {detail}"),
            );
        }
    };
    let parameters = match request.validate() {
        Ok(p) => p,
        Err(message) => {
            return api_error(StatusCode::BAD_REQUEST, "HPE_GRAVITY_BAD_REQUEST", message)
        }
    };
    let Some(device) = scenario::device(&serial) else {
        return api_error(
            StatusCode::NOT_FOUND,
            "HPE_GRAVITY_DEVICE_NOT_FOUND",
            format!("Device not found: {serial}"),
        );
    };
    if device.scenario == Scenario::Offline {
        return api_error(
            StatusCode::CONFLICT,
            "HPE_GRAVITY_DEVICE_OFFLINE",
            format!("Device {serial} is offline"),
        );
    }
    let mut inner = state.lock();
    let id = task_id(&mut inner.rng);
    let seed = inner.rng.next_u64();
    let test = SimulatedTest::new(parameters, device.scenario, seed, SystemTime::now());
    let location = format!("{API}/aps/{serial}/ping/async-operations/{id}");
    let start_time = crate::simulation::rfc3339(test.started_at);
    forget_old_tasks(&mut inner, &state.config);
    inner.tasks.insert(
        id.clone(),
        Task {
            serial,
            test,
            created: Instant::now(),
            polls: 0,
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
    headers: HeaderMap,
) -> Response {
    if let Some(refusal) = turn_away(&state, &headers) {
        return refusal;
    }
    let found = {
        let mut inner = state.lock();
        inner
            .tasks
            .get_mut(&task_id)
            .filter(|t| t.serial == serial)
            .map(|task| {
                task.polls += 1;
                (
                    task.test.scenario,
                    task.polls,
                    task.test
                        .status_at(task.created.elapsed(), state.config.reply_interval),
                )
            })
    };
    let Some((scenario, polls, body)) = found else {
        return api_error(
            StatusCode::NOT_FOUND,
            "HPE_GRAVITY_TASK_NOT_FOUND",
            format!("Async operation task not found: {task_id}"),
        );
    };
    match scenario {
        Scenario::Slow => tokio::time::sleep(SLOW_RESPONSE).await,
        Scenario::Hanging => std::future::pending::<()>().await,
        Scenario::Flaky if polls % 2 == 0 => {
            return api_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "HPE_GRAVITY_INTERNAL_SERVER_ERROR",
                "An unexpected error occurred.",
            )
        }
        Scenario::RateLimited if polls % 3 == 1 => return too_many_requests(true),
        Scenario::RateLimitedNoRetryAfter if polls % 3 == 1 => return too_many_requests(false),
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
        "HPE_GRAVITY_NOT_FOUND",
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

async fn mock_state(State(state): State<AppState>) -> Response {
    let inner = state.lock();
    Json(json!({ "tasks": inner.tasks.len(), "loggedRequests": inner.log.len() })).into_response()
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
