//! Calls to Central: one reqwest client (its connection pool, rustls, connect and overall
//! timeouts), the bearer token from [`TokenSource`], and one retry after a 401.

use crate::config::Config;
use crate::error::ProxyError;
use crate::token::TokenSource;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

/// The answer headers passed back to the browser; every other one stays here (the
/// content type is always the proxy's own `application/json`).
pub const PASSED_BACK: [&str; 4] = [
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
];

/// Largest answer read from Central (a 10,000-reply status is about 2 MB, a page of
/// 1,000 APs under 1 MB).
const MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;

/// One request on its way to Central: method, canonical path (and query) and (for POST)
/// the body.
pub struct Forward {
    /// GET or POST.
    pub method: Method,
    /// The path and query as rebuilt from their checked parts (never the browser's own
    /// text).
    pub target: String,
    /// The JSON body of a POST.
    pub body: Option<Bytes>,
}

/// Central's answer, as much of it as goes back.
pub struct Answer {
    /// Its status.
    pub status: StatusCode,
    /// The headers in [`PASSED_BACK`] that it sent.
    pub headers: HeaderMap,
    /// Its body.
    pub body: Bytes,
}

/// Central and the tokens to call it with.
pub struct Upstream {
    http: reqwest::Client,
    central_url: String,
    timeout: Duration,
    /// The token owner.
    pub tokens: TokenSource,
}

impl Upstream {
    /// The client and token source for this configuration.
    pub fn new(config: &Config) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("central-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot make the HTTP client: {e}"))?;
        Ok(Upstream {
            tokens: TokenSource::new(
                http.clone(),
                config.token_url.clone(),
                config.client_id.clone(),
                config.client_secret.clone(),
                config.timeout,
            ),
            http,
            central_url: config.central_url.clone(),
            timeout: config.timeout,
        })
    }

    /// Sends the request with the current token; after a 401, once more with a new one.
    /// A new token refused too is the proxy's problem, not the page's: it becomes
    /// [`ProxyError::TokenRejected`], held for a while (see [`TokenSource::refused`]).
    pub async fn forward(&self, request: &Forward) -> Result<Answer, ProxyError> {
        let token = self.tokens.bearer().await?;
        let answer = self.send(request, &token).await?;
        if answer.status != StatusCode::UNAUTHORIZED {
            return Ok(answer);
        }
        let renewed = self.tokens.renew(&token).await?;
        let answer = self.send(request, &renewed).await?;
        if answer.status != StatusCode::UNAUTHORIZED {
            return Ok(answer);
        }
        Err(self.tokens.refused(&renewed).await)
    }

    async fn send(&self, request: &Forward, token: &SecretString) -> Result<Answer, ProxyError> {
        let url = format!("{}{}", self.central_url, request.target);
        let mut builder = self
            .http
            .request(request.method.clone(), url)
            .header("accept", "application/json")
            .bearer_auth(token.expose_secret());
        if let Some(body) = &request.body {
            builder = builder
                .header("content-type", "application/json")
                .body(body.clone());
        }
        let transport = |e: reqwest::Error| ProxyError::upstream_transport(&e, self.timeout);
        let mut response = builder.send().await.map_err(transport)?;
        let status =
            StatusCode::from_u16(response.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
        let mut headers = HeaderMap::new();
        for name in PASSED_BACK {
            if let Some(value) = response.headers().get(name) {
                if let Ok(value) = HeaderValue::from_bytes(value.as_bytes()) {
                    headers.insert(name, value);
                }
            }
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(ProxyError::AnswerTooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            headers,
            body: body.into(),
        })
    }
}
