//! How generated operations describe a request: method, path, parameters, body.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::runtime::{Error, Method};

/// Characters left as they are in a path segment: RFC 3986 "unreserved".
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` as exactly one path segment: a `/`, `?` or `#` in it cannot change
/// the path.
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Turns a parameter value into its text on the wire.
pub trait ToParam {
    /// The value's text on the wire, before percent-encoding.
    fn to_param(&self) -> String;
}

impl ToParam for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

macro_rules! to_param_display {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
to_param_display!(bool, i32, i64, f32, f64);

impl ToParam for crate::runtime::types::DateTime {
    fn to_param(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

/// One request, described by the generated code and sent by the `send_*` methods of
/// [`Client`](crate::runtime::Client).
#[derive(Debug)]
pub struct Request {
    pub(crate) method: Method,
    /// The path template from the spec, for tracing and messages.
    pub(crate) path_template: &'static str,
    /// The path with encoded parameters.
    pub(crate) path: String,
    /// Whether sending it twice is harmless (GET, PUT, DELETE, …).
    pub(crate) idempotent: bool,
    /// The `Accept` header.
    pub(crate) accept: &'static str,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<(String, bytes::Bytes)>,
}

impl Request {
    /// A request for `method` on `path` (already encoded), made from the spec's
    /// `path_template`; `accept` is the `Accept` header.
    pub fn new(
        method: Method,
        path_template: &'static str,
        path: String,
        idempotent: bool,
        accept: &'static str,
    ) -> Self {
        Request {
            method,
            path_template,
            path,
            idempotent,
            accept,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds a query parameter.
    pub fn query(&mut self, name: &'static str, value: &impl ToParam) {
        self.query.push((name, value.to_param()));
    }

    /// Adds a header parameter.
    pub fn header(&mut self, name: &'static str, value: &impl ToParam) {
        self.headers.push((name, value.to_param()));
    }

    /// Sets a JSON body.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `body` does not serialize.
    pub fn json<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::InvalidRequest(format!("the request body does not serialize: {e}"))
        })?;
        self.body = Some(("application/json".to_owned(), bytes.into()));
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body from the fields of `body`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `body` does not serialize as an object.
    pub fn form<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields(body)? {
            form.append_pair(&name, &value);
        }
        self.body = Some((
            "application/x-www-form-urlencoded".to_owned(),
            form.finish().into(),
        ));
        Ok(())
    }

    /// Sets a `multipart/form-data` body with one text part per field of `body`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `body` does not serialize as an object.
    pub fn multipart<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        let boundary = format!(
            "----genesys-{:016x}{:016x}",
            fastrand::u64(..),
            fastrand::u64(..)
        );
        let mut out = String::new();
        for (name, value) in fields(body)? {
            let name = name.replace(['"', '\r', '\n'], "_");
            out.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        out.push_str(&format!("--{boundary}--\r\n"));
        self.body = Some((
            format!("multipart/form-data; boundary={boundary}"),
            out.into(),
        ));
        Ok(())
    }

    /// Sets an `application/octet-stream` body.
    pub fn binary(&mut self, body: Vec<u8>) {
        self.body = Some(("application/octet-stream".to_owned(), body.into()));
    }
}

/// The top-level fields of `body`, in declaration order, as (name, text) pairs: strings as they
/// are, other scalars as JSON text, each element of an array as its own pair, objects as JSON;
/// absent and null fields are left out.
fn fields<T: Serialize>(body: &T) -> Result<Vec<(String, String)>, Error> {
    let invalid = |e: serde_json::Error| {
        Error::InvalidRequest(format!("the request body does not serialize: {e}"))
    };
    let json = serde_json::to_string(body).map_err(invalid)?;
    // `serde_json::Value` sorts object keys; read the entries in the order they were written.
    let OrderedObject(entries) = serde_json::from_str(&json)
        .map_err(|_| Error::InvalidRequest("a form body must be an object".into()))?;
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out = Vec::new();
    for (name, value) in entries {
        match &value {
            serde_json::Value::Null => {}
            serde_json::Value::Array(items) => {
                out.extend(items.iter().map(|item| (name.clone(), text(item))));
            }
            other => out.push((name, text(other))),
        }
    }
    Ok(out)
}

/// A JSON object's entries in document order.
struct OrderedObject(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for OrderedObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = OrderedObject;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<OrderedObject, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedObject(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_cannot_escape() {
        let table = [
            (
                "adhoc-5f3e9a@conference.example.com",
                "adhoc-5f3e9a%40conference.example.com",
            ),
            ("a/b?c#d e", "a%2Fb%3Fc%23d%20e"),
            ("ünï", "%C3%BCn%C3%AF"),
        ];
        for (value, want) in table {
            assert_eq!(encode_path_segment(value), want, "{value}");
        }
    }
}
