//! The fleet view's pure logic: one destination pinged from every AP of a site.
//!
//! - [`list`]: reading a page of `GET {base}/network-monitoring/v1/aps`, and the pages
//!   of a selection together ([`ApListing`]);
//! - [`filter`]: which APs to list, as the API's `filter` query, from checked values only.

pub mod filter;
pub mod list;

pub use filter::{list_filters, list_query, ApSelection, MAX_FILTER_CHARS};
pub use list::{read_ap_list, AccessPoint, ApListPage, ApListing, ApState, MAX_PAGE_APS};

/// Most APs one fleet view tests: two full pages of the list. More, across pages or
/// in `serials`, is refused with a clear error rather than spending a day's allowance of
/// requests (a run costs a few per AP).
pub const MAX_FLEET_APS: usize = 2000;
