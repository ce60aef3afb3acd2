//! Who may call: the API takes a bearer token (the static one, or one the OAuth endpoint
//! issued and that has not expired); the token endpoint issues them for the one client.

use super::rate_limit::{count_request, rate_limit_headers, too_many_requests};
use super::{api_error, handlers::no_route, AppState, MAX_ISSUED_TOKENS, TOKEN_PATH};
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use tokio::time::Instant;

/// Every API request passes here: 401 without an accepted token, 429 once the token's
/// window is used up, and `X-RateLimit-*` on every answer (a scenario may have set its own).
pub(super) async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
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

/// The form of a client-credentials token request.
#[derive(serde::Deserialize)]
pub(super) struct TokenRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// `POST /as/token.oauth2`: `grant_type=client_credentials` with the client's id and
/// secret in the form or as HTTP Basic; answers `{access_token, token_type, expires_in}`
/// or an RFC 6749 error.
pub(super) async fn issue_token(
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
