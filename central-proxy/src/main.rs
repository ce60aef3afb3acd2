//! `central-proxy --central-url URL --client-id ID [--token-url URL] [--listen ADDR]
//! [--serve DIR]`, with the secret in `CENTRAL_CLIENT_SECRET` or `--client-secret-file`.

use central_proxy::config::{Args, SECRET_ENV};
use clap::Parser;
use tokio::net::TcpListener;

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let secret = std::env::var(SECRET_ENV).ok();
    // Read once, then gone from the environment: nothing this process starts inherits it.
    std::env::remove_var(SECRET_ENV);
    let config = match args.into_config(secret) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("central-proxy: {message}");
            std::process::exit(2);
        }
    };
    let listener = match TcpListener::bind(config.listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("central-proxy: cannot listen on {}: {e}", config.listen);
            std::process::exit(1);
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("central-proxy listening on http://{address}");
    if !config.listen.ip().is_loopback() {
        eprintln!("central-proxy: listening beyond this machine ({address}), as asked");
    }
    println!(
        "forwarding the AP ping operations to {} (tokens from {})",
        config.central_url, config.token_url
    );
    if let Some(dir) = &config.serve {
        println!("serving {} on the same origin", dir.display());
    }
    if let Err(e) = central_proxy::serve(listener, config, shutdown_signal()).await {
        eprintln!("central-proxy: {e}");
        std::process::exit(1);
    }
    println!("central-proxy stopped");
}

/// Ctrl-C or SIGTERM; requests still open get a second to finish.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return ctrl_c.await.unwrap_or(()),
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    println!("central-proxy: shutting down");
    tokio::spawn(async {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        std::process::exit(0);
    });
}
