//! The API manifest: the generated crate's public surface as plain sorted data, for
//! [`crate::surface::diff`].
//!
//! One entry per operation (keyed by `operationId`) and per schema (keyed by its name), each with
//! its wire names beside its Rust names and Rust types. It is written into the generated crate as
//! `api-manifest.json`, so the next regeneration knows what the committed crate was generated
//! from without any git history, and `cargo xtask api-diff` can compare two specs through it.
//!
//! [`from_ir`] is the only code that reads the IR; everything else works on the manifest.
//! Descriptions are kept as short digests (summaries in full): enough to say "Description was
//! changed", small enough that the whole Genesys platform stays a few megabytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ir;

/// The manifest's format version; a manifest of another format is treated as missing.
///
/// Additions that older manifests did not need (an optional field whose absence means what
/// those manifests meant, such as [`Operation::also_in`]) keep the format: older manifests
/// stay readable and comparable. A change of what a field means bumps it.
pub const FORMAT: u32 = 1;

/// The file the manifest is written to, relative to the generated crate.
pub const FILE: &str = "api-manifest.json";

/// The public surface of one generated crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// The `@generated` line: what made this file and that it is not to be edited.
    pub generated: String,
    /// `info.title` of the spec.
    pub title: String,
    /// `info.version` of the spec.
    pub api_version: String,
    /// Cargo package name.
    pub package: String,
    /// Version of the generated crate.
    pub crate_version: String,
    /// Operations by `operationId`.
    pub operations: BTreeMap<String, Operation>,
    /// Schemas by name.
    pub models: BTreeMap<String, Model>,
    /// Security schemes by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub security_schemes: BTreeMap<String, SecurityScheme>,
}

/// One security scheme and how the client builder configures it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityScheme {
    /// `apiKey`, `http`, `oauth2` or `openIdConnect`.
    #[serde(rename = "type")]
    pub kind: String,
    /// For `http`: `basic`, `bearer`, ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// For `apiKey`: `header`, `query` or `cookie`.
    #[serde(rename = "in", default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// For `apiKey`: the header, parameter or cookie name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The `ClientBuilder` method that takes a credential you already have (an API key, a
    /// token; for `http` basic a user name and a password; for `oauth2` and `openIdConnect`
    /// an access token).
    pub setter: String,
    /// The OAuth 2 grant setters (grant → `ClientBuilder` method), e.g.
    /// `client_credentials` → `petstore_auth_client_credentials`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub grants: BTreeMap<String, String>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// HTTP method, upper case.
    pub method: String,
    /// Path template.
    pub path: String,
    /// The API struct holding the method, e.g. `ChatApi`: for an operation of several API
    /// groups (several tags), the first one's.
    pub api: String,
    /// The accessor on `Client`, e.g. `chat`.
    pub accessor: String,
    /// For an operation of several API groups: the others, in the order of its tags, each with
    /// the same method (same name, request builder and parameters). Absent for one group,
    /// which is what every manifest written before operations had several groups says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_in: Vec<Group>,
    /// The Rust method, e.g. `get_chats_room`.
    pub rust: String,
    /// The request builder type, e.g. `GetChatsRoomRequest`.
    pub builder: String,
    /// Parameters in signature order: the positional (required) ones, then the builder
    /// setters. The body is [`Operation::body`].
    pub params: Vec<Param>,
    /// The request body, always the last positional argument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// What a success decodes to.
    pub response: Response,
    /// `deprecated: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// `x-genesys-preview: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub preview: bool,
    /// `x-inin-requires-permissions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// `summary`, in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Digest of `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What it accepts: alternatives, each the security schemes sent together (an empty
    /// alternative: no credentials needed). Empty: no credentials at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<Vec<String>>,
}

/// One more API group an operation is a method of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Group {
    /// The API struct, e.g. `AuthorizationApi`.
    pub api: String,
    /// The accessor on `Client`, e.g. `authorization`.
    pub accessor: String,
}

impl Operation {
    /// Every API group the operation is a method of, its first one first.
    pub fn groups(&self) -> Vec<Group> {
        let mut all = vec![Group {
            api: self.api.clone(),
            accessor: self.accessor.clone(),
        }];
        all.extend(self.also_in.iter().cloned());
        all
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a request header.
    Header,
    /// In the `Cookie` header.
    Cookie,
}

impl Location {
    /// `path`, `query` or `header`.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

/// One path, query or header parameter. Rust types here are paths from the crate root without
/// `crate::` (`models::Room`, `types::DateTime`), as users of the crate write them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    /// Name on the wire.
    pub name: String,
    /// Rust name (argument or setter).
    pub rust: String,
    /// Where it goes.
    #[serde(rename = "in")]
    pub location: Location,
    /// Required: a positional argument of the method; otherwise a builder setter.
    pub required: bool,
    /// The Rust type the method stores, without `Option`.
    #[serde(rename = "type")]
    pub rust_type: String,
    /// Digest of its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Media type.
    pub media_type: String,
    /// The Rust type of the argument.
    #[serde(rename = "type")]
    pub rust_type: String,
    /// Whether the spec requires it.
    pub required: bool,
}

/// What a successful response decodes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// The Rust type the request yields.
    #[serde(rename = "type")]
    pub rust_type: String,
    /// Success statuses the spec lists.
    pub statuses: Vec<String>,
}

/// `x-inin-requires-permissions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// `ANY` or `ALL`.
    pub mode: String,
    /// Permission names.
    pub list: Vec<String>,
}

/// What a schema becomes in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A struct with named fields.
    Struct,
    /// An enum of known string or integer values, with an `Unknown` fallback.
    Enum,
    /// A `oneOf`/`anyOf` enum, one variant per member, with an `Unknown` fallback.
    Union,
    /// A type alias.
    Alias,
}

impl Kind {
    /// `struct`, `enum`, `union` or `alias`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Struct => "struct",
            Kind::Enum => "enum",
            Kind::Union => "union",
            Kind::Alias => "alias",
        }
    }
}

/// One schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Model {
    /// Rust type name, under `models`.
    pub rust: String,
    /// What it is in Rust.
    pub kind: Kind,
    /// Its values may be `null`: every place that uses it holds `Option<…>`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// For structs: whether it implements `Default`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub default: bool,
    /// Digest of the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// For structs: the fields, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// For enums: wire value → Rust variant.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
    /// For unions: Rust variant → the Rust type it holds.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub members: BTreeMap<String, String>,
    /// For aliases: the aliased Rust type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// For enums and unions: the properties whose type it is, as `Model.property`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub used_by: Vec<String>,
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// JSON name.
    pub name: String,
    /// Rust name.
    pub rust: String,
    /// Full Rust type, with `Option` and `Box`.
    #[serde(rename = "type")]
    pub rust_type: String,
    /// Required by the schema.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// `nullable: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// `deprecated: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Digest of the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The manifest of a lowered crate. The only function that reads the IR.
pub fn from_ir(krate: &ir::Crate) -> Manifest {
    let mut operations = BTreeMap::new();
    for group in &krate.api_groups {
        // An operation of several groups is recorded once, from its first group.
        for op in group
            .operations
            .iter()
            .filter(|op| op.groups.first().is_none_or(|g| g.module == group.module))
        {
            let params = op
                .required
                .iter()
                .chain(&op.optional)
                .filter_map(|p| {
                    let location = match p.location {
                        ir::Location::Path => Location::Path,
                        ir::Location::Query => Location::Query,
                        ir::Location::Header => Location::Header,
                        ir::Location::Cookie => Location::Cookie,
                        ir::Location::Body => return None,
                    };
                    Some(Param {
                        name: p.wire_name.clone(),
                        rust: p.rust_name.clone(),
                        location,
                        required: p.required,
                        rust_type: public(&p.rust_type),
                        doc: digest_lines(&p.doc_lines),
                    })
                })
                .collect();
            let manifest_op = Operation {
                method: op.method.clone(),
                path: op.path.clone(),
                api: group.struct_name.clone(),
                accessor: group.accessor.clone(),
                also_in: op
                    .groups
                    .iter()
                    .skip(1)
                    .map(|g| Group {
                        api: g.struct_name.clone(),
                        accessor: g.module.clone(),
                    })
                    .collect(),
                rust: op.fn_name.clone(),
                builder: op.builder_name.clone(),
                params,
                body: op.body.as_ref().map(|b| Body {
                    media_type: b.media_type.clone(),
                    rust_type: public(&b.param.rust_type),
                    required: b.param.required,
                }),
                response: Response {
                    rust_type: public(&op.response.rust_type),
                    statuses: op.response.statuses.clone(),
                },
                deprecated: op.deprecated,
                preview: op.preview,
                permissions: op.permissions.as_ref().map(|p| Permissions {
                    mode: p.mode.clone(),
                    list: p.list.clone(),
                }),
                summary: op.summary.clone(),
                description: op.description.as_deref().map(digest),
                security: op.security.alternatives.clone(),
            };
            operations.insert(op.operation_id.clone(), manifest_op);
        }
    }
    // Which properties each model is the type of (through `Option`, `Vec`, maps, `Box`).
    let mut used_by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for m in &krate.models {
        for f in &m.fields {
            for word in f
                .rust_type
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            {
                if let Some(name) = word.strip_prefix("crate::models::") {
                    used_by
                        .entry(name)
                        .or_default()
                        .push(format!("{}.{}", m.rust_name, f.wire_name));
                }
            }
        }
    }
    let models = krate
        .models
        .iter()
        .map(|m| {
            let mut model = model(m);
            if matches!(model.kind, Kind::Enum | Kind::Union) {
                model.used_by = used_by.remove(m.rust_name.as_str()).unwrap_or_default();
            }
            (m.name.clone(), model)
        })
        .collect();
    Manifest {
        format: FORMAT,
        generated: krate.header.clone(),
        title: krate.title.clone(),
        api_version: krate.api_version.clone(),
        package: krate.package_name.clone(),
        crate_version: krate.version.clone(),
        operations,
        models,
        security_schemes: krate
            .security
            .schemes
            .iter()
            .map(|s| {
                let scheme = SecurityScheme {
                    kind: s.kind.clone(),
                    scheme: s.scheme.clone(),
                    location: s.location.clone(),
                    name: s.param_name.clone(),
                    setter: s.setter.clone(),
                    grants: s
                        .setters
                        .iter()
                        .filter_map(|f| f.grant.clone().map(|g| (g, f.name.clone())))
                        .collect(),
                };
                (s.name.clone(), scheme)
            })
            .collect(),
    }
}

fn model(m: &ir::Model) -> Model {
    let kind = match m.kind {
        ir::ModelKind::Enum => Kind::Enum,
        ir::ModelKind::Union => Kind::Union,
        ir::ModelKind::Alias => Kind::Alias,
        ir::ModelKind::Struct => Kind::Struct,
    };
    let values_of = |e: &ir::EnumDef| -> BTreeMap<String, String> {
        e.variants
            .iter()
            .map(|v| (v.wire_name.clone(), v.rust_name.clone()))
            .collect()
    };
    let members_of = |u: &ir::UnionDef| -> BTreeMap<String, String> {
        u.variants
            .iter()
            .map(|v| (v.rust_name.clone(), public(&v.rust_type)))
            .collect()
    };
    let fields = m
        .fields
        .iter()
        .map(|f| Field {
            name: f.wire_name.clone(),
            rust: f.rust_name.clone(),
            rust_type: public(&f.rust_type),
            required: !f.optional,
            nullable: f.nullable,
            deprecated: f.deprecated,
            doc: digest_lines(&f.doc_lines),
        })
        .collect();
    Model {
        rust: m.rust_name.clone(),
        kind,
        nullable: m.nullable,
        default: kind == Kind::Struct && m.default,
        doc: digest_lines(&m.doc_lines),
        fields,
        values: m.enum_def.as_ref().map(values_of).unwrap_or_default(),
        members: m.union_def.as_ref().map(members_of).unwrap_or_default(),
        alias: m.alias_type.as_deref().map(public),
        used_by: Vec::new(),
    }
}

/// A Rust type as users of the crate name it: `models::Room` for `crate::models::Room`.
fn public(rust_type: &str) -> String {
    rust_type.replace("crate::", "")
}

fn digest_lines(lines: &[String]) -> Option<String> {
    (!lines.is_empty()).then(|| digest(&lines.join("\n")))
}

/// A short, stable digest of a text: 64-bit FNV-1a folded to 32 bits, in hex. Stable across
/// Rust versions and platforms (unlike `std`'s hasher), which a committed file needs. It only
/// ever compares one description with its own earlier version, so 32 bits are plenty.
pub fn digest(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", (hash >> 32) ^ (hash & 0xffff_ffff))
}

impl Manifest {
    /// The manifest as the committed file: JSON with one line per parameter, field and other
    /// small object, so that a change to the API is a change to a few lines of the file.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, Layout::default());
        // Serializing plain structs, strings and maps into a Vec cannot fail.
        if self.serialize(&mut serializer).is_err() {
            return String::new();
        }
        let mut text = String::from_utf8(out).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a manifest written by [`Manifest::to_json`].
    ///
    /// # Errors
    ///
    /// When the text is not a manifest of this [`FORMAT`], saying why.
    pub fn from_json(text: &str) -> Result<Manifest, String> {
        #[derive(Deserialize)]
        struct Probe {
            format: Option<u32>,
        }
        let probe: Probe =
            serde_json::from_str(text).map_err(|e| format!("not an API manifest: {e}"))?;
        match probe.format {
            Some(FORMAT) => {}
            Some(other) => {
                return Err(format!(
                    "manifest format {other}, but this generator reads format {FORMAT}"
                ));
            }
            None => return Err("not an API manifest: no `format` field".to_owned()),
        }
        serde_json::from_str(text).map_err(|e| format!("not an API manifest: {e}"))
    }
}

/// Whether `text` is meant as a manifest, usable or not: a JSON object with a `format` field
/// and no `openapi` one. Tells a manifest of another format from an OpenAPI spec in JSON.
pub fn looks_like_manifest(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .is_ok_and(|v| v.get("format").is_some() && v.get("openapi").is_none())
}

/// A JSON layout between pretty and compact: containers up to [`Layout::BREAK_DEPTH`] levels
/// deep put each member on a line of its own; deeper ones are compact, on one line.
#[derive(Debug, Default)]
struct Layout {
    depth: usize,
    /// For each open container: whether it has members yet.
    has_members: Vec<bool>,
}

impl Layout {
    /// Root, then `operations`/`models`, then one operation or model, then its lists.
    const BREAK_DEPTH: usize = 4;

    fn broken(&self) -> bool {
        self.depth <= Self::BREAK_DEPTH
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_members.push(false);
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        let had = self.has_members.pop().unwrap_or(false);
        let broken = self.broken();
        self.depth = self.depth.saturating_sub(1);
        if broken && had {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn member<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if let Some(last) = self.has_members.last_mut() {
            *last = true;
        }
        if self.broken() {
            self.newline(w)?;
        }
        Ok(())
    }

    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.broken() { b": " } else { b":" })
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let mut models = BTreeMap::new();
        models.insert(
            "Room".to_owned(),
            Model {
                rust: "Room".into(),
                kind: Kind::Struct,
                nullable: false,
                default: true,
                doc: Some(digest("A room")),
                fields: vec![Field {
                    name: "roomType".into(),
                    rust: "room_type".into(),
                    rust_type: "Option<models::RoomRoomType>".into(),
                    required: false,
                    nullable: false,
                    deprecated: false,
                    doc: None,
                }],
                values: BTreeMap::new(),
                members: BTreeMap::new(),
                alias: None,
                used_by: Vec::new(),
            },
        );
        Manifest {
            format: FORMAT,
            generated: "@generated by test".into(),
            title: "T".into(),
            api_version: "v2".into(),
            package: "p".into(),
            crate_version: "0.1.0".into(),
            operations: BTreeMap::new(),
            models,
            security_schemes: BTreeMap::from([(
                "api_key".to_owned(),
                SecurityScheme {
                    kind: "apiKey".into(),
                    scheme: None,
                    location: Some("header".into()),
                    name: Some("X-API-Key".into()),
                    setter: "api_key".into(),
                    grants: BTreeMap::new(),
                },
            )]),
        }
    }

    #[test]
    fn json_round_trips_with_one_line_per_field() {
        let m = sample();
        let text = m.to_json();
        assert_eq!(Manifest::from_json(&text), Ok(m));
        assert!(
            text.contains(
                "\n        {\"name\":\"roomType\",\"rust\":\"room_type\",\"type\":\"Option<models::RoomRoomType>\"}\n"
            ),
            "{text}"
        );
        assert!(text.starts_with("{\n  \"format\": 1,\n"), "{text}");
        assert!(text.ends_with("}\n"), "{text}");
    }

    /// An operation of several groups lists the others in `also_in`; a manifest written before
    /// operations could have several groups (no `also_in`) reads as one group each, which is
    /// what it meant, so `FORMAT` stays 1.
    #[test]
    fn operations_of_several_groups_round_trip_and_older_manifests_still_read() {
        let op = |also_in: Vec<Group>| Operation {
            method: "GET".into(),
            path: "/users/{id}/roles".into(),
            api: "UsersApi".into(),
            accessor: "users".into(),
            also_in,
            rust: "get_user_roles".into(),
            builder: "GetUserRolesRequest".into(),
            params: Vec::new(),
            body: None,
            response: Response {
                rust_type: "()".into(),
                statuses: vec!["204".into()],
            },
            deprecated: false,
            preview: false,
            permissions: None,
            summary: None,
            description: None,
            security: Vec::new(),
        };
        let authorization = Group {
            api: "AuthorizationApi".into(),
            accessor: "authorization".into(),
        };
        let mut m = sample();
        m.operations
            .insert("getUserRoles".into(), op(vec![authorization.clone()]));
        let text = m.to_json();
        assert!(
            text.contains(
                "\"also_in\": [\n        {\"api\":\"AuthorizationApi\",\"accessor\":\"authorization\"}\n      ],"
            ),
            "{text}"
        );
        assert_eq!(Manifest::from_json(&text), Ok(m.clone()));
        assert_eq!(
            m.operations["getUserRoles"]
                .groups()
                .iter()
                .map(|g| g.api.as_str())
                .collect::<Vec<_>>(),
            ["UsersApi", "AuthorizationApi"]
        );

        let mut older = sample();
        older
            .operations
            .insert("getUserRoles".into(), op(Vec::new()));
        let text = older.to_json();
        assert!(!text.contains("also_in"), "{text}");
        let read = Manifest::from_json(&text).expect("an older manifest reads");
        assert_eq!(read.operations["getUserRoles"].groups().len(), 1);
    }

    #[test]
    fn other_formats_and_other_json_are_refused_with_a_reason() {
        for (text, want) in [
            (
                "{\"format\": 7}",
                "manifest format 7, but this generator reads format 1",
            ),
            (
                "{\"openapi\": \"3.0.3\"}",
                "not an API manifest: no `format` field",
            ),
            ("openapi: 3.0.3", "not an API manifest: expected value"),
            (
                "{\"format\": 1}",
                "not an API manifest: missing field `generated`",
            ),
        ] {
            let err = Manifest::from_json(text).expect_err(text);
            assert!(err.starts_with(want), "{text}: {err}");
        }
    }

    #[test]
    fn digests_are_stable() {
        // FNV-1a test vectors (cbf29ce484222325, af63dc4c8601ec8c, 85944171f73967e8), folded.
        assert_eq!(digest(""), "4fd0bfc1");
        assert_eq!(digest("a"), "296230c0");
        assert_eq!(digest("foobar"), "72ad2699");
    }
}
