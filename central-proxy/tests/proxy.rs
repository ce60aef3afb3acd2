//! The proxy over real HTTP on 127.0.0.1, in front of mock-central's OAuth token endpoint
//! and API: tokens that expire mid-test, single-flight renewal, refused paths, timeouts,
//! and a secret that never leaves the process.

mod support;

use reqwest::StatusCode;
use serde_json::{json, Value};
use std::io::Read;
use std::time::{Duration, Instant};
use support::*;

#[tokio::test]
async fn a_whole_test_runs_through_the_proxy_while_tokens_expire_and_no_401_reaches_the_client() {
    let central = mock(Duration::from_secs(1)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let location = start_test(&proxy, "CNF7G9X001", 25).await;
    assert!(location.starts_with(&format!("{V1}/aps/CNF7G9X001/ping/async-operations/")));
    let began = Instant::now();
    let mut statuses = Vec::new();
    let last = loop {
        let r = reqwest::get(format!("{}{location}", proxy.base))
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        let body: Value = r.json().await.unwrap();
        if body["status"] == "COMPLETED" {
            break body;
        }
        assert!(began.elapsed() < Duration::from_secs(20), "{body}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(last["output"]["transmittedPacketsCount"], "25");
    let log = mock_log(&central).await;
    assert!(
        token_requests(&log) >= 3,
        "the 1 s tokens expired during the {:?} test: {log:?}",
        began.elapsed()
    );
}

#[tokio::test]
async fn forty_concurrent_polls_after_an_expiry_cause_one_token_request() {
    let central = mock(Duration::from_secs(1)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let location = start_test(&proxy, "CNF7G9X001", 5).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    clear_mock_log(&central).await;
    let client = reqwest::Client::new();
    let polls = (0..40).map(|_| {
        let client = client.clone();
        let url = format!("{}{location}", proxy.base);
        tokio::spawn(async move { client.get(url).send().await.unwrap().status() })
    });
    for poll in polls {
        assert_eq!(poll.await.unwrap(), StatusCode::OK);
    }
    let log = mock_log(&central).await;
    assert_eq!(token_requests(&log), 1, "{log:?}");
    // A token is kept at least 30 s whatever its expires_in, so these 1 s tokens are
    // renewed when Central refuses them: the polls that met the 401 were sent again.
    let polls = log.len() - 1;
    assert!((40..=80).contains(&polls), "{log:?}");
}

// Multi-threaded: the raw requests block their thread while the servers answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paths_outside_the_allow_list_are_refused_and_never_reach_central() {
    let central = mock(Duration::from_secs(60)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let address = proxy.base.trim_start_matches("http://").to_owned();
    clear_mock_log(&central).await;
    for (method, path) in [
        ("GET", "/network-troubleshooting/v1/aps/CNF7G9X001/reboot"),
        (
            "POST",
            "/network-troubleshooting/v1/aps/CNF7G9X001/ping/async-operations/t1",
        ),
        ("GET", "/network-troubleshooting/v1/aps/CNF7G9X001/ping"),
        (
            "DELETE",
            "/network-troubleshooting/v1/aps/CNF7G9X001/ping/async-operations/t1",
        ),
        (
            "GET",
            "/network-troubleshooting/v1/aps/../../__mock/requests",
        ),
        (
            "GET",
            "/network-troubleshooting/v1/aps/CNF7G9X001/ping/async-operations/..",
        ),
        (
            "GET",
            "/network-troubleshooting/v1/aps/CNF7G9X001/ping/async-operations/a%2F..%2F..%2Fx",
        ),
        ("POST", "/network-troubleshooting/v1/aps/a%2Fb/ping"),
        (
            "GET",
            "/network-troubleshooting/v2/aps/CNF7G9X001/ping/async-operations/t1",
        ),
        (
            "GET",
            "/network-troubleshooting/v1/aps/CNF7G9X001/traceroute",
        ),
        (
            "POST",
            "/network-troubleshooting/v1/aps/CNF7G9X001/traceroute/async-operations/t1",
        ),
        (
            "PUT",
            "/network-troubleshooting/v1alpha1/aps/CNF7G9X001/traceroute",
        ),
        (
            "POST",
            "/network-troubleshooting/v1/aps/CNF7G9X001/traceroute/",
        ),
        (
            "POST",
            "/network-troubleshooting/v1/aps/CNF7G9X001/Traceroute",
        ),
        (
            "GET",
            "/network-troubleshooting/v1/aps/CNF7G9X001/traceroute/async-operations/t1/x",
        ),
        (
            "GET",
            "/network-troubleshooting/v1/aps/CNF7G9X001/traceroute/async-operations/..",
        ),
        ("POST", "/network-troubleshooting/v1/aps/a%2Fb/traceroute"),
        (
            "GET",
            "/network-troubleshooting/v1/aps/CNF7G9X001/ping/async-operations/t1/traceroute",
        ),
        (
            "POST",
            "/network-troubleshooting/v2/aps/CNF7G9X001/traceroute",
        ),
        (
            "POST",
            "/network-troubleshooting/v1/aps/CNF7G9X001/nslookup",
        ),
        (
            "GET",
            "/network-troubleshooting/v1/aps/CNF7G9X001/nslookup/async-operations/t1",
        ),
        (
            "POST",
            "/network-troubleshooting/v1/cx/CNF7G9X001/traceroute",
        ),
        (
            "GET",
            "/network-troubleshooting/v1/aps/CNF7G9X001/list-tasks",
        ),
        ("GET", "/__mock/requests"),
        ("DELETE", "/__mock/requests"),
        ("POST", "/as/token.oauth2"),
        ("GET", "/"),
    ] {
        let (status, body) = raw_request(&address, method, path);
        assert_eq!(status, 404, "{method} {path}: {body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body["errorCode"], "CENTRAL_PROXY_NOT_FORWARDED",
            "{method} {path}"
        );
    }
    assert_eq!(mock_log(&central).await, [], "nothing reached Central");
}

#[tokio::test]
async fn a_traceroute_runs_through_the_proxy_in_both_versions() {
    let central = mock(Duration::from_secs(60)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    clear_mock_log(&central).await;
    let client = reqwest::Client::new();
    for version in ["v1alpha1", "v1"] {
        let start = format!("/network-troubleshooting/{version}/aps/CNF7G9X001/traceroute");
        let r = client
            .post(format!("{}{start}", proxy.base))
            .header("authorization", "Bearer from-the-browser")
            .json(
                &json!({ "destination": "www.example.com", "includeRawOutput": true, "extra": 1 }),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::ACCEPTED);
        assert_eq!(r.headers()["cache-control"], "no-store");
        let started: Value = r.json().await.unwrap();
        let location = started["location"].as_str().unwrap().to_owned();
        assert!(
            location.starts_with(&format!("{start}/async-operations/")),
            "{location}"
        );
        let began = Instant::now();
        let last = loop {
            let r = client
                .get(format!("{}{location}", proxy.base))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            assert!(r.headers().contains_key("x-ratelimit-remaining"));
            let body: Value = r.json().await.unwrap();
            if body["status"] == "COMPLETED" {
                break body;
            }
            assert!(began.elapsed() < Duration::from_secs(20), "{body}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let result = ap_ping_core::traceroute::parse_traceroute_status(&last.to_string()).unwrap();
        let trace = result.trace.unwrap();
        assert_eq!(
            (trace.hops.len(), trace.reached),
            (8, Some(true)),
            "{version}"
        );
        assert!(result
            .raw_output
            .unwrap()
            .contains("\nCOMMAND=traceroute www.example.com\n"));
    }
    let log = mock_log_entries(&central).await;
    let kinds: Vec<&str> = log
        .iter()
        .filter(|r| r["path"] != "/as/token.oauth2")
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"traceroute-start"));
    assert!(
        kinds
            .iter()
            .all(|k| ["traceroute-start", "traceroute-status"].contains(k)),
        "{kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == "traceroute-start").count(),
        2
    );
}

#[tokio::test]
async fn a_hanging_central_answers_504_within_the_timeout() {
    let central = mock(Duration::from_secs(60)).await;
    let timeout = Duration::from_secs(1);
    let proxy = proxy(config(&central, SECRET, timeout)).await;
    let location = start_test(&proxy, "CNF7G9X006", 5).await;
    let began = Instant::now();
    let r = reqwest::get(format!("{}{location}", proxy.base))
        .await
        .unwrap();
    let waited = began.elapsed();
    assert_eq!(r.status(), StatusCode::GATEWAY_TIMEOUT);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({ "errorCode": "CENTRAL_PROXY_UPSTREAM_TIMEOUT", "message": "Central did not answer within 1 s." })
    );
    assert!(
        waited >= timeout && waited < timeout + Duration::from_secs(2),
        "answered after {waited:?}"
    );
}

#[tokio::test]
async fn an_unreachable_central_answers_502_in_the_apis_error_shape() {
    // A port that was free a moment ago: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let mut config = config(
        &Running {
            base: format!("http://{address}"),
            _stop: tokio::sync::oneshot::channel().0,
        },
        SECRET,
        Duration::from_secs(2),
    );
    config.token_url = format!("http://{address}/as/token.oauth2");
    let proxy = proxy(config).await;
    let r = reqwest::get(format!(
        "{}{V1}/aps/CN1/ping/async-operations/t",
        proxy.base
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_GATEWAY);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errorCode"], "CENTRAL_PROXY_TOKEN_UNAVAILABLE");
}

#[tokio::test]
async fn rate_limit_headers_and_retry_after_are_passed_back() {
    let central = mock(Duration::from_secs(60)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let location = start_test(&proxy, "CNF7G9X008", 5).await;
    let r = reqwest::get(format!("{}{location}", proxy.base))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    for name in [
        "retry-after",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "content-type",
    ] {
        assert!(r.headers().contains_key(name), "{name}: {:?}", r.headers());
    }
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errorCode"], "HPE_GL_ERROR_TOO_MANY_REQUESTS");
}

#[tokio::test]
async fn a_large_body_is_refused_before_it_is_sent() {
    let central = mock(Duration::from_secs(60)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    clear_mock_log(&central).await;
    let r = reqwest::Client::new()
        .post(format!("{}{V1}/aps/CNF7G9X001/ping", proxy.base))
        .header("content-type", "application/json")
        .body(format!("{{\"destination\":\"{}\"}}", "a".repeat(20_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errorCode"], "CENTRAL_PROXY_BODY_TOO_LARGE");
    assert_eq!(mock_log(&central).await, []);
}

#[tokio::test]
async fn serve_puts_a_folder_on_the_same_origin() {
    let central = mock(Duration::from_secs(60)).await;
    let dir = std::env::temp_dir().join(format!("central-proxy-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<title>widget</title>").unwrap();
    let mut config = config(&central, SECRET, Duration::from_secs(5));
    config.serve = Some(dir.clone());
    let proxy = proxy(config).await;
    let page = reqwest::get(format!("{}/", proxy.base)).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.text().await.unwrap(), "<title>widget</title>");
    let missing = reqwest::get(format!("{}/__mock/requests", proxy.base))
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    // The API still goes to Central.
    start_test(&proxy, "CNF7G9X001", 1).await;
    std::fs::remove_dir_all(dir).unwrap();
}

/// The binary, with a wrong secret: a clear JSON error, and the secret in no output.
#[tokio::test]
async fn a_wrong_secret_is_a_clear_json_error_and_is_never_printed() {
    let central = mock(Duration::from_secs(60)).await;
    let wrong = "wrong-secret-7f3a9c";
    let token_url = format!("{}/as/token.oauth2", central.base);
    let (child, first) = spawn_binary(
        &[
            "--central-url",
            &central.base,
            "--token-url",
            &token_url,
            "--client-id",
            "client-1",
            "--listen",
            "127.0.0.1:0",
        ],
        &[("CENTRAL_CLIENT_SECRET", wrong)],
    );
    let address = first
        .strip_prefix("central-proxy listening on http://")
        .expect(&first)
        .to_owned();
    assert!(address.starts_with("127.0.0.1:"), "{address}");

    let r = reqwest::get(format!(
        "http://{address}{V1}/aps/CNF7G9X001/ping/async-operations/t1"
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_GATEWAY);
    let text = r.text().await.unwrap();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["errorCode"], "CENTRAL_PROXY_CREDENTIALS_REFUSED");
    assert_eq!(
        body["message"],
        "The token endpoint refused the proxy's API client credentials (HTTP 401, invalid_client): check --client-id and the client secret."
    );

    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    let mut printed = first.clone();
    printed.push_str(&String::from_utf8_lossy(&output.stdout));
    printed.push_str(&String::from_utf8_lossy(&output.stderr));
    assert!(
        printed.contains("-> 502"),
        "one log line per request: {printed}"
    );
    assert!(printed.contains("central-proxy stopped"), "{printed}");
    for text in [&printed, &text] {
        assert!(!text.contains(wrong), "the secret leaked: {text}");
    }
}

#[test]
fn the_secret_comes_from_the_environment_or_a_file_never_an_argument() {
    use central_proxy::config::Args;
    use clap::Parser;
    use secrecy::ExposeSecret;
    let args = |extra: &[&str]| {
        let mut all = vec![
            "central-proxy",
            "--central-url",
            "https://c.example",
            "--client-id",
            "id",
        ];
        all.extend_from_slice(extra);
        Args::try_parse_from(all)
    };
    assert!(
        args(&["--client-secret", "x"]).is_err(),
        "no flag takes the secret itself"
    );
    let no_secret = args(&[]).unwrap().into_config(None).err().unwrap();
    assert_eq!(
        no_secret,
        "no client secret: pass --client-secret-file PATH or set CENTRAL_CLIENT_SECRET"
    );
    let config = args(&[])
        .unwrap()
        .into_config(Some("from-env".into()))
        .ok()
        .unwrap();
    assert_eq!(config.client_secret.expose_secret(), "from-env");
    assert_eq!(
        config.listen.to_string(),
        "127.0.0.1:8082",
        "loopback by default"
    );
    assert_eq!(
        config.token_url,
        "https://sso.common.cloud.hpe.com/as/token.oauth2"
    );

    let file = std::env::temp_dir().join(format!("central-proxy-secret-{}", std::process::id()));
    std::fs::write(&file, "from-file\n").unwrap();
    let config = args(&["--client-secret-file", file.to_str().unwrap()])
        .unwrap()
        .into_config(Some("from-env".into()))
        .ok()
        .unwrap();
    assert_eq!(
        config.client_secret.expose_secret(),
        "from-file",
        "the file wins, without its newline"
    );
    std::fs::remove_file(file).unwrap();
}

/// Starts the binary with these arguments and environment; it and its first line (the
/// rest of its output stays in the child's pipes).
fn spawn_binary(args: &[&str], env: &[(&str, &str)]) -> (std::process::Child, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_central-proxy"))
        .args(args)
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    child.stdout = Some(stdout);
    (child, String::from_utf8(first).unwrap())
}

#[cfg(target_os = "linux")]
#[test]
fn the_secret_is_gone_from_proc_environ_and_a_shared_secret_file_is_warned_of() {
    use std::os::unix::fs::PermissionsExt;
    let secret = "env-secret-5e1f0c";
    let common = [
        "--central-url",
        "http://127.0.0.1:9",
        "--client-id",
        "id",
        "--listen",
        "127.0.0.1:0",
    ];
    // Each child is stopped before anything is asserted: a failing test leaves no process.
    let (mut child, first) = spawn_binary(&common, &[("CENTRAL_CLIENT_SECRET", secret)]);
    let environ = std::fs::read(format!("/proc/{}/environ", child.id()));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first.starts_with("central-proxy listening on"), "{first}");
    let environ = String::from_utf8_lossy(&environ.unwrap()).into_owned();
    assert!(
        !environ.contains(secret),
        "the secret is still in /proc/PID/environ"
    );

    let file = std::env::temp_dir().join(format!(
        "central-proxy-shared-secret-{}",
        std::process::id()
    ));
    std::fs::write(&file, "file-secret\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut args = common.to_vec();
    args.extend(["--client-secret-file", file.to_str().unwrap()]);
    let (mut child, first) = spawn_binary(&args, &[]);
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with("central-proxy listening on"), "{first}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("may be read by other users (mode 0644): chmod 600 it"),
        "{stderr}"
    );
    assert!(!stderr.contains("file-secret"));
    std::fs::remove_file(file).unwrap();
}

#[test]
fn plain_http_is_refused_for_central_and_the_token_endpoint_beyond_loopback() {
    use central_proxy::config::Args;
    use clap::Parser;
    let config = |central: &str, token: &str| {
        Args::try_parse_from([
            "central-proxy",
            "--central-url",
            central,
            "--token-url",
            token,
            "--client-id",
            "id",
        ])
        .unwrap()
        .into_config(Some("s".into()))
        .err()
    };
    assert_eq!(config("https://c.example", "https://t.example"), None);
    for loopback in [
        "http://127.0.0.1:1",
        "http://localhost:1",
        "http://[::1]:1",
        "http://127.9.9.9",
    ] {
        assert_eq!(config(loopback, loopback), None, "{loopback}");
    }
    let refused = config("http://c.example", "https://t.example").unwrap();
    assert!(
        refused.starts_with("--central-url must be https://"),
        "{refused}"
    );
    let refused = config("https://c.example", "http://10.0.0.1/token").unwrap();
    assert!(
        refused.starts_with("--token-url must be https://"),
        "{refused}"
    );
    let refused = config("ftp://c.example", "https://t.example").unwrap();
    assert_eq!(refused, "--central-url must be an https:// URL");
}

/// What a stand-in Central was sent: the request target and the headers that matter.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    target: String,
    authorization: Option<String>,
    others: Vec<String>,
}

/// A Central that answers every API request with an empty AP list (labelled HTML, with a
/// cookie and rate-limit headers) and keeps what it was sent.
async fn recording_central() -> (Running, std::sync::Arc<std::sync::Mutex<Vec<Seen>>>) {
    use axum::http::{HeaderMap, Uri};
    use axum::routing::post;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Seen>::new()));
    let kept = seen.clone();
    let central = fake(
        axum::Router::new()
            .route(
                "/as/token.oauth2",
                post(|| async {
                    axum::Json(json!({ "access_token": "proxy-token", "expires_in": 3600 }))
                }),
            )
            .fallback(move |uri: Uri, headers: HeaderMap| {
                let kept = kept.clone();
                async move {
                    let header =
                        |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned());
                    kept.lock().unwrap().push(Seen {
                        target: uri.to_string(),
                        authorization: header("authorization"),
                        others: ["cookie", "origin", "referer", "x-forwarded-for", "x-extra"]
                            .into_iter()
                            .filter_map(header)
                            .collect(),
                    });
                    (
                        [
                            ("content-type", "text/html"),
                            ("set-cookie", "central=1"),
                            ("x-ratelimit-limit", "5000"),
                            ("x-ratelimit-remaining", "4321"),
                            ("x-ratelimit-reset", "1764547200"),
                        ],
                        r#"{"items":[],"count":0,"total":0,"next":null}"#,
                    )
                }
            }),
    )
    .await;
    (central, seen)
}

#[tokio::test]
async fn the_ap_list_reaches_central_with_a_query_written_anew_from_the_checked_values() {
    let (central, seen) = recording_central().await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let list = "/network-monitoring/v1/aps";
    let long = "é".repeat(256);
    let long_encoded: String = long.bytes().map(|b| format!("%{b:02X}")).collect();
    for (sent, forwarded) in [
        (
            // URLSearchParams' spelling, limit first.
            "limit=1000&filter=siteName+eq+%27HQ%27+and+status+eq+%27ONLINE%27".to_owned(),
            "filter=siteName%20eq%20%27HQ%27%20and%20status%20eq%20%27ONLINE%27&limit=1000"
                .to_owned(),
        ),
        (
            "next=2&sort=deviceName%2Cmodel%20desc&limit=0999".into(),
            "sort=deviceName%2Cmodel%20desc&limit=999&next=2".into(),
        ),
        (
            "filter=serialNumber%20in%20('A1',%20'B2')".into(),
            "filter=serialNumber%20in%20%28%27A1%27%2C%20%27B2%27%29".into(),
        ),
        (
            // What a value holds stays in it: no parameter, fragment or path of its own.
            "filter=deviceName%20eq%20%27a%26limit%3D1%23%2F..%27%27%27".into(),
            "filter=deviceName%20eq%20%27a%26limit%3D1%23%2F..%27%27%27".into(),
        ),
        (
            format!("filter={long_encoded}"),
            format!("filter={long_encoded}"),
        ),
        ("limit=0".into(), "limit=0".into()),
        ("".into(), "".into()),
    ] {
        let r = reqwest::Client::new()
            .get(format!("{}{list}?{sent}", proxy.base))
            .header("authorization", "Bearer from-the-browser")
            .header("cookie", "session=abc")
            .header("x-forwarded-for", "10.0.0.1")
            .header("x-extra", "1")
            .header("origin", proxy.base.as_str())
            .header("sec-fetch-site", "same-origin")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{sent}");
        let h = r.headers();
        assert_eq!(h["content-type"], "application/json");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["cache-control"], "no-store");
        assert_eq!(h["x-ratelimit-remaining"], "4321");
        assert_eq!(h["x-ratelimit-limit"], "5000");
        assert_eq!(h["x-ratelimit-reset"], "1764547200");
        assert!(h.get("set-cookie").is_none(), "{h:?}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["items"], json!([]));
        let last = seen.lock().unwrap().pop().expect("it reached Central");
        let target = if forwarded.is_empty() {
            list.to_owned()
        } else {
            format!("{list}?{forwarded}")
        };
        assert_eq!(
            last,
            Seen {
                target,
                authorization: Some("Bearer proxy-token".into()),
                others: vec![],
            },
            "{sent}"
        );
    }
}

const AP_LIST: &str = "/network-monitoring/v1/aps";

/// A GET of the AP list through the proxy, as the page's own fetch sends it: its status,
/// the answer headers that must be there, and its JSON.
async fn list_page(proxy: &Running, query: &str) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .get(format!("{}{AP_LIST}?{query}", proxy.base))
        .header("origin", proxy.base.as_str())
        .header("sec-fetch-site", "same-origin")
        .header("cookie", "session=abc")
        .send()
        .await
        .unwrap();
    let h = r.headers();
    assert_eq!(h["content-type"], "application/json", "{query}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    for name in [
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
    ] {
        assert!(h.contains_key(name), "{name}: {h:?}");
    }
    let status = r.status();
    (status, r.json().await.unwrap())
}

/// The list requests mock-central got, each as its path and query.
async fn lists_received(central: &Running) -> Vec<String> {
    mock_log(central)
        .await
        .into_iter()
        .filter(|(method, path)| method == "GET" && path.starts_with(AP_LIST))
        .map(|(_, path)| path)
        .collect()
}

fn serials(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ap| ap["serialNumber"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_sites_ap_list_comes_back_and_central_gets_exactly_the_checked_query() {
    let central = mock(Duration::from_secs(600)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    clear_mock_log(&central).await;
    // URLSearchParams' spelling, in an order of the page's own.
    let (status, page) = list_page(
        &proxy,
        "sort=deviceName+desc&limit=1000&filter=siteName+eq+%27HQ%27+and+status+eq+%27ONLINE%27",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(
        (page["count"].clone(), page["total"].clone()),
        (json!(40), json!(40))
    );
    assert_eq!(page["next"], Value::Null);
    assert_eq!(
        page["items"][0]["deviceName"], "hq-ap-40",
        "sorted by Central"
    );
    assert!(page["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|ap| ap["siteName"] == "HQ" && ap["status"] == "ONLINE"));
    let (status, page) = list_page(
        &proxy,
        "filter=serialNumber%20in%20(%27HQ00000007%27%2C%20%27CP00001001%27)",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(serials(&page), ["CP00001001", "HQ00000007"]);
    assert_eq!(
        lists_received(&central).await,
        [
            format!("{AP_LIST}?filter=siteName%20eq%20%27HQ%27%20and%20status%20eq%20%27ONLINE%27&sort=deviceName%20desc&limit=1000"),
            format!("{AP_LIST}?filter=serialNumber%20in%20%28%27HQ00000007%27%2C%20%27CP00001001%27%29"),
        ]
    );
}

#[tokio::test]
async fn next_pages_through_a_site_of_1001_aps() {
    let central = mock(Duration::from_secs(600)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    clear_mock_log(&central).await;
    let campus = "filter=siteName%20eq%20%27CAMPUS%27&limit=1000";
    let (status, first) = list_page(&proxy, campus).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (first["count"].clone(), first["total"].clone()),
        (json!(1000), json!(1001))
    );
    assert_eq!(first["next"], "2");
    let next = first["next"].as_str().unwrap();
    let (status, second) = list_page(&proxy, &format!("{campus}&next={next}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(second["next"], Value::Null);
    assert_eq!(serials(&second), ["CP00001001"]);
    let mut all: Vec<String> = serials(&first)
        .into_iter()
        .chain(serials(&second))
        .collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 1001, "every AP once");
    assert_eq!(
        lists_received(&central).await,
        [
            format!("{AP_LIST}?{campus}"),
            format!("{AP_LIST}?{campus}&next=2"),
        ]
    );
}

#[tokio::test]
async fn centrals_own_answers_on_the_list_come_back_as_they_are() {
    let central = mock(Duration::from_secs(600)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let (status, body) = list_page(&proxy, "filter=siteName%20eq%20%27LOCKED%27").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["errorCode"], "HPE_GL_ERROR_FORBIDDEN");
    // Within the proxy's limits, but not Central's grammar: Central's 400, not the proxy's.
    for query in [
        "filter=siteName%20ne%20%27HQ%27",
        "filter=siteId%20eq%20%271%27%20or%20siteId%20eq%20%272%27",
        "sort=noSuchField",
        "next=0",
    ] {
        let (status, body) = list_page(&proxy, query).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(
            body["errorCode"], "HPE_GL_ERROR_BAD_REQUEST",
            "{query}: {body}"
        );
    }
}

#[tokio::test]
async fn the_list_is_asked_again_with_a_new_token_after_an_expiry() {
    let central = mock(Duration::from_secs(1)).await;
    let proxy = proxy(config(&central, SECRET, Duration::from_secs(5))).await;
    let hq = "filter=siteName%20eq%20%27HQ%27&limit=0";
    let (status, page) = list_page(&proxy, hq).await;
    assert_eq!((status, page["total"].clone()), (StatusCode::OK, json!(40)));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    clear_mock_log(&central).await;
    let (status, page) = list_page(&proxy, hq).await;
    assert_eq!(
        (status, page["total"].clone()),
        (StatusCode::OK, json!(40)),
        "no 401 reaches the page"
    );
    let log = mock_log(&central).await;
    assert_eq!(token_requests(&log), 1, "{log:?}");
    assert_eq!(
        lists_received(&central).await.len(),
        2,
        "refused once, then sent again: {log:?}"
    );
}
