//! `mock-central`: starts the stand-in on 127.0.0.1 (port 0 picks a free one) and prints
//! the address, the demo devices and how to authenticate. Ctrl-C (or SIGTERM) stops it.

use clap::Parser;
use mock_central::fleet::SITES;
use mock_central::scenario::traceroute::TRACE_SCENARIOS;
use mock_central::scenario::DEVICES;
use mock_central::server::{OAuthClient, APS_PATH, TOKEN_PATH};
use mock_central::{serve, Config};
use std::time::Duration;
use tokio::net::TcpListener;

/// A local stand-in for HPE Aruba Networking Central's AP ping and traceroute API, for the
/// demo and the end-to-end tests. Listens on 127.0.0.1 only.
#[derive(Parser)]
#[command(version, args_override_self = true)]
struct Args {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8081)]
    port: u16,
    /// Time between two simulated replies (a ping's packet, a traceroute's hop), in ms.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    reply_interval_ms: u64,
    /// Seed for loss, RTTs and task ids: the same seed gives the same runs.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// A static bearer token the API accepts [default: demo-token, unless --client-id is given].
    #[arg(long)]
    token: Option<String>,
    /// Turns on `POST /as/token.oauth2` for this OAuth client id (client credentials).
    #[arg(long, requires = "client_secret")]
    client_id: Option<String>,
    /// The client's secret (a stand-in's test secret, so an argument is fine here).
    #[arg(long, requires = "client_id")]
    client_secret: Option<String>,
    /// How long an issued token is accepted, in seconds.
    #[arg(long, default_value_t = 7200, value_parser = clap::value_parser!(u64).range(1..))]
    token_ttl_secs: u64,
    /// Requests a token may make per second before it gets 429 (every API request counts,
    /// the AP list's included); Central publishes 7. `--rate-limit` is the older name.
    #[arg(
        long = "rate-limit-per-second",
        alias = "rate-limit",
        default_value_t = 20
    )]
    rate_limit_per_second: u32,
    /// The rate limiter's 429 carries no Retry-After (only X-RateLimit-Reset).
    #[arg(long)]
    no_retry_after: bool,
    /// Tasks kept at most; the oldest go first. Twice the fleet view's largest run (2,000
    /// APs), so that CAMPUS's 1,001 tests, all started before the first is polled, are kept.
    #[arg(long, default_value_t = 4000, value_parser = clap::value_parser!(u64).range(1..))]
    max_tasks: u64,
    /// How long a finished task can still be read, in seconds.
    #[arg(long, default_value_t = 600)]
    task_ttl_secs: u64,
    /// No line per request.
    #[arg(long)]
    quiet: bool,
}

impl Args {
    fn config(self) -> Config {
        let oauth = match (self.client_id, self.client_secret) {
            (Some(client_id), Some(client_secret)) => Some(OAuthClient {
                client_id,
                client_secret,
                token_ttl: Duration::from_secs(self.token_ttl_secs),
            }),
            _ => None,
        };
        let token = match (self.token, &oauth) {
            (Some(token), _) => Some(token),
            (None, None) => Some("demo-token".to_owned()),
            (None, Some(_)) => None,
        };
        Config {
            token,
            oauth,
            reply_interval: Duration::from_millis(self.reply_interval_ms),
            seed: self.seed,
            rate_limit_per_second: self.rate_limit_per_second,
            retry_after: !self.no_retry_after,
            max_tasks: self.max_tasks as usize,
            task_ttl: Duration::from_secs(self.task_ttl_secs),
            log_requests: !self.quiet,
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args = Args::parse();
    let port = args.port;
    let config = args.config();
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
    if let Some(token) = &config.token {
        println!("static token: {token}   (send it as Authorization: Bearer <token>)");
    }
    if let Some(client) = &config.oauth {
        println!(
            "OAuth: POST http://{address}{TOKEN_PATH} grant_type=client_credentials, client id {} (tokens last {} s)",
            client.client_id,
            client.token_ttl.as_secs()
        );
    }
    println!(
        "reply interval: {} ms, seed: {}, rate limit: {} requests per second and token",
        config.reply_interval.as_millis(),
        config.seed,
        config.rate_limit_per_second
    );
    println!("paths: /network-troubleshooting/v1alpha1/... and /network-troubleshooting/v1/...");
    println!("devices:");
    for device in DEVICES {
        println!("  {}  {}", device.serial, device.name);
    }
    println!("destinations ending in .invalid do not resolve (the test ends FAILED)");
    println!("traceroute destinations (POST .../aps/{{serial}}/traceroute):");
    for scenario in TRACE_SCENARIOS {
        let also = scenario.also.join(", ");
        let named = if also.is_empty() {
            scenario.destination.to_owned()
        } else {
            format!("{} ({also})", scenario.destination)
        };
        println!("  {named:<32}  {}", scenario.description);
    }
    println!(
        "  any other destination: as {}",
        TRACE_SCENARIOS[0].destination
    );
    println!("sites (GET {APS_PATH}?filter=siteId eq '...'):");
    for site in SITES {
        println!(
            "  {}  {:<9}  {:>4} APs  {}",
            site.id,
            site.name,
            site.ap_count(),
            site.description
        );
    }
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
