//! The URLs of a test's two requests (validated, percent-encoded), and the task a 202's
//! `location` names. Pure, tested natively.

use super::error::ClientError;
use ap_ping_core::paths::{self, ApiVersion, Operation, PING};

/// The base URL without a trailing `/`; `""` means the page's own origin.
fn base(base_url: &str) -> Result<&str, ClientError> {
    let base = base_url.trim().trim_end_matches('/');
    if base.contains(['?', '#']) || base.chars().any(char::is_whitespace) {
        return Err(ClientError::BaseUrl {
            base_url: base_url.into(),
        });
    }
    Ok(base)
}

/// `GET {base}/network-troubleshooting/{version}/aps/{serial}/{operation}/async-operations/{task-id}`
pub fn operation_status_url(
    base_url: &str,
    version: ApiVersion,
    operation: &str,
    serial: &str,
    task_id: &str,
) -> Result<String, ClientError> {
    Ok(format!(
        "{}{}",
        base(base_url)?,
        paths::operation_status_path(version, operation, serial, task_id)?
    ))
}

/// `POST {base}/network-troubleshooting/{version}/aps/{serial}/{operation}`
pub fn operation_start_url(
    base_url: &str,
    version: ApiVersion,
    operation: &str,
    serial: &str,
) -> Result<String, ClientError> {
    Ok(format!(
        "{}{}",
        base(base_url)?,
        paths::operation_start_path(version, operation, serial)?
    ))
}

/// `GET {base}/network-troubleshooting/{version}/aps/{serial}/ping/async-operations/{task-id}`
pub fn status_url(
    base_url: &str,
    version: ApiVersion,
    serial: &str,
    task_id: &str,
) -> Result<String, ClientError> {
    operation_status_url(base_url, version, PING, serial, task_id)
}

/// The path of the list of APs (the monitoring API's, in its one version).
pub const AP_LIST_PATH: &str = "/network-monitoring/v1/aps";

/// `GET {base}/network-monitoring/v1/aps?filter=…&limit=1000[&next=…]`: one page of the APs
/// `filter` selects (`ap_ping_core::fleet::list_filters` makes it from checked values).
pub fn ap_list_url(
    base_url: &str,
    filter: &str,
    next: Option<&str>,
) -> Result<String, ClientError> {
    Ok(format!(
        "{}{AP_LIST_PATH}?{}",
        base(base_url)?,
        ap_ping_core::fleet::list_query(filter, next)
    ))
}

/// `POST {base}/network-troubleshooting/{version}/aps/{serial}/ping`
pub fn start_url(base_url: &str, version: ApiVersion, serial: &str) -> Result<String, ClientError> {
    operation_start_url(base_url, version, PING, serial)
}

/// The task a 202's `location` names, with the version of its path, when the location
/// has the shape of `operation`'s status path (either version, an absolute URL's path
/// included) and names the AP the test was started on. Only the version and the task id
/// are taken: the next request still goes to the configured base URL.
pub fn operation_task_from_location(
    location: &str,
    operation: &'static str,
    serial: &str,
) -> Result<(ApiVersion, String), ClientError> {
    let path = location.split(['?', '#']).next().unwrap_or("");
    let path = match path.split_once("://") {
        Some((_, after_scheme)) => after_scheme.find('/').map_or("", |i| &after_scheme[i..]),
        None => path,
    };
    match paths::parse_operation_path(path, operation) {
        Some(found) if found.serial != serial.trim() => Err(ClientError::OtherAccessPoint {
            serial: found.serial,
        }),
        Some(paths::ApiPath {
            version,
            operation: Operation::Status { task_id },
            ..
        }) => Ok((version, task_id)),
        _ => Err(ClientError::NotAStatusPath {
            location: location.into(),
            operation,
        }),
    }
}

/// [`operation_task_from_location`] for a ping test.
pub fn task_from_location(
    location: &str,
    serial: &str,
) -> Result<(ApiVersion, String), ClientError> {
    operation_task_from_location(location, PING, serial)
}
