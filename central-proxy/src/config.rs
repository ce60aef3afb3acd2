//! What the proxy is told: its command line (clap) and the client secret, which comes only
//! from the environment or a file, never from an argument (arguments show in `ps`).

use clap::Parser;
use secrecy::SecretString;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// HPE GreenLake's SSO token endpoint, where Central API client credentials get tokens.
pub const DEFAULT_TOKEN_URL: &str = "https://sso.common.cloud.hpe.com/as/token.oauth2";
/// The environment variable the secret is read from.
pub const SECRET_ENV: &str = "CENTRAL_CLIENT_SECRET";
/// Central's published limit for one API client, and so the proxy's default budget.
pub const DEFAULT_REQUESTS_PER_SECOND: u32 = 7;

/// The backend for the ap-ping-widget: gets API tokens with client credentials and
/// forwards only the AP ping and traceroute operations and the AP list to Central. The
/// client secret comes from --client-secret-file (recommended) or the
/// CENTRAL_CLIENT_SECRET environment variable, never from an argument.
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
    /// A file holding the client secret (instead of CENTRAL_CLIENT_SECRET); readable by
    /// its owner only.
    #[arg(long)]
    pub client_secret_file: Option<PathBuf>,
    /// A host name the proxy is reached by, besides its listen address (and `localhost`
    /// on loopback), e.g. the name a reverse proxy forwards as. Repeatable.
    #[arg(long = "public-host", value_name = "NAME")]
    pub public_hosts: Vec<String>,
    /// An origin (scheme://host[:port]) whose pages may call the proxy cross-origin
    /// (CORS). Repeatable. None by default: only the proxy's own origin.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allowed_origins: Vec<String>,
    /// Requests the proxy forwards to Central per second, at most (a burst of as many).
    #[arg(long, default_value_t = DEFAULT_REQUESTS_PER_SECOND,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub max_requests_per_second: u32,
    /// Connections open at once, at most; more wait to be accepted.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u32).range(1..=65536))]
    pub max_connections: u32,
    /// Seconds a client may take to send a request's headers (or to start its next one).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout_secs: u64,
    /// Seconds a client may take to send a request's body.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_timeout_secs: u64,
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
    /// Host names accepted besides the listen address (lower case, without a port).
    pub public_hosts: Vec<String>,
    /// Origins allowed to call cross-origin (normalised: lower case, no trailing `/`).
    pub allowed_origins: Vec<String>,
    /// The request budget towards Central.
    pub max_requests_per_second: u32,
    /// Connections open at once.
    pub max_connections: usize,
    /// Time for a request's headers.
    pub header_timeout: Duration,
    /// Time for a request's body.
    pub body_timeout: Duration,
    /// Connection timeout towards Central and the token endpoint.
    pub connect_timeout: Duration,
    /// Overall timeout of one request towards Central or the token endpoint.
    pub timeout: Duration,
    /// Print one line per request.
    pub log_requests: bool,
}

impl Config {
    /// A configuration with the defaults of the command line, for tests and embedders.
    pub fn new(
        central_url: &str,
        token_url: &str,
        client_id: &str,
        client_secret: SecretString,
    ) -> Self {
        Config {
            central_url: central_url.trim_end_matches('/').to_owned(),
            token_url: token_url.to_owned(),
            client_id: client_id.to_owned(),
            client_secret,
            listen: SocketAddr::from(([127, 0, 0, 1], 8082)),
            serve: None,
            public_hosts: Vec::new(),
            allowed_origins: Vec::new(),
            max_requests_per_second: DEFAULT_REQUESTS_PER_SECOND,
            max_connections: 128,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            log_requests: true,
        }
    }
}

/// What the secret file's permissions say, for a warning at start.
pub enum SecretFileAccess {
    /// Only its owner (or root) may read it.
    Private,
    /// Group or others may read it: the `ls -l` mode, as `0644`.
    Shared(u32),
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
                    "no client secret: pass --client-secret-file PATH or set {SECRET_ENV}"
                ))
            }
        };
        if client_secret.is_empty() {
            return Err("the client secret is empty".into());
        }
        check_url("--central-url", &self.central_url)?;
        check_url("--token-url", &self.token_url)?;
        let public_hosts = self
            .public_hosts
            .iter()
            .map(|name| {
                host_name(name).ok_or_else(|| format!("--public-host {name:?} is not a host name"))
            })
            .collect::<Result<_, _>>()?;
        let allowed_origins = self
            .allowed_origins
            .iter()
            .map(|origin| {
                normal_origin(origin).ok_or_else(|| {
                    format!(
                        "--allow-origin {origin:?} is not an origin like https://admin.example.com"
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        let mut config = Config::new(
            &self.central_url,
            &self.token_url,
            &self.client_id,
            SecretString::from(client_secret),
        );
        config.listen = self.listen;
        config.serve = self.serve;
        config.public_hosts = public_hosts;
        config.allowed_origins = allowed_origins;
        config.max_requests_per_second = self.max_requests_per_second;
        config.max_connections = self.max_connections as usize;
        config.header_timeout = Duration::from_secs(self.header_timeout_secs);
        config.body_timeout = Duration::from_secs(self.body_timeout_secs);
        config.connect_timeout = Duration::from_secs(self.connect_timeout_secs);
        config.timeout = Duration::from_secs(self.timeout_secs);
        config.log_requests = !self.quiet;
        Ok(config)
    }

    /// Whether the secret file may be read by others than its owner (Unix modes only).
    pub fn secret_file_access(&self) -> Option<SecretFileAccess> {
        let path = self.client_secret_file.as_ref()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
            Some(if mode & 0o077 == 0 {
                SecretFileAccess::Private
            } else {
                SecretFileAccess::Shared(mode)
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// An `https://` URL, or `http://` to a loopback address only: a token and the secret
/// must never cross a network in clear.
fn check_url(name: &str, text: &str) -> Result<(), String> {
    let url = reqwest::Url::parse(text).map_err(|_| format!("{name} is not a URL"))?;
    let loopback = url.host_str().is_some_and(|host| {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        host.eq_ignore_ascii_case("localhost")
            || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    });
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(format!(
            "{name} must be https:// (plain http:// is allowed for loopback addresses only: it would send the secret or tokens in clear)"
        )),
        _ => Err(format!("{name} must be an https:// URL")),
    }
}

/// A Host header's or `--public-host`'s name, lower case, without a port; IPv6 in
/// brackets. `None` when it is not a plain host name or address.
pub fn host_name(text: &str) -> Option<String> {
    let text = text.trim();
    let name = if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        inside.parse::<std::net::Ipv6Addr>().ok()?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(is_port)) {
            return None;
        }
        return Some(format!("[{}]", inside.to_ascii_lowercase()));
    } else {
        match text.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return None,
            None => text,
        }
    };
    let valid = !name.is_empty()
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    valid.then(|| name.trim_end_matches('.').to_ascii_lowercase())
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// An origin as browsers send it: `scheme://host[:port]`, lower case, nothing after.
pub fn normal_origin(text: &str) -> Option<String> {
    let (scheme, rest) = text.trim().trim_end_matches('/').split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https") || rest.contains(['/', '?', '#', '@']) {
        return None;
    }
    host_name(rest)?;
    Some(format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

/// The host names a proxy listening on `listen` is reached by: its address, and
/// `localhost` when that is loopback.
pub fn listen_host_names(listen: SocketAddr) -> Vec<String> {
    let ip = listen.ip();
    let mut names = vec![match ip {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    }];
    // A listener on every address is reached through loopback too.
    if ip.is_loopback() || ip.is_unspecified() {
        for name in ["localhost", "127.0.0.1", "[::1]"] {
            if !names.iter().any(|n| n == name) {
                names.push(name.into());
            }
        }
    }
    names
}
