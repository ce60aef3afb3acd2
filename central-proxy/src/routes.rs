//! The proxy's one handler. Every request passes the [`Guard`] first (its `Host`, the page
//! it comes from); then a request whose method and path are one of the [`Forwarded`]
//! requests (start and status of the AP tests, [`TestOperation`], and the AP list, nothing
//! else) goes to Central, rebuilt from its checked parts, within the request budget; a GET
//! or HEAD of anything else is served from `--serve`, or gets a 404, and never reaches
//! Central. The browser's own headers (its `Authorization`, cookies) are never forwarded.

use crate::budget::Budget;
use crate::error::ProxyError;
use crate::guard::{allow_caller, declares_json, Guard};
use crate::list_query::ListQuery;
use crate::static_files::StaticFiles;
use crate::upstream::{Forward, Upstream};
use ap_ping_core::paths::{self, ApiPath, Operation};
use ap_ping_core::wire::{PingStartBody, TracerouteStartBody};
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
/// The AP list's path: of the monitoring API, only this (not `…/aps/{serial}`, not
/// `…/devices`, no other version) is forwarded.
pub const AP_LIST_PATH: &str = "/network-monitoring/v1/aps";

/// The AP tests whose two requests are forwarded, each under its operation's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestOperation {
    /// `…/aps/{serial}/ping`, started with a [`PingStartBody`].
    Ping,
    /// `…/aps/{serial}/traceroute`, started with a [`TracerouteStartBody`].
    Traceroute,
}

impl TestOperation {
    /// Every forwarded test.
    pub const ALL: [TestOperation; 2] = [TestOperation::Ping, TestOperation::Traceroute];

    /// Its path segment.
    pub fn name(self) -> &'static str {
        match self {
            TestOperation::Ping => paths::PING,
            TestOperation::Traceroute => paths::TRACEROUTE,
        }
    }

    /// Reads and checks a start body of this test and writes it anew from its checked
    /// parts (keys it does not know are dropped).
    fn rewritten_start(self, text: &str) -> Result<String, ap_ping_core::RequestError> {
        match self {
            TestOperation::Ping => PingStartBody::from_json(text).map(|b| b.as_request().to_json()),
            TestOperation::Traceroute => TracerouteStartBody::from_json(text).map(|b| b.to_json()),
        }
    }
}

/// Everything that reaches Central: a request is one of these, or it is not forwarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forwarded {
    /// `POST /network-troubleshooting/{v1alpha1,v1}/aps/{serial}/{operation}` (a JSON start
    /// body, checked and written anew) and
    /// `GET …/aps/{serial}/{operation}/async-operations/{task-id}`: a serial of letters and
    /// digits, a task id of letters, digits and `-`.
    Test(TestOperation, ApiPath),
    /// `GET /network-monitoring/v1/aps`, the AP list, with only `filter`, `sort`, `limit`
    /// and `next`, each checked and the query written anew ([`ListQuery`]).
    ApList,
}

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

/// What a request's method and path name, or `None`: the method must fit, and the serial
/// and task id must look like Central's (checked again when the path is rebuilt). The AP
/// list's query is checked when it is rebuilt: a bad one is refused with a 400.
pub fn allowed(method: &Method, path: &str) -> Option<Forwarded> {
    if path == AP_LIST_PATH {
        return (method == Method::GET).then_some(Forwarded::ApList);
    }
    let (operation, api) = TestOperation::ALL
        .into_iter()
        .find_map(|o| Some((o, paths::parse_operation_path(path, o.name())?)))?;
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
    (method_fits && segments_fit).then_some(Forwarded::Test(operation, api))
}

/// The canonical path of an allowed request, as the widget would build it.
fn canonical(
    operation: TestOperation,
    api: &ApiPath,
) -> Result<String, ap_ping_core::RequestError> {
    let name = operation.name();
    match &api.operation {
        Operation::Start => paths::operation_start_path(api.version, name, &api.serial),
        Operation::Status { task_id } => {
            paths::operation_status_path(api.version, name, &api.serial, task_id)
        }
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
    let forwarded = allowed(&method, request.uri().path());
    let reads_file = forwarded.is_none() && (method == Method::GET || method == Method::HEAD);
    let caller = match guard.caller(&host, request.headers(), !reads_file) {
        Ok(caller) => caller,
        Err(refused) => return refused.into_response(),
    };
    let mut response = if method == Method::OPTIONS {
        guard.preflight(&caller, request.headers())
    } else if let Err(refused) = guard.fetch_site(&caller, request.headers(), reads_file) {
        refused.into_response()
    } else {
        match (forwarded, &state.files) {
            (Some(forwarded), _) => api_answer(forward(state, forwarded, request).await),
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

async fn forward(state: &AppState, forwarded: Forwarded, request: Request) -> Response {
    let outgoing = match rebuilt(state, forwarded, request).await {
        Ok(outgoing) => outgoing,
        Err(refused) => return refused.into_response(),
    };
    if let Err(wait) = state.budget.take() {
        return ProxyError::RateLimited {
            retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
        }
        .into_response();
    }
    match state.upstream.forward(&outgoing).await {
        Ok(answer) => {
            let mut response = Response::new(Body::from(answer.body));
            *response.status_mut() = answer.status;
            *response.headers_mut() = answer.headers;
            response
        }
        Err(error) => error.into_response(),
    }
}

/// The request Central gets, written anew from the checked parts of the browser's: its
/// path, the AP list's query, the start body. Nothing else of the browser's is sent.
async fn rebuilt(
    state: &AppState,
    forwarded: Forwarded,
    request: Request,
) -> Result<Forward, ProxyError> {
    match forwarded {
        Forwarded::Test(operation, api) => {
            let target = canonical(operation, &api).map_err(|_| ProxyError::NotForwarded)?;
            let (method, body) = match api.operation {
                Operation::Start => (
                    Method::POST,
                    Some(start_body(state, operation, request).await?),
                ),
                Operation::Status { .. } => (Method::GET, None),
            };
            Ok(Forward {
                method,
                target,
                body,
            })
        }
        Forwarded::ApList => {
            let query = ListQuery::parse(request.uri().query())?.encode();
            let target = if query.is_empty() {
                AP_LIST_PATH.to_owned()
            } else {
                format!("{AP_LIST_PATH}?{query}")
            };
            Ok(Forward {
                method: Method::GET,
                target,
                body: None,
            })
        }
    }
}

/// The start request's body, read within the body timeout and size limit, checked, and
/// written anew from its checked parts.
async fn start_body(
    state: &AppState,
    operation: TestOperation,
    request: Request,
) -> Result<Bytes, ProxyError> {
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
    let start = operation
        .rewritten_start(text)
        .map_err(|e| ProxyError::InvalidStart {
            problem: e.to_string(),
        })?;
    Ok(Bytes::from(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ap_ping_core::paths::ApiVersion;

    #[test]
    fn the_forwarded_requests_and_nothing_else() {
        for test in TestOperation::ALL {
            let forwarded = |operation| {
                Some(Forwarded::Test(
                    test,
                    ApiPath {
                        version: ApiVersion::V1,
                        serial: "CN1".into(),
                        operation,
                    },
                ))
            };
            let status = || Operation::Status {
                task_id: "t-1".into(),
            };
            let v1 = format!("/network-troubleshooting/v1/aps/CN1/{}", test.name());
            assert_eq!(allowed(&Method::POST, &v1), forwarded(Operation::Start));
            assert_eq!(
                allowed(&Method::GET, &format!("{v1}/async-operations/t-1")),
                forwarded(status())
            );
            for (method, path) in [
                (Method::GET, v1.clone()),
                (Method::POST, format!("{v1}/async-operations/t-1")),
                (Method::GET, format!("{v1}/async-operations/t_1")),
                (Method::POST, v1.replace("CN1", "CN-1")),
            ] {
                assert_eq!(allowed(&method, &path), None, "{method} {path}");
            }
        }
        assert_eq!(allowed(&Method::GET, AP_LIST_PATH), Some(Forwarded::ApList));
        for (method, path) in [
            (
                Method::POST,
                "/network-troubleshooting/v1/aps/CN1/nslookup".to_owned(),
            ),
            (
                Method::POST,
                "/network-troubleshooting/v1/aps/CN1/Traceroute".to_owned(),
            ),
            (Method::HEAD, AP_LIST_PATH.to_owned()),
            (Method::POST, AP_LIST_PATH.to_owned()),
            (Method::GET, format!("{AP_LIST_PATH}/")),
            (Method::GET, format!("{AP_LIST_PATH}/CN1")),
            (Method::GET, "/network-monitoring/v1/devices".to_owned()),
            (Method::GET, "/network-monitoring/v2/aps".to_owned()),
            (Method::GET, "/network-monitoring/v1/APS".to_owned()),
        ] {
            assert_eq!(allowed(&method, &path), None, "{method} {path}");
        }
    }
}
