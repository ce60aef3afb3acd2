//! Who may use the proxy from a browser. The proxy has no login of its own, so it assumes
//! a hostile page in the same browser and refuses what only such a page would send:
//! - a `Host` that is not one of the proxy's names (DNS rebinding);
//! - an `Origin` (or, lacking one, a `Referer`) of another site than the proxy's own or
//!   one given with `--allow-origin`;
//! - `Sec-Fetch-Site` other than `same-origin` or `none` from a page that is not allowed
//!   (a `no-cors` request carries no `Origin`), except a navigation to a served page;
//! - CORS preflights, unless from an allowed origin, and then only for what is forwarded.
//!
//! Requests without any of these headers are not from a browser page (curl, a backend):
//! keeping those out is the job of the authentication in front of the proxy.

use crate::config::{host_name, listen_host_names, normal_origin, Config};
use crate::error::ProxyError;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// The methods a cross-origin page may use: the two operations' own.
pub const CORS_METHODS: &str = "GET, POST";
/// The request headers a cross-origin page may send: the only one that is forwarded.
pub const CORS_HEADERS: &str = "content-type";
/// The answer headers a cross-origin page may read (the widget reads them on a 429).
pub const CORS_EXPOSED: &str =
    "retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset";

/// Where a request comes from, as far as the browser says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A page of the proxy's own origin.
    Own,
    /// A page of an origin given with `--allow-origin` (the origin, as the browser sent it).
    Allowed(HeaderValue),
    /// No browser header says: not a page's request (or a navigation).
    Unknown,
}

/// The names and origins the proxy accepts.
pub struct Guard {
    hosts: Vec<String>,
    allowed_origins: Vec<String>,
}

impl Guard {
    /// From the listen address, `--public-host` and `--allow-origin`.
    pub fn new(config: &Config) -> Self {
        let mut hosts = listen_host_names(config.listen);
        hosts.extend(config.public_hosts.iter().cloned());
        Guard {
            hosts,
            allowed_origins: config.allowed_origins.clone(),
        }
    }

    /// The request's `Host`, lower case, when it is one of the proxy's names.
    pub fn host(&self, uri: &Uri, headers: &HeaderMap) -> Result<String, ProxyError> {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .ok_or(ProxyError::ForeignHost)?
            .trim()
            .to_ascii_lowercase();
        let name = host_name(&host).ok_or(ProxyError::ForeignHost)?;
        // An absolute-form request line must name the same host.
        if uri
            .authority()
            .is_some_and(|a| !a.as_str().eq_ignore_ascii_case(&host))
        {
            return Err(ProxyError::ForeignHost);
        }
        if self.hosts.contains(&name) {
            Ok(host)
        } else {
            Err(ProxyError::ForeignHost)
        }
    }

    /// The page the request comes from: its `Origin`, else (when `by_referer`) its
    /// `Referer`'s origin. A served page is asked for with `by_referer` off: a link from
    /// another site carries that site's `Referer`, and a file is no secret (CORP keeps
    /// other sites' pages from reading it).
    pub fn caller(
        &self,
        host: &str,
        headers: &HeaderMap,
        by_referer: bool,
    ) -> Result<Caller, ProxyError> {
        let referer = headers.get(header::REFERER).filter(|_| by_referer);
        let sent = match (headers.get(header::ORIGIN), referer) {
            (Some(origin), _) => {
                Some((origin.clone(), origin.to_str().ok().and_then(normal_origin)))
            }
            (None, Some(referer)) => {
                let origin = referer.to_str().ok().and_then(referer_origin);
                let value = origin
                    .as_deref()
                    .and_then(|o| HeaderValue::from_str(o).ok());
                Some((value.unwrap_or(HeaderValue::from_static("null")), origin))
            }
            (None, None) => None,
        };
        let Some((value, origin)) = sent else {
            return Ok(Caller::Unknown);
        };
        // "null" (sandboxed frames, file: pages) and anything unreadable are foreign.
        let origin = origin.ok_or(ProxyError::ForeignOrigin)?;
        if origin == format!("http://{host}") || origin == format!("https://{host}") {
            Ok(Caller::Own)
        } else if self.allowed_origins.contains(&origin) {
            Ok(Caller::Allowed(value))
        } else {
            Err(ProxyError::ForeignOrigin)
        }
    }

    /// `Sec-Fetch-Site`: a request from another site, or a `no-cors` one from the same site
    /// on another origin, is refused unless it comes from an allowed origin. `navigation`
    /// lets a link from elsewhere open a served page.
    pub fn fetch_site(
        &self,
        caller: &Caller,
        headers: &HeaderMap,
        navigation: bool,
    ) -> Result<(), ProxyError> {
        let site = headers.get("sec-fetch-site").map(HeaderValue::as_bytes);
        let navigates = headers
            .get("sec-fetch-mode")
            .is_some_and(|m| m == "navigate");
        match site {
            None | Some(b"same-origin") | Some(b"none") => Ok(()),
            Some(_) if matches!(caller, Caller::Allowed(_)) => Ok(()),
            Some(_) if navigation && navigates => Ok(()),
            Some(_) => Err(ProxyError::ForeignOrigin),
        }
    }

    /// The answer to an `OPTIONS` request: a CORS preflight from an allowed origin for a
    /// forwarded method and header gets its permission; anything else is refused.
    pub fn preflight(&self, caller: &Caller, headers: &HeaderMap) -> Response {
        let Caller::Allowed(origin) = caller else {
            return ProxyError::ForeignOrigin.into_response();
        };
        let method = headers
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .and_then(|m| Method::from_bytes(m.as_bytes()).ok());
        let method_ok = matches!(method, Some(Method::GET) | Some(Method::POST));
        let headers_ok = headers
            .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .all(|h| h.eq_ignore_ascii_case(CORS_HEADERS));
        if !(method_ok && headers_ok) {
            return ProxyError::ForeignOrigin.into_response();
        }
        let mut response = StatusCode::NO_CONTENT.into_response();
        let h = response.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(CORS_METHODS),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(CORS_HEADERS),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        h.insert(header::VARY, HeaderValue::from_static("origin"));
        response
    }
}

/// The CORS headers of an answer to an allowed origin's page.
pub fn allow_caller(caller: &Caller, response: &mut Response) {
    let h = response.headers_mut();
    h.append(header::VARY, HeaderValue::from_static("origin"));
    if let Caller::Allowed(origin) = caller {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(CORS_EXPOSED),
        );
    }
}

/// Whether a POST declares a JSON body (`application/json`, parameters allowed): a form
/// or a `text/plain` "simple" request cannot start a test.
pub fn declares_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// `scheme://host[:port]` of a `Referer` URL.
fn referer_origin(referer: &str) -> Option<String> {
    let (scheme, rest) = referer.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    normal_origin(&format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    fn guard() -> Guard {
        let mut config = Config::new(
            "https://c.example",
            "https://t.example",
            "id",
            SecretString::from("s"),
        );
        config.public_hosts = vec!["proxy.example".into()];
        config.allowed_origins = vec!["https://admin.example".into()];
        Guard::new(&config)
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(*name, HeaderValue::from_static(value));
        }
        h
    }

    #[test]
    fn only_the_proxys_own_names_are_accepted_as_host() {
        let g = guard();
        let uri = Uri::from_static("/x");
        for ok in [
            "127.0.0.1:8082",
            "localhost:8082",
            "LOCALHOST",
            "proxy.example",
            "proxy.example:443",
            "[::1]:8082",
        ] {
            let h = HeaderMap::from_iter([(header::HOST, HeaderValue::from_static(ok))]);
            assert!(g.host(&uri, &h).is_ok(), "{ok}");
        }
        for bad in [
            "evil.example:8082",
            "127.0.0.1.evil.example",
            "proxy.example:x",
            "",
            "a b",
            "[::2]:8082",
        ] {
            let h = HeaderMap::from_iter([(header::HOST, HeaderValue::from_static(bad))]);
            assert_eq!(g.host(&uri, &h), Err(ProxyError::ForeignHost), "{bad}");
        }
        assert_eq!(
            g.host(&uri, &HeaderMap::new()),
            Err(ProxyError::ForeignHost),
            "no Host"
        );
        let absolute = Uri::from_static("http://evil.example/x");
        let h = HeaderMap::from_iter([(header::HOST, HeaderValue::from_static("localhost"))]);
        assert_eq!(g.host(&absolute, &h), Err(ProxyError::ForeignHost));
    }

    #[test]
    fn the_caller_is_told_by_origin_then_referer() {
        let g = guard();
        let host = "127.0.0.1:8082";
        assert_eq!(g.caller(host, &headers(&[]), true), Ok(Caller::Unknown));
        assert_eq!(
            g.caller(host, &headers(&[("origin", "http://127.0.0.1:8082")]), true),
            Ok(Caller::Own)
        );
        assert_eq!(
            g.caller(host, &headers(&[("origin", "https://admin.example")]), true),
            Ok(Caller::Allowed(HeaderValue::from_static(
                "https://admin.example"
            )))
        );
        for foreign in [
            "https://evil.example",
            "http://127.0.0.1:9999",
            "null",
            "https://admin.example.evil",
        ] {
            assert_eq!(
                g.caller(host, &headers(&[("origin", foreign)]), true),
                Err(ProxyError::ForeignOrigin),
                "{foreign}"
            );
        }
        assert_eq!(
            g.caller(
                host,
                &headers(&[("referer", "http://127.0.0.1:8082/index.html?x=1")]),
                true
            ),
            Ok(Caller::Own)
        );
        assert_eq!(
            g.caller(
                host,
                &headers(&[("referer", "https://evil.example/page")]),
                true
            ),
            Err(ProxyError::ForeignOrigin)
        );
        assert_eq!(
            g.caller(host, &headers(&[("referer", "garbage")]), true),
            Err(ProxyError::ForeignOrigin)
        );
        // A link from another site to a served page.
        let link = headers(&[("referer", "https://elsewhere.example/wiki")]);
        assert_eq!(g.caller(host, &link, false), Ok(Caller::Unknown));
        assert_eq!(g.caller(host, &link, true), Err(ProxyError::ForeignOrigin));
    }

    #[test]
    fn cross_site_fetches_are_refused_unless_allowed_or_a_navigation() {
        let g = guard();
        let allowed = Caller::Allowed(HeaderValue::from_static("https://admin.example"));
        let cross = headers(&[
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-mode", "no-cors"),
        ]);
        assert_eq!(
            g.fetch_site(&Caller::Unknown, &cross, true),
            Err(ProxyError::ForeignOrigin)
        );
        assert_eq!(g.fetch_site(&allowed, &cross, false), Ok(()));
        let same_site = headers(&[("sec-fetch-site", "same-site")]);
        assert_eq!(
            g.fetch_site(&Caller::Unknown, &same_site, false),
            Err(ProxyError::ForeignOrigin)
        );
        let link = headers(&[
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-mode", "navigate"),
        ]);
        assert_eq!(g.fetch_site(&Caller::Unknown, &link, true), Ok(()));
        assert_eq!(
            g.fetch_site(&Caller::Unknown, &link, false),
            Err(ProxyError::ForeignOrigin)
        );
        for fine in ["same-origin", "none"] {
            let h = HeaderMap::from_iter([(
                HeaderName::from_static("sec-fetch-site"),
                HeaderValue::from_static(fine),
            )]);
            assert_eq!(g.fetch_site(&Caller::Own, &h, false), Ok(()));
        }
    }

    #[test]
    fn only_json_is_a_post_body() {
        assert!(declares_json(&headers(&[(
            "content-type",
            "application/json"
        )])));
        assert!(declares_json(&headers(&[(
            "content-type",
            "Application/JSON; charset=utf-8"
        )])));
        for bad in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonp",
        ] {
            assert!(!declares_json(&headers(&[("content-type", bad)])), "{bad}");
        }
        assert!(!declares_json(&HeaderMap::new()));
    }

    use axum::http::HeaderName;
}
