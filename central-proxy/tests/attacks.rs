//! A hostile page in the admin's browser, and hostile or broken servers behind the proxy.
//! Each attack is refused (or bounded) without reaching Central (mock-central's request
//! log stays empty) and without the proxy dying: a good request still works after it.

mod support;

use axum::routing::post;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::*;

const START: &str = "/network-troubleshooting/v1alpha1/aps/CNF7G9X001/ping";
const TRACE: &str = "/network-troubleshooting/v1alpha1/aps/CNF7G9X001/traceroute";
/// Both forwarded tests' start paths: every attack on one is tried on the other.
const STARTS: [&str; 2] = [START, TRACE];
const BODY: &str = r#"{"destination":"8.8.8.8"}"#;

async fn central_and_proxy() -> (Running, Running) {
    let central = mock(Duration::from_secs(600)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    clear_mock_log(&central).await;
    (central, proxy)
}

/// After an attack: nothing reached Central, and the proxy still forwards a good request.
async fn nothing_reached_central_and_the_proxy_lives(central: &Running, proxy: &Running) {
    assert_eq!(mock_log(central).await, [], "nothing reached Central");
    start_test(proxy, "CNF7G9X001", 1).await;
}

fn post_with(address: &str, headers: &str, body: &str) -> (u16, String) {
    post_to(address, START, headers, body)
}

/// `POST path` written byte for byte with these headers and body.
fn post_to(address: &str, path: &str, headers: &str, body: &str) -> (u16, String) {
    raw_exchange(
        address,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: {address}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

fn error_code(answer: &str) -> String {
    // A whole answer, or just its body.
    let body = answer.split_once("\r\n\r\n").map_or(answer, |(_, b)| b);
    serde_json::from_str::<Value>(body).map_or_else(
        |_| body.to_owned(),
        |v| v["errorCode"].as_str().unwrap_or("").to_owned(),
    )
}

// Multi-threaded: the raw requests block their thread while the servers answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_simple_cross_site_post_cannot_start_a_test() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    for start in STARTS {
        // What a form or fetch(…, {mode: "no-cors"}) on https://evil.example sends.
        let (status, answer) = post_to(
            &address,
            start,
            "Origin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: no-cors\r\nContent-Type: text/plain;charset=UTF-8\r\n",
            BODY,
        );
        assert_eq!(status, 403, "{start}: {answer}");
        assert_eq!(error_code(&answer), "CENTRAL_PROXY_FOREIGN_ORIGIN");
    }
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_foreign_origin_is_refused_for_every_method() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    let json = "Content-Type: application/json\r\n";
    for (origin, start) in ["https://evil.example", "http://127.0.0.1:1", "null"]
        .into_iter()
        .flat_map(|origin| STARTS.map(|start| (origin, start)))
    {
        let (status, answer) = post_to(
            &address,
            start,
            &format!("Origin: {origin}\r\n{json}"),
            BODY,
        );
        assert_eq!(
            (status, error_code(&answer).as_str()),
            (403, "CENTRAL_PROXY_FOREIGN_ORIGIN"),
            "{origin} {start}"
        );
        let (status, _) = raw_exchange(
            &address,
            &format!("GET {start}/async-operations/t-1 HTTP/1.1\r\nHost: {address}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(status, 403, "GET {start} from {origin}");
        let (status, _) = raw_exchange(
            &address,
            &format!("OPTIONS {start} HTTP/1.1\r\nHost: {address}\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(status, 403, "preflight of {start} from {origin}");
    }
    // A Referer says the same when there is no Origin.
    let (status, _) = post_with(
        &address,
        &format!("Referer: https://evil.example/page\r\n{json}"),
        BODY,
    );
    assert_eq!(status, 403);
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_fetch_without_an_origin_is_refused() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    for site in ["cross-site", "same-site"] {
        let (status, answer) = raw_exchange(
            &address,
            &format!("GET {START}/async-operations/t-1 HTTP/1.1\r\nHost: {address}\r\nSec-Fetch-Site: {site}\r\nSec-Fetch-Mode: no-cors\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(
            (status, error_code(&answer).as_str()),
            (403, "CENTRAL_PROXY_FOREIGN_ORIGIN"),
            "{site}"
        );
    }
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_foreign_host_is_refused_which_stops_dns_rebinding() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    let port = address.rsplit_once(':').unwrap().1;
    for host in [
        format!("evil.example:{port}"),
        "evil.example".into(),
        format!("127.0.0.1.nip.io:{port}"),
    ] {
        // Same-origin as far as the browser knows: the page is on the rebound name.
        let (status, answer) = raw_exchange(
            &address,
            &format!("GET {START}/async-operations/t-1 HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nSec-Fetch-Site: same-origin\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(
            (status, error_code(&answer).as_str()),
            (421, "CENTRAL_PROXY_FOREIGN_HOST"),
            "{host}"
        );
    }
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_that_is_not_json_is_refused_even_from_the_own_origin() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    for start in STARTS {
        for content_type in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
        ] {
            let (status, answer) = post_to(
                &address,
                start,
                &format!("Origin: http://{address}\r\nContent-Type: {content_type}\r\n"),
                BODY,
            );
            assert_eq!(
                (status, error_code(&answer).as_str()),
                (415, "CENTRAL_PROXY_NOT_JSON"),
                "{start} {content_type}"
            );
        }
        let (status, _) = post_to(&address, start, "", BODY);
        assert_eq!(status, 415, "{start} with no Content-Type");
    }
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_start_body_of_the_wrong_shape_or_past_the_limits_is_refused() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    let ping = [r#"{"count":5}"#, r#"{"destination":"a","count":1000}"#];
    let traceroute = [
        r#"{"sourceInterface":"eth0"}"#,
        r#"{"destination":"a b"}"#,
        r#"{"destination":"a","sourceInterface":""}"#,
        r#"{"destination":"a","includeRawOutput":"yes"}"#,
        r#"{"destination":"a","sourceInterface":5}"#,
    ];
    let either = ["[1]", "{", "\u{fffd}"];
    for (start, body) in ping
        .iter()
        .chain(&either)
        .map(|b| (START, b))
        .chain(traceroute.iter().chain(&either).map(|b| (TRACE, b)))
    {
        let (status, answer) = post_to(&address, start, "Content-Type: application/json\r\n", body);
        assert_eq!(
            (status, error_code(&answer).as_str()),
            (400, "CENTRAL_PROXY_INVALID_START"),
            "{start} {body}"
        );
    }
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test]
async fn only_the_start_bodys_known_fields_reach_central() {
    // A Central that keeps the bodies it is sent.
    let bodies = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let kept = bodies.clone();
    let central = fake(
        axum::Router::new()
            .route(
                "/as/token.oauth2",
                post(|| async { json_answer(json!({ "access_token": "t", "expires_in": 3600 })) }),
            )
            .fallback(move |uri: axum::http::Uri, body: String| {
                let kept = kept.clone();
                async move {
                    kept.lock().unwrap().push(format!("{} {body}", uri.path()));
                    (
                        StatusCode::ACCEPTED,
                        json_answer(json!({ "location": format!("{uri}/async-operations/t-1") })),
                    )
                }
            }),
    )
    .await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    for (start, body) in [
        (
            START,
            json!({ "destination": " a.example ", "count": 3, "__proto__": {"x": 1}, "command": "reboot" }),
        ),
        (
            TRACE,
            json!({ "maxHops": 255, "includeRawOutput": true, "destination": " a.example ", "sourceInterface": "eth0", "count": 3, "command": "reboot" }),
        ),
    ] {
        let r = reqwest::Client::new()
            .post(format!("{}{start}", proxy.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::ACCEPTED, "{start}");
    }
    assert_eq!(
        *bodies.lock().unwrap(),
        [
            format!(r#"{START} {{"destination":"a.example","count":3}}"#),
            format!(
                r#"{TRACE} {{"destination":"a.example","sourceInterface":"eth0","includeRawOutput":true}}"#
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_serials_and_task_ids_only() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    for operation in ["ping", "traceroute"] {
        for path in [
            "/network-troubleshooting/v1/aps/CN%252F1/{op}/async-operations/t",
            "/network-troubleshooting/v1/aps/CN1/{op}/async-operations/%EF%BC%8E%EF%BC%8E",
            "/network-troubleshooting/v1/aps/CN1/{op}/async-operations/a%E2%80%AEb",
            "/network-troubleshooting/v1/aps/CN1;x/{op}/async-operations/t",
            "/network-troubleshooting/v1/aps/CN1/{op}/async-operations/t;x=1",
            "/network-troubleshooting/v1/aps/CN_1/{op}/async-operations/t",
            "/network-troubleshooting/v1/aps/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/{op}/async-operations/t",
            "/network-troubleshooting/v1/aps/CN1/{op}/async-operations/t_1",
        ] {
            let path = path.replace("{op}", operation);
            let (status, _) = raw_request(&address, "GET", &path);
            assert_eq!(status, 404, "{path}");
        }
        let (status, _) = raw_request(
            &address,
            "POST",
            &format!("/network-troubleshooting/v1/aps/CN-1/{operation}"),
        );
        assert_eq!(status, 404, "a serial with a dash");
    }
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn slow_headers_and_slow_bodies_are_cut_off() {
    let central = mock(Duration::from_secs(600)).await;
    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.header_timeout = Duration::from_secs(1);
    config.body_timeout = Duration::from_secs(1);
    config.max_connections = 64;
    let proxy = proxy(config).await;
    clear_mock_log(&central).await;
    let address = address(&proxy);
    let began = Instant::now();
    // 200 connections with half-sent headers, and 20 that send nothing at all: more than
    // the 64 that may be open at once, so the last ones wait to be accepted.
    let slow: Vec<std::net::TcpStream> = (0..220)
        .map(|i| {
            let mut s = std::net::TcpStream::connect(&address).unwrap();
            if i < 200 {
                s.write_all(
                    format!(
                        "GET {START}/async-operations/t-1 HTTP/1.1\r\nHost: {address}\r\nX-Slow: "
                    )
                    .as_bytes(),
                )
                .unwrap();
            }
            s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
            s
        })
        .collect();
    let closed = tokio::task::spawn_blocking(move || {
        slow.into_iter()
            .filter(|s| {
                let mut s = s;
                let mut rest = Vec::new();
                // The proxy closes it (perhaps after a 408): read to the end.
                s.read_to_end(&mut rest).is_ok()
            })
            .count()
    })
    .await
    .unwrap();
    let waited = began.elapsed();
    assert_eq!(closed, 220, "every slow connection was closed by the proxy");
    // 220 connections, 64 at a time, 1 s each: about 4 s; far below the 45 s they lasted.
    assert!(waited < Duration::from_secs(15), "closed after {waited:?}");

    // A POST whose body never finishes is answered 408 after the body timeout.
    let mut s = std::net::TcpStream::connect(&address).unwrap();
    s.write_all(format!("POST {START} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"desti").as_bytes()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let began = Instant::now();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("CENTRAL_PROXY_BODY_TIMEOUT"), "{answer}");
    assert!(
        began.elapsed() < Duration::from_secs(10),
        "{:?}",
        began.elapsed()
    );
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test]
async fn the_request_budget_answers_429_with_retry_after_past_it() {
    let central = mock(Duration::from_secs(600)).await;
    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.max_requests_per_second = 3;
    let proxy = proxy(config).await;
    clear_mock_log(&central).await;
    let mut statuses = Vec::new();
    let mut retry_after = None;
    // Ping and traceroute spend the one budget.
    for start in STARTS.iter().cycle().take(6) {
        let r = reqwest::get(format!("{}{start}/async-operations/t-1", proxy.base))
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            retry_after = r
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_owned());
            let body: Value = r.json().await.unwrap();
            assert_eq!(body["errorCode"], "CENTRAL_PROXY_RATE_LIMITED");
        }
    }
    let forwarded = statuses.iter().filter(|s| **s != 429).count();
    assert!(
        (3..=4).contains(&forwarded),
        "a burst of 3 (a 4th if a third of a second passed): {statuses:?}"
    );
    assert_eq!(retry_after.as_deref(), Some("1"));
    let api = mock_log(&central)
        .await
        .iter()
        .filter(|(_, p)| p.starts_with("/network-troubleshooting/"))
        .count();
    assert_eq!(api, forwarded, "only the forwarded ones reached Central");
}

/// A token endpoint that answers `answer` (with `delay`) and counts its requests.
async fn token_endpoint(
    delay: Duration,
    answer: impl Fn() -> axum::response::Response + Send + Sync + 'static,
) -> (Running, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    let answer = Arc::new(answer);
    let router = axum::Router::new().route(
        "/as/token.oauth2",
        post(move || {
            let (counted, answer) = (counted.clone(), answer.clone());
            async move {
                counted.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(delay).await;
                answer()
            }
        }),
    );
    (fake(router).await, count)
}

fn json_answer(value: Value) -> axum::response::Response {
    use axum::response::IntoResponse;
    axum::Json(value).into_response()
}

/// A token endpoint in front of mock-central's own (whose tokens mock-central accepts),
/// answering after `delay` with the answer rewritten, and counting its requests.
async fn relay_tokens(
    central: &Running,
    delay: Duration,
    rewrite: impl Fn(&mut Value) + Send + Sync + 'static,
) -> (Running, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    let rewrite = Arc::new(rewrite);
    let base = central.base.clone();
    let router = axum::Router::new().route(
        "/as/token.oauth2",
        post(move |body: String| {
            let (counted, rewrite, base) = (counted.clone(), rewrite.clone(), base.clone());
            async move {
                counted.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(delay).await;
                let mut answer: Value = reqwest::Client::new()
                    .post(format!("{base}/as/token.oauth2"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                rewrite(&mut answer);
                axum::Json(answer)
            }
        }),
    );
    (fake(router).await, count)
}

#[tokio::test]
async fn an_overflowing_or_zero_token_lifetime_neither_kills_the_proxy_nor_disables_the_cache() {
    for expires_in in [
        json!(9_223_372_036_854_775_807u64),
        json!(u64::MAX),
        json!(1e308),
        json!(0),
        json!(-1),
    ] {
        let central = mock(Duration::from_secs(600)).await;
        let expires = expires_in.clone();
        let (tokens, _) = relay_tokens(&central, Duration::ZERO, move |answer| {
            answer["expires_in"] = expires.clone()
        })
        .await;

        let mut config = config(&central, SECRET, Duration::from_secs(5));
        config.token_url = format!("{}/as/token.oauth2", tokens.base);
        let proxy = proxy(config).await;
        for _ in 0..5 {
            let (status, body) = poll_status(&proxy).await;
            assert_eq!(
                status,
                StatusCode::NOT_FOUND,
                "Central's own 404 for the unknown task ({expires_in}): {body}"
            );
        }
        let log = mock_log(&central).await;
        assert_eq!(
            token_requests(&log),
            1,
            "one token for 5 requests with expires_in {expires_in}: {log:?}"
        );
    }
}

#[tokio::test]
async fn a_huge_token_answer_is_cut_off_and_refused() {
    let central = mock(Duration::from_secs(600)).await;
    let sent = Arc::new(AtomicUsize::new(0));
    let counted = sent.clone();
    // 300 MB of a JSON string, sent as fast as the proxy reads it.
    let router = axum::Router::new().route(
        "/as/token.oauth2",
        post(move || {
            let counted = counted.clone();
            async move {
                let chunk = axum::body::Bytes::from(vec![b'a'; 1 << 20]);
                let head = futures_once(axum::body::Bytes::from_static(b"{\"access_token\":\""));
                let body = head.chain(tokio_stream_of(300, chunk, counted));
                axum::body::Body::from_stream(body)
            }
        }),
    );
    let tokens = fake(router).await;
    let mut config = config(&central, SECRET, Duration::from_secs(10));
    config.token_url = format!("{}/as/token.oauth2", tokens.base);
    let proxy = proxy(config).await;
    clear_mock_log(&central).await;
    let (status, body) = poll_status(&proxy).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY, "{body}");
    assert_eq!(body["errorCode"], "CENTRAL_PROXY_TOKEN_UNAVAILABLE");
    let megabytes = sent.load(Ordering::SeqCst);
    assert!(
        megabytes < 32,
        "the proxy stopped reading after 64 KiB; {megabytes} of 300 MB were sent"
    );
    assert_eq!(mock_log(&central).await, [], "nothing reached Central");
}

fn futures_once(
    bytes: axum::body::Bytes,
) -> impl futures_util::Stream<Item = Result<axum::body::Bytes, std::io::Error>> {
    futures_util::stream::once(async move { Ok(bytes) })
}

fn tokio_stream_of(
    count: usize,
    chunk: axum::body::Bytes,
    counted: Arc<AtomicUsize>,
) -> impl futures_util::Stream<Item = Result<axum::body::Bytes, std::io::Error>> {
    futures_util::stream::iter(0..count).map(move |_| {
        counted.fetch_add(1, Ordering::SeqCst);
        Ok(chunk.clone())
    })
}

use futures_util::StreamExt;

#[tokio::test]
async fn clients_that_give_up_do_not_cancel_the_shared_token_fetch() {
    let central = mock(Duration::from_secs(600)).await;
    let (tokens, asked) = relay_tokens(&central, Duration::from_secs(3), |_| {}).await;
    let mut config = config(&central, SECRET, Duration::from_secs(10));
    config.token_url = format!("{}/as/token.oauth2", tokens.base);
    let proxy = proxy(config).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let url = format!("{}{START}/async-operations/t-1", proxy.base);
    let impatient: Vec<_> = (0..4)
        .map(|_| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move { client.get(url).send().await.is_err() })
        })
        .collect();
    for gave_up in impatient {
        assert!(gave_up.await.unwrap(), "the client gave up after 1 s");
    }
    // The fetch went on without them: the next request finds its token.
    let (status, body) = poll_status(&proxy).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "Central's answer for the unknown task: {body}"
    );
    assert_eq!(
        asked.load(Ordering::SeqCst),
        1,
        "one token request for the 5 clients"
    );
}

#[tokio::test]
async fn a_fresh_token_that_central_refuses_is_not_fetched_again_per_request() {
    let central = mock(Duration::from_secs(600)).await;
    // Tokens Central does not know: an API client of another workspace.
    let (tokens, asked) = token_endpoint(Duration::ZERO, || {
        json_answer(json!({ "access_token": "of-another-central", "expires_in": 3600 }))
    })
    .await;
    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.token_url = format!("{}/as/token.oauth2", tokens.base);
    let proxy = proxy(config).await;
    clear_mock_log(&central).await;
    for i in 0..5 {
        let (status, body) = poll_status(&proxy).await;
        assert_eq!(status, StatusCode::BAD_GATEWAY, "request {i}: {body}");
        assert_eq!(
            body["errorCode"], "CENTRAL_PROXY_TOKEN_REJECTED",
            "request {i}"
        );
    }
    assert_eq!(
        asked.load(Ordering::SeqCst),
        2,
        "the token, and one renewal after Central's 401"
    );
    assert_eq!(
        mock_log(&central).await.len(),
        2,
        "the two refused requests only"
    );
}

#[tokio::test]
async fn api_answers_are_always_json_never_sniffed_never_cached() {
    let central = mock(Duration::from_secs(600)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let (status, _) = poll_status(&proxy).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let r = reqwest::get(format!("{}{START}/async-operations/t-1", proxy.base))
        .await
        .unwrap();
    let h = r.headers();
    assert_eq!(h["content-type"], "application/json");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    // A Central (or a load balancer before it) that answers HTML.
    let html = fake(
        axum::Router::new()
            .route(
                "/as/token.oauth2",
                post(|| async { json_answer(json!({ "access_token": "t", "expires_in": 3600 })) }),
            )
            .fallback(|| async { ([("content-type", "text/html")], "<script>alert(1)</script>") }),
    )
    .await;
    let mut config = config(&html, SECRET, Duration::from_secs(5));
    config.token_url = format!("{}/as/token.oauth2", html.base);
    let to_html = support::proxy(config).await;
    let r = reqwest::get(format!("{}{START}/async-operations/t-1", to_html.base))
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/json");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn cors_stays_closed_unless_an_origin_is_allowed_and_then_only_for_the_operations() {
    let central = mock(Duration::from_secs(600)).await;
    let closed = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let admin = "http://127.0.0.1:9";
    let preflight = |base: String, method: &'static str, headers: &'static str| async move {
        reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, format!("{base}{START}"))
            .header("origin", admin)
            .header("access-control-request-method", method)
            .header("access-control-request-headers", headers)
            .send()
            .await
            .unwrap()
    };
    let r = preflight(closed.base.clone(), "POST", "content-type").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.headers().get("access-control-allow-origin").is_none());

    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.allowed_origins = vec![admin.into()];
    let open = proxy(config).await;
    let r = preflight(open.base.clone(), "POST", "content-type").await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(r.headers()["access-control-allow-origin"], admin);
    assert_eq!(r.headers()["access-control-allow-methods"], "GET, POST");
    assert_eq!(r.headers()["access-control-allow-headers"], "content-type");
    for (method, headers) in [
        ("DELETE", "content-type"),
        ("POST", "content-type, x-other"),
        ("PUT", ""),
    ] {
        let r = preflight(open.base.clone(), method, headers).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{method} {headers}");
    }
    let r = reqwest::Client::new()
        .post(format!("{}{START}", open.base))
        .header("origin", admin)
        .header("sec-fetch-site", "cross-site")
        .json(&json!({ "destination": "a.example" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    assert_eq!(r.headers()["access-control-allow-origin"], admin);
    assert!(r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("retry-after"));
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_refuses_symlinks_out_of_its_folder_dotfiles_and_double_slashes() {
    let central = mock(Duration::from_secs(600)).await;
    let dir = std::env::temp_dir().join(format!("central-proxy-attack-{}", std::process::id()));
    let outside =
        std::env::temp_dir().join(format!("central-proxy-outside-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("snippets")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(dir.join("index.html"), "<title>widget</title>").unwrap();
    std::fs::write(dir.join("snippets/a.js"), "export {}").unwrap();
    std::fs::write(dir.join(".env"), "SECRET=1").unwrap();
    std::fs::write(outside.join("private.txt"), "private").unwrap();
    std::os::unix::fs::symlink(outside.join("private.txt"), dir.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("linked-dir")).unwrap();
    std::fs::write(dir.join("inside.txt"), "inside").unwrap();
    std::os::unix::fs::symlink(dir.join("inside.txt"), dir.join("link-inside.txt")).unwrap();
    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.serve = Some(dir.clone());
    let proxy = proxy(config).await;
    clear_mock_log(&central).await;
    let address = address(&proxy);
    for path in [
        "/link.txt",
        "/linked-dir/private.txt",
        "/linked-dir/",
        "/.env",
        "/%2Eenv",
        "//snippets",
        "//snippets/a.js",
        "/snippets//a.js",
    ] {
        let (status, answer) = raw_request(&address, "GET", path);
        assert_eq!(status, 404, "{path}: {answer}");
        assert!(
            !answer.contains("private") && !answer.contains("SECRET"),
            "{path}: {answer}"
        );
    }
    let page = reqwest::get(format!("{}/", proxy.base)).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let h = page.headers();
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["cross-origin-resource-policy"], "same-origin");
    assert_eq!(
        h["server-timing"], "central-proxy",
        "how the demo knows who served it"
    );
    let inside = reqwest::get(format!("{}/link-inside.txt", proxy.base))
        .await
        .unwrap();
    assert_eq!(
        inside.text().await.unwrap(),
        "inside",
        "a link within the folder is served"
    );
    let folder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/snippets", proxy.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        folder.headers()["location"],
        "/snippets/",
        "a same-origin redirect"
    );
    // A link from another site may open a served page (the browser sends that site as
    // the Referer), but not call the API that way.
    let link = "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nReferer: https://wiki.example/page\r\n";
    let (status, _) = raw_exchange(
        &address,
        &format!("GET / HTTP/1.1\r\nHost: {address}\r\n{link}Connection: close\r\n\r\n"),
    );
    assert_eq!(status, 200);
    let (status, _) = raw_exchange(
        &address,
        &format!("GET {START}/async-operations/t-1 HTTP/1.1\r\nHost: {address}\r\n{link}Connection: close\r\n\r\n"),
    );
    assert_eq!(status, 403);
    // A name too long for the file system is no such file, not a 500.
    let (status, answer) = raw_request(&address, "GET", &format!("/{}", "a".repeat(300)));
    assert_eq!(
        (status, error_code(&answer).as_str()),
        (404, "CENTRAL_PROXY_FILE_NOT_FOUND")
    );
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(outside).unwrap();
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_its_answers_is_cut_off() {
    let central = mock(Duration::from_secs(600)).await;
    let dir = std::env::temp_dir().join(format!("central-proxy-unread-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("big.wasm"), vec![7u8; 4 << 20]).unwrap();
    std::fs::write(dir.join("index.html"), "<title>widget</title>").unwrap();
    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.serve = Some(dir.clone());
    config.max_connections = 1;
    config.body_timeout = Duration::from_secs(1);
    let proxy = proxy(config).await;
    let address = address(&proxy);
    // The one connection there may be: 20 requests for 4 MB, none of it ever read.
    let mut greedy = std::net::TcpStream::connect(&address).unwrap();
    let request = format!("GET /big.wasm HTTP/1.1\r\nHost: {address}\r\n\r\n");
    greedy.write_all(request.repeat(20).as_bytes()).unwrap();
    let began = Instant::now();
    let (status, _) = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(&address).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(
            format!("GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .unwrap();
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        (
            answer
                .get(9..12)
                .and_then(|c| c.parse::<u16>().ok())
                .unwrap_or(0),
            answer,
        )
    })
    .await
    .unwrap();
    assert_eq!(
        status, 200,
        "the next client was served once the stalled one was cut off"
    );
    assert!(
        began.elapsed() < Duration::from_secs(15),
        "{:?}",
        began.elapsed()
    );
    drop(greedy);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_cannot_be_read_is_a_bad_request_not_a_large_one() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    let (status, answer) = raw_exchange(
        &address,
        &format!("POST {START} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nffffffffffffffffff\r\nx\r\n0\r\n\r\n"),
    );
    assert_eq!(
        (status, error_code(&answer).as_str()),
        (400, "CENTRAL_PROXY_INVALID_START"),
        "{answer}"
    );
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

const AP_LIST: &str = "/network-monitoring/v1/aps";
const HQ: &str = "filter=siteName%20eq%20%27HQ%27";

/// The error's `message`, from a whole answer or its body.
fn error_message(answer: &str) -> String {
    let body = answer.split_once("\r\n\r\n").map_or(answer, |(_, b)| b);
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v["message"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ap_list_takes_only_its_four_parameters_each_checked() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    let long = "a".repeat(257);
    for (query, named) in [
        (format!("{HQ}&deviceType=SWITCH"), "deviceType"),
        (format!("{HQ}&{HQ}"), "filter is given twice"),
        (
            format!("{HQ}&filter=status%20eq%20%27ONLINE%27"),
            "filter is given twice",
        ),
        (
            format!("filter={long}"),
            "filter must have 1 to 256 characters, not 257",
        ),
        (format!("{HQ}%0A"), "filter has a control character"),
        (format!("{HQ}%00"), "filter has a control character"),
        ("limit=1001".into(), "limit must be"),
        ("limit=-1".into(), "limit must be"),
        ("limit=%2B5".into(), "limit must be"),
        ("limit=1&limit=1".into(), "limit is given twice"),
        ("next=../x".into(), "next must be"),
        ("next=..%2Fx".into(), "next must be"),
        (format!("next={}", "1".repeat(65)), "next must be"),
        ("sort=name%3Bdrop".into(), "sort must be"),
        ("filter=%ZZ".into(), "filter is not percent-encoded UTF-8"),
        ("filter=%FF".into(), "filter is not percent-encoded UTF-8"),
        ("filter".into(), "name=value"),
    ] {
        let (status, answer) = raw_request(&address, "GET", &format!("{AP_LIST}?{query}"));
        assert_eq!(
            (status, error_code(&answer).as_str()),
            (400, "CENTRAL_PROXY_BAD_QUERY"),
            "{query}: {answer}"
        );
        let message = error_message(&answer);
        assert!(message.contains(named), "{query}: {message}");
    }
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_else_of_the_monitoring_api_is_forwarded() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    for (method, path) in [
        ("GET", "/network-monitoring/v1/devices"),
        ("GET", "/network-monitoring/v1/devices?deviceType=SWITCH"),
        ("GET", "/network-monitoring/v1/aps/HQ00000001"),
        ("GET", "/network-monitoring/v2/aps"),
        ("GET", "/network-monitoring/v1alpha1/aps"),
        ("GET", "/network-monitoring/v1/aps/"),
        ("GET", "/network-monitoring/v1/%61ps"),
        ("GET", "/network-monitoring/v1/aps/../devices"),
        ("GET", "/network-monitoring/v1/aps;x=1"),
        ("GET", "//network-monitoring/v1/aps"),
        ("POST", "/network-monitoring/v1/aps"),
        ("DELETE", "/network-monitoring/v1/aps"),
        ("PUT", "/network-monitoring/v1/aps"),
    ] {
        let (status, answer) = raw_request(&address, method, path);
        assert_eq!(
            (status, error_code(&answer).as_str()),
            (404, "CENTRAL_PROXY_NOT_FORWARDED"),
            "{method} {path}: {answer}"
        );
    }
    // HEAD is a file's method: without --serve, no such thing (no body to read).
    let (status, _) = raw_request(&address, "HEAD", AP_LIST);
    assert_eq!(status, 404);
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_page_cannot_read_the_ap_list() {
    let (central, proxy) = central_and_proxy().await;
    let address = address(&proxy);
    let list = format!("{AP_LIST}?{HQ}&limit=1000");
    let get = |headers: &str| {
        raw_exchange(
            &address,
            &format!(
                "GET {list} HTTP/1.1\r\nHost: {address}\r\n{headers}Connection: close\r\n\r\n"
            ),
        )
    };
    for headers in [
        "Origin: https://evil.example\r\n",
        "Origin: null\r\n",
        "Origin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: cors\r\n",
        "Referer: https://evil.example/page\r\n",
        "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: no-cors\r\n",
        "Sec-Fetch-Site: same-site\r\nSec-Fetch-Mode: no-cors\r\n",
        // A link to the list is no page of the proxy's: a navigation does not pass either.
        "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nReferer: https://evil.example/\r\n",
    ] {
        let (status, answer) = get(headers);
        assert_eq!(
            (status, error_code(&answer).as_str()),
            (403, "CENTRAL_PROXY_FOREIGN_ORIGIN"),
            "{headers:?}"
        );
        assert!(
            !answer.to_ascii_lowercase().contains("access-control-allow-origin"),
            "{answer}"
        );
    }
    let (status, _) = raw_exchange(
        &address,
        &format!("OPTIONS {list} HTTP/1.1\r\nHost: {address}\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Method: GET\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 403, "preflight");
    // DNS rebinding: the page is on the rebound name, same-origin as far as it knows.
    let port = address.rsplit_once(':').unwrap().1;
    let (status, answer) = raw_exchange(
        &address,
        &format!("GET {list} HTTP/1.1\r\nHost: evil.example:{port}\r\nOrigin: http://evil.example:{port}\r\nSec-Fetch-Site: same-origin\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(
        (status, error_code(&answer).as_str()),
        (421, "CENTRAL_PROXY_FOREIGN_HOST")
    );
    // The guard comes first: a bad query from another site is a 403, not a 400.
    let (status, _) = raw_exchange(
        &address,
        &format!("GET {AP_LIST}?limit=5000 HTTP/1.1\r\nHost: {address}\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 403);
    nothing_reached_central_and_the_proxy_lives(&central, &proxy).await;
}

#[tokio::test]
async fn the_ap_list_spends_the_same_request_budget_and_a_refused_query_spends_none() {
    let central = mock(Duration::from_secs(600)).await;
    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.max_requests_per_second = 3;
    let proxy = proxy(config).await;
    clear_mock_log(&central).await;
    for _ in 0..10 {
        let r = reqwest::get(format!("{}{AP_LIST}?limit=1001", proxy.base))
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
    let mut statuses = Vec::new();
    for i in 0..6 {
        // The list and a ping status in turn: one budget for both.
        let path = if i % 2 == 0 {
            format!("{AP_LIST}?{HQ}&limit=1000")
        } else {
            format!("{START}/async-operations/t-1")
        };
        let r = reqwest::get(format!("{}{path}", proxy.base)).await.unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(r.headers()["retry-after"], "1");
            let body: Value = r.json().await.unwrap();
            assert_eq!(body["errorCode"], "CENTRAL_PROXY_RATE_LIMITED");
        }
    }
    let forwarded = statuses.iter().filter(|s| **s != 429).count();
    assert!(
        (3..=4).contains(&forwarded),
        "a burst of 3 (a 4th if a third of a second passed), none spent on the refused queries: {statuses:?}"
    );
    assert_eq!(
        statuses[..3].iter().filter(|s| **s == 429).count(),
        0,
        "{statuses:?}"
    );
    let reached = mock_log(&central)
        .await
        .iter()
        .filter(|(_, p)| p.starts_with("/network-"))
        .count();
    assert_eq!(
        reached, forwarded,
        "only the forwarded ones reached Central"
    );
}

#[tokio::test]
async fn an_allowed_origin_reads_the_ap_list_through_cors_and_no_other_does() {
    let central = mock(Duration::from_secs(600)).await;
    let admin = "http://127.0.0.1:9";
    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.allowed_origins = vec![admin.into()];
    let proxy = proxy(config).await;
    let list = format!("{}{AP_LIST}?{HQ}&limit=1000", proxy.base);
    let client = reqwest::Client::new();
    let preflight = client
        .request(reqwest::Method::OPTIONS, &list)
        .header("origin", admin)
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert_eq!(preflight.headers()["access-control-allow-origin"], admin);
    let r = client
        .get(&list)
        .header("origin", admin)
        .header("sec-fetch-site", "cross-site")
        .header("sec-fetch-mode", "cors")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["access-control-allow-origin"], admin);
    assert!(r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("x-ratelimit-remaining"));
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["total"], 40);
    // Its refusals are readable by it too; another origin's request is not answered.
    let r = client
        .get(format!("{}{AP_LIST}?limit=1001", proxy.base))
        .header("origin", admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["access-control-allow-origin"], admin);
    clear_mock_log(&central).await;
    let r = client
        .get(&list)
        .header("origin", "http://127.0.0.1:10")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.headers().get("access-control-allow-origin").is_none());
    assert_eq!(mock_log(&central).await, []);
}
