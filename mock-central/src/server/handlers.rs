//! The API's operations: start a simulated test (ping or traceroute), report its status
//! as the device's scenario says, and list the fleet's access points.

use super::rate_limit::{budget_spent_until, rate_limit_headers};
use super::{api_error, AppState, Config, Inner, Task};
use crate::fleet::list::{self, ListError};
use crate::scenario::{self, Scenario, BUDGET_WINDOW, RATE_LIMIT_RESET, SLOW_RESPONSE};
use crate::simulation::{task_id, SimulatedTest, StartRequest, TestKind};
use ap_ping_core::paths::{operation_status_path, ApiVersion};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::time::SystemTime;
use tokio::time::Instant;

fn forbidden() -> Response {
    api_error(
        StatusCode::FORBIDDEN,
        "HPE_GL_ERROR_FORBIDDEN",
        "Forbidden: Access is denied.",
    )
}

/// `POST {prefix}/aps/{serial}/{operation}`: a 202 naming where to poll, or the
/// device's refusal.
pub(super) async fn start_test(
    kind: TestKind,
    version: ApiVersion,
    State(state): State<AppState>,
    Path(serial): Path<String>,
    body: Bytes,
) -> Response {
    let request = match StartRequest::read(kind, &body) {
        Ok(request) => request,
        Err(message) => {
            return api_error(StatusCode::BAD_REQUEST, "HPE_GL_ERROR_BAD_REQUEST", message)
        }
    };
    let Some(scenario) = scenario::scenario_of(&serial) else {
        return api_error(
            StatusCode::NOT_FOUND,
            "HPE_GL_ERROR_NOT_FOUND",
            format!("Device not found: {serial}"),
        );
    };
    match scenario {
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
    let test = SimulatedTest::new(request, scenario, seed, SystemTime::now());
    // The serial is a known device's, so it cannot fail to be a path segment.
    let location =
        operation_status_path(version, kind.operation(), &serial, &id).unwrap_or_default();
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

/// `GET {prefix}/aps/{serial}/{operation}/async-operations/{task_id}`: the status of a
/// task started on this serial by this operation, as the device's scenario answers it.
pub(super) async fn test_status(
    kind: TestKind,
    State(state): State<AppState>,
    Path((serial, task_id)): Path<(String, String)>,
) -> Response {
    if scenario::scenario_of(&serial) == Some(Scenario::Forbidden) {
        return forbidden();
    }
    let limit = state.config.rate_limit_per_second;
    let now = SystemTime::now();
    let found = {
        let mut inner = state.lock();
        let found = inner
            .tasks
            .get_mut(&task_id)
            .filter(|t| t.serial == serial && t.test.kind == kind)
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

/// `GET /network-monitoring/v1/aps`: the fleet's APs, filtered, sorted and paged
/// (`crate::fleet::list`); a query it cannot read answers 400, a filter naming the
/// `LOCKED` site 403, both in the API's error shape.
pub(super) async fn list_aps(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let Ok(Query(pairs)) = query else {
        return api_error(
            StatusCode::BAD_REQUEST,
            "HPE_GL_ERROR_BAD_REQUEST",
            "The query string cannot be read.",
        );
    };
    match list::read_query(&pairs).and_then(|q| list::list(&q)) {
        Ok(page) => Json(page.to_json()).into_response(),
        Err(ListError::BadRequest(message)) => {
            api_error(StatusCode::BAD_REQUEST, "HPE_GL_ERROR_BAD_REQUEST", message)
        }
        Err(ListError::Forbidden(message)) => {
            api_error(StatusCode::FORBIDDEN, "HPE_GL_ERROR_FORBIDDEN", message)
        }
    }
}

pub(super) async fn no_route(method: Method, uri: axum::http::Uri) -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        "HPE_GL_ERROR_NOT_FOUND",
        format!("No route for {method} {}", uri.path()),
    )
}
