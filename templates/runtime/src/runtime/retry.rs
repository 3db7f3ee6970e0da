//! When a failed attempt is tried again, and after how long.

use std::time::Duration;

use crate::runtime::{Error, RetryPolicy};

/// Why an attempt failed, for [`retry_delay`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cause {
    /// The service answered with this status and, maybe, a `Retry-After`.
    Status(reqwest::StatusCode, Option<Duration>),
    /// The connection could not be made, so the request never reached the service.
    Connect,
}

/// How long to wait before the next attempt, or `None` to give up.
pub(crate) fn retry_delay(
    policy: &RetryPolicy,
    attempt: u32,
    waited: Duration,
    idempotent: bool,
    cause: Cause,
) -> Option<Duration> {
    if attempt >= policy.max_attempts {
        return None;
    }
    let asked = match cause {
        Cause::Status(status, retry_after) => {
            let retryable = match status.as_u16() {
                429 => true,
                503 => idempotent || retry_after.is_some(),
                502 | 504 => idempotent,
                _ => false,
            };
            if !retryable {
                return None;
            }
            retry_after
        }
        Cause::Connect => None,
    };
    let delay = asked.unwrap_or_else(|| backoff(policy, attempt));
    (waited + delay <= policy.max_total_delay).then_some(delay)
}

/// Exponential backoff with jitter: a random delay in [d/2, d], d = initial × 2^(attempt-1),
/// capped at the maximum.
fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let factor = 1u32
        .checked_shl(attempt.saturating_sub(1))
        .unwrap_or(u32::MAX);
    let full = policy
        .initial_backoff
        .saturating_mul(factor)
        .min(policy.max_backoff);
    let half = full / 2;
    half + half.mul_f64(fastrand::f64())
}

/// `Retry-After` in seconds.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// Classifies a `reqwest` failure.
pub(crate) fn transport(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout(e)
    } else {
        Error::Transport(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16) -> reqwest::StatusCode {
        reqwest::StatusCode::from_u16(code).expect("valid status")
    }

    #[test]
    fn which_failures_are_retried() {
        let policy = RetryPolicy::default().initial_backoff(Duration::from_millis(100));
        let retry = |code: u16, retry_after: Option<u64>, idempotent: bool| {
            let cause = Cause::Status(status(code), retry_after.map(Duration::from_secs));
            retry_delay(&policy, 1, Duration::ZERO, idempotent, cause).is_some()
        };
        // (status, Retry-After, idempotent, retried)
        let table = [
            (429, None, false, true),
            (429, None, true, true),
            (503, Some(1), false, true),
            (503, None, false, false),
            (503, None, true, true),
            (502, None, true, true),
            (502, None, false, false),
            (504, None, true, true),
            (504, None, false, false),
            (500, None, true, false),
            (400, None, true, false),
            (401, None, true, false),
            (404, None, true, false),
        ];
        for (code, after, idempotent, want) in table {
            assert_eq!(
                retry(code, after, idempotent),
                want,
                "{code} retry-after={after:?} idempotent={idempotent}"
            );
        }
        assert!(retry_delay(&policy, 1, Duration::ZERO, false, Cause::Connect).is_some());
    }

    #[test]
    fn retries_stop_at_the_attempt_and_delay_limits() {
        let policy = RetryPolicy::default()
            .max_attempts(3)
            .max_total_delay(Duration::from_secs(5));
        let cause = Cause::Status(status(429), Some(Duration::from_secs(2)));
        let secs = Duration::from_secs;
        // (attempt, waited so far, expected delay)
        let table = [
            (1, secs(0), Some(secs(2))),
            (2, secs(2), Some(secs(2))),
            (3, secs(4), None), // attempts exhausted
            (2, secs(4), None), // total delay exceeded
        ];
        for (attempt, waited, want) in table {
            assert_eq!(
                retry_delay(&policy, attempt, waited, true, cause),
                want,
                "attempt {attempt}, waited {waited:?}"
            );
        }
        assert_eq!(
            retry_delay(&RetryPolicy::disabled(), 1, Duration::ZERO, true, cause),
            None
        );
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        let ms = Duration::from_millis;
        // (attempt, shortest, longest)
        let table = [
            (1, ms(50), ms(100)),
            (2, ms(100), ms(200)),
            (40, ms(175), ms(350)),
        ];
        for _ in 0..100 {
            for (attempt, low, high) in table {
                let delay = backoff(&policy, attempt);
                assert!(
                    low <= delay && delay <= high,
                    "attempt {attempt}: {delay:?}"
                );
            }
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let table = [
            (None, None),
            (Some(" 7 "), Some(Duration::from_secs(7))),
            (Some("Wed, 21 Oct 2015 07:28:00 GMT"), None),
        ];
        for (value, want) in table {
            let mut headers = reqwest::header::HeaderMap::new();
            if let Some(value) = value {
                let value = reqwest::header::HeaderValue::from_static(value);
                headers.insert(reqwest::header::RETRY_AFTER, value);
            }
            assert_eq!(retry_after(&headers), want, "{value:?}");
        }
    }
}
