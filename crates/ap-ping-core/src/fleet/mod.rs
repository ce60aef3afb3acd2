//! The fleet view's pure logic: one destination pinged from every AP of a site.
//!
//! - [`list`]: reading a page of `GET {base}/network-monitoring/v1/aps`, and the pages
//!   of a selection together ([`ApListing`]);
//! - [`filter`]: which APs to list, as the API's `filter` query, from checked values only;
//! - [`figures`]: one AP's row figures, from its [`crate::stats::PingTestResult`];
//! - [`verdict`](mod@verdict): the sentence the view exists for (is it these APs or the path beyond
//!   them?), and what a run costs in requests;
//! - [`csv`]: the run as one CSV line per AP.

pub mod csv;
pub mod figures;
pub mod filter;
pub mod list;
pub mod verdict;

pub use csv::{fleet_csv, FleetCsvRow, FLEET_CSV_HEADER};
pub use figures::ApFigures;
pub use filter::{list_filters, list_query, ApSelection, MAX_FILTER_CHARS};
pub use list::{read_ap_list, AccessPoint, ApListPage, ApListing, ApState, MAX_PAGE_APS};
pub use verdict::{estimate_requests, verdict, ApOutcome, Verdict, VerdictRules};

/// Most APs one fleet view tests: two full pages of the list. More, across pages or
/// in `serials`, is refused with a clear error rather than spending a day's allowance of
/// requests (a run costs about three per AP, [`estimate_requests`]).
pub const MAX_FLEET_APS: usize = 2000;
