//! The proxy's one handler. Every request passes the [`Guard`] first (its `Host`, the page
//! it comes from); then a request whose method and path are one of the two AP ping
//! operations (either API version, a strict serial and task id) goes to Central, rebuilt
//! from its parts, within the request budget; a GET or HEAD of anything else is served
//! from `--serve`, or gets a 404, and never reaches Central. The browser's own headers
//! (its `Authorization`, cookies) are never forwarded.

use crate::budget::Budget;
use crate::error::ProxyError;
use crate::guard::{allow_caller, declares_json, Guard};
use crate::static_files::StaticFiles;
use crate::upstream::{Forward, Upstream};
use ap_ping_core::paths::{self, ApiPath, Operation};
use ap_ping_core::wire::PingStartBody;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_http::catch_panic::CatchPanicLayer;

/// Largest request body read: a start request is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Longest serial forwarded; a serial is letters and digits.
pub const MAX_SERIAL_CHARS: usize = 32;
/// Longest task id forwarded; a task id is letters, digits and `-`.
pub const MAX_TASK_ID_CHARS: usize = 64;

/// What the handler needs.
pub struct AppState {
    /// Central and its tokens.
    pub upstream: Upstream,
    /// The folder served on the same origin, if any.
    pub files: Option<StaticFiles>,
    /// Who may call.
    pub guard: Guard,
    /// The request budget towards Central.
    pub budget: Budget,
    /// Time for a request's body.
    pub body_timeout: Duration,
    /// Print one line per request.
    pub log_requests: bool,
}

/// The router: every request goes through [`handle`]; a panic becomes a 500 for that
/// request only.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .fallback(handle)
        .with_state(state)
        .layer(CatchPanicLayer::custom(|_| {
            ProxyError::Internal.into_response()
        }))
}

/// The allowed operation a request names, or `None`: the method must fit, and the serial
/// and task id must look like Central's (checked again when the path is rebuilt).
pub fn allowed(method: &Method, path: &str) -> Option<ApiPath> {
    let api = paths::parse_path(path)?;
    let method_fits = match &api.operation {
        Operation::Start => method == Method::POST,
        Operation::Status { .. } => method == Method::GET,
    };
    let plain = |text: &str, max: usize, dash: bool| {
        !text.is_empty()
            && text.len() <= max
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || (dash && b == b'-'))
    };
    let segments_fit = plain(&api.serial, MAX_SERIAL_CHARS, false)
        && match &api.operation {
            Operation::Start => true,
            Operation::Status { task_id } => plain(task_id, MAX_TASK_ID_CHARS, true),
        };
    (method_fits && segments_fit).then_some(api)
}

/// The canonical path of an allowed operation, as the widget would build it.
fn canonical(api: &ApiPath) -> Result<String, ap_ping_core::RequestError> {
    match &api.operation {
        Operation::Start => paths::start_path(api.version, &api.serial),
        Operation::Status { task_id } => paths::status_path(api.version, &api.serial, task_id),
    }
}

async fn handle(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let began = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let mut response = respond(&state, request).await;
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if state.log_requests {
        // The path only: a query string or header could carry something private.
        println!(
            "{method} {} -> {} ({:.1} ms)",
            path.escape_debug(),
            response.status().as_u16(),
            began.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}

async fn respond(state: &AppState, request: Request) -> Response {
    let guard = &state.guard;
    let host = match guard.host(request.uri(), request.headers()) {
        Ok(host) => host,
        Err(refused) => return refused.into_response(),
    };
    let method = request.method().clone();
    let api = allowed(&method, request.uri().path());
    let reads_file = api.is_none() && (method == Method::GET || method == Method::HEAD);
    let caller = match guard.caller(&host, request.headers(), !reads_file) {
        Ok(caller) => caller,
        Err(refused) => return refused.into_response(),
    };
    let mut response = if method == Method::OPTIONS {
        guard.preflight(&caller, request.headers())
    } else if let Err(refused) = guard.fetch_site(&caller, request.headers(), reads_file) {
        refused.into_response()
    } else {
        match (api, &state.files) {
            (Some(api), _) => api_answer(forward(state, api, request).await),
            (None, Some(files)) if reads_file => files.serve(request).await,
            (None, _) => ProxyError::NotForwarded.into_response(),
        }
    };
    allow_caller(&caller, &mut response);
    response
}

/// An API answer as the browser gets it: always JSON (whatever Central labelled it),
/// never sniffed, never cached.
fn api_answer(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn forward(state: &AppState, api: ApiPath, request: Request) -> Response {
    let Ok(path) = canonical(&api) else {
        return ProxyError::NotForwarded.into_response();
    };
    let body = match api.operation {
        Operation::Start => match start_body(state, request).await {
            Ok(body) => Some(body),
            Err(refused) => return refused.into_response(),
        },
        Operation::Status { .. } => None,
    };
    if let Err(wait) = state.budget.take() {
        return ProxyError::RateLimited {
            retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
        }
        .into_response();
    }
    let method = if body.is_some() {
        Method::POST
    } else {
        Method::GET
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

/// The start request's body, read within the body timeout and size limit, checked, and
/// written anew from its checked parts.
async fn start_body(state: &AppState, request: Request) -> Result<Bytes, ProxyError> {
    if !declares_json(request.headers()) {
        return Err(ProxyError::NotJson);
    }
    let read = Limited::new(request.into_body(), MAX_BODY_BYTES).collect();
    let bytes = match tokio::time::timeout(state.body_timeout, read).await {
        Err(_) => {
            return Err(ProxyError::BodyTimeout {
                after: state.body_timeout,
            })
        }
        Ok(Err(error)) if error.is::<LengthLimitError>() => {
            return Err(ProxyError::BodyTooLarge {
                limit: MAX_BODY_BYTES,
            })
        }
        // A broken chunked encoding, a connection closed mid-body.
        Ok(Err(_)) => {
            return Err(ProxyError::InvalidStart {
                problem: "the body could not be read".into(),
            })
        }
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    let text = std::str::from_utf8(&bytes).map_err(|_| ProxyError::InvalidStart {
        problem: "the body is not UTF-8 text".into(),
    })?;
    let start = PingStartBody::from_json(text).map_err(|e| ProxyError::InvalidStart {
        problem: e.to_string(),
    })?;
    Ok(Bytes::from(start.as_request().to_json()))
}
