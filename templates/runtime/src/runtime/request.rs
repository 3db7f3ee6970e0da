//! How generated operations describe a request: method, path, parameters, body.

use std::borrow::Cow;

use serde::Serialize;

use crate::runtime::params::{self, AsParam, OrderedObject, Param, Style, ToParam};
use crate::runtime::{Endpoint, Error, Method};

/// One request, as an operation's [`build`](crate::runtime::Operation::build) describes it.
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
    /// Encoded query pairs (`a=1`, `b=x,y`), joined with `&` on the wire.
    pub(crate) query: Vec<String>,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body and its `Content-Type` (borrowed where it is fixed, as it usually is).
    pub(crate) body: Option<(Cow<'static, str>, bytes::Bytes)>,
    /// The credentials the operation accepts.
    pub(crate) security: crate::runtime::Requirement,
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
            security: &[],
        }
    }

    /// The operation this request belongs to.
    pub(crate) fn endpoint(&self) -> Endpoint {
        Endpoint::new(self.method.clone(), self.path_template)
    }

    /// Adds a query parameter written as `form` with `explode: true` (OpenAPI's default):
    /// `name=value`, percent-encoded.
    pub fn query(&mut self, name: &'static str, value: &(impl ToParam + ?Sized)) {
        let value = Param::Scalar(value.to_param());
        // `form` applies to the query and a scalar is never left out: always `Ok(Some(_))`.
        if let Ok(Some(pair)) = params::query(name, &value, Style::Form, true, false) {
            self.query.push(pair);
        }
    }

    /// Adds a header parameter written as `simple` (the only style headers have).
    pub fn header(&mut self, name: &'static str, value: &(impl ToParam + ?Sized)) {
        self.headers.push((name, value.to_param()));
    }

    /// Adds the query parameter `name` in `style` (`Form`, `SpaceDelimited`, `PipeDelimited`,
    /// `DeepObject`); `allow_reserved` keeps RFC 3986 reserved characters unencoded. An absent
    /// value, an empty array and an empty object add nothing. See [`params`](crate::runtime::params)
    /// for what each style writes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`], naming the parameter, if the style does not apply to the
    /// query or the value cannot be a parameter.
    pub fn query_param(
        &mut self,
        name: &'static str,
        value: &(impl AsParam + ?Sized),
        style: Style,
        explode: bool,
        allow_reserved: bool,
    ) -> Result<(), Error> {
        let param = self.param_value("query", name, value)?;
        match params::query(name, &param, style, explode, allow_reserved) {
            Ok(Some(pairs)) => self.query.push(pairs),
            Ok(None) => {}
            Err(reason) => return Err(self.invalid("query", name, &reason)),
        }
        Ok(())
    }

    /// Replaces `{name}` in the path with the value written in `style` (`Simple`, `Label`,
    /// `Matrix`) and percent-encoded, so that it stays within its path segment.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`], naming the parameter, if the style does not apply to paths,
    /// the value is absent or cannot be a parameter, or the path has no `{name}`. A segment
    /// that would be empty, `.` or `..` is refused when the request is sent.
    pub fn path_param(
        &mut self,
        name: &'static str,
        value: &(impl AsParam + ?Sized),
        style: Style,
        explode: bool,
    ) -> Result<(), Error> {
        let param = self.param_value("path", name, value)?;
        let expansion = params::path(name, &param, style, explode)
            .map_err(|r| self.invalid("path", name, &r))?;
        let placeholder = format!("{{{name}}}");
        if !self.path.contains(&placeholder) {
            return Err(self.invalid("path", name, "has no `{…}` placeholder in the path"));
        }
        self.path = self.path.replace(&placeholder, &expansion);
        Ok(())
    }

    /// Adds the header parameter `name` in `style` (only `Simple` applies to headers). An
    /// absent value, an empty array and an empty object add nothing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`], naming the parameter, if the style is not `Simple` or the
    /// value cannot be a parameter. A value that is not a valid header value is refused when
    /// the request is sent.
    pub fn header_param(
        &mut self,
        name: &'static str,
        value: &(impl AsParam + ?Sized),
        style: Style,
        explode: bool,
    ) -> Result<(), Error> {
        let param = self.param_value("header", name, value)?;
        match params::header(&param, style, explode) {
            Ok(Some(text)) => self.headers.push((name, text)),
            Ok(None) => {}
            Err(reason) => return Err(self.invalid("header", name, &reason)),
        }
        Ok(())
    }

    fn param_value(
        &self,
        location: &str,
        name: &str,
        value: &(impl AsParam + ?Sized),
    ) -> Result<Param, Error> {
        value
            .as_param()
            .map_err(|reason| self.invalid(location, name, &reason))
    }

    /// `Error::InvalidRequest` for the `location` parameter `name` of this request.
    fn invalid(&self, location: &str, name: &str, reason: &str) -> Error {
        Error::InvalidRequest(format!(
            "{} {}: {location} parameter `{name}` {reason}",
            self.method, self.path_template
        ))
    }

    /// The path, checked against the template: a segment that holds a parameter may not be
    /// empty, `.` or `..`, which would send the request to another resource
    /// (`/rooms/{id}/messages` with `..` is `/messages`).
    pub(crate) fn checked_path(&self) -> Result<&str, Error> {
        let template = self.path_template.split('/');
        for (pattern, segment) in template.zip(self.path.split('/')) {
            if pattern.contains('{') && matches!(segment, "" | "." | "..") {
                let names: Vec<&str> = pattern
                    .split('{')
                    .skip(1)
                    .filter_map(|part| part.split_once('}').map(|(name, _)| name))
                    .collect();
                let shown = if segment.is_empty() {
                    "empty".to_owned()
                } else {
                    format!("`{segment}`")
                };
                return Err(Error::InvalidRequest(format!(
                    "{} {}: path parameter `{}` would make the path segment `{pattern}` {shown}, \
                     which addresses another resource; the request was not sent",
                    self.method,
                    self.path_template,
                    names.join("`, `"),
                )));
            }
        }
        Ok(&self.path)
    }

    /// Sets a JSON body.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `body` does not serialize.
    pub fn json<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        self.json_as("application/json", body)
    }

    /// Sets a JSON body sent as `content_type`, a JSON media type other than
    /// `application/json` (`application/merge-patch+json`, `application/json-patch+json`, …).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `body` does not serialize.
    pub fn json_as<T: Serialize>(
        &mut self,
        content_type: &'static str,
        body: &T,
    ) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::InvalidRequest(format!("the request body does not serialize: {e}"))
        })?;
        self.body = Some((Cow::Borrowed(content_type), bytes.into()));
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body from the fields of `body`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `body` does not serialize as an object.
    pub fn form<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for field in fields(body)? {
            form.append_pair(&field.name, &field.text);
        }
        self.body = Some((
            Cow::Borrowed("application/x-www-form-urlencoded"),
            form.finish().into(),
        ));
        Ok(())
    }

    /// Sets a `multipart/form-data` body with one part per field of `body` (one per element
    /// of an array): strings as they are, other scalars as JSON text, objects and arrays as
    /// JSON under the part header `Content-Type: application/json` (OpenAPI's default for an
    /// object part).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `body` does not serialize as an object.
    pub fn multipart<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        let boundary = format!(
            "----sdk-boundary-{:016x}{:016x}",
            fastrand::u64(..),
            fastrand::u64(..)
        );
        let mut out = String::new();
        for field in fields(body)? {
            let name = field.name.replace(['"', '\r', '\n'], "_");
            let content_type = if field.json {
                "Content-Type: application/json\r\n"
            } else {
                ""
            };
            out.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n{content_type}\r\n{}\r\n",
                field.text
            ));
        }
        out.push_str(&format!("--{boundary}--\r\n"));
        self.body = Some((
            Cow::Owned(format!("multipart/form-data; boundary={boundary}")),
            out.into(),
        ));
        Ok(())
    }

    /// Sets a body of raw bytes sent as `content_type` (`application/octet-stream`,
    /// `application/x-yaml`, `application/tar`, …): a `Vec<u8>`, or `bytes::Bytes`, which an
    /// operation's `build(&self)` can clone for nothing.
    pub fn binary(&mut self, content_type: &'static str, body: impl Into<bytes::Bytes>) {
        self.body = Some((Cow::Borrowed(content_type), body.into()));
    }

    /// Sets a text body sent as `content_type` (`text/plain`, `text/csv`, …), in UTF-8.
    pub fn text(&mut self, content_type: &'static str, body: &str) {
        let content_type = if content_type.contains("charset") {
            Cow::Borrowed(content_type)
        } else {
            Cow::Owned(format!("{content_type}; charset=utf-8"))
        };
        self.body = Some((content_type, bytes::Bytes::copy_from_slice(body.as_bytes())));
    }

    /// Adds the cookie parameter `name` (`form` style, the only one cookies have), sent with
    /// the others in one `Cookie` header: `name=value; other=value`. An absent value adds
    /// nothing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`], naming the parameter, if the value cannot be a parameter.
    pub fn cookie_param(
        &mut self,
        name: &'static str,
        value: &(impl AsParam + ?Sized),
        explode: bool,
    ) -> Result<(), Error> {
        let param = self.param_value("cookie", name, value)?;
        let Some(pairs) = params::query(name, &param, Style::Form, explode, false)
            .map_err(|reason| self.invalid("cookie", name, &reason))?
        else {
            return Ok(());
        };
        // Query pairs are `a=1&a=2`; a cookie header separates them with `; `.
        let pairs = pairs.replace('&', "; ");
        match self.headers.iter_mut().find(|(n, _)| *n == "Cookie") {
            Some((_, cookies)) => {
                cookies.push_str("; ");
                cookies.push_str(&pairs);
            }
            None => self.headers.push(("Cookie", pairs)),
        }
        Ok(())
    }
}

/// One field of a form or multipart body.
#[derive(Debug, PartialEq)]
struct Field {
    name: String,
    text: String,
    /// Whether `text` is a JSON object or array.
    json: bool,
}

/// The top-level fields of `body`, in declaration order: strings as they are, other scalars as
/// JSON text, each element of an array as its own field, objects (and arrays inside an array)
/// as JSON; absent and null fields are left out.
fn fields<T: Serialize>(body: &T) -> Result<Vec<Field>, Error> {
    let invalid = |e: serde_json::Error| {
        Error::InvalidRequest(format!("the request body does not serialize: {e}"))
    };
    let json = serde_json::to_string(body).map_err(invalid)?;
    // `serde_json::Value` sorts object keys; read the entries in the order they were written.
    let OrderedObject(entries) = serde_json::from_str(&json)
        .map_err(|_| Error::InvalidRequest("a form body must be an object".into()))?;
    let field = |name: &str, v: &serde_json::Value| Field {
        name: name.to_owned(),
        text: match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        },
        json: v.is_object() || v.is_array(),
    };
    let mut out = Vec::new();
    for (name, value) in entries {
        match &value {
            serde_json::Value::Null => {}
            serde_json::Value::Array(items) => {
                out.extend(items.iter().map(|item| field(&name, item)));
            }
            other => out.push(field(&name, other)),
        }
    }
    Ok(out)
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
            assert_eq!(params::encode_path_segment(value), want, "{value}");
        }
    }

    fn request(template: &'static str, path: &str) -> Request {
        Request::new(Method::GET, template, path.to_owned(), true, "*/*")
    }

    /// Parameters that would make a path segment empty, `.` or `..` are refused, naming the
    /// parameter, whether the path was formatted by the caller or filled by `path_param`.
    #[test]
    fn dot_segments_and_empty_segments_are_refused() {
        let template = "/rooms/{roomJid}/messages";
        // (value, refused)
        let table = [
            ("", true),
            (".", true),
            ("..", true),
            ("...", false),
            (".a", false),
            ("a", false),
            ("%2E%2E", false),
        ];
        for (value, refused) in table {
            let formatted = format!("/rooms/{value}/messages");
            let mut filled = request(template, template);
            filled
                .path_param("roomJid", value, Style::Simple, false)
                .expect("simple applies to paths");
            for request in [request(template, &formatted), filled] {
                let result = request.checked_path();
                assert_eq!(result.is_err(), refused, "{value:?}: {result:?}");
                if let Err(error) = result {
                    let text = error.to_string();
                    assert!(
                        text.contains("GET /rooms/{roomJid}/messages: path parameter `roomJid`"),
                        "{text}"
                    );
                }
            }
        }
        // Label and matrix: a value `.` makes the segment `..`.
        let mut label = request("/a/{x}", "/a/{x}");
        label
            .path_param("x", ".", Style::Label, false)
            .expect("label");
        assert_eq!(label.path, "/a/..");
        assert!(label.checked_path().is_err());
        // A segment with more than the parameter is not a dot segment.
        let ok = request("/files/{name}.json", "/files/..json");
        assert!(ok.checked_path().is_ok());
        let both = request("/x/{a}{b}", "/x/..");
        let text = both.checked_path().unwrap_err().to_string();
        assert!(text.contains("`a`, `b`"), "{text}");
        // Segments without parameters are the template's business.
        assert!(request("/things/", "/things/").checked_path().is_ok());
    }

    #[test]
    fn parameters_are_added_in_their_styles() {
        let mut request = request("/things/{id}", "/things/{id}");
        request
            .path_param("id", &vec!["a b", "c"], Style::Matrix, true)
            .expect("path");
        request
            .query_param("expand", &vec!["x", "y"], Style::Form, false, false)
            .expect("query");
        request
            .query_param("skip", &None::<i32>, Style::Form, true, false)
            .expect("absent");
        request.query("legacy", "a,b c");
        request
            .header_param("X-Ids", &[1, 2], Style::Simple, false)
            .expect("header");
        assert_eq!(request.path, "/things/;id=a%20b;id=c");
        assert_eq!(request.query, ["expand=x,y", "legacy=a%2Cb%20c"]);
        assert_eq!(request.headers, [("X-Ids", "1,2".to_owned())]);

        let error = request
            .query_param("x", "v", Style::Matrix, false, false)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("GET /things/{id}: query parameter `x` style `matrix` does not apply"),
            "{error}"
        );
        let error = request
            .path_param("missing", "v", Style::Simple, false)
            .unwrap_err()
            .to_string();
        assert!(error.contains("path parameter `missing` has no"), "{error}");
        let error = request
            .query_param(
                "filter",
                &params::Object(&[1]),
                Style::DeepObject,
                true,
                false,
            )
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("query parameter `filter` is not an object"),
            "{error}"
        );
    }

    /// Cookie parameters share one `Cookie` header; an absent one adds nothing.
    #[test]
    fn cookies_share_one_header() {
        let mut r = request("/a", "/a");
        r.cookie_param("session", "abc", true).expect("a scalar");
        r.cookie_param("missing", &None::<String>, true)
            .expect("absent");
        r.cookie_param("ids", &vec![1, 2], false).expect("an array");
        r.cookie_param("tags", &vec!["x", "y"], true)
            .expect("an array");
        assert_eq!(
            r.headers,
            [("Cookie", "session=abc; ids=1,2; tags=x; tags=y".to_owned())]
        );
    }

    /// Text and byte bodies go out under the media type the API names.
    #[test]
    fn text_and_binary_bodies_carry_their_media_type() {
        let mut r = request("/a", "/a");
        r.text("text/plain", "héllo");
        let (content_type, body) = r.body.clone().expect("a body");
        assert_eq!(content_type, "text/plain; charset=utf-8");
        assert_eq!(&body[..], "héllo".as_bytes());
        r.text("text/csv; charset=utf-8", "a,b");
        assert_eq!(r.body.clone().expect("a body").0, "text/csv; charset=utf-8");
        r.binary("application/x-yaml", b"a: 1".to_vec());
        let (content_type, body) = r.body.expect("a body");
        assert_eq!(content_type, "application/x-yaml");
        assert_eq!(&body[..], b"a: 1");
    }

    /// Multipart parts: strings and scalars as text, objects (and arrays inside an array) as
    /// JSON under `Content-Type: application/json`, one part per array element, nulls left
    /// out, in declaration order.
    #[test]
    fn multipart_object_parts_are_json() {
        #[derive(Serialize)]
        struct Upload {
            name: &'static str,
            size: i64,
            attributes: serde_json::Value,
            parent: Option<serde_json::Value>,
            tags: Vec<serde_json::Value>,
        }
        let mut r = request("/a", "/a");
        r.multipart(&Upload {
            name: "a.txt",
            size: 3,
            attributes: serde_json::json!({"id": "0", "type": "folder"}),
            parent: None,
            tags: vec![
                serde_json::json!("x"),
                serde_json::json!({"k": 1}),
                serde_json::json!([1]),
            ],
        })
        .expect("an object");
        let (content_type, body) = r.body.expect("a body");
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .expect("a boundary");
        let body = String::from_utf8(body.to_vec()).expect("utf-8");
        let part = |name: &str, header: &str, value: &str| {
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n{header}\r\n{value}\r\n"
            )
        };
        let json = "Content-Type: application/json\r\n";
        let want = [
            part("name", "", "a.txt"),
            part("size", "", "3"),
            part("attributes", json, r#"{"id":"0","type":"folder"}"#),
            part("tags", "", "x"),
            part("tags", json, r#"{"k":1}"#),
            part("tags", json, "[1]"),
            format!("--{boundary}--\r\n"),
        ]
        .concat();
        assert_eq!(body, want);
    }

    /// A JSON body goes out as `application/json`, or under the JSON media type the API names.
    #[test]
    fn json_bodies_carry_their_media_type() {
        let mut r = request("/a", "/a");
        let value = serde_json::json!({"op": "add"});
        for (content_type, set) in [
            ("application/json", None),
            (
                "application/merge-patch+json",
                Some("application/merge-patch+json"),
            ),
        ] {
            match set {
                None => r.json(&value).expect("serializes"),
                Some(media) => r.json_as(media, &value).expect("serializes"),
            }
            let (sent, body) = r.body.clone().expect("a body");
            assert_eq!(sent, content_type);
            assert_eq!(&body[..], br#"{"op":"add"}"#);
        }
    }

    /// `Json` sends a value as its JSON text; any JSON value is a scalar parameter.
    #[test]
    fn json_parameters_are_json_text() {
        let mut r = request("/a", "/a");
        let filter = serde_json::json!({"state": ["open", "closed"]});
        r.query_param("filter", &params::Json(&filter), Style::Form, true, false)
            .expect("JSON text");
        r.query_param("any", &serde_json::json!("plain"), Style::Form, true, false)
            .expect("a string value");
        r.query_param("num", &serde_json::json!(3), Style::Form, true, false)
            .expect("a number value");
        assert_eq!(
            r.query,
            [
                "filter=%7B%22state%22%3A%5B%22open%22%2C%22closed%22%5D%7D",
                "any=plain",
                "num=3"
            ]
        );
    }
}
