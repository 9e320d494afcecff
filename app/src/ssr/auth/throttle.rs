//! Limits on failed sign-ins (OWASP ASVS 5.0, V6.3): per account, a lock that grows after five
//! failures in a row and a ceiling of 100 failures an hour; per client address, a ceiling that stops
//! one machine trying password after password across many accounts. Accounts are keyed by the email
//! typed, whether or not an account exists, so the limits reveal nothing about which addresses do.

use std::time::Duration;

use crate::ssr::clock::millis;

/// A throttle's counters, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ThrottleState {
    pub consecutive_failures: i64,
    pub window_started_at: i64,
    pub window_failures: i64,
    pub locked_until: i64,
}

/// The rules one kind of throttle applies.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Failures in a row before the first lock; `None` for no such locks.
    pub lock_after: Option<i64>,
    pub first_lock: Duration,
    pub longest_lock: Duration,
    pub window: Duration,
    /// Failures allowed in one window before locking until it ends.
    pub window_limit: i64,
}

/// Per account: locks of 1, 2, 4 … up to 60 minutes from the fifth failure in a row, and never more
/// than 100 failures an hour.
pub const ACCOUNT: Limits = Limits {
    lock_after: Some(5),
    first_lock: Duration::from_secs(60),
    longest_lock: Duration::from_secs(3600),
    window: Duration::from_secs(3600),
    window_limit: 100,
};

/// Per client address: 300 failures an hour (a practice's staff may share one address).
pub const ADDRESS: Limits = Limits {
    lock_after: None,
    first_lock: Duration::ZERO,
    longest_lock: Duration::ZERO,
    window: Duration::from_secs(3600),
    window_limit: 300,
};

impl Limits {
    /// The counters after one more failure at `now_ms`.
    pub fn after_failure(&self, previous: Option<ThrottleState>, now_ms: i64) -> ThrottleState {
        let window = millis(self.window);
        let mut state = previous.unwrap_or(ThrottleState {
            consecutive_failures: 0,
            window_started_at: now_ms,
            window_failures: 0,
            locked_until: 0,
        });
        if now_ms >= state.window_started_at + window {
            state.window_started_at = now_ms;
            state.window_failures = 0;
        }
        state.consecutive_failures += 1;
        state.window_failures += 1;
        if let Some(lock_after) = self.lock_after
            && state.consecutive_failures >= lock_after
        {
            let doublings =
                u32::try_from(state.consecutive_failures - lock_after).unwrap_or(u32::MAX).min(16);
            let lock = millis(self.first_lock).saturating_mul(1 << doublings).min(millis(self.longest_lock));
            state.locked_until = state.locked_until.max(now_ms + lock);
        }
        if state.window_failures >= self.window_limit {
            state.locked_until = state.locked_until.max(state.window_started_at + window);
        }
        state
    }
}

/// Whole seconds until `locked_until`, if that is still ahead.
pub fn seconds_until(locked_until: i64, now_ms: i64) -> Option<u64> {
    (locked_until > now_ms).then(|| u64::try_from((locked_until - now_ms + 999) / 1000).unwrap_or(u64::MAX))
}

/// The throttle key for the email address typed at sign-in.
pub fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

/// The throttle key for a client address.
pub fn address_key(address: &str) -> String {
    format!("address:{address}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60_000;

    fn fail(limits: &Limits, times: usize, now: i64) -> ThrottleState {
        let mut state = None;
        for _ in 0..times {
            state = Some(limits.after_failure(state, now));
        }
        state.unwrap_or(ThrottleState {
            consecutive_failures: 0,
            window_started_at: 0,
            window_failures: 0,
            locked_until: 0,
        })
    }

    #[test]
    fn four_failures_in_a_row_do_not_lock_an_account() {
        assert_eq!(fail(&ACCOUNT, 4, 1_000).locked_until, 0);
    }

    #[test]
    fn from_the_fifth_failure_locks_double_up_to_an_hour() {
        let now = 1_000;
        assert_eq!(fail(&ACCOUNT, 5, now).locked_until, now + MINUTE);
        assert_eq!(fail(&ACCOUNT, 6, now).locked_until, now + 2 * MINUTE);
        assert_eq!(fail(&ACCOUNT, 8, now).locked_until, now + 8 * MINUTE);
        assert_eq!(fail(&ACCOUNT, 40, now).locked_until, now + 60 * MINUTE);
    }

    #[test]
    fn no_more_than_100_failures_an_hour_even_spread_out() {
        // Failures a lock apart, with success resetting the run each time, still hit the hourly cap.
        let mut state = None;
        let mut now = 0;
        for _ in 0..99 {
            let mut next = ACCOUNT.after_failure(state, now);
            next.consecutive_failures = 0;
            state = Some(next);
            now += 1_000;
        }
        let last = ACCOUNT.after_failure(state, now);
        assert_eq!(last.window_failures, 100);
        assert_eq!(last.locked_until, 60 * MINUTE, "locked until the hour's window ends");
    }

    #[test]
    fn a_new_window_starts_after_an_hour() {
        let first = ACCOUNT.after_failure(None, 0);
        let later = ACCOUNT.after_failure(Some(first), 61 * MINUTE);
        assert_eq!(later.window_started_at, 61 * MINUTE);
        assert_eq!(later.window_failures, 1);
    }

    #[test]
    fn addresses_lock_only_at_their_hourly_ceiling() {
        assert_eq!(fail(&ADDRESS, 299, 0).locked_until, 0);
        assert_eq!(fail(&ADDRESS, 300, 0).locked_until, 60 * MINUTE);
    }

    #[test]
    fn waits_round_up_to_whole_seconds() {
        assert_eq!(seconds_until(10_001, 0), Some(11));
        assert_eq!(seconds_until(10_000, 10_000), None);
    }

    #[test]
    fn account_keys_ignore_case_and_spaces() {
        assert_eq!(account_key(" GP@Example.org "), "account:gp@example.org");
    }
}
