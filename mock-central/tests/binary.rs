//! The `mock-central` binary itself: it prints where it listens, logs one line per request
//! without the token, and stops cleanly on Ctrl-C (SIGINT).
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn prints_its_address_logs_requests_and_stops_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mock-central"))
        .args(["--port", "0", "--token", "s3cret-token"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let address = first
        .strip_prefix("mock-central listening on http://")
        .expect(&first)
        .to_owned();
    assert!(address.starts_with("127.0.0.1:"), "{address}");

    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET /network-troubleshooting/v1alpha1/aps/CNF7G9X001/ping/async-operations/t1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret-token\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");

    let log = lines
        .by_ref()
        .map(|l| l.unwrap())
        .find(|l| l.starts_with("GET "))
        .expect("a log line for the request");
    assert!(log.contains("/async-operations/t1 -> 404"), "{log}");

    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let began = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            began.elapsed() < Duration::from_secs(5),
            "did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit:?}");
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    assert!(rest.iter().any(|l| l == "mock-central stopped"), "{rest:?}");
    assert!(
        !first.contains("s3cret")
            && !log.contains("s3cret")
            && !rest.iter().any(|l| l.contains("s3cret"))
    );
}

/// One request over a fresh connection: the status line's code and the whole answer.
fn http_get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-token\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let code = answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, answer)
}

#[test]
fn rate_limit_per_second_sets_the_limit_the_list_is_counted_in_and_sites_are_printed() {
    for flag in ["--rate-limit-per-second", "--rate-limit"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mock-central"))
            .args(["--port", "0", "--quiet", flag, "7"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let address = first
            .strip_prefix("mock-central listening on http://")
            .expect(&first)
            .to_owned();
        let printed: Vec<String> = lines
            .by_ref()
            .map(|l| l.unwrap())
            .take_while(|l| !l.contains("DEMO"))
            .collect();
        assert!(
            printed
                .iter()
                .any(|l| l.contains("rate limit: 7 requests per second and token")),
            "{flag}: {printed:?}"
        );
        assert!(
            printed
                .iter()
                .any(|l| l.contains("24833497") && l.contains("HQ") && l.contains("40 APs")),
            "{printed:?}"
        );
        // Eight lists in a row: seven pass, the eighth is the API's 429 (tried again if a
        // window of a second ended in the middle).
        let mut codes = Vec::new();
        for _ in 0..3 {
            let began = Instant::now();
            codes = (0..8)
                .map(|_| http_get(&address, "/network-monitoring/v1/aps?limit=1"))
                .map(|(code, answer)| {
                    if code == 429 {
                        assert!(
                            answer.contains("HPE_GL_ERROR_TOO_MANY_REQUESTS"),
                            "{answer}"
                        );
                        assert!(
                            answer.to_ascii_lowercase().contains("x-ratelimit-limit: 7"),
                            "{answer}"
                        );
                    }
                    code
                })
                .collect();
            if began.elapsed() < Duration::from_millis(900) {
                break;
            }
            std::thread::sleep(Duration::from_millis(1100));
        }
        assert_eq!(codes, [200, 200, 200, 200, 200, 200, 200, 429], "{flag}");
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
