//! What the proxy is told: its command line (clap) and the client secret, which comes only
//! from the environment or a file, never from an argument (arguments show in `ps`).

use clap::Parser;
use secrecy::SecretString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// HPE GreenLake's SSO token endpoint, where Central API client credentials get tokens.
pub const DEFAULT_TOKEN_URL: &str = "https://sso.common.cloud.hpe.com/as/token.oauth2";
/// The environment variable the secret is read from.
pub const SECRET_ENV: &str = "CENTRAL_CLIENT_SECRET";

/// The backend for the ap-ping-widget: gets API tokens with client credentials and
/// forwards only the AP ping operations to Central. The client secret comes from the
/// CENTRAL_CLIENT_SECRET environment variable or --client-secret-file, never from an
/// argument.
#[derive(Parser)]
#[command(version)]
pub struct Args {
    /// Central's API base URL for your region, e.g. https://us5.api.central.arubanetworks.com
    #[arg(long)]
    pub central_url: String,
    /// The API client's id.
    #[arg(long)]
    pub client_id: String,
    /// Where client-credential tokens are requested.
    #[arg(long, default_value = DEFAULT_TOKEN_URL)]
    pub token_url: String,
    /// Where to listen; port 0 picks a free one. Loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:8082")]
    pub listen: SocketAddr,
    /// Serve this folder (the widget's built dist/) on the same origin.
    #[arg(long)]
    pub serve: Option<PathBuf>,
    /// A file holding the client secret (instead of CENTRAL_CLIENT_SECRET).
    #[arg(long)]
    pub client_secret_file: Option<PathBuf>,
    /// Seconds to wait for a connection to Central or the token endpoint.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub connect_timeout_secs: u64,
    /// Seconds a whole request to Central (or the token endpoint) may take.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_secs: u64,
    /// No line per request.
    #[arg(long)]
    pub quiet: bool,
}

/// Everything the proxy runs with. No `Debug`: it holds the secret.
pub struct Config {
    /// Central's base URL, without a trailing `/`.
    pub central_url: String,
    /// The token endpoint.
    pub token_url: String,
    /// The API client's id.
    pub client_id: String,
    /// The API client's secret: only ever put into the token request's form.
    pub client_secret: SecretString,
    /// Where to listen.
    pub listen: SocketAddr,
    /// A folder served on the same origin.
    pub serve: Option<PathBuf>,
    /// Connection timeout towards Central and the token endpoint.
    pub connect_timeout: Duration,
    /// Overall timeout of one request towards Central or the token endpoint.
    pub timeout: Duration,
    /// Print one line per request.
    pub log_requests: bool,
}

impl Args {
    /// The configuration, with the secret from `secret_env` (the environment variable's
    /// value, if set) or the file. The error never contains the secret.
    pub fn into_config(self, secret_env: Option<String>) -> Result<Config, String> {
        let client_secret = match (&self.client_secret_file, secret_env) {
            (Some(path), _) => std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read --client-secret-file {}: {e}", path.display()))?
                .trim_end_matches(['\r', '\n'])
                .to_owned(),
            (None, Some(value)) => value,
            (None, None) => {
                return Err(format!(
                    "no client secret: set {SECRET_ENV} or pass --client-secret-file PATH"
                ))
            }
        };
        if client_secret.is_empty() {
            return Err("the client secret is empty".into());
        }
        for (name, url) in [
            ("--central-url", &self.central_url),
            ("--token-url", &self.token_url),
        ] {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(format!("{name} must be an http:// or https:// URL"));
            }
        }
        Ok(Config {
            central_url: self.central_url.trim_end_matches('/').to_owned(),
            token_url: self.token_url,
            client_id: self.client_id,
            client_secret: SecretString::from(client_secret),
            listen: self.listen,
            serve: self.serve,
            connect_timeout: Duration::from_secs(self.connect_timeout_secs),
            timeout: Duration::from_secs(self.timeout_secs),
            log_requests: !self.quiet,
        })
    }
}
