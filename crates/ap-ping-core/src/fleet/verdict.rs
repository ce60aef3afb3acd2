//! The verdict line: is it these APs, or the path beyond them? Written from the tested
//! APs' loss, in words an admin acts on, and what a run costs in requests.
//!
//! The rules, decided here:
//! - an AP is *tested* when it has figures with a finite loss (a test that sent no packet,
//!   failed, or did not run does not count either way);
//! - a tested AP *loses packets* when its loss is above `lossy_above_percent` (strictly:
//!   at the default 0, any loss counts; at 10, an AP losing exactly 10% does not);
//! - when none does: [`Verdict::NoLoss`]. When at least `beyond_share_percent` of the
//!   tested APs do, and at least two were tested: [`Verdict::BeyondAps`] (one AP cannot
//!   tell itself from its network). Otherwise [`Verdict::SomeAps`], with the worst named.
//!
//! Rules outside their ranges are clamped by [`verdict`], never a panic;
//! [`VerdictRules::check`] refuses them for a page's options.

use super::figures::ApFigures;
use crate::error::RequestError;

/// When APs count as losing packets, and when their share points beyond them.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictRules {
    /// An AP loses packets when its loss is above this, from 0 (any loss) up to, not
    /// including, 100 (at 100 no AP could ever lose packets).
    pub lossy_above_percent: f64,
    /// The share of tested APs, above 0 and at most 100, that must lose packets for the
    /// problem to be beyond the APs. At 100, every tested AP must.
    pub beyond_share_percent: f64,
    /// Most APs named in [`Verdict::SomeAps`].
    pub named_at_most: usize,
}

impl Default for VerdictRules {
    /// Any loss counts, the problem is beyond the APs when all of them lose packets, and
    /// five of the worst are named.
    fn default() -> Self {
        VerdictRules {
            lossy_above_percent: 0.0,
            beyond_share_percent: 100.0,
            named_at_most: 5,
        }
    }
}

impl VerdictRules {
    /// Refuses a rule outside its range (or NaN), naming it as a page's option would:
    /// `lossyAbovePercent must be a percentage at least 0 and below 100`.
    pub fn check(&self) -> Result<(), RequestError> {
        if !(0.0..100.0).contains(&self.lossy_above_percent) {
            return Err(RequestError::PercentOutOfRange {
                name: "lossyAbovePercent",
                range: "at least 0 and below 100",
            });
        }
        if !(self.beyond_share_percent > 0.0 && self.beyond_share_percent <= 100.0) {
            return Err(RequestError::PercentOutOfRange {
                name: "beyondSharePercent",
                range: "above 0 and at most 100",
            });
        }
        Ok(())
    }

    /// The rules brought into their ranges: NaN is the default, anything else the nearest
    /// value in range.
    fn clamped(&self) -> VerdictRules {
        let defaults = VerdictRules::default();
        let lossy = if self.lossy_above_percent.is_nan() {
            defaults.lossy_above_percent
        } else {
            // The largest value below 100 still lets a total loss count.
            self.lossy_above_percent.clamp(0.0, 99.999)
        };
        let share = if self.beyond_share_percent.is_nan() {
            defaults.beyond_share_percent
        } else {
            self.beyond_share_percent.clamp(f64::MIN_POSITIVE, 100.0)
        };
        VerdictRules {
            lossy_above_percent: lossy,
            beyond_share_percent: share,
            named_at_most: self.named_at_most,
        }
    }
}

/// One AP as the verdict sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ApOutcome<'a> {
    /// How the AP is named in the sentence.
    pub name: &'a str,
    /// `None`: not tested (offline, an error, no statistics).
    pub figures: Option<&'a ApFigures>,
}

/// What the run says.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// No AP was tested: nothing to say.
    NothingTested,
    /// At least `beyond_share_percent` of the tested APs (and at least two) lost packets:
    /// "All 40 APs lose packets to 8.8.8.8: the problem is beyond the APs".
    BeyondAps { lossy: usize, tested: usize },
    /// Some did: the worst first (loss descending, then name), at most `named_at_most`
    /// of them: "3 of 40 APs lose packets: lobby-ap-07 (60%), …".
    SomeAps {
        lossy: usize,
        tested: usize,
        worst: Vec<(String, f64)>,
    },
    /// None lost more than `lossy_above_percent`: the median of the APs' median RTTs and
    /// their spread (the least and greatest median); `None` when no AP has a median.
    NoLoss {
        tested: usize,
        median_ms: Option<f64>,
        min_ms: Option<f64>,
        max_ms: Option<f64>,
    },
}

/// The verdict of a run, by `rules` (clamped into their ranges, see
/// [`VerdictRules::check`]).
pub fn verdict(outcomes: &[ApOutcome], rules: &VerdictRules) -> Verdict {
    let rules = rules.clamped();
    let tested: Vec<(&str, &ApFigures, f64)> = outcomes
        .iter()
        .filter_map(|o| {
            let figures = o.figures?;
            let loss = figures.loss_percent.filter(|l| l.is_finite())?;
            Some((o.name, figures, loss))
        })
        .collect();
    if tested.is_empty() {
        return Verdict::NothingTested;
    }
    let mut lossy: Vec<(&str, f64)> = tested
        .iter()
        .filter(|(_, _, loss)| *loss > rules.lossy_above_percent)
        .map(|&(name, _, loss)| (name, loss))
        .collect();
    let tested_count = tested.len();
    if lossy.is_empty() {
        let mut medians: Vec<f64> = tested
            .iter()
            .filter_map(|(_, f, _)| f.median_ms.filter(|m| m.is_finite()))
            .collect();
        medians.sort_by(f64::total_cmp);
        return Verdict::NoLoss {
            tested: tested_count,
            median_ms: median_of_sorted(&medians),
            min_ms: medians.first().copied(),
            max_ms: medians.last().copied(),
        };
    }
    let lossy_count = lossy.len();
    // lossy / tested ≥ share / 100, without the rounding of a division.
    let share_met = lossy_count as f64 * 100.0 >= rules.beyond_share_percent * tested_count as f64;
    if tested_count >= 2 && share_met {
        return Verdict::BeyondAps {
            lossy: lossy_count,
            tested: tested_count,
        };
    }
    lossy.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    lossy.truncate(rules.named_at_most);
    Verdict::SomeAps {
        lossy: lossy_count,
        tested: tested_count,
        worst: lossy
            .into_iter()
            .map(|(name, loss)| (name.to_owned(), loss))
            .collect(),
    }
}

/// The middle value (the mean of the two middle ones for an even count).
fn median_of_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// About how many requests a run costs, shown before it starts: each list page, and for
/// each online AP one start and two status polls. Two, because the page's budget spaces
/// polls by the work a test has left (a 5-packet test is first polled when it should be
/// done, and once more if it is not yet); a test that ends late costs more, so this is an
/// estimate, not a bound.
pub fn estimate_requests(online_aps: usize, list_pages: usize) -> usize {
    online_aps.saturating_mul(3).saturating_add(list_pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median_of_sorted(&[]), None);
        assert_eq!(median_of_sorted(&[3.0]), Some(3.0));
        assert_eq!(median_of_sorted(&[1.0, 2.0, 4.0, 9.0]), Some(3.0));
    }

    #[test]
    fn rules_out_of_range_are_clamped_and_refused() {
        let nan = VerdictRules {
            lossy_above_percent: f64::NAN,
            beyond_share_percent: f64::NAN,
            named_at_most: 1,
        };
        assert_eq!(nan.clamped().lossy_above_percent, 0.0);
        assert_eq!(nan.clamped().beyond_share_percent, 100.0);
        assert_eq!(
            nan.check().unwrap_err().to_string(),
            "lossyAbovePercent must be a percentage at least 0 and below 100"
        );
        let share = VerdictRules {
            beyond_share_percent: 0.0,
            ..VerdictRules::default()
        };
        assert_eq!(
            share.check().unwrap_err().to_string(),
            "beyondSharePercent must be a percentage above 0 and at most 100"
        );
        assert_eq!(VerdictRules::default().check(), Ok(()));
    }
}
