//! `mock-central [--port N] [--reply-interval-ms N] [--seed N] [--token T]
//!  [--rate-limit N] [--no-retry-after] [--max-tasks N] [--task-ttl-secs N] [--quiet]`
//!
//! Starts the stand-in on 127.0.0.1 (port 0 picks a free one) and prints the address,
//! the token and the demo devices. Ctrl-C (or SIGTERM) stops it.

use mock_central::scenario::DEVICES;
use mock_central::{serve, Config};
use std::time::Duration;
use tokio::net::TcpListener;

const USAGE: &str =
    "usage: mock-central [--port N] [--reply-interval-ms N] [--seed N] [--token T] \
[--rate-limit N] [--no-retry-after] [--max-tasks N] [--task-ttl-secs N] [--quiet]";

fn parse_args() -> Result<(u16, Config), String> {
    let mut config = Config::default();
    let mut port = 8081;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        let number = |name: &str, v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{name}: not a number: {v}"))
        };
        match flag.as_str() {
            "--port" => port = number("--port", value("--port")?)? as u16,
            "--reply-interval-ms" => {
                config.reply_interval = Duration::from_millis(number(&flag, value(&flag)?)?.max(1))
            }
            "--seed" => config.seed = number(&flag, value(&flag)?)?,
            "--token" => config.token = value(&flag)?,
            "--rate-limit" => config.rate_limit_per_second = number(&flag, value(&flag)?)? as u32,
            "--no-retry-after" => config.retry_after = false,
            "--max-tasks" => config.max_tasks = number(&flag, value(&flag)?)?.max(1) as usize,
            "--task-ttl-secs" => {
                config.task_ttl = Duration::from_secs(number(&flag, value(&flag)?)?)
            }
            "--quiet" => config.log_requests = false,
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok((port, config))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (port, config) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let listener = match TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mock-central: cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("mock-central listening on http://{address}");
    println!(
        "token: {}   (send it as Authorization: Bearer <token>)",
        config.token
    );
    println!(
        "reply interval: {} ms, seed: {}",
        config.reply_interval.as_millis(),
        config.seed
    );
    println!("devices:");
    for device in DEVICES {
        println!("  {}  {}", device.serial, device.name);
    }
    println!("destinations ending in .invalid do not resolve (the test ends FAILED)");
    if let Err(e) = serve(listener, config, shutdown_signal()).await {
        eprintln!("mock-central: {e}");
        std::process::exit(1);
    }
    println!("mock-central stopped");
}

/// Ctrl-C or SIGTERM. Open requests (a hanging scenario) get a second to finish, then the
/// process exits anyway.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => return ctrl_c.await.unwrap_or(()),
    };
    #[cfg(unix)]
    tokio::select! {
        _ = ctrl_c => {},
        _ = term.recv() => {},
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    println!("mock-central: shutting down");
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        std::process::exit(0);
    });
}
