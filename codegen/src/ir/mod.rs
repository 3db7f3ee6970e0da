//! The intermediate representation: plain owned data, made by lowering (`lower/`) and handed to the
//! templates as is (it derives `Serialize`).
//!
//! Every decision is already made here: Rust names beside wire names, full Rust types, whether a
//! field is optional or boxed, doc text split into lines. Templates only loop and print. Field by
//! field documentation of this context is in `templates/README.md`.

use serde::Serialize;

mod security;

pub use security::*;

/// The whole generated crate.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Crate {
    /// Cargo package name, e.g. `genesys-cloud-chat`.
    pub package_name: String,
    /// Library name as used in `use` paths, e.g. `genesys_cloud_chat`.
    pub lib_name: String,
    /// Crate version.
    pub version: String,
    /// `info.title` of the spec.
    pub title: String,
    /// `info.description`, split into lines (may be empty).
    pub description_lines: Vec<String>,
    /// The package's crates.io keywords: `api`, `sdk`, then the words of the package name.
    pub keywords: Vec<String>,
    /// `info.version` of the spec.
    pub api_version: String,
    /// The first `servers` URL with its variables' defaults, without a trailing slash (empty
    /// when the spec names no server).
    pub default_base_url: String,
    /// The first server of the spec, where requests go by default.
    pub server: Option<Server>,
    /// Whose customizations the crate has ([`Profile`]).
    pub profile: Profile,
    /// The Rust type of the profile's settings on the client builder (`hooks::Profile`).
    pub profile_settings: String,
    /// The module of the profile's own runtime files, with what the crate root re-exports from
    /// it, when the profile has one.
    pub profile_module: Option<ProfileModule>,
    /// The response headers that carry a request's id in the service's logs, lower case, in
    /// the order they are looked for.
    pub correlation_id_headers: Vec<String>,
    /// The default cargo features besides `all-apis`, e.g. `["rustls", "gzip"]`.
    pub default_features: Vec<String>,
    /// The security schemes, the credential setters and `from_env`.
    pub security: Security,
    /// The header line every generated file starts with, without comment markers.
    pub header: String,
    /// The spec's display path, e.g. `spec/chat.yaml`.
    pub spec_path: String,
    /// The command that regenerates the crate.
    pub regenerate_command: String,
    /// One group per tag, sorted by module name.
    pub api_groups: Vec<ApiGroup>,
    /// The operations of several API groups (several tags), defined once in a module of their
    /// own and re-exported by each of their groups; `None` when every operation has one group.
    pub shared: Option<SharedModule>,
    /// One per schema in `components.schemas`, sorted by module name.
    pub models: Vec<Model>,
    /// The files of `src/models/` the models are written in (each model's `file`), sorted by
    /// name, each once.
    pub model_files: Vec<ModelFile>,
    /// The cargo feature of the models no operation uses (and of what they use), if there are
    /// any: `other-schemas`. `all-apis` turns it on.
    pub other_schemas_feature: Option<String>,
    /// The features `all-apis` turns on: every group's, then `other_schemas_feature` (none
    /// for an API description without schemas or operations).
    pub all_apis: Vec<String>,
    /// The Rust type of the body of `default` (error) responses, when all operations agree on
    /// one, e.g. `crate::models::ErrorBody`.
    pub error_model: Option<String>,
    /// The Rust type error bodies decode to: `error_model`, or `serde_json::Value` when the
    /// operations do not agree on one.
    pub error_type: String,
    /// An expression that gives `Option<&str>` from `e: &ErrorModel`, when the error model has a
    /// string `message` field, e.g. `e.message.as_deref()`.
    pub error_message: Option<String>,
    /// The operation shown in the crate docs and README.
    pub showcase: Option<Showcase>,
    /// Total number of operations.
    pub operation_count: usize,
    /// Operations the generator could not express, each with the reason; listed in the crate
    /// docs.
    pub skipped: Vec<Skipped>,
}

/// An operation left out of the crate.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skipped {
    /// HTTP method in upper case.
    pub method: String,
    /// Path template.
    pub path: String,
    /// JSON pointer of the operation.
    pub pointer: String,
    /// Why it was left out.
    pub reason: String,
    /// The reason as rustdoc text.
    pub doc: String,
}

/// The operation the crate docs use as their first example.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Showcase {
    /// The accessor on `Client`, e.g. `chat`.
    pub accessor: String,
    /// The Rust call after the accessor, e.g. `get_chats_room_messages("room-jid")`.
    pub call: String,
    /// Optional builder calls, e.g. `.limit("25")`, possibly empty.
    pub options: String,
    /// The summary of the operation.
    pub summary: String,
    /// The security schemes the example configures: the operation's first alternative that
    /// needs credentials.
    pub schemes: Vec<String>,
}

/// The operations that share a tag; one Rust module, reached as `client.<accessor>()`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ApiGroup {
    /// The tag as written in the spec, e.g. `Chat`.
    pub tag: String,
    /// Module name, e.g. `chat`.
    pub module: String,
    /// Method on `Client`, e.g. `chat`.
    pub accessor: String,
    /// API struct name, e.g. `ChatApi`.
    pub struct_name: String,
    /// Tag description, split into lines.
    pub doc_lines: Vec<String>,
    /// Operations sorted by function name.
    pub operations: Vec<Operation>,
    /// Whether some operation the module defines (not a shared one) has a path, query, header
    /// or cookie parameter.
    pub has_params: bool,
    /// Whether the module defines operations of its own (it then imports the runtime's
    /// operation plumbing).
    pub defines: bool,
    /// The types of its shared operations that the module re-exports from the shared module,
    /// sorted: request builders, parameter structs, outcome enums.
    pub reexports: Vec<String>,
    /// The cargo feature that compiles the group, e.g. `chat`.
    pub feature: String,
}

/// The module that defines the operations of several API groups: `src/apis/shared.rs`, private,
/// each item compiled when any of its operation's groups is ([`Operation::cfg`]) and
/// re-exported by each of those groups' modules.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SharedModule {
    /// Module name under `apis`, e.g. `shared`.
    pub module: String,
    /// The operations, sorted by function name, then by type name.
    pub operations: Vec<Operation>,
    /// The module's `cfg` predicate: any feature of its operations' groups.
    pub cfg: String,
    /// The `cfg` predicate under which an operation with a path, query, header or cookie
    /// parameter is compiled (the module then imports the runtime's `Style`); `None` when no
    /// operation has one.
    pub params_cfg: Option<String>,
}

/// One API group an operation is a method of.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupRef {
    /// The tag, e.g. `Users`.
    pub tag: String,
    /// Its module and accessor, e.g. `users`.
    pub module: String,
    /// Its API struct, e.g. `UsersApi`.
    pub struct_name: String,
    /// Its cargo feature, e.g. `users`.
    pub feature: String,
}

/// One HTTP operation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Operation {
    /// `operationId` as written in the spec.
    pub operation_id: String,
    /// Method name, e.g. `get_chats_room_messages`.
    pub fn_name: String,
    /// Request builder type, e.g. `GetChatsRoomMessagesRequest` (an alias of the runtime's
    /// `RequestBuilder<GetChatsRoomMessages>`).
    pub builder_name: String,
    /// The operation's parameter struct, e.g. `GetChatsRoomMessages`.
    pub params_name: String,
    /// HTTP method in upper case, e.g. `GET`; also the `reqwest::Method` constant.
    pub method: String,
    /// Path template as written in the spec, e.g. `/api/v2/chats/rooms/{roomJid}/messages`.
    pub path: String,
    /// JSON pointer of the operation in the spec.
    pub pointer: String,
    /// `summary`, if any.
    pub summary: Option<String>,
    /// `description`, if any.
    pub description: Option<String>,
    /// `x-genesys-preview`.
    pub preview: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `x-inin-requires-permissions`, if present.
    pub permissions: Option<Permissions>,
    /// Whether repeating the request is harmless (GET, HEAD, PUT, DELETE, OPTIONS).
    pub idempotent: bool,
    /// Parameters the method takes positionally, in spec order: path parameters, required query
    /// parameters, then the body.
    pub required: Vec<Param>,
    /// Parameters set through builder methods.
    pub optional: Vec<Param>,
    /// Every path parameter, in path order.
    pub path_params: Vec<Param>,
    /// Every query parameter, in spec order.
    pub query_params: Vec<Param>,
    /// Every header parameter, in spec order.
    pub header_params: Vec<Param>,
    /// Every cookie parameter, in spec order (sent together in one `Cookie` header).
    pub cookie_params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// The body of its `Operation::build`.
    pub build: Build,
    /// What a successful response decodes to.
    pub response: Response,
    /// The complete rustdoc of the method, line by line.
    pub doc_lines: Vec<String>,
    /// The credentials it accepts.
    pub security: Requirement,
    /// How the operation pages through a history, if it does: its builder gets `history`.
    pub paging: Option<Paging>,
    /// The API groups it is a method of, in the order of its tags (one for most operations);
    /// its definition is the same for all of them.
    pub groups: Vec<GroupRef>,
    /// For an operation of several groups: the `cfg` predicate of its definition in the shared
    /// module, `any(feature = "users", feature = "authorization")`; `None` when it is defined in
    /// its one group's module.
    pub cfg: Option<String>,
    /// The module whose path docs name its types by, e.g. `users` (its first group's: every
    /// group's module has them).
    pub module: String,
    /// The visibility of its parameter struct's fields, with a trailing space when not empty:
    /// private in its group's module, `pub(super) ` in the shared module (each group's method
    /// fills them in).
    pub fields_visibility: String,
    /// Its methods as rustdoc links, for the docs of its types: ``[`ChatApi::get_chats_room`]``,
    /// or for several groups ``[`UsersApi::get_x`](crate::apis::UsersApi::get_x) and …``.
    pub methods_doc: String,
}

/// How an operation pages backwards through a history.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Paging {
    /// The parameter that takes the next page's cutoff, e.g. `before`.
    pub cursor: String,
    /// Its name on the wire.
    pub cursor_wire: String,
    /// The Rust type of one item, e.g. `crate::models::ChatMessageResponse`.
    pub item_type: String,
    /// An expression of a `page` (the operation's output) giving its items as a `Vec`.
    pub items: String,
    /// The items' `Option<DateTime>` field whose oldest value is the next cursor.
    pub date: String,
    /// The builder's setter of an optional string query parameter `after`, when the operation
    /// has one: a lower bound that, set once, applies to every page, so the history ends there.
    pub since: Option<String>,
}

/// `x-inin-requires-permissions`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Permissions {
    /// `ANY` or `ALL`.
    pub mode: String,
    /// Permission names, e.g. `chat:room:view`.
    pub list: Vec<String>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
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
    /// The request body.
    Body,
}

impl Location {
    /// How a setter's docs name where its value goes: `query parameter`, `path parameter`,
    /// `header`, `cookie`, `body`.
    pub fn place(self) -> &'static str {
        match self {
            Location::Path => "path parameter",
            Location::Query => "query parameter",
            Location::Header => "header",
            Location::Cookie => "cookie",
            Location::Body => "body",
        }
    }
}

/// How a parameter's value is written (OpenAPI `style`; with `explode`, the shape of arrays
/// and objects on the wire).
///
/// Serialized as the runtime's `params::Style` variant it becomes (`Form`, `DeepObject`, …).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum Style {
    /// `form`: `name=a&name=b` exploded, `name=a,b` not (query; the query default).
    Form,
    /// `spaceDelimited`: `name=a%20b` (query arrays).
    SpaceDelimited,
    /// `pipeDelimited`: `name=a|b` (query arrays).
    PipeDelimited,
    /// `deepObject`: `name[key]=value` (query objects).
    DeepObject,
    /// `simple`: `a,b` (path and header; their default).
    Simple,
    /// `label`: `.a.b` (path).
    Label,
    /// `matrix`: `;name=a;name=b` (path).
    Matrix,
}

impl Style {
    /// The runtime's `params::Style` variant, as it is serialized (`Form`, `DeepObject`, …).
    pub fn variant(self) -> &'static str {
        match self {
            Style::Form => "Form",
            Style::SpaceDelimited => "SpaceDelimited",
            Style::PipeDelimited => "PipeDelimited",
            Style::DeepObject => "DeepObject",
            Style::Simple => "Simple",
            Style::Label => "Label",
            Style::Matrix => "Matrix",
        }
    }
}

/// One parameter of an operation, or its body.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Param {
    /// Name on the wire, e.g. `roomJid`.
    pub wire_name: String,
    /// Rust name, e.g. `room_jid`.
    pub rust_name: String,
    /// Where it goes.
    pub location: Location,
    /// How its setter's docs name where it goes ([`Location::place`]).
    pub place: String,
    /// Whether the spec requires it.
    pub required: bool,
    /// Type stored in the builder, without `Option`, e.g. `String`.
    pub rust_type: String,
    /// Type the setter or method accepts, e.g. `impl Into<String>`.
    pub arg_type: String,
    /// What turns the argument into `rust_type`, appended to it: `.into()`,
    /// `.into_iter().map(Into::into).collect()`, or nothing.
    pub convert: String,
    /// A literal example value, for doc examples, e.g. `"room-jid"`.
    pub example: String,
    /// Description, split into lines.
    pub doc_lines: Vec<String>,
    /// How the value is written.
    pub style: Style,
    /// Whether arrays and objects are exploded (one pair per element).
    pub explode: bool,
    /// Whether RFC 3986 reserved characters in a query value go unencoded (`allowReserved`).
    pub allow_reserved: bool,
    /// Whether the value is sent as JSON text (a parameter described by `content`).
    pub json: bool,
    /// The expression the request builder hands the runtime for this parameter, from its
    /// field: `&self.limit`, `&crate::runtime::params::Object(&self.filter)`, ….
    pub value: String,
}

/// A request body.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Body {
    /// Media type, e.g. `application/json`.
    pub media_type: String,
    /// How it is encoded (also the name of the runtime's `Request` method that sets it).
    pub kind: BodyKind,
    /// The parameter that carries it.
    pub param: Param,
    /// The statement that puts it on the runtime's `Request`, e.g.
    /// `request.json(&self.body)?;` (for templates that write `Operation::build` themselves;
    /// the built-in one prints [`Operation::build`]).
    pub call: String,
    /// The expression that puts it on the runtime's `Request`, e.g. `request.json(&self.body)`:
    /// a `Result` when [`Body::fallible`], `()` otherwise (text and binary bodies).
    pub expr: String,
    /// Whether putting it on the request can fail (encoding it can).
    pub fallible: bool,
}

/// The body of an operation's `Operation::build`: what puts its parameters and body on the
/// runtime's `Request`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Build {
    /// The name of its `Request` argument: `request`, or `_request` when nothing is put on it.
    pub receiver: String,
    /// Its lines, each indented from the body's first column: the calls that can fail joined
    /// by `.and(…)` into one `Result` (the first error is the one returned), not a `?` each,
    /// which on GitHub's 1,223 operations cost `cargo check` about a second and 40 MiB.
    pub lines: Vec<String>,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    /// JSON (`application/json`, `application/*+json`).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// Text (`text/*`), sent as given.
    Text,
    /// Any other media type, sent as bytes under its own `Content-Type`.
    Binary,
}

/// How a response body is decoded.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ResponseKind {
    /// JSON, decoded as the Rust type.
    Json,
    /// Raw bytes (`bytes::Bytes`).
    Bytes,
    /// UTF-8 text (`String`).
    Text,
    /// No body (`()`).
    Empty,
    /// Success statuses answer with different bodies: a per-operation enum.
    Multi,
}

impl ResponseKind {
    /// The runtime `Response` method that decodes a body of this kind (`multi` decodes per
    /// status, each variant with its own).
    pub fn method(self) -> &'static str {
        match self {
            ResponseKind::Json => "json",
            ResponseKind::Bytes => "bytes",
            ResponseKind::Text => "text",
            ResponseKind::Empty => "empty",
            ResponseKind::Multi => "bytes",
        }
    }
}

/// What a successful response decodes to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Response {
    /// How the body is decoded.
    pub kind: ResponseKind,
    /// Whether success statuses answer with different bodies (`kind` is `multi`): the output
    /// is the per-operation enum `rust_type`, one of `variants` per status, decoded per status.
    pub outcome: bool,
    /// The `Accept` header to send.
    pub accept: String,
    /// The Rust type returned.
    pub rust_type: String,
    /// Whether the body may be `null` (its schema is nullable): `rust_type` is `Option<T>`,
    /// and `null` is `None`. Never for `multi`, whose variants say it each.
    pub nullable: bool,
    /// The success status codes the spec lists, e.g. `["200"]`.
    pub statuses: Vec<String>,
    /// For `multi`: one variant per success status of the enum named `rust_type`.
    pub variants: Vec<ResponseVariant>,
}

/// One success status of an operation whose statuses answer with different bodies.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResponseVariant {
    /// The status as the spec writes it, e.g. `201` or `2XX`.
    pub status: String,
    /// A `match` pattern for `u16` statuses, e.g. `201` or `200..=299`.
    pub pattern: String,
    /// Variant name, e.g. `Status201`.
    pub rust_name: String,
    /// How the body is decoded (never `multi`).
    pub kind: ResponseKind,
    /// Whether the status has no body (`kind` is `empty`): the variant holds nothing.
    pub empty: bool,
    /// The Rust type the body decodes to (`()` for `empty`).
    pub rust_type: String,
    /// Whether the body may be `null`: `rust_type` is `Option<T>`, and `null` is `None`.
    pub nullable: bool,
    /// The expression that decodes `response` into this variant of the operation's outcome,
    /// e.g. `response.json().map(GetJobOutcome::Status200)`.
    pub decode: String,
}

/// One schema from `components.schemas`: one Rust module.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Model {
    /// Schema name as written in the spec.
    pub name: String,
    /// Rust type name.
    pub rust_name: String,
    /// Module name.
    pub module: String,
    /// JSON pointer of the schema.
    pub pointer: String,
    /// What Rust item the schema becomes.
    pub kind: ModelKind,
    /// Whether it becomes a struct (`kind` is `struct`): `fields`, `required` and
    /// `constructor` describe it. (`alias_type`, `enum_def` and `union_def` say the others.)
    pub is_struct: bool,
    /// Whether its values may be `null` (`nullable: true`, or a reference to a schema that
    /// is). The type itself is never an `Option`: every place that uses it holds
    /// `Option<rust_name>` (a property says it with its presence).
    pub nullable: bool,
    /// Whether the struct can derive `Default`: every field's type has one.
    pub default: bool,
    /// How the struct's `Deserialize` reads it (the `decode` clause of the runtime's `model!`).
    pub decode: Decode,
    /// Description, split into lines.
    pub doc_lines: Vec<String>,
    /// Fields (for `struct`).
    pub fields: Vec<Field>,
    /// The aliased type (for `alias`).
    pub alias_type: Option<String>,
    /// The values (for `enum`).
    pub enum_def: Option<EnumDef>,
    /// The members (for `union`).
    pub union_def: Option<UnionDef>,
    /// The arguments of the struct's `new`: its required fields, in declaration order.
    pub constructor: Vec<Arg>,
    /// Whether `new` takes more arguments than clippy's `too_many_arguments` allows.
    pub constructor_is_long: bool,
    /// Whether some field is deprecated (so `new`, which sets every field, allows it).
    pub has_deprecated_fields: bool,
    /// The required fields (`req` and `req_date`), in declaration order.
    pub required: Vec<Required>,
    /// The features of the API groups that use the model: it is compiled when any of them is
    /// enabled. Empty: always compiled.
    pub features: Vec<String>,
    /// The `cfg` predicate of those features, e.g. `any(feature = "chat", feature = "users")`;
    /// `None` when the model is always compiled.
    pub cfg: Option<String>,
    /// The file of `src/models/` (its stem) that holds the model's module, with the models of
    /// the same API group: one file per group rather than per schema, because creating
    /// thousands of files is most of what writing a large crate costs. The module keeps its
    /// own `cfg`, so the file is only where it is written.
    pub file: String,
}

/// A file of `src/models/`: the modules of the schemas whose `file` it is, and the `cfg` under
/// which `models/mod.rs` includes it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ModelFile {
    /// The file's stem, e.g. `users` for `src/models/users.rs`.
    pub name: String,
    /// Any feature of its models, e.g. `any(feature = "chat", feature = "users")`, so that a
    /// crate built with other groups does not even parse it; `None` when one of its models is
    /// always compiled (`common`).
    pub cfg: Option<String>,
}

/// One argument of a struct's `new`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Arg {
    /// The field, and the argument's name.
    pub rust_name: String,
    /// The argument's type, e.g. `impl Into<String>`.
    pub arg_type: String,
    /// The field's value made from the argument: `name.into()`, or `Some(password.into())`
    /// for a field that only requests require.
    pub value: String,
}

/// How a struct's `Deserialize` reads it: the `decode` clause of the runtime's `model!`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Decode {
    /// From its `Default`, each property's value read straight into its field by one function
    /// of the runtime for every model: the struct's own code is one `match` arm per field, the
    /// least to compile. For a struct that derives `Default`.
    InPlace,
    /// In place as well, from a placeholder (the runtime's `Placeholder`: every field's
    /// `Default`, an enum's or a union's `Unknown`) that a required property replaces, or the
    /// field is reported missing. For a struct without `Default` whose placeholder ends.
    Placeholder,
    /// Each field's value kept in a local `Option` until the map ends, then the struct built:
    /// for a struct with neither (a cycle of required fields, or one through a `Box`).
    Slots,
}

/// What Rust item a schema becomes.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    /// A struct with one field per property.
    Struct,
    /// An enum of values (the schema's own `enums` entry).
    Enum,
    /// An enum of `oneOf`/`anyOf` members (the schema's own `unions` entry).
    Union,
    /// A type alias.
    Alias,
}

/// The values an [`EnumDef`] holds.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EnumKind {
    /// Strings.
    String,
    /// Integers.
    Integer,
}

/// A `oneOf`/`anyOf` schema: a Rust enum with one variant per member and an `Unknown` fallback.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnionDef {
    /// Rust type name.
    pub rust_name: String,
    /// Description, split into lines.
    pub doc_lines: Vec<String>,
    /// The discriminator property's JSON name, when the schema has one.
    pub discriminator: Option<String>,
    /// The members.
    pub variants: Vec<UnionVariant>,
}

/// One member of a union.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// The Rust type it holds (never an `Option`: a nullable member makes the whole union
    /// nullable).
    pub rust_type: String,
    /// Discriminator values that select it (empty without a discriminator).
    pub tags: Vec<String>,
}

/// One field of a struct.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Field {
    /// JSON name.
    pub wire_name: String,
    /// Rust name.
    pub rust_name: String,
    /// Whether `#[serde(rename)]` is needed (the Rust name differs from the JSON name).
    pub rename: bool,
    /// Full Rust type, including `Option` and `Box`.
    pub rust_type: String,
    /// Whether the type is an `Option`.
    pub optional: bool,
    /// Whether requests must carry it though the type is an `Option` (a required `writeOnly`
    /// property, which responses leave out): `new` takes it.
    pub request_required: bool,
    /// Whether `null` is a value distinct from absence (`nullable: true`).
    pub nullable: bool,
    /// Whether the type is boxed to break a recursive cycle.
    pub boxed: bool,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// How absence and `null` are read and when the field is written.
    pub presence: Presence,
    /// Whether the value is a date-time read leniently (no UTC offset is UTC).
    pub date: bool,
    /// Description, split into lines.
    pub doc_lines: Vec<String>,
    /// The chained setter's name, e.g. `with_room_type`.
    pub setter: String,
    /// For an optional field, the type inside its outer `Option`: its setter takes
    /// `impl Into<that>` and stores `Some(value)`. `None` for a required field, whose setter
    /// takes `impl Into<rust_type>`.
    pub setter_inner: Option<String>,
    /// The Rust name without `r#`, as `Debug` shows the field, e.g. `type`.
    pub name: String,
    /// What its setter takes `impl Into<…>` of: `setter_inner`, or the field's type.
    pub setter_arg: String,
    /// Its setter's rustdoc, e.g. ``Sets `name` (to `Some(value)`).``
    pub setter_doc: String,
    /// The `model!` kind: the presence, with `_date` for a date-time read leniently
    /// (`req`, `nul`, `opt`, `nullable`, `req_date`, `nul_date`, `opt_date`).
    pub kind: String,
}

/// A required field of a struct, which reading the struct checks for once every property
/// is read.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Required {
    /// Position among the struct's fields.
    pub index: usize,
    /// JSON name.
    pub wire_name: String,
    /// Rust name.
    pub rust_name: String,
}

/// How a field's absence and `null` are read and when it is written, as the runtime's
/// `model!` macro takes it (serialized as the macro's keyword).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    /// Required: absent is an error, always written.
    Req,
    /// Required and nullable (`Option<T>`): always written, `null` for `None`.
    Nul,
    /// Optional (`Option<T>`): absent or `null` is `None`, written when `Some`.
    Opt,
    /// Optional and nullable (`Option<Option<T>>`): `null` is `Some(None)`, absent is `None`.
    Nullable,
}

impl Presence {
    /// The keyword `model!` takes: `req`, `nul`, `opt` or `nullable`.
    pub fn keyword(self) -> &'static str {
        match self {
            Presence::Req => "req",
            Presence::Nul => "nul",
            Presence::Opt => "opt",
            Presence::Nullable => "nullable",
        }
    }
}

/// An enum of strings or integers that keeps unknown values.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EnumDef {
    /// Rust type name.
    pub rust_name: String,
    /// The kind of values.
    pub kind: EnumKind,
    /// Description, split into lines.
    pub doc_lines: Vec<String>,
    /// Known values.
    pub variants: Vec<Variant>,
}

/// One known enum value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Variant {
    /// The value on the wire (for integer enums, its decimal text, also a valid Rust literal).
    pub wire_name: String,
    /// Rust variant name.
    pub rust_name: String,
    /// The value as the enum macro takes it: a string literal for a string enum, the number
    /// for an integer enum.
    pub literal: String,
}

/// Whose customizations a crate has beside the generic runtime.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// None: the base URL and credentials come from the spec alone.
    Generic,
    /// Genesys Cloud: regions and login hosts, the Genesys OAuth grants, the
    /// `GENESYSCLOUD_*` environment variables (`src/genesys/`).
    Genesys,
}

impl Profile {
    /// The Rust type of `hooks::Profile`: the profile's settings on the client builder.
    pub fn settings_type(self) -> &'static str {
        match self {
            Profile::Generic => "crate::runtime::Generic",
            Profile::Genesys => "crate::genesys::Settings",
        }
    }

    /// The templates of the profile's sections of the crate docs and of the README.
    pub fn doc_templates(self) -> (&'static str, &'static str) {
        match self {
            Profile::Generic => (
                "profile_generic_lib.rs.tera",
                "profile_generic_readme.md.tera",
            ),
            Profile::Genesys => (
                "profile_genesys_lib.rs.tera",
                "profile_genesys_readme.md.tera",
            ),
        }
    }
}

/// A profile's module of runtime files (`src/<name>/`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProfileModule {
    /// The module's name, e.g. `genesys`.
    pub name: String,
    /// What the crate root re-exports from it, e.g. `Region`.
    pub reexports: Vec<String>,
    /// The cargo features its files use, e.g. `realtime`.
    pub features: Vec<CargoFeature>,
    /// Its `[dependencies]` lines (comments included), as in `templates/runtime/Cargo.toml`.
    pub dependencies: Vec<String>,
}

/// A cargo feature of a profile.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CargoFeature {
    /// Its name, e.g. `realtime`.
    pub name: String,
    /// Its comment in `Cargo.toml`, line by line.
    pub comment_lines: Vec<String>,
    /// What it enables, e.g. `dep:tokio-tungstenite`.
    pub enables: Vec<String>,
    /// Whether it is a default feature.
    pub default: bool,
    /// What it gives, for the features lists of the docs and the README (one sentence).
    pub doc: String,
}

/// A server of the spec.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Server {
    /// Its URL as the spec writes it, without a trailing slash; may hold `{variables}`.
    pub url: String,
    /// Its description, split into lines.
    pub doc_lines: Vec<String>,
    /// Its variables, in spec order.
    pub variables: Vec<ServerVariable>,
}

/// A variable of a server URL.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServerVariable {
    /// Its name, as in `{name}`.
    pub name: String,
    /// Its default value.
    pub default: String,
    /// The values it may take (`enum`); empty: any.
    pub allowed: Vec<String>,
    /// Its description, on one line, without a final period.
    pub doc: String,
    /// The environment variable that sets it in `from_env`, when the crate has the generic one.
    pub env: Option<String>,
}
