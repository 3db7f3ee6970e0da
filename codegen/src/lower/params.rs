//! Parameters: where each goes, its Rust type, and how its value is written (OpenAPI `style`
//! and `explode`, with the defaults the specification gives per location).

use openapiv3::{
    CookieStyle, HeaderStyle, Parameter, ParameterData, ParameterSchemaOrContent, PathItem,
    PathStyle, QueryStyle, ReferenceOr,
};

use super::Lowerer;
use super::docs::doc_lines;
use super::media::is_json;
use super::types::{SchemaRef, Ty};
use crate::error::WarningClass;
use crate::ir::{Location, ModelKind, Param, Style};
use crate::lower::path::PathTemplate;
use crate::naming::{self, Scope};

/// Headers the OpenAPI specification says a parameter description cannot set: the client
/// sets them itself.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

/// An operation's parameters by location, each list in the order the request uses it.
#[derive(Debug, Default)]
pub(super) struct Params {
    pub path: Vec<Param>,
    pub query: Vec<Param>,
    pub header: Vec<Param>,
    pub cookie: Vec<Param>,
}

impl Lowerer<'_> {
    /// The type a parameter's method or setter takes, and what turns it into the stored type:
    /// strings and enums take anything that converts (`"text"`, `Kind::A`), lists of them any
    /// iterator of such values.
    fn argument(&self, ty: &Ty) -> (String, String) {
        let converts = |t: &Ty| match t {
            Ty::String => true,
            Ty::Model { path, .. } => self.enum_models.contains(path),
            _ => false,
        };
        match ty {
            t if converts(t) => (format!("impl Into<{}>", t.rust()), ".into()".to_owned()),
            Ty::Vec(item) if converts(item) => (
                format!("impl IntoIterator<Item = impl Into<{}>>", item.rust()),
                ".into_iter().map(Into::into).collect()".to_owned(),
            ),
            t => (t.rust(), String::new()),
        }
    }

    /// An example argument of type `ty`: lists hold one example item.
    fn example_of(&self, ty: &Ty) -> String {
        match ty {
            Ty::Vec(item) if **item == Ty::String => "[\"value\"]".to_owned(),
            Ty::Vec(item) => match self.examples.get(&item.rust()) {
                Some(example) => format!("[{example}]"),
                None => format!("Vec::<{}>::new()", item.rust()),
            },
            _ => self.example_value(&ty.rust()),
        }
    }

    /// The parameters of the operation at `at`: path-level ones first, replaced by
    /// operation-level ones of the same name and location; path parameters in the order of
    /// the template. A template hole without a declared parameter gets a string parameter; a
    /// declared path parameter without a hole is left out; both with a warning.
    pub(super) fn params(
        &mut self,
        path: &str,
        item: &PathItem,
        op: &openapiv3::Operation,
        at: &str,
        scope: &mut Scope,
    ) -> Params {
        let item_at = crate::error::pointer(["paths", path]);
        let mut declared: Vec<(&Parameter, String)> = Vec::new();
        let all = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{item_at}/parameters/{i}")))
            .chain(
                op.parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, format!("{at}/parameters/{i}"))),
            );
        for (p, p_at) in all {
            // References were resolved when the spec was loaded.
            let ReferenceOr::Item(p) = p else { continue };
            let data = p.parameter_data_ref();
            declared.retain(|(q, _)| {
                !(q.parameter_data_ref().name == data.name
                    && std::mem::discriminant(*q) == std::mem::discriminant(p))
            });
            declared.push((p, p_at));
        }
        let template = PathTemplate::parse(path);
        let holes: Vec<&str> = template.params().collect();
        let mut out = Params::default();
        for (p, p_at) in declared {
            let data = p.parameter_data_ref();
            let location = match p {
                Parameter::Path { .. } => Location::Path,
                Parameter::Query { .. } => Location::Query,
                Parameter::Header { .. } => Location::Header,
                Parameter::Cookie { .. } => Location::Cookie,
            };
            if location == Location::Path && !holes.contains(&data.name.as_str()) {
                self.warn(
                    WarningClass::PathParameter,
                    &p_at,
                    format!(
                        "path parameter `{}` is declared but `{path}` has no `{{{}}}`; it is left out",
                        data.name, data.name
                    ),
                );
                continue;
            }
            if location == Location::Header
                && IGNORED_HEADERS.contains(&data.name.to_ascii_lowercase().as_str())
            {
                self.warn(
                    WarningClass::IgnoredHeader,
                    &p_at,
                    format!(
                        "a header parameter named `{}` is ignored, as the OpenAPI specification says; the client sets it",
                        data.name
                    ),
                );
                continue;
            }
            let param = self.param(p, data, location, &p_at, scope);
            match location {
                Location::Path => out.path.push(param),
                Location::Query => out.query.push(param),
                Location::Header => out.header.push(param),
                Location::Cookie | Location::Body => out.cookie.push(param),
            }
        }
        for hole in &holes {
            if !out.path.iter().any(|p| p.wire_name == *hole) {
                self.warn(
                    WarningClass::PathParameter,
                    at,
                    format!("`{path}` contains `{{{hole}}}` but the operation declares no path parameter `{hole}`; generating a string parameter"),
                );
                let rust_name = scope.claim(&naming::snake(hole), "_");
                out.path.push(Param {
                    wire_name: (*hole).to_owned(),
                    value: format!("&self.{rust_name}"),
                    rust_name,
                    location: Location::Path,
                    place: Location::Path.place().to_owned(),
                    required: true,
                    rust_type: "String".into(),
                    arg_type: "impl Into<String>".into(),
                    convert: ".into()".into(),
                    example: format!("{hole:?}"),
                    doc_lines: Vec::new(),
                    style: Style::Simple,
                    explode: false,
                    allow_reserved: false,
                    json: false,
                });
            }
        }
        out.path.sort_by_key(|p| {
            holes
                .iter()
                .position(|n| *n == p.wire_name)
                .unwrap_or(usize::MAX)
        });
        out
    }

    fn param(
        &mut self,
        p: &Parameter,
        data: &ParameterData,
        location: Location,
        at: &str,
        scope: &mut Scope,
    ) -> Param {
        let (ty, nullable, json) = match &data.format {
            ParameterSchemaOrContent::Schema(s) => (
                self.schema_type(SchemaRef::from(s), &format!("{at}/schema")),
                self.nullable(SchemaRef::from(s)),
                false,
            ),
            ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                Some((media, c)) => {
                    let c_at = format!("{at}/content/{}", crate::error::pointer_segment(media));
                    let (ty, nullable) = match &c.schema {
                        Some(s) => (
                            self.schema_type(SchemaRef::from(s), &format!("{c_at}/schema")),
                            self.nullable(SchemaRef::from(s)),
                        ),
                        None => (Ty::String, false),
                    };
                    (ty, nullable, is_json(media))
                }
                None => (Ty::String, false, false),
            },
        };
        let (style, explode_default) = match p {
            Parameter::Query {
                style,
                allow_reserved: _,
                ..
            } => match style {
                QueryStyle::Form => (Style::Form, true),
                QueryStyle::SpaceDelimited => (Style::SpaceDelimited, false),
                QueryStyle::PipeDelimited => (Style::PipeDelimited, false),
                QueryStyle::DeepObject => (Style::DeepObject, true),
            },
            Parameter::Path { style, .. } => match style {
                PathStyle::Simple => (Style::Simple, false),
                PathStyle::Label => (Style::Label, false),
                PathStyle::Matrix => (Style::Matrix, false),
            },
            Parameter::Header { style, .. } => match style {
                HeaderStyle::Simple => (Style::Simple, false),
            },
            Parameter::Cookie { style, .. } => match style {
                CookieStyle::Form => (Style::Form, true),
            },
        };
        // A parameter's `null` is written as nothing (RFC 6570 leaves undefined values out),
        // as its absence is: an optional parameter's `Option` already says both, and a
        // required one holds `Option<T>`. Sent as JSON text (`content`), `null` is `null`.
        let required = data.required || location == Location::Path;
        let ty = ty.non_null();
        let nullable = if nullable && location == Location::Path {
            self.warn(
                WarningClass::PathParameter,
                &format!("{at}/schema"),
                "a path parameter cannot be `null` (it is part of the path); generating it as not nullable",
            );
            false
        } else {
            nullable
        };
        let allow_reserved = matches!(
            p,
            Parameter::Query {
                allow_reserved: true,
                ..
            }
        );
        let explode = data.explode.unwrap_or(explode_default);
        let is_string = ty == Ty::String;
        let example = match &data.example {
            Some(serde_json::Value::String(s)) if is_string => format!("{s:?}"),
            _ if is_string => format!("{:?}", data.name),
            _ => self.example_of(&ty),
        };
        let wrapper = match (json, self.shape(&ty)) {
            (true, _) => Some("crate::runtime::params::Json"),
            (false, Shape::Other) => Some("crate::runtime::params::Dynamic"),
            (false, Shape::Object) => Some("crate::runtime::params::Object"),
            (false, Shape::Plain) => None,
        };
        let mut doc = doc_lines(data.description.as_deref());
        // What a required nullable parameter holds: `Option<T>` (`serde_json::Value` holds
        // `null` itself).
        let ty = if nullable && required {
            ty.or_null()
        } else {
            ty
        };
        let (example, arg_type, convert) = match &ty {
            Ty::Nullable(inner) => {
                doc.push(if json {
                    "Nullable: `None` sends `null`.".to_owned()
                } else {
                    "Nullable: `None` leaves it out, which is how a parameter is `null`.".to_owned()
                });
                let example = if is_string {
                    format!("Some(String::from({example}))")
                } else {
                    format!("Some({})", self.example_value(&inner.rust()))
                };
                (example, ty.rust(), String::new())
            }
            _ => {
                let (arg_type, convert) = self.argument(&ty);
                (example, arg_type, convert)
            }
        };
        let rust_type = ty.rust();
        let rust_name = scope.claim(&naming::snake(&data.name), "_");
        // The field is an `Option` when the parameter is optional or nullable (a
        // `serde_json::Value` holds `null` itself); as JSON text, a required parameter's `None`
        // is still sent, as `null`.
        let in_option = !required || (matches!(ty, Ty::Nullable(_)) && !json);
        let value = match (wrapper, in_option) {
            (None, _) => format!("&self.{rust_name}"),
            (Some(wrapper), false) => format!("&{wrapper}(&self.{rust_name})"),
            (Some(wrapper), true) => format!("&self.{rust_name}.as_ref().map({wrapper})"),
        };
        Param {
            wire_name: data.name.clone(),
            rust_name,
            location,
            place: location.place().to_owned(),
            required,
            arg_type,
            convert,
            rust_type,
            example,
            doc_lines: doc,
            style,
            explode,
            allow_reserved,
            json,
            value,
        }
    }

    /// How a value of type `ty` can be a parameter: as text (scalars, enums, lists and maps of
    /// them), as an object (structs), or in whatever form the value has at run time (unions,
    /// free-form values, nesting).
    fn shape(&self, ty: &Ty) -> Shape {
        match ty {
            // `Option` is a parameter only at the top (absent when `None`), which is not here.
            Ty::Value | Ty::Bytes | Ty::Nullable(_) => Shape::Other,
            Ty::Vec(inner) | Ty::Map(inner) => match self.shape(inner) {
                Shape::Plain if !matches!(**inner, Ty::Vec(_) | Ty::Map(_)) => Shape::Plain,
                _ => Shape::Other,
            },
            Ty::Model { path, .. } => match self.model_kinds.get(path) {
                Some(ModelKind::Enum) => Shape::Plain,
                Some(ModelKind::Struct) => Shape::Object,
                Some(ModelKind::Alias) => match self.alias_targets.get(path) {
                    Some(target) if target != ty => self.shape(&target.clone()),
                    _ => Shape::Other,
                },
                Some(ModelKind::Union) | None => Shape::Other,
            },
            _ => Shape::Plain,
        }
    }
}

/// How a parameter value reaches the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// As it is: it implements the runtime's `AsParam`.
    Plain,
    /// Through `params::Object`, which reads a struct's fields.
    Object,
    /// Through `params::Dynamic`, in the plainest form its JSON has.
    Other,
}
