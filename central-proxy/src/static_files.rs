//! `--serve DIR`: the widget's built files on the proxy's own origin, and nothing else of
//! the disk. Refused before tower-http's `ServeDir` sees them: hidden names (`.env`,
//! `.git`, `..`), empty segments (`//snippets` would redirect to the protocol-relative
//! `//snippets/`, another host), and anything whose real path (symlinks resolved) is
//! outside the folder. Every file goes out with headers that keep it to this origin and
//! run it under a strict Content-Security-Policy.

use crate::error::ProxyError;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The policy served pages run under: what the widget needs (its own scripts and wasm,
/// its own stylesheet, calls to this origin), nothing inline, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A folder served read-only.
pub struct StaticFiles {
    root: PathBuf,
    files: ServeDir,
}

impl StaticFiles {
    /// Serves `dir`, which must exist.
    pub fn new(dir: &Path) -> Result<Self, String> {
        let root = std::fs::canonicalize(dir)
            .map_err(|e| format!("cannot serve {}: {e}", dir.display()))?;
        if !root.is_dir() {
            return Err(format!("cannot serve {}: not a folder", dir.display()));
        }
        Ok(StaticFiles {
            files: ServeDir::new(&root).append_index_html_on_directories(true),
            root,
        })
    }

    /// The file the request names, or a JSON 404.
    pub async fn serve(&self, request: Request) -> Response {
        let Some(relative) = safe_relative_path(request.uri().path()) else {
            return ProxyError::FileNotFound.into_response();
        };
        if !self.inside(&relative).await {
            return ProxyError::FileNotFound.into_response();
        }
        let mut response = match self.files.clone().oneshot(request).await {
            // Missing, or unreadable (a name too long for the file system, a file it may
            // not open): no such file, as far as the page is concerned.
            Ok(response)
                if response.status() == StatusCode::NOT_FOUND
                    || response.status().is_server_error() =>
            {
                ProxyError::FileNotFound.into_response()
            }
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        };
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        h.insert(
            "cross-origin-resource-policy",
            HeaderValue::from_static("same-origin"),
        );
        // How a served page knows the proxy is behind it (the demo then offers no token
        // field and asks for no demo devices): readable by the page alone, through its
        // own navigation timing, without a request of its own.
        h.insert("server-timing", HeaderValue::from_static("central-proxy"));
        response
    }

    /// Whether the path, and a directory's `index.html`, resolve inside the folder. A
    /// path that does not exist is inside (ServeDir answers 404).
    async fn inside(&self, relative: &Path) -> bool {
        let path = self.root.join(relative);
        let resolves_inside = |real: PathBuf| real.starts_with(&self.root);
        match tokio::fs::canonicalize(&path).await {
            Ok(real) if real.is_dir() => {
                resolves_inside(real)
                    && match tokio::fs::canonicalize(path.join("index.html")).await {
                        Ok(index) => resolves_inside(index),
                        Err(_) => true,
                    }
            }
            Ok(real) => resolves_inside(real),
            Err(_) => true,
        }
    }
}

/// The URL path as a relative file path, or `None` when a segment is empty (but the
/// last), hidden (starts with `.`), or holds a separator or NUL once percent-decoded.
fn safe_relative_path(url_path: &str) -> Option<PathBuf> {
    let rest = url_path.strip_prefix('/')?;
    let mut relative = PathBuf::new();
    let segments: Vec<&str> = rest.split('/').collect();
    for (i, raw) in segments.iter().enumerate() {
        if raw.is_empty() {
            if i + 1 == segments.len() {
                break; // "/" or a trailing "/": the folder itself.
            }
            return None;
        }
        let segment = percent_decode(raw)?;
        if segment.starts_with('.') || segment.contains(['/', '\\', '\0']) {
            return None;
        }
        relative.push(segment);
    }
    Some(relative)
}

fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(raw.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_names_empty_segments_and_separators_are_refused() {
        assert_eq!(safe_relative_path("/"), Some(PathBuf::new()));
        assert_eq!(safe_relative_path("/a/b.js"), Some(PathBuf::from("a/b.js")));
        assert_eq!(
            safe_relative_path("/snippets/"),
            Some(PathBuf::from("snippets"))
        );
        assert_eq!(
            safe_relative_path("/a%20b.css"),
            Some(PathBuf::from("a b.css"))
        );
        for bad in [
            "//snippets",
            "/a//b",
            "/.env",
            "/.git/config",
            "/a/../b",
            "/..",
            "/%2e%2e/x",
            "/%2Eenv",
            "/a%2Fb",
            "/a%5Cb",
            "/a%00",
            "/%zz",
            "/%ff",
            "snippets",
        ] {
            assert_eq!(safe_relative_path(bad), None, "{bad}");
        }
    }
}
