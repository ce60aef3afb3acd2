//! What the proxy's tests share: mock-central and the proxy on free ports of 127.0.0.1,
//! mock-central's request log, and requests written byte for byte.
#![allow(dead_code)] // Each test file uses its own part of it.

use central_proxy::config::Config;
use mock_central::server::OAuthClient;
use reqwest::StatusCode;
use secrecy::SecretString;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::time::Duration;

pub const SECRET: &str = "s3cret-of-the-api-client";
pub const V1: &str = "/network-troubleshooting/v1";

/// A server on a free port of 127.0.0.1 that stops when this is dropped.
pub struct Running {
    pub base: String,
    pub _stop: tokio::sync::oneshot::Sender<()>,
}

pub async fn mock(token_ttl: Duration) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let config = mock_central::Config {
        token: None,
        oauth: Some(OAuthClient {
            client_id: "client-1".into(),
            client_secret: SECRET.into(),
            token_ttl,
        }),
        reply_interval: Duration::from_millis(100),
        rate_limit_per_second: 10_000,
        log_requests: false,
        ..mock_central::Config::default()
    };
    tokio::spawn(mock_central::serve(listener, config, async {
        let _ = stopped.await;
    }));
    Running { base, _stop: stop }
}

pub fn config(central: &Running, secret: &str, timeout: Duration) -> Config {
    let mut config = Config::new(
        &central.base,
        &format!("{}/as/token.oauth2", central.base),
        "client-1",
        SecretString::from(secret.to_owned()),
    );
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.connect_timeout = Duration::from_secs(2);
    config.timeout = timeout;
    // The tests send more than Central's 7 a second; the budget has tests of its own.
    config.max_requests_per_second = 1000;
    config.log_requests = false;
    config
}

pub async fn proxy(config: Config) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(central_proxy::serve(listener, config, async {
        let _ = stopped.await;
    }));
    Running { base, _stop: stop }
}

/// What mock-central was asked, as `(method, path)`.
pub async fn mock_log(central: &Running) -> Vec<(String, String)> {
    mock_log_entries(central)
        .await
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_owned(),
                r["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// mock-central's request log as it serves it: `{method, path, kind, status, …}` each.
pub async fn mock_log_entries(central: &Running) -> Vec<Value> {
    reqwest::get(format!("{}/__mock/requests", central.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub async fn clear_mock_log(central: &Running) {
    reqwest::Client::new()
        .delete(format!("{}/__mock/requests", central.base))
        .send()
        .await
        .unwrap();
}

pub fn token_requests(log: &[(String, String)]) -> usize {
    log.iter().filter(|(_, p)| p == "/as/token.oauth2").count()
}

/// Starts a test through the proxy; its location.
pub async fn start_test(proxy: &Running, serial: &str, count: u32) -> String {
    let r = reqwest::Client::new()
        .post(format!("{}{V1}/aps/{serial}/ping", proxy.base))
        // The browser's own credentials are not Central's: the proxy drops them.
        .header("authorization", "Bearer from-the-browser")
        .header("cookie", "session=abc")
        .json(&json!({ "destination": "a.example", "count": count }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let body: Value = r.json().await.unwrap();
    body["location"].as_str().unwrap().to_owned()
}

/// One HTTP/1.1 request with the path exactly as written (an HTTP library would resolve
/// `..` before sending): its status and body.
pub fn raw_request(address: &str, method: &str, path: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

/// An HTTP/1.1 exchange written byte for byte (`Connection: close` is the caller's):
/// the status and the whole answer as text.
pub fn raw_exchange(address: &str, request: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer)
}

/// A stand-in for any server, from an axum router, on a free port of 127.0.0.1.
pub async fn fake(router: axum::Router) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
    });
    Running { base, _stop: stop }
}

/// The proxy's address without the scheme.
pub fn address(running: &Running) -> String {
    running.base.trim_start_matches("http://").to_owned()
}

/// A status request through the proxy, as a well-behaved client sends it.
pub async fn poll_status(proxy: &Running) -> (StatusCode, Value) {
    let r = reqwest::get(format!(
        "{}{V1}/aps/CNF7G9X001/ping/async-operations/t-1",
        proxy.base
    ))
    .await
    .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}
