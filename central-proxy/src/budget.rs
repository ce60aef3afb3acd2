//! The proxy's request budget towards Central: a token bucket of `--max-requests-per-second`
//! (Central's published limit for an API client by default), so a runaway or hostile page
//! cannot spend the account's daily allowance. Past it, the page gets the same 429 with
//! `Retry-After` that Central itself would send, which the widget already waits out.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests that may be forwarded, refilled continuously.
pub struct Budget {
    per_second: f64,
    bucket: Mutex<(f64, Instant)>,
}

impl Budget {
    /// A full budget of `per_second` requests (the burst), refilled at that rate.
    pub fn new(per_second: u32) -> Self {
        let per_second = f64::from(per_second.max(1));
        Budget {
            per_second,
            bucket: Mutex::new((per_second, Instant::now())),
        }
    }

    /// Takes one request, or says how long until one is left.
    pub fn take(&self) -> Result<(), Duration> {
        self.take_at(Instant::now())
    }

    fn take_at(&self, now: Instant) -> Result<(), Duration> {
        let mut bucket = self
            .bucket
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (left, since) = *bucket;
        let elapsed = now.saturating_duration_since(since).as_secs_f64();
        let left = (left + elapsed * self.per_second).min(self.per_second);
        if left >= 1.0 {
            *bucket = (left - 1.0, now);
            Ok(())
        } else {
            *bucket = (left, now);
            Err(Duration::from_secs_f64((1.0 - left) / self.per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_the_rate_then_one_per_interval() {
        let budget = Budget::new(7);
        let t0 = Instant::now();
        for i in 0..7 {
            assert_eq!(budget.take_at(t0), Ok(()), "request {i} of the burst");
        }
        let wait = budget.take_at(t0).unwrap_err();
        assert!((wait.as_secs_f64() - 1.0 / 7.0).abs() < 1e-6, "{wait:?}");
        assert!(budget.take_at(t0 + Duration::from_millis(100)).is_err());
        assert_eq!(budget.take_at(t0 + Duration::from_millis(150)), Ok(()));
        // After a long pause the burst is back, and no more than it.
        let later = t0 + Duration::from_secs(3600);
        let taken = (0..20).filter(|_| budget.take_at(later).is_ok()).count();
        assert_eq!(taken, 7);
    }
}
