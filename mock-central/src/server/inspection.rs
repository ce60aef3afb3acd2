//! What tests and the demo may ask the stand-in itself (`/__mock/…`), and the log of
//! every request, which `/__mock/requests` serves.

use super::{AppState, APS_PATH, MAX_LOGGED_REQUESTS, TOKEN_PATH};
use crate::simulation::TestKind;
use crate::{fleet, scenario};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::time::SystemTime;
use tokio::time::Instant;

/// One request as it arrived (a hanging one never completes), as `/__mock/requests` lists it.
#[derive(Clone, serde::Serialize)]
pub(super) struct LoggedRequest {
    /// Only to find the entry again when its answer is known.
    #[serde(skip)]
    pub(super) id: u64,
    pub(super) method: String,
    /// The path and, when there is one, `?` and the query, as sent (not decoded).
    pub(super) path: String,
    /// Milliseconds since the server started (monotonic), when the request arrived.
    #[serde(rename = "atMs")]
    pub(super) at_ms: u128,
    /// Milliseconds since the Unix epoch (the wall clock), when the request arrived.
    #[serde(rename = "epochMs")]
    pub(super) epoch_ms: u128,
    /// What it is: `list` (`GET /network-monitoring/v1/aps`), `start` (a ping's POST),
    /// `status` (a ping's GET), `traceroute-start`, `traceroute-status`, `token` (the
    /// OAuth endpoint) or `other` ([`TestKind::logged_as`]).
    pub(super) kind: &'static str,
    /// The HTTP status the stand-in answered (a 429 of the rate limit included); `null`
    /// while the request is still open.
    pub(super) status: Option<u16>,
}

/// What kind of request `method` `path` (without the query) is, for the log.
fn kind_of(method: &Method, path: &str) -> &'static str {
    use ap_ping_core::paths::{parse_operation_path, Operation};
    if path == APS_PATH {
        return "list";
    }
    if path == TOKEN_PATH {
        return "token";
    }
    for kind in TestKind::ALL {
        let (start, status) = kind.logged_as();
        match parse_operation_path(path, kind.operation()).map(|p| p.operation) {
            Some(Operation::Start) if method == Method::POST => return start,
            Some(Operation::Status { .. }) if method == Method::GET => return status,
            _ => {}
        }
    }
    "other"
}

pub(super) async fn list_requests(State(state): State<AppState>) -> Response {
    let log: Vec<LoggedRequest> = state.lock().log.iter().cloned().collect();
    Json(log).into_response()
}

pub(super) async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.lock().log.clear();
    StatusCode::NO_CONTENT
}

/// The demo devices and what each shows, for the demo page's picker: the page learns them
/// from here, so `scenario::DEVICES` stays their one description.
pub(super) async fn list_devices() -> Response {
    let devices: Vec<serde_json::Value> = scenario::DEVICES
        .iter()
        .map(|d| json!({ "serial": d.serial, "name": d.name }))
        .collect();
    Json(devices).into_response()
}

/// The fleet's sites, for the demo page's site picker: `[{siteId, siteName, apCount,
/// description}]`, from `fleet::SITES`.
pub(super) async fn list_sites() -> Response {
    let sites: Vec<serde_json::Value> = fleet::SITES
        .iter()
        .map(|s| {
            json!({
                "siteId": s.id,
                "siteName": s.name,
                "apCount": s.ap_count(),
                "description": s.description,
            })
        })
        .collect();
    Json(sites).into_response()
}

/// The traceroute scenarios, for the demo page's destination picker: `[{destination,
/// description, hops, reached}]`, from `scenario::traceroute::TRACE_SCENARIOS` (the first
/// is also every other destination's).
pub(super) async fn list_traceroute_scenarios() -> Response {
    use scenario::traceroute::{PathEnd, TRACE_SCENARIOS};
    let scenarios: Vec<serde_json::Value> = TRACE_SCENARIOS
        .iter()
        .map(|s| {
            json!({
                "destination": s.destination,
                "also": s.also,
                "description": s.description,
                "hops": s.hops(),
                "reached": matches!(s.end, PathEnd::Reached { .. }),
            })
        })
        .collect();
    Json(scenarios).into_response()
}

pub(super) async fn mock_state(State(state): State<AppState>) -> Response {
    let inner = state.lock();
    Json(json!({
        "tasks": inner.tasks.len(),
        "loggedRequests": inner.log.len(),
        "droppedRequests": inner.dropped_log_entries,
        "issuedTokens": inner.issued.len(),
        "overBudget": inner.over_budget,
    }))
    .into_response()
}

/// One line per request (never a header: the token stays out of logs), and the log that
/// `/__mock/requests` serves, written on arrival so that requests still open are counted,
/// and given the answer's status once there is one.
pub(super) async fn log_request(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_owned());
    let began = Instant::now();
    let logged = (!path.starts_with("/__mock/")).then(|| {
        let mut inner = state.lock();
        if inner.log.len() == MAX_LOGGED_REQUESTS {
            inner.log.pop_front();
            inner.dropped_log_entries += 1;
        }
        let id = inner.next_log_id;
        inner.next_log_id += 1;
        inner.log.push_back(LoggedRequest {
            id,
            method: method.to_string(),
            path: path_and_query.clone(),
            at_ms: state.started.elapsed().as_millis(),
            epoch_ms: SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis()),
            kind: kind_of(&method, &path),
            status: None,
        });
        id
    });
    let response = next.run(request).await;
    let status = response.status().as_u16();
    if let Some(id) = logged {
        let mut inner = state.lock();
        // Ids rise along the log; the entry is gone if the log was cleared or overflowed.
        if let Ok(i) = inner.log.binary_search_by_key(&id, |e| e.id) {
            inner.log[i].status = Some(status);
        }
    }
    if state.config.log_requests {
        println!(
            "{method} {path_and_query} -> {status} ({:.1} ms)",
            began.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}
