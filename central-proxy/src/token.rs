//! The one place that owns the API token: gets it with client credentials, keeps it until
//! shortly before it expires, and refreshes it once however many requests wait for it
//! (single flight: the lock is held while the token endpoint answers).

use crate::error::ProxyError;
use secrecy::{ExposeSecret, SecretString};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// After a refused or failed token request, the same error is given for this long
/// without asking again, so a misconfigured proxy cannot hammer the token endpoint.
const FAILURE_HOLD: Duration = Duration::from_secs(5);

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

/// Gets and caches the bearer token for Central.
pub struct TokenSource {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: SecretString,
    timeout: Duration,
    state: Mutex<State>,
}

/// The token endpoint's answer (RFC 6749 §5.1).
#[derive(serde::Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: Option<u64>,
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
            http,
            token_url,
            client_id,
            client_secret,
            timeout,
            state: Mutex::new(State::default()),
        }
    }

    /// A token that is still good, fetched first when there is none.
    pub async fn bearer(&self) -> Result<SecretString, ProxyError> {
        let mut state = self.state.lock().await;
        if let Some(cached) = state
            .current
            .as_ref()
            .filter(|c| Instant::now() < c.renew_at)
        {
            return Ok(cached.token.clone());
        }
        self.fetch(&mut state).await
    }

    /// After Central refused `rejected`: a new token, unless another request already
    /// replaced it (then that one).
    pub async fn renew(&self, rejected: &SecretString) -> Result<SecretString, ProxyError> {
        let mut state = self.state.lock().await;
        if let Some(cached) = &state.current {
            if cached.token.expose_secret() != rejected.expose_secret()
                && Instant::now() < cached.renew_at
            {
                return Ok(cached.token.clone());
            }
        }
        state.current = None;
        self.fetch(&mut state).await
    }

    /// How many tokens were fetched.
    pub async fn fetched(&self) -> u64 {
        self.state.lock().await.fetched
    }

    async fn fetch(&self, state: &mut State) -> Result<SecretString, ProxyError> {
        if let Some((at, error)) = &state.failed {
            if at.elapsed() < FAILURE_HOLD {
                return Err(error.clone());
            }
        }
        let asked_at = Instant::now();
        let result = self.request().await;
        state.fetched += 1;
        match result {
            Ok(answer) => {
                let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(300));
                // Renew a little early: a tenth of the lifetime, at most a minute.
                let margin = (lifetime / 10).min(Duration::from_secs(60));
                let token = SecretString::from(answer.access_token);
                state.current = Some(Cached {
                    token: token.clone(),
                    renew_at: asked_at + lifetime - margin,
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
    }

    async fn request(&self) -> Result<TokenAnswer, ProxyError> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose_secret()),
        ];
        let response = self
            .http
            .post(&self.token_url)
            .header("accept", "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| ProxyError::token_transport(&e, self.timeout))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| ProxyError::token_transport(&e, self.timeout))?;
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
