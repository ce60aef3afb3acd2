//! The run as CSV, one line per AP, for a spreadsheet: RFC 4180 quoting, CRLF lines,
//! numbers without locale, and no cell a spreadsheet would run as a formula.

use super::figures::ApFigures;
use crate::csv::field;
use crate::decimal;

/// One AP's line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FleetCsvRow<'a> {
    pub name: &'a str,
    pub serial: &'a str,
    pub model: Option<&'a str>,
    /// What the view shows as the AP's state (`online`, `offline: not tested`, …).
    pub state: &'a str,
    /// `None`: the figure cells are empty.
    pub figures: Option<&'a ApFigures>,
    /// Why the AP has no result, if it has none.
    pub error: Option<&'a str>,
}

/// The header line of [`fleet_csv`].
pub const FLEET_CSV_HEADER: &str =
    "name,serial,model,state,loss_percent,median_ms,avg_ms,jitter_ms,error";

/// Decimals written: a thousandth of a millisecond or of a percent.
const DECIMALS: u32 = 3;

/// The CSV text: the header, then one line per row, every line ending in CRLF.
pub fn fleet_csv(rows: &[FleetCsvRow]) -> String {
    let mut csv = String::with_capacity(64 * (rows.len() + 1));
    csv.push_str(FLEET_CSV_HEADER);
    csv.push_str("\r\n");
    let number = |v: Option<f64>| {
        v.filter(|v| v.is_finite())
            .map(|v| decimal::format(v, DECIMALS))
            .unwrap_or_default()
    };
    for row in rows {
        let figures = row.figures;
        let cells = [
            field(row.name),
            field(row.serial),
            field(row.model.unwrap_or_default()),
            field(row.state),
            number(figures.and_then(|f| f.loss_percent)),
            number(figures.and_then(|f| f.median_ms)),
            number(figures.and_then(|f| f.avg_ms)),
            number(figures.and_then(|f| f.jitter_ms)),
            field(row.error.unwrap_or_default()),
        ];
        csv.push_str(&cells.join(","));
        csv.push_str("\r\n");
    }
    csv
}
