//! The proxy's one route: a request whose method and path are one of the two AP ping
//! operations (either API version, segments checked as the widget checks them) goes to
//! Central, rebuilt from its parts; anything else is served from `--serve`, or gets a 404,
//! and never reaches Central. The browser's own headers (its `Authorization`, cookies)
//! are never forwarded.

use crate::error::ProxyError;
use crate::upstream::{Forward, Upstream};
use ap_ping_core::paths::{self, ApiPath, Operation};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::sync::Arc;
use std::time::Instant;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Largest request body forwarded: a start request is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// What the handler needs.
pub struct AppState {
    /// Central and its tokens.
    pub upstream: Upstream,
    /// The folder served on the same origin, if any.
    pub serve: Option<ServeDir>,
    /// Print one line per request.
    pub log_requests: bool,
}

/// The router: every request goes through [`handle`].
pub fn router(state: Arc<AppState>) -> Router {
    Router::new().fallback(handle).with_state(state)
}

/// The allowed operation a request names, or `None`.
pub fn allowed(method: &Method, path: &str) -> Option<ApiPath> {
    let api = paths::parse_path(path)?;
    let method_fits = match api.operation {
        Operation::Start => method == Method::POST,
        Operation::Status { .. } => method == Method::GET,
    };
    method_fits.then_some(api)
}

/// The canonical path of an allowed operation, as the widget would build it.
fn canonical(api: &ApiPath) -> Result<String, String> {
    match &api.operation {
        Operation::Start => paths::start_path(api.version, &api.serial),
        Operation::Status { task_id } => paths::status_path(api.version, &api.serial, task_id),
    }
}

async fn handle(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let began = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = match (allowed(&method, &path), &state.serve) {
        (Some(api), _) => forward(&state, api, request).await,
        (None, Some(dir)) if method == Method::GET || method == Method::HEAD => {
            match dir.clone().oneshot(request).await {
                Ok(response) => response.into_response(),
                Err(never) => match never {},
            }
        }
        (None, _) => ProxyError::NotForwarded.into_response(),
    };
    if state.log_requests {
        println!(
            "{method} {path} -> {} ({:.1} ms)",
            response.status().as_u16(),
            began.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}

async fn forward(state: &AppState, api: ApiPath, request: Request) -> Response {
    let Ok(path) = canonical(&api) else {
        return ProxyError::NotForwarded.into_response();
    };
    let method = request.method().clone();
    let body = if method == Method::POST {
        match to_bytes(request.into_body(), MAX_BODY_BYTES).await {
            Ok(bytes) => Some(bytes),
            Err(_) => {
                return ProxyError::BodyTooLarge {
                    limit: MAX_BODY_BYTES,
                }
                .into_response()
            }
        }
    } else {
        None
    };
    match state
        .upstream
        .forward(&Forward { method, path, body })
        .await
    {
        Ok(answer) => {
            let mut response = Response::new(Body::from(answer.body));
            *response.status_mut() = answer.status;
            *response.headers_mut() = answer.headers;
            response
        }
        Err(error) => error.into_response(),
    }
}
