//! `central-proxy`: the backend an admin page puts in front of the ap-ping-widget.
//!
//! The browser must not hold the Central API client's secret, and Central allows no
//! cross-origin calls, so the page talks to this proxy on its own origin. The proxy gets
//! tokens with client credentials and forwards the two AP ping operations, nothing else.
//!
//! Layers, each depending only on the ones above it:
//! - [`config`]: the command line and the secret (environment or file, never an argument);
//! - [`error`]: every failure as one answer in the API's `{errorCode, message}` shape;
//! - [`token`]: the one owner of the token (cached, renewed single-flight);
//! - [`upstream`]: calls to Central (timeouts, one retry after a 401);
//! - [`routes`]: what is forwarded, what is served, what is refused.

pub mod config;
pub mod error;
pub mod routes;
pub mod token;
pub mod upstream;

use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::services::ServeDir;

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    config: config::Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let state = state(&config)?;
    axum::serve(listener, routes::router(state))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| e.to_string())
}

/// The shared state for this configuration.
pub fn state(config: &config::Config) -> Result<Arc<routes::AppState>, String> {
    Ok(Arc::new(routes::AppState {
        upstream: upstream::Upstream::new(config)?,
        serve: config
            .serve
            .as_ref()
            .map(|dir| ServeDir::new(dir).append_index_html_on_directories(true)),
        log_requests: config.log_requests,
    }))
}
