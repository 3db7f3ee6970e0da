//! When a failed attempt is tried again, and after how long: the [`RetryPolicy`] callers
//! configure, and [`Backoff`], the one retry loop every request goes through (API requests in
//! `send.rs`, token requests in `auth.rs`).

use std::fmt;
use std::time::Duration;

/// When and how often failed requests are retried.
///
/// A request is retried when the service answers 429, 502, 503 or 504, or when the connection
/// could not be made. Requests that are not idempotent (POST, PATCH) are retried only where the
/// service cannot have processed them: 429, 503 with `Retry-After`, and connection failures.
/// Delays grow exponentially with full jitter, honour `Retry-After` (seconds or an HTTP date),
/// and stop at [`max_attempts`](Self::max_attempts) or when the next delay would pass
/// [`max_total_delay`](Self::max_total_delay); the caller then gets the last error.
///
/// ```
/// use std::time::Duration;
/// use sdk_runtime::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .initial_backoff(Duration::from_millis(500))
///     .max_total_delay(Duration::from_secs(60));
/// let never = RetryPolicy::disabled();
/// # let _ = (patient, never);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_total_delay: Duration,
}

impl Default for RetryPolicy {
    /// Up to 3 attempts, backoff from 250 ms up to 10 s, at most 30 s of waiting in all.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(10),
            max_total_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts per request, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The delay before the first retry; each later one doubles, up to
    /// [`max_backoff`](Self::max_backoff).
    pub fn initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// The longest delay between two attempts, unless `Retry-After` asks for more.
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// The most time spent waiting between attempts of one request.
    pub fn max_total_delay(mut self, delay: Duration) -> Self {
        self.max_total_delay = delay;
        self
    }
}

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
    // `Retry-After` can ask for any number of seconds: a sum past `Duration::MAX` is over
    // any budget.
    let total = waited.checked_add(delay)?;
    (total <= policy.max_total_delay).then_some(delay)
}

/// The retries of one request: how many attempts were made and how long was waited between
/// them, under a policy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Backoff {
    policy: RetryPolicy,
    /// Whether sending the request twice is harmless, which decides what is retried.
    idempotent: bool,
    attempt: u32,
    waited: Duration,
}

impl Backoff {
    /// Before the first attempt of a request.
    pub(crate) fn new(policy: RetryPolicy, idempotent: bool) -> Self {
        Backoff {
            policy,
            idempotent,
            attempt: 1,
            waited: Duration::ZERO,
        }
    }

    /// The attempt under way, from 1.
    pub(crate) fn attempt(&self) -> u32 {
        self.attempt
    }

    /// After an attempt that failed because of `cause` (with `error`): waits as long as the
    /// policy says and returns `true` for another attempt, or returns `false` at once when the
    /// policy says to give up. The wait is a `WARN` event of the current span.
    pub(crate) async fn retry(&mut self, cause: Cause, error: &(dyn fmt::Display + Sync)) -> bool {
        let attempt = self.attempt;
        let Some(delay) = self.next_delay(cause) else {
            return false;
        };
        tracing::warn!(?delay, error = %error, attempt, "retrying");
        tokio::time::sleep(delay).await;
        true
    }

    /// After an attempt that failed because of `cause`: how long the policy says to wait
    /// before the next one, counted as waited (the caller waits), or `None` to give up. For
    /// callers that wait their own way (the realtime stream's reconnects wait while watching
    /// their stream).
    pub(crate) fn next_delay(&mut self, cause: Cause) -> Option<Duration> {
        let delay = retry_delay(
            &self.policy,
            self.attempt,
            self.waited,
            self.idempotent,
            cause,
        )?;
        self.waited = self.waited.saturating_add(delay);
        self.attempt = self.attempt.saturating_add(1);
        Some(delay)
    }
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
    half.saturating_add(half.mul_f64(fastrand::f64()))
}

/// `Retry-After`: a number of seconds, or an HTTP date (a date in the past is no wait). A
/// value that is neither is ignored.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if value.bytes().all(|b| b.is_ascii_digit()) && !value.is_empty() {
        // More seconds than a u64 holds is as good as for ever.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16) -> reqwest::StatusCode {
        reqwest::StatusCode::from_u16(code).expect("valid status")
    }

    /// Connection failures are retried with jittered delays that double up to the maximum,
    /// until the attempts or the total delay are used up.
    #[test]
    fn delays_grow_with_jitter_within_the_policy() {
        let policy = RetryPolicy::default()
            .max_attempts(5)
            .initial_backoff(Duration::from_secs(1))
            .max_backoff(Duration::from_secs(4))
            .max_total_delay(Duration::from_secs(60));
        let mut backoff = Backoff::new(policy, true);
        // (attempt that failed, lowest delay, highest delay)
        let table = [
            (1, 500, 1000),
            (2, 1000, 2000),
            (3, 2000, 4000),
            (4, 2000, 4000),
        ];
        for (attempt, low, high) in table {
            assert_eq!(backoff.attempt(), attempt);
            let delay = backoff
                .next_delay(Cause::Connect)
                .expect("within the policy");
            let ms = delay.as_millis();
            assert!((low..=high).contains(&ms), "attempt {attempt}: {ms} ms");
        }
        assert_eq!(
            backoff.next_delay(Cause::Connect),
            None,
            "the fifth attempt was the last"
        );
        assert_eq!(backoff.attempt(), 5);

        let tight = RetryPolicy::default()
            .max_attempts(100)
            .initial_backoff(Duration::from_secs(10))
            .max_total_delay(Duration::from_secs(12));
        let mut backoff = Backoff::new(tight, true);
        assert!(backoff.next_delay(Cause::Connect).is_some());
        let second = backoff.next_delay(Cause::Connect);
        assert!(
            second.is_none() || backoff.waited <= Duration::from_secs(12),
            "{second:?}"
        );
        for attempt in [0, 1, 31, 32, 64, u32::MAX] {
            assert!(
                super::backoff(&policy, attempt) <= Duration::from_secs(4),
                "{attempt}"
            );
        }
    }

    /// The one retry loop: it waits as the policy says, counts attempts and time waited, and
    /// gives up at the policy's bounds or at a cause that is not retried, without waiting.
    #[tokio::test(start_paused = true)]
    async fn backoff_waits_counts_and_gives_up() {
        let policy = RetryPolicy::default()
            .max_attempts(3)
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(100));
        let unavailable = Cause::Status(status(503), Some(Duration::from_secs(2)));
        let mut backoff = Backoff::new(policy, false);
        assert_eq!(backoff.attempt(), 1);
        let start = tokio::time::Instant::now();
        assert!(backoff.retry(unavailable, &"503").await);
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "Retry-After is honoured"
        );
        assert_eq!(backoff.attempt(), 2);
        assert!(backoff.retry(Cause::Connect, &"refused").await);
        assert!(
            start.elapsed() >= Duration::from_millis(2050),
            "a jittered backoff"
        );
        assert_eq!(backoff.attempt(), 3);
        let before = tokio::time::Instant::now();
        assert!(
            !backoff.retry(Cause::Connect, &"refused").await,
            "3 attempts at most"
        );
        assert!(
            !Backoff::new(policy, false)
                .retry(Cause::Status(status(502), None), &"502")
                .await,
            "a 502 to a POST is not retried"
        );
        assert_eq!(before.elapsed(), Duration::ZERO, "giving up does not wait");
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
    fn huge_delays_do_not_overflow() {
        let policy = RetryPolicy::default().max_total_delay(Duration::MAX);
        let huge = Cause::Status(status(429), Some(Duration::MAX));
        // (waited so far, expected)
        let table = [
            (Duration::ZERO, Some(Duration::MAX)),
            (Duration::from_secs(1), None),
            (Duration::MAX, None),
        ];
        for (waited, want) in table {
            assert_eq!(
                retry_delay(&policy, 1, waited, true, huge),
                want,
                "{waited:?}"
            );
        }
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::MAX)
            .max_backoff(Duration::MAX);
        for attempt in [1, 2, 64, u32::MAX] {
            assert!(backoff(&policy, attempt) <= Duration::MAX);
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds_or_as_an_http_date() {
        let soon = std::time::SystemTime::now() + Duration::from_secs(30);
        let soon = httpdate::fmt_http_date(soon);
        let secs = Duration::from_secs;
        let ever = secs(u64::MAX);
        // (header, shortest, longest); None: ignored
        type Range = Option<(Duration, Duration)>;
        let table: [(Option<&str>, Range); 9] = [
            (None, None),
            (Some(" 7 "), Some((secs(7), secs(7)))),
            (Some("0"), Some((secs(0), secs(0)))),
            (Some("18446744073709551615"), Some((ever, ever))),
            (Some("99999999999999999999999"), Some((ever, ever))),
            (Some(&soon), Some((secs(28), secs(30)))),
            (
                Some("Wed, 21 Oct 2015 07:28:00 GMT"),
                Some((secs(0), secs(0))),
            ),
            (Some("-1"), None),
            (Some("soon"), None),
        ];
        for (value, want) in table {
            let mut headers = reqwest::header::HeaderMap::new();
            if let Some(value) = value {
                let value = reqwest::header::HeaderValue::from_str(value).expect("header");
                headers.insert(reqwest::header::RETRY_AFTER, value);
            }
            let got = retry_after(&headers);
            match want {
                None => assert_eq!(got, None, "{value:?}"),
                Some((low, high)) => {
                    let got = got.unwrap_or_else(|| panic!("{value:?} ignored"));
                    assert!(low <= got && got <= high, "{value:?}: {got:?}");
                }
            }
        }
    }
}
