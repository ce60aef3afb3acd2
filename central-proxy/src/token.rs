//! The one place that owns the API token: gets it with client credentials, keeps it until
//! shortly before it expires, and refreshes it once however many requests wait for it
//! (single flight: the lock is held while the token endpoint answers).
//!
//! The fetch runs on a task of its own, holding the lock: a client that gives up while it
//! waits does not cancel the fetch that every other request is waiting for.

use crate::error::ProxyError;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// After a refused or failed token request, or a fresh token that Central refused, the
/// same error is given for this long without asking again, so a misconfigured proxy
/// cannot hammer the token endpoint (or Central).
pub const FAILURE_HOLD: Duration = Duration::from_secs(5);
/// A token is kept at least this long, whatever `expires_in` says (`0` would otherwise
/// mean a token request per API request)...
pub const MIN_LIFETIME: Duration = Duration::from_secs(30);
/// ...and at most this long (a lifetime near `u64::MAX` seconds would overflow `Instant`).
pub const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);
/// The lifetime assumed when the answer gives none.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(300);
/// Largest token answer read: a token answer is a few kilobytes.
pub const MAX_TOKEN_ANSWER_BYTES: usize = 64 * 1024;

/// A token and when to stop using it.
struct Cached {
    token: SecretString,
    renew_at: Instant,
}

#[derive(Default)]
struct State {
    current: Option<Cached>,
    failed: Option<(Instant, ProxyError)>,
    /// Tokens fetched so far (for tests and the log).
    fetched: u64,
}

impl State {
    fn valid(&self) -> Option<SecretString> {
        self.current
            .as_ref()
            .filter(|c| Instant::now() < c.renew_at)
            .map(|c| c.token.clone())
    }
}

/// What asks the token endpoint.
struct TokenClient {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: SecretString,
    timeout: Duration,
}

/// Gets and caches the bearer token for Central.
pub struct TokenSource {
    client: Arc<TokenClient>,
    state: Arc<Mutex<State>>,
}

/// The token endpoint's answer (RFC 6749 §5.1).
#[derive(serde::Deserialize)]
struct TokenAnswer {
    access_token: String,
    /// Seconds; some servers send it as a string or a float.
    expires_in: Option<serde_json::Value>,
}

impl TokenAnswer {
    /// How long to keep the token: `expires_in` within [`MIN_LIFETIME`]..[`MAX_LIFETIME`].
    fn lifetime(&self) -> Duration {
        let seconds = match &self.expires_in {
            Some(serde_json::Value::Number(n)) => n.as_f64(),
            Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        match seconds {
            Some(s) if s.is_finite() => Duration::from_secs_f64(
                s.clamp(MIN_LIFETIME.as_secs_f64(), MAX_LIFETIME.as_secs_f64()),
            ),
            _ => DEFAULT_LIFETIME,
        }
    }
}

impl TokenSource {
    /// A source that asks `token_url` with these credentials.
    pub fn new(
        http: reqwest::Client,
        token_url: String,
        client_id: String,
        client_secret: SecretString,
        timeout: Duration,
    ) -> Self {
        TokenSource {
            client: Arc::new(TokenClient {
                http,
                token_url,
                client_id,
                client_secret,
                timeout,
            }),
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    /// A token that is still good, fetched first when there is none.
    pub async fn bearer(&self) -> Result<SecretString, ProxyError> {
        let state = self.state.clone().lock_owned().await;
        if let Some(token) = state.valid() {
            return Ok(token);
        }
        self.fetch(state).await
    }

    /// After Central refused `rejected`: a new token, unless another request already
    /// replaced it (then that one).
    pub async fn renew(&self, rejected: &SecretString) -> Result<SecretString, ProxyError> {
        let mut state = self.state.clone().lock_owned().await;
        if let Some(token) = state.valid() {
            if token.expose_secret() != rejected.expose_secret() {
                return Ok(token);
            }
        }
        state.current = None;
        self.fetch(state).await
    }

    /// Central refused `token` although it was fresh: the credentials do not fit this
    /// Central. Forget it, and give [`ProxyError::TokenRejected`] for [`FAILURE_HOLD`]
    /// without asking anyone.
    pub async fn refused(&self, token: &SecretString) -> ProxyError {
        let mut state = self.state.lock().await;
        let error = ProxyError::TokenRejected;
        if state
            .current
            .as_ref()
            .is_none_or(|c| c.token.expose_secret() == token.expose_secret())
        {
            state.current = None;
            state.failed = Some((Instant::now(), error.clone()));
        }
        error
    }

    /// How many tokens were fetched.
    pub async fn fetched(&self) -> u64 {
        self.state.lock().await.fetched
    }

    /// Fetches on a task of its own, which keeps the lock until the answer is stored.
    async fn fetch(&self, mut state: OwnedMutexGuard<State>) -> Result<SecretString, ProxyError> {
        if let Some((at, error)) = &state.failed {
            if at.elapsed() < FAILURE_HOLD {
                return Err(error.clone());
            }
        }
        let client = self.client.clone();
        let task = tokio::spawn(async move {
            let asked_at = Instant::now();
            let result = client.request().await;
            state.fetched += 1;
            match result {
                Ok(answer) => {
                    let lifetime = answer.lifetime();
                    // Renew a little early: a tenth of the lifetime, at most a minute.
                    let margin = (lifetime / 10).min(Duration::from_secs(60));
                    let token = SecretString::from(answer.access_token);
                    state.current = Some(Cached {
                        token: token.clone(),
                        renew_at: asked_at.checked_add(lifetime - margin).unwrap_or(asked_at),
                    });
                    state.failed = None;
                    Ok(token)
                }
                Err(error) => {
                    state.current = None;
                    state.failed = Some((Instant::now(), error.clone()));
                    Err(error)
                }
            }
        });
        task.await.unwrap_or(Err(ProxyError::Internal))
    }
}

impl TokenClient {
    async fn request(&self) -> Result<TokenAnswer, ProxyError> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose_secret()),
        ];
        let transport = |e: reqwest::Error| ProxyError::token_transport(&e, self.timeout);
        let mut response = self
            .http
            .post(&self.token_url)
            .header("accept", "application/json")
            .form(&form)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > MAX_TOKEN_ANSWER_BYTES {
                return Err(ProxyError::TokenUnreadable);
            }
            body.extend_from_slice(&chunk);
        }
        if !status.is_success() {
            // Only the RFC 6749 error code is repeated: nothing else of the answer.
            let code = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("error")?.as_str().map(str::to_owned))
                .filter(|c| c.len() <= 64 && c.bytes().all(|b| b.is_ascii_graphic()));
            return Err(ProxyError::TokenRefused {
                status: status.as_u16(),
                code,
            });
        }
        match serde_json::from_slice::<TokenAnswer>(&body) {
            Ok(answer) if !answer.access_token.is_empty() => Ok(answer),
            _ => Err(ProxyError::TokenUnreadable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lifetime(expires_in: serde_json::Value) -> Duration {
        TokenAnswer {
            access_token: "t".into(),
            expires_in: Some(expires_in),
        }
        .lifetime()
    }

    #[test]
    fn the_lifetime_is_clamped_and_never_overflows() {
        use serde_json::json;
        assert_eq!(lifetime(json!(7200)), Duration::from_secs(7200));
        assert_eq!(lifetime(json!(0)), MIN_LIFETIME);
        assert_eq!(lifetime(json!(-5)), MIN_LIFETIME);
        assert_eq!(lifetime(json!(9_223_372_036_854_775_807u64)), MAX_LIFETIME);
        assert_eq!(lifetime(json!(u64::MAX)), MAX_LIFETIME);
        assert_eq!(lifetime(json!(1e300)), MAX_LIFETIME);
        assert_eq!(lifetime(json!("3600")), Duration::from_secs(3600));
        assert_eq!(lifetime(json!("soon")), DEFAULT_LIFETIME);
        assert_eq!(lifetime(json!(null)), DEFAULT_LIFETIME);
        let far = Instant::now().checked_add(MAX_LIFETIME);
        assert!(far.is_some(), "the longest lifetime fits an Instant");
    }
}
