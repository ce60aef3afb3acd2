//! `central-proxy`: the backend an admin page puts in front of the ap-ping-widget.
//!
//! The browser must not hold the Central API client's secret, and Central allows no
//! cross-origin calls, so the page talks to this proxy on its own origin. The proxy gets
//! tokens with client credentials and forwards the start and status of the AP ping and
//! traceroute, and the AP list, nothing else.
//!
//! Layers, each depending only on the ones above it:
//! - [`config`]: the command line and the secret (file or environment, never an argument);
//! - [`error`]: every failure as one answer in the API's `{errorCode, message}` shape;
//! - [`guard`]: who may call from a browser (Host, Origin, Sec-Fetch-Site, CORS);
//! - [`budget`]: the request budget towards Central;
//! - [`token`]: the one owner of the token (cached, renewed single-flight);
//! - [`upstream`]: calls to Central (timeouts, one retry after a 401);
//! - [`static_files`]: `--serve`, confined to its folder, with security headers;
//! - [`list_query`]: the AP list's four query parameters, checked and written anew;
//! - [`routes`]: what is forwarded, what is served, what is refused;
//! - [`server`]: the accept loop (header timeout, connection cap, graceful shutdown).

pub mod budget;
pub mod config;
pub mod error;
pub mod guard;
pub mod list_query;
pub mod routes;
pub mod server;
pub mod static_files;
pub mod token;
pub mod upstream;

use std::sync::Arc;
use tokio::net::TcpListener;

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    config: config::Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let limits = server::ConnectionLimits {
        max_connections: config.max_connections,
        header_timeout: config.header_timeout,
        // A client must read an answer as promptly as it sends a body.
        write_stall_timeout: config.body_timeout,
    };
    let state = state(&config)?;
    server::run(listener, routes::router(state), limits, shutdown)
        .await
        .map_err(|e| e.to_string())
}

/// The shared state for this configuration.
pub fn state(config: &config::Config) -> Result<Arc<routes::AppState>, String> {
    Ok(Arc::new(routes::AppState {
        upstream: upstream::Upstream::new(config)?,
        files: config
            .serve
            .as_deref()
            .map(static_files::StaticFiles::new)
            .transpose()?,
        guard: guard::Guard::new(config),
        budget: budget::Budget::new(config.max_requests_per_second),
        body_timeout: config.body_timeout,
        log_requests: config.log_requests,
    }))
}
