//! Opt-in body logging ([`ClientBuilder::log_bodies`](crate::runtime::ClientBuilder::log_bodies)):
//! request and response bodies as `DEBUG` events of the request's span, in excerpts of at most
//! [`LOG_EXCERPT`] bytes, with secrets redacted.
//!
//! Headers are never logged (the `Authorization` header, per-request headers). In JSON bodies
//! and form bodies, the value of every field whose name says it holds a secret (it contains
//! `token`, `secret`, `password`, `assertion`, `verifier`, `apikey`, `authorization`,
//! `credential`, `privatekey` or `cookie`, ignoring case, `_` and `-`; in forms also `code`,
//! the OAuth authorization code) is replaced by `<redacted>`, at any depth. Text bodies are
//! shown as they are; other bodies, and JSON that does not parse, only by their size.

use crate::runtime::error::Excerpt;

/// The most of a body a log event shows, in bytes.
pub(crate) const LOG_EXCERPT: usize = 4096;

/// What replaces a secret.
const REDACTED: &str = "<redacted>";

/// Parts of field names that mark a secret, lower case, without `_` and `-`.
const SECRET_NAMES: [&str; 10] = [
    "token",
    "secret",
    "password",
    "assertion",
    "verifier",
    "apikey",
    "authorization",
    "credential",
    "privatekey",
    "cookie",
];

/// Logs a request body about to be sent: its `Content-Type` and bytes (`None`: the request
/// has none).
pub(crate) fn request_body(body: Option<(&str, &[u8])>) {
    match body {
        Some((content_type, body)) => tracing::debug!(
            content_type,
            bytes = body.len(),
            body = %redacted(content_type, body),
            "request body"
        ),
        None => tracing::debug!(bytes = 0, "request body"),
    }
}

/// Logs a response body as it was read.
pub(crate) fn response_body(
    status: reqwest::StatusCode,
    headers: &reqwest::header::HeaderMap,
    body: &[u8],
) {
    let content_type = headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::debug!(
        status = status.as_u16(),
        content_type,
        bytes = body.len(),
        body = %redacted(content_type, body),
        "response body"
    );
}

/// `body` as a log shows it: secrets redacted, at most [`LOG_EXCERPT`] bytes.
pub(crate) fn redacted(content_type: &str, body: &[u8]) -> String {
    if body.is_empty() {
        return String::new();
    }
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let excerpt = |text: &[u8]| Excerpt::at_most(text, LOG_EXCERPT).to_string();
    if media_type == "application/json" || media_type.ends_with("+json") {
        return match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(mut value) => {
                redact_json(&mut value);
                excerpt(value.to_string().as_bytes())
            }
            Err(_) => format!("<{} bytes that are not valid JSON>", body.len()),
        };
    }
    if media_type == "application/x-www-form-urlencoded" {
        let pairs = form_urlencoded::parse(body).map(|(name, value)| {
            if is_secret(&name) || name == "code" {
                (name, REDACTED.into())
            } else {
                (name, value)
            }
        });
        let form = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        return excerpt(form.as_bytes());
    }
    if media_type.starts_with("text/") {
        return excerpt(body);
    }
    let shown = if media_type.is_empty() {
        "no content type"
    } else {
        media_type.as_str()
    };
    format!("<{} bytes of {shown}>", body.len())
}

/// Whether a field called `name` holds a secret.
fn is_secret(name: &str) -> bool {
    let folded: String = name
        .chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    SECRET_NAMES.iter().any(|part| folded.contains(part))
}

/// Replaces the value of every secret field of `value`, at any depth.
fn redact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                if is_secret(name) {
                    *field = serde_json::Value::String(REDACTED.into());
                } else {
                    redact_json(field);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_wherever_they_are() {
        // (content type, body, what must show, what must not)
        let table: [(&str, &str, &[&str], &[&str]); 8] = [
            (
                "application/json",
                r#"{"access_token":"AT-1","token_type":"bearer","expires_in":3600,"refresh_token":"RT-1"}"#,
                &["3600", REDACTED],
                &["AT-1", "RT-1"],
            ),
            (
                "application/json; charset=utf-8",
                r#"{"user":{"name":"ann","Password":"pw-1","keys":[{"api_key":"k-1"}]},"code":"ok"}"#,
                &["ann", r#""code":"ok""#],
                &["pw-1", "k-1"],
            ),
            (
                "application/x-www-form-urlencoded",
                "grant_type=authorization_code&code=C-1&redirect_uri=https%3A%2F%2Fapp&code_verifier=V-1&client_secret=S-1",
                &[
                    "grant_type=authorization_code",
                    "redirect_uri=https%3A%2F%2Fapp",
                ],
                &["C-1", "V-1", "S-1"],
            ),
            (
                "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token=RT-2&client_id=app",
                &["client_id=app"],
                &["RT-2"],
            ),
            (
                "application/scim+json",
                r#"{"clientSecret":"S-2","id":1}"#,
                &[r#""id":1"#],
                &["S-2"],
            ),
            (
                "application/json",
                r#"{"access_token":"AT-3""#,
                &["not valid JSON"],
                &["AT-3"],
            ),
            ("text/plain", "hello", &["hello"], &[]),
            (
                "application/octet-stream",
                "AT-4 raw",
                &["8 bytes of application/octet-stream"],
                &["AT-4"],
            ),
        ];
        for (content_type, body, shown, hidden) in table {
            let logged = redacted(content_type, body.as_bytes());
            for want in shown {
                assert!(logged.contains(want), "{want} not in {logged}");
            }
            for secret in hidden {
                assert!(!logged.contains(secret), "{secret} in {logged}");
            }
        }
    }

    #[test]
    fn logged_bodies_are_bounded() {
        let big = serde_json::json!({ "items": vec!["x".repeat(100); 1000] }).to_string();
        let logged = redacted("application/json", big.as_bytes());
        assert!(logged.len() < LOG_EXCERPT + 40, "{}", logged.len());
        assert!(
            logged.ends_with(&format!("({} bytes in all)", big.len())),
            "{logged}"
        );
        assert_eq!(redacted("application/json", b""), "");
    }
}
