//! A stand-in on a free port of 127.0.0.1 for the HTTP tests, and what they ask of it.
// Each test file uses a part of it.
#![allow(dead_code)]

use mock_central::{serve, Config};
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;

/// A running stand-in on a free port; stops when dropped.
pub struct Mock {
    pub base: String,
    pub client: reqwest::Client,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub async fn start(config: Config) -> Mock {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve(listener, config, async {
        let _ = stopped.await;
    }));
    Mock {
        base,
        client: reqwest::Client::new(),
        _stop: stop,
    }
}

/// Replies `reply_interval_ms` apart, and no per-second limit in the way.
pub fn fast(reply_interval_ms: u64) -> Config {
    Config {
        reply_interval: Duration::from_millis(reply_interval_ms),
        rate_limit_per_second: 10_000,
        log_requests: false,
        ..Config::default()
    }
}

impl Mock {
    /// `GET path` with the demo token.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth("demo-token")
            .send()
            .await
            .unwrap()
    }

    /// `POST {api}/aps/{serial}/ping` with the demo token: status and body.
    pub async fn post_ping(&self, api: &str, serial: &str, body: &Value) -> (StatusCode, Value) {
        self.post_start(api, "ping", serial, body).await
    }

    /// `POST {api}/aps/{serial}/{operation}` with the demo token: status and body.
    pub async fn post_start(
        &self,
        api: &str,
        operation: &str,
        serial: &str,
        body: &Value,
    ) -> (StatusCode, Value) {
        let r = self
            .client
            .post(format!("{}{api}/aps/{serial}/{operation}", self.base))
            .bearer_auth("demo-token")
            .json(body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Polls `location` until a terminal status; every body seen.
    pub async fn poll_to_end(&self, location: &str) -> Vec<Value> {
        let mut seen = Vec::new();
        for _ in 0..1000 {
            let body: Value = self.get(location).await.json().await.unwrap();
            let done = matches!(body["status"].as_str(), Some("COMPLETED" | "FAILED"));
            seen.push(body);
            if done {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        panic!("{location} never finished");
    }

    /// One of the stand-in's own `/__mock/...` endpoints, as JSON.
    pub async fn mock_endpoint(&self, name: &str) -> Value {
        self.client
            .get(format!("{}/__mock/{name}", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}
