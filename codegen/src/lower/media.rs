//! Media types: which encoding a request body gets, what `Content-Type` it is sent with, and
//! the `Accept` header of an operation's success responses.

use crate::ir::BodyKind;

/// Whether a media type carries JSON (`application/json`, `application/problem+json`, …).
pub fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The media type without parameters, in lower case.
pub(super) fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// How a request body of `media_type` is sent.
pub fn body_kind(media_type: &str) -> BodyKind {
    let essence = essence(media_type);
    if is_json(&essence) {
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if essence == "multipart/form-data" {
        BodyKind::Multipart
    } else if essence.starts_with("text/") {
        BodyKind::Text
    } else {
        BodyKind::Binary
    }
}

/// Whether `media_type` is a range (`*/*`, `application/*`) rather than one type.
pub(super) fn is_range(media_type: &str) -> bool {
    media_type.contains('*')
}

/// The `Content-Type` sent for a body of `media_type` encoded as `kind`: the media type itself,
/// unless it is a range, which says any type will do: then `application/json` for JSON,
/// `text/plain` for text, and `application/octet-stream` for bytes.
pub(super) fn content_type(media_type: &str, kind: BodyKind) -> String {
    if !is_range(media_type) {
        return media_type.to_owned();
    }
    match kind {
        BodyKind::Json => "application/json",
        BodyKind::Text => "text/plain",
        BodyKind::Form => "application/x-www-form-urlencoded",
        BodyKind::Multipart => "multipart/form-data",
        BodyKind::Binary => "application/octet-stream",
    }
    .to_owned()
}

/// The `Accept` header of an operation whose success responses decode the media types
/// `accepted` (in the spec's order; essences, so parameters such as `charset` are left out):
/// those types, each once, joined with `, `. `application/json` when it decodes none (its
/// responses are empty), which keeps an error body in the format the client reads best.
/// A content key that is not a media type (`pdf` rather than `application/pdf`) is left out;
/// when only such keys remain, `*/*`.
pub(super) fn accept_header(accepted: &[String]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for media in accepted {
        if is_media_type(media) && !seen.contains(&media.as_str()) {
            seen.push(media);
        }
    }
    if !seen.is_empty() {
        seen.join(", ")
    } else if accepted.is_empty() {
        "application/json".to_owned()
    } else {
        "*/*".to_owned()
    }
}

/// Whether an essence has the form of a media type or range, `type/subtype`: two tokens
/// around one `/` (RFC 9110 §8.3.1).
pub(super) fn is_media_type(essence: &str) -> bool {
    let token = |t: &str| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    essence
        .split_once('/')
        .is_some_and(|(t, s)| token(t) && token(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_header_lists_the_media_types_and_skips_what_is_not_one() {
        let cases: [(&[&str], &str); 7] = [
            (&[], "application/json"),
            (&["application/json"], "application/json"),
            (
                &["application/json", "application/json", "text/plain"],
                "application/json, text/plain",
            ),
            (&["*/*"], "*/*"),
            (&["pdf"], "*/*"),
            (&["pdf", "application/pdf"], "application/pdf"),
            (&["", "application /x"], "*/*"),
        ];
        for (accepted, want) in cases {
            let accepted: Vec<String> = accepted.iter().map(|m| (*m).to_owned()).collect();
            assert_eq!(accept_header(&accepted), want, "{accepted:?}");
        }
    }

    #[test]
    fn media_types_choose_the_encoding() {
        let cases = [
            ("application/json", BodyKind::Json),
            ("application/json; charset=utf-8", BodyKind::Json),
            ("application/problem+json", BodyKind::Json),
            ("Application/JSON", BodyKind::Json),
            ("application/x-www-form-urlencoded", BodyKind::Form),
            ("multipart/form-data", BodyKind::Multipart),
            ("text/plain", BodyKind::Text),
            ("text/csv", BodyKind::Text),
            ("application/octet-stream", BodyKind::Binary),
            ("application/x-yaml", BodyKind::Binary),
            ("application/tar", BodyKind::Binary),
            ("*/*", BodyKind::Binary),
        ];
        for (media, want) in cases {
            assert_eq!(body_kind(media), want, "{media}");
        }
        let sent = [
            ("*/*", BodyKind::Binary, "application/octet-stream"),
            ("*/*", BodyKind::Json, "application/json"),
            ("application/*", BodyKind::Json, "application/json"),
            ("text/*", BodyKind::Text, "text/plain"),
            ("application/x-yaml", BodyKind::Binary, "application/x-yaml"),
            (
                "application/merge-patch+json",
                BodyKind::Json,
                "application/merge-patch+json",
            ),
        ];
        for (media, kind, want) in sent {
            assert_eq!(content_type(media, kind), want, "{media} as {kind:?}");
        }
    }
}
