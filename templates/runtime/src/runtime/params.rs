//! Parameter values on the wire, as OpenAPI 3.0 serializes them (`style`, `explode`,
//! `allowReserved`; RFC 6570 underneath).
//!
//! A value becomes a [`Param`] through [`AsParam`]: a scalar (anything that implements
//! [`ToParam`]: strings, `bool`, every integer and float type, [`Date`], [`DateTime`], the
//! SDK's enums), an array (`Vec<T>`, `[T]`), or an object (`BTreeMap`, `HashMap`, or a model
//! through [`Object`], which reads its fields with serde). `Option<T>` is absent when `None`,
//! and an absent parameter is left out of the request. Then the [`Style`] of its location
//! writes it out. With the example of the OpenAPI specification, a parameter `color` whose
//! value is `blue`, `["blue", "black", "brown"]` or `{"R": 100, "G": 200, "B": 150}`:
//!
//! | location | style | explode | scalar | array | object |
//! | --- | --- | --- | --- | --- | --- |
//! | query | `form` (default) | true (default) | `color=blue` | `color=blue&color=black&color=brown` | `R=100&G=200&B=150` |
//! | query | `form` | false | `color=blue` | `color=blue,black,brown` | `color=R,100,G,200,B,150` |
//! | query | `spaceDelimited` | false | — | `color=blue%20black%20brown` | `color=R%20100%20G%20200%20B%20150` |
//! | query | `pipeDelimited` | false | — | `color=blue\|black\|brown` | `color=R\|100\|G\|200\|B\|150` |
//! | query | `deepObject` | true | — | — | `color[R]=100&color[G]=200&color[B]=150` |
//! | path, header | `simple` (default) | false (default) | `blue` | `blue,black,brown` | `R,100,G,200,B,150` |
//! | path, header | `simple` | true | `blue` | `blue,black,brown` | `R=100,G=200,B=150` |
//! | path | `label` | false | `.blue` | `.blue,black,brown` | `.R,100,G,200,B,150` |
//! | path | `label` | true | `.blue` | `.blue.black.brown` | `.R=100.G=200.B=150` |
//! | path | `matrix` | false | `;color=blue` | `;color=blue,black,brown` | `;color=R,100,G,200,B,150` |
//! | path | `matrix` | true | `;color=blue` | `;color=blue;color=black;color=brown` | `;R=100;G=200;B=150` |
//!
//! `label` with `explode: false` follows RFC 6570 (`{.color}`) and OpenAPI 3.0.4, which
//! corrected the table of 3.0.3 (`.blue.black.brown`, `.R.100.G.200.B.150`: the same text as
//! `explode: true` would give for the array, and no way to tell keys from values).
//! Combinations the table marks "n/a" (a scalar with `spaceDelimited`, an array with
//! `deepObject`, `explode: true` with the delimited styles) are written as `form` would write
//! them. An empty string is `color=` (query), `.` (label) and `;color` (matrix); an empty array
//! or object is left out, as RFC 6570 leaves out undefined values.
//!
//! Percent-encoding: inside names and values, everything but RFC 3986 "unreserved" characters
//! (`A-Z a-z 0-9 - . _ ~`) is percent-encoded as UTF-8, a space as `%20` (never `+`), so that
//! the delimiters the style adds (`,` `|` `=` `&` `[` `]` `;` `.`) are the only ones on the wire.
//! A query parameter with `allowReserved: true` keeps RFC 3986 "reserved" characters
//! (`:/?[]@!$&'()*+,;=`) as they are, except `#`, which would end the query. Header values are
//! not percent-encoded; one that is not a valid header value is refused.

use std::collections::{BTreeMap, HashMap};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::runtime::types::{Date, DateTime};

/// Characters left as they are in names and values: RFC 3986 "unreserved".
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Characters left as they are with `allowReserved`: "unreserved" and "reserved", but `#`.
const RESERVED: &AsciiSet = &UNRESERVED
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// Percent-encodes `value` as exactly one path segment: a `/`, `?` or `#` in it cannot change
/// the path.
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// How a parameter is serialized: OpenAPI 3.0's `style`. Which apply where, and what each
/// writes, is in the [module documentation](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `form`: `name=value` pairs; the default in the query.
    Form,
    /// `spaceDelimited`: array items or object keys and values separated by `%20`.
    SpaceDelimited,
    /// `pipeDelimited`: array items or object keys and values separated by `|`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value` per object entry.
    DeepObject,
    /// `simple`: comma-separated; the default in paths and headers.
    Simple,
    /// `label`: prefixed with `.`.
    Label,
    /// `matrix`: `;name=value`.
    Matrix,
}

impl Style {
    /// The name the OpenAPI specification gives it, e.g. `deepObject`.
    pub const fn name(self) -> &'static str {
        match self {
            Style::Form => "form",
            Style::SpaceDelimited => "spaceDelimited",
            Style::PipeDelimited => "pipeDelimited",
            Style::DeepObject => "deepObject",
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
        }
    }
}

/// A parameter's value before it is written out in a style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    /// No value: the parameter is left out.
    Absent,
    /// One value, as text.
    Scalar(String),
    /// Array items, as text.
    Array(Vec<String>),
    /// Object entries, as (key, text), in order.
    Object(Vec<(String, String)>),
}

/// A scalar parameter value: its text on the wire, before percent-encoding.
///
/// The SDK's enums implement it in one line, through their wire value:
/// `impl crate::runtime::ToParam for Color { fn to_param(&self) -> String { self.as_str().to_owned() } }`.
pub trait ToParam {
    /// The value's text.
    fn to_param(&self) -> String;
}

impl ToParam for str {
    fn to_param(&self) -> String {
        self.to_owned()
    }
}

impl ToParam for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> String {
        (**self).to_param()
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
to_param_display!(
    bool, i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64
);

impl ToParam for Date {
    /// `2024-05-01`.
    fn to_param(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

impl ToParam for DateTime {
    /// RFC 3339 in UTC with milliseconds: `2024-05-01T12:30:00.000Z`.
    fn to_param(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

/// Anything a parameter can carry: a scalar, an array of scalars, an object, or nothing.
pub trait AsParam {
    /// The value as a [`Param`].
    ///
    /// # Errors
    ///
    /// Why the value cannot be a parameter (a model that does not serialize as an object).
    fn as_param(&self) -> Result<Param, String>;
}

impl<T: ToParam + ?Sized> AsParam for T {
    fn as_param(&self) -> Result<Param, String> {
        Ok(Param::Scalar(self.to_param()))
    }
}

impl<T: ToParam> AsParam for [T] {
    fn as_param(&self) -> Result<Param, String> {
        Ok(Param::Array(self.iter().map(ToParam::to_param).collect()))
    }
}

impl<T: ToParam, const N: usize> AsParam for [T; N] {
    fn as_param(&self) -> Result<Param, String> {
        self.as_slice().as_param()
    }
}

impl<T: ToParam> AsParam for Vec<T> {
    fn as_param(&self) -> Result<Param, String> {
        self.as_slice().as_param()
    }
}

impl<T: AsParam> AsParam for Option<T> {
    fn as_param(&self) -> Result<Param, String> {
        match self {
            Some(value) => value.as_param(),
            None => Ok(Param::Absent),
        }
    }
}

impl<K: AsRef<str>, V: ToParam> AsParam for BTreeMap<K, V> {
    fn as_param(&self) -> Result<Param, String> {
        let entries = self.iter();
        Ok(Param::Object(
            entries
                .map(|(k, v)| (k.as_ref().to_owned(), v.to_param()))
                .collect(),
        ))
    }
}

impl<K: AsRef<str>, V: ToParam, S> AsParam for HashMap<K, V, S> {
    /// Entries sorted by key, so the same map always gives the same request.
    fn as_param(&self) -> Result<Param, String> {
        let mut entries: Vec<(String, String)> = self
            .iter()
            .map(|(k, v)| (k.as_ref().to_owned(), v.to_param()))
            .collect();
        entries.sort();
        Ok(Param::Object(entries))
    }
}

/// A value sent as its JSON text (a parameter the API describes with `content:
/// application/json`, or one whose type has no plainer form): a scalar parameter.
#[derive(Debug, Clone, Copy)]
pub struct Json<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> AsParam for Json<'_, T> {
    fn as_param(&self) -> Result<Param, String> {
        serde_json::to_string(self.0)
            .map(Param::Scalar)
            .map_err(|e| format!("does not serialize: {e}"))
    }
}

/// A value whose form is known only at run time (a `oneOf` of strings and integers, any JSON),
/// in the plainest form its JSON has: a string as it is (`ci.yml`, not `"ci.yml"`), a number or
/// boolean as its text, an array as an array and an object as an object parameter (nested
/// values as JSON text), `null` left out.
#[derive(Debug, Clone, Copy)]
pub struct Dynamic<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> AsParam for Dynamic<'_, T> {
    fn as_param(&self) -> Result<Param, String> {
        let json = serde_json::to_string(self.0).map_err(|e| format!("does not serialize: {e}"))?;
        if let Ok(OrderedObject(entries)) = serde_json::from_str(&json) {
            return Ok(Param::Object(
                entries
                    .into_iter()
                    .filter(|(_, value)| !value.is_null())
                    .map(|(key, value)| (key, value.to_param()))
                    .collect(),
            ));
        }
        let value: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| format!("does not serialize: {e}"))?;
        Ok(match value {
            serde_json::Value::Null => Param::Absent,
            serde_json::Value::Array(items) => {
                Param::Array(items.iter().map(ToParam::to_param).collect())
            }
            other => Param::Scalar(other.to_param()),
        })
    }
}

/// Any JSON value as a scalar: a string as it is, anything else as its JSON text.
impl ToParam for serde_json::Value {
    fn to_param(&self) -> String {
        match self {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// A model (anything that serializes as a JSON object) as an object parameter, for
/// `deepObject` and exploded `form` objects: its fields in declaration order; strings as they
/// are, numbers and booleans as JSON text, `null` and absent fields left out, nested arrays and
/// objects as JSON text.
#[derive(Debug, Clone, Copy)]
pub struct Object<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> AsParam for Object<'_, T> {
    fn as_param(&self) -> Result<Param, String> {
        let json = serde_json::to_string(self.0).map_err(|e| format!("does not serialize: {e}"))?;
        let OrderedObject(entries) = serde_json::from_str(&json)
            .map_err(|_| "is not an object, so it cannot be an object parameter".to_owned())?;
        Ok(Param::Object(
            entries
                .into_iter()
                .filter_map(|(key, value)| match value {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(s) => Some((key, s)),
                    other => Some((key, other.to_string())),
                })
                .collect(),
        ))
    }
}

/// A JSON object's entries in document order (`serde_json::Value` would sort them).
pub(crate) struct OrderedObject(pub(crate) Vec<(String, serde_json::Value)>);

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

/// Percent-encodes a name or value for the query (`allow_reserved` keeps reserved characters).
fn query_text(text: &str, allow_reserved: bool) -> String {
    let set = if allow_reserved { RESERVED } else { UNRESERVED };
    utf8_percent_encode(text, set).to_string()
}

/// `param` written as query pairs (`a=1&b=2`, already encoded), or `None` when it is left
/// out. `Err` names a style that does not apply to the query.
pub(crate) fn query(
    name: &str,
    param: &Param,
    style: Style,
    explode: bool,
    allow_reserved: bool,
) -> Result<Option<String>, String> {
    if matches!(style, Style::Simple | Style::Label | Style::Matrix) {
        return Err(format!(
            "style `{}` does not apply to query parameters",
            style.name()
        ));
    }
    let text = |t: &str| query_text(t, allow_reserved);
    let key = text(name);
    let joined = |parts: Vec<String>, delimiter: &str| format!("{key}={}", parts.join(delimiter));
    let delimiter = match style {
        Style::SpaceDelimited => "%20",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    Ok(match param {
        Param::Absent => None,
        Param::Scalar(value) => Some(format!("{key}={}", text(value))),
        Param::Array(items) if items.is_empty() => None,
        Param::Object(entries) if entries.is_empty() => None,
        Param::Object(entries) if style == Style::DeepObject => Some(
            entries
                .iter()
                .map(|(k, v)| format!("{key}[{}]={}", text(k), text(v)))
                .collect::<Vec<_>>()
                .join("&"),
        ),
        Param::Array(items) if explode => Some(
            items
                .iter()
                .map(|item| format!("{key}={}", text(item)))
                .collect::<Vec<_>>()
                .join("&"),
        ),
        Param::Array(items) => Some(joined(items.iter().map(|i| text(i)).collect(), delimiter)),
        Param::Object(entries) if explode => Some(
            entries
                .iter()
                .map(|(k, v)| format!("{}={}", text(k), text(v)))
                .collect::<Vec<_>>()
                .join("&"),
        ),
        Param::Object(entries) => Some(joined(
            entries
                .iter()
                .flat_map(|(k, v)| [text(k), text(v)])
                .collect(),
            delimiter,
        )),
    })
}

/// `param` as it replaces `{name}` in a path template (already encoded). `Err` names a style
/// that does not apply to paths, or an absent value.
pub(crate) fn path(
    name: &str,
    param: &Param,
    style: Style,
    explode: bool,
) -> Result<String, String> {
    let prefix = match style {
        Style::Simple => "",
        Style::Label => ".",
        Style::Matrix => ";",
        other => {
            return Err(format!(
                "style `{}` does not apply to path parameters",
                other.name()
            ));
        }
    };
    let enc = |t: &str| encode_path_segment(t);
    let key = enc(name);
    // Matrix names every value; the others write values only.
    let named = |value: String| match (style, value.is_empty()) {
        (Style::Matrix, true) => format!(";{key}"),
        (Style::Matrix, false) => format!(";{key}={value}"),
        _ => format!("{prefix}{value}"),
    };
    Ok(match param {
        Param::Absent => return Err("has no value; a path parameter is always required".into()),
        Param::Scalar(value) => named(enc(value)),
        Param::Array(items) if items.is_empty() => String::new(),
        Param::Object(entries) if entries.is_empty() => String::new(),
        Param::Array(items) if explode && style != Style::Simple => {
            items.iter().map(|item| named(enc(item))).collect()
        }
        Param::Array(items) => named(items.iter().map(|i| enc(i)).collect::<Vec<_>>().join(",")),
        Param::Object(entries) if explode => {
            let pairs = entries
                .iter()
                .map(|(k, v)| format!("{}={}", enc(k), enc(v)));
            match style {
                Style::Simple => pairs.collect::<Vec<_>>().join(","),
                _ => pairs.map(|pair| format!("{prefix}{pair}")).collect(),
            }
        }
        Param::Object(entries) => named(
            entries
                .iter()
                .flat_map(|(k, v)| [enc(k), enc(v)])
                .collect::<Vec<_>>()
                .join(","),
        ),
    })
}

/// `param` as a header value (`simple`, not percent-encoded), or `None` when it is left out.
/// `Err` names a style that does not apply to headers.
pub(crate) fn header(param: &Param, style: Style, explode: bool) -> Result<Option<String>, String> {
    if style != Style::Simple {
        return Err(format!(
            "style `{}` does not apply to header parameters (only `simple` does)",
            style.name()
        ));
    }
    Ok(match param {
        Param::Absent => None,
        Param::Scalar(value) => Some(value.clone()),
        Param::Array(items) if items.is_empty() => None,
        Param::Object(entries) if entries.is_empty() => None,
        Param::Array(items) => Some(items.join(",")),
        Param::Object(entries) if explode => Some(
            entries
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","),
        ),
        Param::Object(entries) => Some(
            entries
                .iter()
                .flat_map(|(k, v)| [k.as_str(), v.as_str()])
                .collect::<Vec<_>>()
                .join(","),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blue() -> Param {
        Param::Scalar("blue".into())
    }

    fn colors() -> Param {
        ["blue", "black", "brown"]
            .as_slice()
            .as_param()
            .expect("array")
    }

    fn rgb() -> Param {
        let mut map = BTreeMap::new();
        // A BTreeMap sorts its keys; the specification's order (R, G, B) comes from a model.
        map.insert("B", 150);
        map.insert("G", 200);
        map.insert("R", 100);
        let sorted = map.as_param().expect("object");
        assert_eq!(
            sorted,
            Param::Object(vec![
                ("B".into(), "150".into()),
                ("G".into(), "200".into()),
                ("R".into(), "100".into())
            ])
        );
        #[derive(Serialize)]
        struct Rgb {
            #[serde(rename = "R")]
            r: u8,
            #[serde(rename = "G")]
            g: u8,
            #[serde(rename = "B")]
            b: u8,
        }
        Object(&Rgb {
            r: 100,
            g: 200,
            b: 150,
        })
        .as_param()
        .expect("object")
    }

    fn empty() -> Param {
        Param::Scalar(String::new())
    }

    /// The examples of the OpenAPI specification ("Style Examples"), for the query.
    #[test]
    fn dynamic_values_take_the_plainest_form_their_json_has() {
        #[derive(serde::Serialize)]
        #[serde(untagged)]
        enum IdOrName {
            Id(i64),
            Name(String),
        }
        #[derive(serde::Serialize)]
        struct Filter {
            state: &'static str,
            limit: Option<u8>,
            tags: [&'static str; 2],
        }
        let name = IdOrName::Name("ci.yml".into());
        let table: Vec<(Result<Param, String>, Param)> = vec![
            (Dynamic(&name).as_param(), Param::Scalar("ci.yml".into())),
            (
                Dynamic(&IdOrName::Id(42)).as_param(),
                Param::Scalar("42".into()),
            ),
            (Dynamic(&true).as_param(), Param::Scalar("true".into())),
            (
                Dynamic(&serde_json::json!(["a", 1])).as_param(),
                Param::Array(vec!["a".into(), "1".into()]),
            ),
            (
                Dynamic(&Filter {
                    state: "open",
                    limit: None,
                    tags: ["x", "y"],
                })
                .as_param(),
                Param::Object(vec![
                    ("state".into(), "open".into()),
                    ("tags".into(), r#"["x","y"]"#.into()),
                ]),
            ),
            (Dynamic(&serde_json::Value::Null).as_param(), Param::Absent),
            // `content: application/json` parameters stay JSON text.
            (Json(&name).as_param(), Param::Scalar(r#""ci.yml""#.into())),
        ];
        for (i, (got, want)) in table.into_iter().enumerate() {
            assert_eq!(got, Ok(want), "row {i}");
        }
        let param = Dynamic(&name).as_param().expect("a parameter");
        assert_eq!(
            query("workflow_id", &param, Style::Form, true, false),
            Ok(Some("workflow_id=ci.yml".to_owned()))
        );
    }

    #[test]
    fn query_styles_write_the_specification_examples() {
        use Style::*;
        // (style, explode, value, wire); None: the parameter is left out.
        let table: &[(Style, bool, Param, Option<&str>)] = &[
            (Form, true, empty(), Some("color=")),
            (Form, true, blue(), Some("color=blue")),
            (
                Form,
                true,
                colors(),
                Some("color=blue&color=black&color=brown"),
            ),
            (Form, true, rgb(), Some("R=100&G=200&B=150")),
            (Form, false, empty(), Some("color=")),
            (Form, false, blue(), Some("color=blue")),
            (Form, false, colors(), Some("color=blue,black,brown")),
            (Form, false, rgb(), Some("color=R,100,G,200,B,150")),
            (
                SpaceDelimited,
                false,
                colors(),
                Some("color=blue%20black%20brown"),
            ),
            (
                SpaceDelimited,
                false,
                rgb(),
                Some("color=R%20100%20G%20200%20B%20150"),
            ),
            (
                PipeDelimited,
                false,
                colors(),
                Some("color=blue|black|brown"),
            ),
            (PipeDelimited, false, rgb(), Some("color=R|100|G|200|B|150")),
            (
                DeepObject,
                true,
                rgb(),
                Some("color[R]=100&color[G]=200&color[B]=150"),
            ),
            // "n/a" in the specification: written as `form` would.
            (SpaceDelimited, false, blue(), Some("color=blue")),
            (
                PipeDelimited,
                true,
                colors(),
                Some("color=blue&color=black&color=brown"),
            ),
            (
                DeepObject,
                true,
                colors(),
                Some("color=blue&color=black&color=brown"),
            ),
            // Left out: absent, empty array, empty object.
            (Form, true, Param::Absent, None),
            (Form, false, Param::Array(vec![]), None),
            (DeepObject, true, Param::Object(vec![]), None),
        ];
        for (style, explode, param, want) in table {
            let got = query("color", param, *style, *explode, false);
            assert_eq!(
                got.as_ref().map(Option::as_deref),
                Ok(*want),
                "{style:?} explode={explode} {param:?}"
            );
        }
    }

    /// The examples of the OpenAPI specification ("Style Examples"), for paths and headers.
    #[test]
    fn path_and_header_styles_write_the_specification_examples() {
        use Style::*;
        // (style, explode, value, wire)
        let table: &[(Style, bool, Param, &str)] = &[
            (Simple, false, blue(), "blue"),
            (Simple, false, colors(), "blue,black,brown"),
            (Simple, false, rgb(), "R,100,G,200,B,150"),
            (Simple, true, blue(), "blue"),
            (Simple, true, colors(), "blue,black,brown"),
            (Simple, true, rgb(), "R=100,G=200,B=150"),
            (Label, false, empty(), "."),
            (Label, false, blue(), ".blue"),
            // RFC 6570 and OpenAPI 3.0.4; 3.0.3's table says `.blue.black.brown`.
            (Label, false, colors(), ".blue,black,brown"),
            (Label, false, rgb(), ".R,100,G,200,B,150"),
            (Label, true, empty(), "."),
            (Label, true, blue(), ".blue"),
            (Label, true, colors(), ".blue.black.brown"),
            (Label, true, rgb(), ".R=100.G=200.B=150"),
            (Matrix, false, empty(), ";color"),
            (Matrix, false, blue(), ";color=blue"),
            (Matrix, false, colors(), ";color=blue,black,brown"),
            (Matrix, false, rgb(), ";color=R,100,G,200,B,150"),
            (Matrix, true, empty(), ";color"),
            (Matrix, true, blue(), ";color=blue"),
            (
                Matrix,
                true,
                colors(),
                ";color=blue;color=black;color=brown",
            ),
            (Matrix, true, rgb(), ";R=100;G=200;B=150"),
        ];
        for (style, explode, param, want) in table {
            let got = path("color", param, *style, *explode);
            assert_eq!(
                got.as_deref(),
                Ok(*want),
                "{style:?} explode={explode} {param:?}"
            );
            if *style == Simple {
                let got = header(param, *style, *explode);
                assert_eq!(
                    got.as_ref().map(Option::as_deref),
                    Ok(Some(*want)),
                    "header, explode={explode} {param:?}"
                );
            }
        }
    }

    #[test]
    fn styles_that_do_not_apply_to_a_location_are_refused() {
        use Style::*;
        for style in [Simple, Label, Matrix] {
            let error = query("color", &blue(), style, false, false).unwrap_err();
            assert!(error.contains("does not apply to query"), "{error}");
        }
        for style in [Form, SpaceDelimited, PipeDelimited, DeepObject] {
            let error = path("color", &blue(), style, false).unwrap_err();
            assert!(error.contains("does not apply to path"), "{error}");
        }
        for style in [Form, Label, Matrix, DeepObject] {
            let error = header(&blue(), style, false).unwrap_err();
            assert!(error.contains("does not apply to header"), "{error}");
        }
        let error = path("color", &Param::Absent, Simple, false).unwrap_err();
        assert!(error.contains("always required"), "{error}");
    }

    /// Reserved characters inside values are encoded, so only the style's delimiters delimit;
    /// `allowReserved` keeps them (but `#`).
    #[test]
    fn reserved_characters_inside_values_are_percent_encoded() {
        let tricky = "a b,c|d=e&f[g]h;i.j/k?l#m%n+o~p-q_rü";
        let strict = "a%20b%2Cc%7Cd%3De%26f%5Bg%5Dh%3Bi.j%2Fk%3Fl%23m%25n%2Bo~p-q_r%C3%BC";
        let item = Param::Scalar(tricky.into());
        assert_eq!(
            query("q", &item, Style::Form, true, false),
            Ok(Some(format!("q={strict}")))
        );
        assert_eq!(
            query("q", &item, Style::Form, true, true),
            Ok(Some(
                "q=a%20b,c%7Cd=e&f[g]h;i.j/k?l%23m%25n+o~p-q_r%C3%BC".into()
            ))
        );
        assert_eq!(path("p", &item, Style::Simple, false), Ok(strict.into()));
        let pair = Param::Array(vec!["x,y".into(), "z".into()]);
        assert_eq!(
            query("q", &pair, Style::Form, false, false),
            Ok(Some("q=x%2Cy,z".into()))
        );
        assert_eq!(
            query("a b", &Param::Scalar("1".into()), Style::Form, true, false),
            Ok(Some("a%20b=1".into()))
        );
        assert_eq!(
            header(&pair, Style::Simple, false),
            Ok(Some("x,y,z".into()))
        );
    }

    #[test]
    fn scalars_have_their_wire_text() {
        let date = Date::from_ymd_opt(2024, 5, 1).expect("date");
        let instant = date
            .and_hms_milli_opt(12, 30, 0, 5)
            .expect("time")
            .and_utc();
        let table: Vec<(Box<dyn AsParam>, Param)> = vec![
            (Box::new("text"), Param::Scalar("text".into())),
            (
                Box::new(String::from("owned")),
                Param::Scalar("owned".into()),
            ),
            (Box::new(true), Param::Scalar("true".into())),
            (Box::new(-8i8), Param::Scalar("-8".into())),
            (Box::new(u128::MAX), Param::Scalar(u128::MAX.to_string())),
            (Box::new(i128::MIN), Param::Scalar(i128::MIN.to_string())),
            (Box::new(1.5f32), Param::Scalar("1.5".into())),
            (Box::new(0.25f64), Param::Scalar("0.25".into())),
            (Box::new(date), Param::Scalar("2024-05-01".into())),
            (
                Box::new(instant),
                Param::Scalar("2024-05-01T12:30:00.005Z".into()),
            ),
            (Box::new(Some(3u16)), Param::Scalar("3".into())),
            (Box::new(None::<u16>), Param::Absent),
            (
                Box::new(vec![1u64, 2]),
                Param::Array(vec!["1".into(), "2".into()]),
            ),
            (Box::new(Some(vec!["a"])), Param::Array(vec!["a".into()])),
        ];
        for (value, want) in table {
            assert_eq!(value.as_param(), Ok(want));
        }
        let mut map = HashMap::new();
        map.insert("z".to_owned(), 1);
        map.insert("a".to_owned(), 2);
        assert_eq!(
            map.as_param(),
            Ok(Param::Object(vec![
                ("a".into(), "2".into()),
                ("z".into(), "1".into())
            ])),
            "sorted by key"
        );
    }

    #[test]
    fn models_are_objects_in_declaration_order_without_nulls() {
        #[derive(Serialize)]
        struct Filter {
            zeta: &'static str,
            alpha: Option<i32>,
            tags: Vec<&'static str>,
            on: bool,
        }
        let filter = Filter {
            zeta: "z z",
            alpha: None,
            tags: vec!["a", "b"],
            on: true,
        };
        assert_eq!(
            Object(&filter).as_param(),
            Ok(Param::Object(vec![
                ("zeta".into(), "z z".into()),
                ("tags".into(), "[\"a\",\"b\"]".into()),
                ("on".into(), "true".into()),
            ]))
        );
        let error = Object(&vec![1, 2]).as_param().unwrap_err();
        assert!(error.contains("not an object"), "{error}");
    }
}
