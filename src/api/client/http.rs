//! Sending requests in the browser, with the browser's own `fetch` (web-sys; gloo-net's
//! wrapper of it cost 1 KB gzip more). Only moves bytes: every decision is in the other
//! modules of the client.

use super::error::ClientError;
use crate::api::outcome::RawAnswer;
use ap_ping_core::RequestError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestCredentials, RequestInit, Response};

/// Whether the browser sends cookies with the requests (`fetch`'s `credentials`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CredentialsMode {
    /// Cookies for the page's own origin only (the browser's default).
    #[default]
    SameOrigin,
    /// Cookies for any origin, for cookie-authenticated proxies on another origin.
    Include,
    /// No cookies at all.
    Omit,
}

impl CredentialsMode {
    /// The mode of `fetch`'s name for it, or an error that lists the names (of the same
    /// type as `ApiVersion::from_name`'s: what the page gave for its requests).
    pub fn from_name(name: &str) -> Result<Self, RequestError> {
        match name {
            "same-origin" => Ok(CredentialsMode::SameOrigin),
            "include" => Ok(CredentialsMode::Include),
            "omit" => Ok(CredentialsMode::Omit),
            other => Err(RequestError::UnknownCredentials { name: other.into() }),
        }
    }
}

/// Where and how to send: the token goes only into the `Authorization` header.
#[derive(Clone, PartialEq, Default)]
pub struct Auth {
    /// Bearer token, if the page gave one.
    pub token: Option<std::rc::Rc<str>>,
    /// Whether cookies go with the requests.
    pub credentials: CredentialsMode,
}

/// What a JS exception says (`TypeError: Failed to fetch`), as a network error.
fn said(error: JsValue) -> ClientError {
    let detail = match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.to_string()),
        None => error
            .as_string()
            .unwrap_or_else(|| "unknown error".to_owned()),
    };
    ClientError::Network { detail }
}

/// Why a request whose signal may have been aborted failed. The one abort whose answer
/// anyone reads is the request timeout's (the hook's shutdown aborts too, but reads no
/// answer after it), so an aborted request is one that timed out.
fn failed(error: JsValue, signal: &AbortSignal) -> ClientError {
    if signal.aborted() {
        ClientError::TimedOut
    } else {
        said(error)
    }
}

/// Sends `method url` (with `body` as JSON) and reads the whole answer as text.
pub async fn request(
    method: &str,
    url: &str,
    body: Option<&str>,
    auth: &Auth,
    signal: &AbortSignal,
) -> Result<RawAnswer, ClientError> {
    let headers = Headers::new().map_err(said)?;
    headers.set("Accept", "application/json").map_err(said)?;
    if let Some(token) = &auth.token {
        let mut value = String::from("Bearer ");
        value.push_str(token);
        headers.set("Authorization", &value).map_err(said)?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(said)?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    init.set_credentials(match auth.credentials {
        CredentialsMode::SameOrigin => RequestCredentials::SameOrigin,
        CredentialsMode::Include => RequestCredentials::Include,
        CredentialsMode::Omit => RequestCredentials::Omit,
    });
    let window = web_sys::window().ok_or_else(|| ClientError::Network {
        detail: "no window to send requests from".into(),
    })?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| failed(e, signal))?
        .unchecked_into();
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let text = JsFuture::from(response.text().map_err(said)?)
        .await
        .map_err(|e| failed(e, signal))?;
    Ok(RawAnswer {
        status: response.status(),
        content_type: header("content-type"),
        retry_after: header("retry-after"),
        rate_limit_remaining: header("x-ratelimit-remaining"),
        rate_limit_reset: header("x-ratelimit-reset"),
        body: text.as_string().unwrap_or_default(),
        received_at_ms: js_sys::Date::now(),
    })
}

/// `GET` the status URL.
pub async fn get(url: &str, auth: &Auth, signal: &AbortSignal) -> Result<RawAnswer, ClientError> {
    request("GET", url, None, auth, signal).await
}

/// `POST` a JSON body.
pub async fn post(
    url: &str,
    body: &str,
    auth: &Auth,
    signal: &AbortSignal,
) -> Result<RawAnswer, ClientError> {
    request("POST", url, Some(body), auth, signal).await
}
