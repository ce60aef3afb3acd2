//! What tests and the demo may ask the stand-in itself (`/__mock/…`), and the log of
//! every request, which `/__mock/requests` serves.

use super::{AppState, MAX_LOGGED_REQUESTS};
use crate::scenario;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use tokio::time::Instant;

/// One request as it arrived (a hanging one never completes), as `/__mock/requests` lists it.
#[derive(Clone, serde::Serialize)]
pub(super) struct LoggedRequest {
    pub(super) method: String,
    pub(super) path: String,
    /// Milliseconds since the server started.
    #[serde(rename = "atMs")]
    pub(super) at_ms: u128,
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

pub(super) async fn mock_state(State(state): State<AppState>) -> Response {
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
pub(super) async fn log_request(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
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
