//! `central-proxy --central-url URL --client-id ID [--token-url URL] [--listen ADDR]
//! [--serve DIR] [--public-host NAME]… [--allow-origin ORIGIN]…`, with the secret in
//! `--client-secret-file` (recommended) or `CENTRAL_CLIENT_SECRET`.

use central_proxy::config::{Args, SecretFileAccess, SECRET_ENV};
use clap::Parser;
use tokio::net::TcpListener;

/// The secret is taken before the runtime starts any thread: changing the environment
/// while other threads may read it is undefined behaviour.
fn main() {
    let args = Args::parse();
    let secret = take_secret_from_env();
    if let Some(SecretFileAccess::Shared(mode)) = args.secret_file_access() {
        eprintln!(
            "central-proxy: warning: the client secret file may be read by other users (mode {mode:04o}): chmod 600 it"
        );
    }
    let config = match args.into_config(secret) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("central-proxy: {message}");
            std::process::exit(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("central-proxy: cannot start: {e}");
            std::process::exit(1);
        }
    };
    std::process::exit(runtime.block_on(run(config)));
}

async fn run(config: central_proxy::config::Config) -> i32 {
    let listener = match TcpListener::bind(config.listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("central-proxy: cannot listen on {}: {e}", config.listen);
            return 1;
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("central-proxy listening on http://{address}");
    if !config.listen.ip().is_loopback() {
        eprintln!("central-proxy: listening beyond this machine ({address}), as asked");
        if config.public_hosts.is_empty() {
            eprintln!(
                "central-proxy: only requests for {} or a loopback name are answered: name the others with --public-host",
                config.listen.ip()
            );
        }
    }
    println!(
        "forwarding the AP ping and traceroute operations and the AP list to {} (tokens from {}), at most {} requests a second",
        config.central_url, config.token_url, config.max_requests_per_second
    );
    if let Some(dir) = &config.serve {
        println!("serving {} on the same origin", dir.display());
    }
    for origin in &config.allowed_origins {
        println!("pages of {origin} may call it (CORS)");
    }
    if let Err(e) = central_proxy::serve(listener, config, shutdown_signal()).await {
        eprintln!("central-proxy: {e}");
        return 1;
    }
    println!("central-proxy stopped");
    0
}

/// Reads the secret from the environment and removes it, before any thread starts: from
/// the C library's copy (so no child process inherits it) and, on Linux, from the
/// process's original environment block, whose bytes `/proc/PID/environ` shows to the
/// same user and root for as long as the process runs.
fn take_secret_from_env() -> Option<String> {
    let value = std::env::var(SECRET_ENV).ok();
    #[cfg(target_os = "linux")]
    if value.is_some() {
        let name = std::ffi::CString::new(SECRET_ENV).expect("no NUL in the name");
        // SAFETY: no other thread runs yet. `getenv` points at the value's bytes in the
        // environment block, NUL-terminated; they are overwritten in place, within it.
        unsafe {
            let bytes = libc::getenv(name.as_ptr());
            if !bytes.is_null() {
                std::ptr::write_bytes(bytes, b'*', libc::strlen(bytes));
            }
        }
    }
    // SAFETY (edition 2024 wording): single-threaded here, see above.
    std::env::remove_var(SECRET_ENV);
    value
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
}
