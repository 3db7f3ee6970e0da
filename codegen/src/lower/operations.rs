//! Operations: grouped by tag into API groups, each with its parameters, body and response.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{PathItem, ReferenceOr, StatusCode};

use super::Lowerer;
use super::docs::{doc_lines, operation_doc};
use super::media::{
    accept_header, body_kind, content_type, essence, is_json, is_media_type, is_range,
};
use super::types::{SchemaRef, Ty};
use crate::error::{WarningClass, pointer, pointer_segment};
use crate::front::refs::schema_name;
use crate::ir::{
    ApiGroup, Body, BodyKind, GroupRef, Location, Operation, Param, Permissions, Response,
    ResponseKind, ResponseVariant, SharedModule, Skipped, Style,
};
use crate::naming::{self, Scope};

/// Names a group's accessor cannot have: the methods `Client` has of its own.
pub const CLIENT_METHODS: &[&str] = &["builder", "base_url", "clone", "fmt", "from_env", "inner"];

/// Success statuses whose responses have no body.
const NO_BODY: &[&str] = &["204", "205"];

/// `get /users/{id}/roles` → `getUsersIdRoles`: a stable name for operations without an
/// `operationId`.
fn derived_operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        id.push(' ');
        id.push_str(segment.trim_matches(|c| c == '{' || c == '}'));
    }
    heck::ToLowerCamelCase::to_lower_camel_case(id.as_str())
}

/// The module that defines the operations of several API groups (`src/apis/shared.rs`). Always
/// reserved among the groups' modules, so that a group's name does not depend on whether the
/// spec has such operations.
pub const SHARED_MODULE: &str = "shared";

/// The names the runtime's operation plumbing takes in a module that defines operations.
const RUNTIME_IMPORTS: &[&str] = &[
    "Style",
    "Meta",
    "Method",
    "Operation",
    "Request",
    "RequestBuilder",
    "Response",
];

/// A scope of type names in which the runtime's imports and the prelude's names are taken.
fn runtime_scope() -> Scope {
    Scope::with_reserved(
        &RUNTIME_IMPORTS
            .iter()
            .chain(naming::PRELUDE)
            .copied()
            .collect::<Vec<&str>>(),
    )
}

/// Whether the operation has a path, query, header or cookie parameter (its module then
/// imports the runtime's `Style`).
pub(super) fn has_params(op: &Operation) -> bool {
    !(op.path_params.is_empty()
        && op.query_params.is_empty()
        && op.header_params.is_empty()
        && op.cookie_params.is_empty())
}

/// The operation's methods as rustdoc links, for the docs of its types: relative to its
/// group's module when it has one group, by crate path when it has several.
fn methods_doc(op: &Operation) -> String {
    if let [group] = op.groups.as_slice() {
        return format!("[`{}::{}`]", group.struct_name, op.fn_name);
    }
    let links: Vec<String> = op
        .groups
        .iter()
        .map(|g| {
            format!(
                "[`{0}::{1}`](crate::apis::{0}::{1})",
                g.struct_name, op.fn_name
            )
        })
        .collect();
    super::docs::list(&links)
}

/// The names in use inside one API group's module.
struct GroupScope {
    /// Method names of the group struct.
    fns: Scope,
    /// Type names of the module: the group struct, request builders, outcome enums.
    types: Scope,
}

/// Where an operation's names must be free: the scopes of each of its groups (and, for an
/// operation of several groups, of the shared module that defines it).
pub(super) struct OperationScopes<'s> {
    fns: Vec<&'s mut Scope>,
    types: Vec<&'s mut Scope>,
}

impl OperationScopes<'_> {
    fn claim_fn(&mut self, ident: &str) -> String {
        Scope::claim_in_all(&mut self.fns, ident, "_")
    }

    fn claim_type(&mut self, ident: &str) -> String {
        Scope::claim_in_all(&mut self.types, ident, "")
    }
}

/// One API group while its operations are lowered.
struct Group {
    tag: String,
    module: String,
    struct_name: String,
    scope: GroupScope,
    operations: Vec<Operation>,
}

/// An operation's tags, without repeats, in spec order; `default` when it has none.
fn tags_of(op: &openapiv3::Operation) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in &op.tags {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    if tags.is_empty() {
        tags.push("default".to_owned());
    }
    tags
}

impl<'a> Lowerer<'a> {
    /// One API group per tag, sorted by module name; the module of the operations that are in
    /// several groups (several tags), if any; and the operations that could not be expressed.
    ///
    /// An operation is lowered once, in the order of its first tag and then of its path, its
    /// names free in every one of its groups; each of its groups gets it as a method.
    pub(super) fn groups(&mut self) -> (Vec<ApiGroup>, Option<SharedModule>, Vec<Skipped>) {
        type Entry<'x> = (
            &'x str,
            &'x str,
            &'x PathItem,
            &'x openapiv3::Operation,
            Vec<String>,
        );
        let api: &'a openapiv3::OpenAPI = self.api;
        let mut by_tag: BTreeMap<String, Vec<Entry<'a>>> = BTreeMap::new();
        let mut all_tags: BTreeSet<String> = BTreeSet::new();
        for (path, item) in &api.paths.paths {
            // Path items given by reference were resolved when the spec was loaded.
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for (method, op) in item.iter() {
                let tags = tags_of(op);
                all_tags.extend(tags.iter().cloned());
                by_tag
                    .entry(tags[0].clone())
                    .or_default()
                    .push((path, method, item, op, tags));
            }
        }
        let mut modules = Scope::with_reserved(&["mod", "r#mod", SHARED_MODULE]);
        for reserved in CLIENT_METHODS {
            modules.claim(reserved, "_");
        }
        let mut structs = Scope::default();
        let mut groups: Vec<Group> = all_tags
            .into_iter()
            .map(|tag| {
                // The module is the stem of its file: one Windows reserves gets a `_`, as a
                // keyword does (`con_`, like `crate_`).
                let module = modules.claim(&naming::file_stem(naming::snake(&tag)), "_");
                let struct_name = structs.claim(&naming::pascal_with(&tag, "Api"), "");
                // The module's own type names, and what it imports from the runtime.
                let mut types = runtime_scope();
                types.claim(&struct_name, "");
                Group {
                    scope: GroupScope {
                        fns: Scope::with_reserved(&["new"]),
                        types,
                    },
                    tag,
                    module,
                    struct_name,
                    operations: Vec::new(),
                }
            })
            .collect();
        let index: BTreeMap<String, usize> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.tag.clone(), i))
            .collect();
        let mut shared_types = runtime_scope();
        let mut shared: Vec<Operation> = Vec::new();
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        let mut skipped = Vec::new();
        let lib = self.lib();
        for (_, entries) in by_tag {
            for (path, method, item, op, tags) in entries {
                let at = pointer(["paths", path, method]);
                let id = match &op.operation_id {
                    // An id with nothing to name a method after says nothing.
                    Some(id) if !id.chars().any(char::is_alphanumeric) => {
                        self.warn(
                            WarningClass::OperationId,
                            &format!("{at}/operationId"),
                            format!("operationId `{id}` has no letters or digits; naming the method after its path"),
                        );
                        derived_operation_id(method, path)
                    }
                    Some(id) => {
                        if let Some(first) = ids.get(id) {
                            self.warn(
                                WarningClass::OperationId,
                                &format!("{at}/operationId"),
                                format!("duplicate operationId `{id}`, first used at {first}; this one gets a numbered name"),
                            );
                        } else {
                            ids.insert(id.clone(), at.clone());
                        }
                        id.clone()
                    }
                    None => derived_operation_id(method, path),
                };
                let mine: Vec<usize> = tags.iter().filter_map(|t| index.get(t).copied()).collect();
                let several = mine.len() > 1;
                let errors_before = self.errors.len();
                let mut lowered = {
                    let mut scopes = OperationScopes {
                        fns: Vec::new(),
                        types: Vec::new(),
                    };
                    for (i, g) in groups.iter_mut().enumerate() {
                        if mine.contains(&i) {
                            scopes.fns.push(&mut g.scope.fns);
                            scopes.types.push(&mut g.scope.types);
                        }
                    }
                    if several {
                        scopes.types.push(&mut shared_types);
                    }
                    self.operation(path, method, item, op, &id, &at, &mut scopes)
                };
                if self.errors.len() > errors_before {
                    // Whatever went wrong stays with this operation: it is left out, the spec
                    // still generates, and the crate docs say so.
                    // One line each: the reason goes into the crate docs.
                    let reasons: Vec<String> = self
                        .errors
                        .drain(errors_before..)
                        .map(|e| {
                            let text = e.to_string();
                            text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
                        })
                        .collect();
                    let reason = reasons.join("; ");
                    self.warn(
                        WarningClass::OperationLeftOut,
                        &at,
                        format!("operation left out: {reason}"),
                    );
                    skipped.push(Skipped {
                        method: method.to_ascii_uppercase(),
                        path: path.to_owned(),
                        pointer: at,
                        doc: doc_lines(Some(&reason)).join(" "),
                        reason,
                    });
                    continue;
                }
                lowered.groups = mine
                    .iter()
                    .map(|&i| GroupRef {
                        tag: groups[i].tag.clone(),
                        module: groups[i].module.clone(),
                        struct_name: groups[i].struct_name.clone(),
                        // Named with the groups' features.
                        feature: String::new(),
                    })
                    .collect();
                lowered.module = groups[mine[0]].module.clone();
                lowered.methods_doc = methods_doc(&lowered);
                if several {
                    lowered.fields_visibility = "pub(super) ".to_owned();
                }
                for &i in &mine {
                    let mut copy = lowered.clone();
                    copy.doc_lines = operation_doc(&copy, &lib, &groups[i].module);
                    groups[i].operations.push(copy);
                }
                if several {
                    shared.push(lowered);
                }
            }
        }
        let groups: Vec<ApiGroup> = groups
            .into_iter()
            .filter(|g| !g.operations.is_empty())
            .map(|g| self.group(g))
            .collect();
        shared.sort_by(|a, b| (&a.fn_name, &a.params_name).cmp(&(&b.fn_name, &b.params_name)));
        let shared = (!shared.is_empty()).then(|| SharedModule {
            module: SHARED_MODULE.to_owned(),
            operations: shared,
            // Decided with the features.
            cfg: String::new(),
            params_cfg: None,
        });
        let mut groups = groups;
        groups.sort_by(|a, b| a.module.cmp(&b.module));
        (groups, shared, skipped)
    }

    /// The API group of `g`'s lowered operations, sorted by function name.
    fn group(&self, g: Group) -> ApiGroup {
        let mut operations = g.operations;
        operations.sort_by(|a, b| a.fn_name.cmp(&b.fn_name));
        let description = self
            .api
            .tags
            .iter()
            .find(|t| t.name == g.tag)
            .and_then(|t| t.description.as_deref());
        let own = || operations.iter().filter(|o| o.groups.len() == 1);
        let has_params = own().any(has_params);
        let defines = own().next().is_some();
        let mut reexports: Vec<String> = operations
            .iter()
            .filter(|o| o.groups.len() > 1)
            .flat_map(|o| {
                let mut names = vec![o.builder_name.clone(), o.params_name.clone()];
                if o.response.kind == ResponseKind::Multi {
                    names.push(o.response.rust_type.clone());
                }
                names
            })
            .collect();
        reexports.sort();
        ApiGroup {
            has_params,
            defines,
            reexports,
            // Named with the other groups' features.
            feature: String::new(),
            doc_lines: doc_lines(description),
            accessor: g.module.clone(),
            struct_name: g.struct_name,
            module: g.module,
            tag: g.tag,
            operations,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &PathItem,
        op: &openapiv3::Operation,
        id: &str,
        at: &str,
        scope: &mut OperationScopes,
    ) -> Operation {
        let fn_name = scope.claim_fn(&naming::snake(id));
        let builder_name =
            scope.claim_type(&naming::pascal_with(naming::bare(&fn_name), "Request"));
        let params_name = scope.claim_type(&naming::pascal(naming::bare(&fn_name)));
        // Setter names beside the request builder's own methods.
        let mut names = Scope::with_reserved(&[
            "client",
            "params",
            "options",
            "new",
            "send",
            "send_with_response",
            "timeout",
            "header",
            "retry_policy",
            "into_future",
        ]);
        let params = self.params(path, item, op, at, &mut names);
        let body = self.body(op, at, &mut names);
        let response = self.response(op, at, &builder_name, scope);

        let mut required: Vec<Param> = params.path.clone();
        let others = || {
            params
                .query
                .iter()
                .chain(&params.header)
                .chain(&params.cookie)
        };
        required.extend(others().filter(|p| p.required).cloned());
        required.extend(body.iter().map(|b| b.param.clone()));
        let optional: Vec<Param> = others().filter(|p| !p.required).cloned().collect();

        let preview = op
            .extensions
            .get("x-genesys-preview")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        let permissions = self.permissions(op, at);
        let security = self.requirement(op.security.as_ref(), at);
        let build = super::build::build(&params, body.as_ref());
        Operation {
            operation_id: id.to_owned(),
            fn_name,
            builder_name,
            params_name,
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            pointer: at.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            preview,
            deprecated: op.deprecated,
            permissions,
            idempotent: matches!(
                method,
                "get" | "head" | "put" | "delete" | "options" | "trace"
            ),
            required,
            optional,
            path_params: params.path,
            query_params: params.query,
            header_params: params.header,
            cookie_params: params.cookie,
            body,
            build,
            response,
            // Written by `groups()`, which knows the accessor the example calls.
            doc_lines: Vec::new(),
            security,
            // Decided once the models are known.
            paging: None,
            // Set by `groups()`, which knows them.
            groups: Vec::new(),
            cfg: None,
            module: String::new(),
            methods_doc: String::new(),
            fields_visibility: String::new(),
        }
    }

    /// `x-inin-requires-permissions` (Genesys): `{type: ANY|ALL, permissions: [..]}`.
    fn permissions(&mut self, op: &openapiv3::Operation, at: &str) -> Option<Permissions> {
        let v = op.extensions.get("x-inin-requires-permissions")?;
        let mode = v.get("type").and_then(serde_json::Value::as_str);
        let list: Option<Vec<String>> = v
            .get("permissions")
            .and_then(serde_json::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect()
            });
        match (mode, list) {
            (Some(mode), Some(list)) => Some(Permissions {
                mode: mode.to_owned(),
                list,
            }),
            _ => {
                self.warn(
                    WarningClass::Extension,
                    &format!("{at}/x-inin-requires-permissions"),
                    "`x-inin-requires-permissions` is not `{type: ANY|ALL, permissions: [..]}`; the permissions are not documented",
                );
                None
            }
        }
    }

    /// The request body, in the most structured encoding the operation accepts: JSON, then a
    /// form, multipart, text and bytes. A media range (`*/*`, `application/*`) says the server
    /// takes any type: its body is JSON, sent as `application/json`, when its schema describes
    /// JSON values (anything but a string), else bytes. A JSON media type named in the spec is
    /// preferred to a range.
    fn body(&mut self, op: &openapiv3::Operation, at: &str, scope: &mut Scope) -> Option<Body> {
        // References were resolved when the spec was loaded.
        let body = op.request_body.as_ref()?.as_item()?;
        let rank = |kind: BodyKind| match kind {
            BodyKind::Json => 0,
            BodyKind::Form => 1,
            BodyKind::Multipart => 2,
            BodyKind::Text => 3,
            BodyKind::Binary => 4,
        };
        let (media_type, content, kind) = body
            .content
            .iter()
            .map(|(m, c)| {
                let kind = match (is_range(m), &c.schema) {
                    (true, Some(s)) if !self.is_string(SchemaRef::from(s)) => BodyKind::Json,
                    _ => body_kind(m),
                };
                (m, c, kind)
            })
            .min_by_key(|(m, _, kind)| (rank(*kind), is_range(m)))?;
        let body_at = format!("{at}/requestBody/content/{}", pointer_segment(media_type));
        let ty = match (&content.schema, kind) {
            (_, BodyKind::Binary) => Ty::Bytes,
            (_, BodyKind::Text) => Ty::String,
            (Some(s), _) => self.schema_type(SchemaRef::from(s), &format!("{body_at}/schema")),
            (None, _) => Ty::Value,
        };
        let mut doc = doc_lines(body.description.as_deref());
        if doc.is_empty() || doc == ["body"] {
            doc = vec!["The request body.".to_owned()];
        }
        if matches!(ty, Ty::Nullable(_)) {
            doc.push("Nullable: `None` sends `null`.".to_owned());
        }
        let rust_type = ty.rust();
        let example = match &ty {
            Ty::String => "String::from(\"text\")".to_owned(),
            Ty::Nullable(inner) => format!("Some({})", self.example_value(&inner.rust())),
            _ => self.example_value(&rust_type),
        };
        let media_type = content_type(media_type, kind);
        let rust_name = scope.claim("body", "_");
        let (expr, fallible) = match kind {
            BodyKind::Binary => (
                format!("request.binary({media_type:?}, self.{rust_name}.clone())"),
                false,
            ),
            BodyKind::Text => (
                format!("request.text({media_type:?}, &self.{rust_name})"),
                false,
            ),
            BodyKind::Json if essence(&media_type) == "application/json" => {
                (format!("request.json(&self.{rust_name})"), true)
            }
            BodyKind::Json => (
                format!("request.json_as({media_type:?}, &self.{rust_name})"),
                true,
            ),
            BodyKind::Form => (format!("request.form(&self.{rust_name})"), true),
            BodyKind::Multipart => (format!("request.multipart(&self.{rust_name})"), true),
        };
        let call = format!("{expr}{};", if fallible { "?" } else { "" });
        Some(Body {
            media_type,
            kind,
            call,
            expr,
            fallible,
            param: Param {
                wire_name: "body".into(),
                rust_name,
                location: Location::Body,
                place: Location::Body.place().to_owned(),
                required: true,
                arg_type: rust_type.clone(),
                convert: String::new(),
                rust_type,
                example,
                doc_lines: doc,
                style: Style::Simple,
                explode: false,
                allow_reserved: false,
                json: false,
                value: String::new(),
            },
        })
    }

    /// What each success status decodes to. One kind and type for all: that type. Otherwise
    /// (say `200` with a body and `204` without) a per-operation enum, one variant per status.
    /// An operation that lists no success status but a `default` response succeeds with that.
    /// `204` and `205` have no body whatever the spec describes (HTTP forbids one): they are
    /// empty, with a warning when the spec gives them content. The `Accept` header lists the
    /// media types the operation decodes ([`accept_header`]).
    fn response(
        &mut self,
        op: &openapiv3::Operation,
        at: &str,
        builder_name: &str,
        scope: &mut OperationScopes,
    ) -> Response {
        let mut variants: Vec<ResponseVariant> = Vec::new();
        let mut accepted: Vec<String> = Vec::new();
        let success: Vec<(String, &ReferenceOr<openapiv3::Response>)> = op
            .responses
            .responses
            .iter()
            .filter(|(code, _)| match code {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            })
            .map(|(code, r)| (code.to_string(), r))
            .collect();
        let success = if success.is_empty() {
            op.responses
                .default
                .iter()
                .map(|r| ("default".to_owned(), r))
                .collect()
        } else {
            success
        };
        for (code, resp) in &success {
            let mut content = resp.as_item().map(|r| &r.content);
            if NO_BODY.contains(&code.as_str()) && content.is_some_and(|c| !c.is_empty()) {
                self.warn(
                    WarningClass::IgnoredBody,
                    &format!("{at}/responses/{code}/content"),
                    format!("a `{code}` response has no body (HTTP forbids one); its content is ignored and the status decodes to `()`"),
                );
                content = None;
            }
            for media in content.into_iter().flat_map(|c| c.keys()) {
                if !is_media_type(&essence(media)) {
                    self.warn(
                        WarningClass::MediaType,
                        &format!("{at}/responses/{code}/content/{}", pointer_segment(media)),
                        format!(
                            "`{media}` is not a media type (`type/subtype`); the response is \
                             read as it comes, and `{media}` is left out of the `Accept` header"
                        ),
                    );
                }
            }
            let json = content.and_then(|c| c.iter().find(|(m, _)| is_json(m)));
            let text = content.and_then(|c| c.keys().find(|m| essence(m).starts_with("text/")));
            let other = content.and_then(|c| c.keys().next());
            let mut nullable = false;
            let (kind, rust_type) = if let Some((media, content_of)) = json {
                let resp_at = format!("{at}/responses/{code}/content/{}", pointer_segment(media));
                // A nullable body is an `Option`: `null` is `None`.
                let ty = match &content_of.schema {
                    Some(s) => self.schema_type(SchemaRef::from(s), &format!("{resp_at}/schema")),
                    None => Ty::Value,
                };
                accepted.extend(
                    content
                        .into_iter()
                        .flat_map(|c| c.keys())
                        .filter(|m| is_json(m))
                        .map(|m| essence(m)),
                );
                nullable = matches!(ty, Ty::Nullable(_));
                (ResponseKind::Json, ty.rust())
            } else if let Some(media) = text {
                accepted.push(essence(media));
                (ResponseKind::Text, "String".to_owned())
            } else if other.is_some() {
                // Any of them is bytes.
                accepted.extend(
                    content
                        .into_iter()
                        .flat_map(|c| c.keys())
                        .map(|m| essence(m)),
                );
                (ResponseKind::Bytes, "bytes::Bytes".to_owned())
            } else {
                (ResponseKind::Empty, "()".to_owned())
            };
            let (status, pattern, rust_name) = match code.as_str() {
                "2XX" => ("2XX", "200..=299", "Status2XX".to_owned()),
                "default" => ("default", "_", "Default".to_owned()),
                c => (c, c, format!("Status{c}")),
            };
            let (status, pattern) = (status.to_owned(), pattern.to_owned());
            variants.push(ResponseVariant {
                rust_name,
                status,
                pattern,
                kind,
                empty: kind == ResponseKind::Empty,
                rust_type,
                nullable,
                // Set once the outcome type has its name.
                decode: String::new(),
            });
        }
        let accept = accept_header(&accepted);
        let statuses: Vec<String> = variants.iter().map(|v| v.status.clone()).collect();
        let uniform = variants
            .windows(2)
            .all(|w| w[0].kind == w[1].kind && w[0].rust_type == w[1].rust_type);
        match variants.first() {
            Some(first) if uniform => Response {
                kind: first.kind,
                outcome: false,
                rust_type: first.rust_type.clone(),
                nullable: first.nullable,
                accept,
                statuses,
                variants: Vec::new(),
            },
            Some(_) => {
                let outcome = scope.claim_type(&format!(
                    "{}Outcome",
                    builder_name.trim_end_matches("Request")
                ));
                for v in &mut variants {
                    let variant = format!("{outcome}::{}", v.rust_name);
                    v.decode = match v.kind {
                        ResponseKind::Empty => format!("response.empty().map(|()| {variant})"),
                        kind => format!("response.{}().map({variant})", kind.method()),
                    };
                }
                Response {
                    kind: ResponseKind::Multi,
                    outcome: true,
                    rust_type: outcome,
                    nullable: false,
                    accept,
                    statuses,
                    variants,
                }
            }
            None => Response {
                kind: ResponseKind::Empty,
                outcome: false,
                rust_type: "()".into(),
                nullable: false,
                accept,
                statuses,
                variants: Vec::new(),
            },
        }
    }

    /// The schema error responses (`default`, `4XX`, `5XX`) decode to, when every operation
    /// that describes one agrees on a single model.
    pub(super) fn error_model(&mut self) -> Option<String> {
        let mut found: BTreeSet<String> = BTreeSet::new();
        for (_, item) in &self.api.paths.paths {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for (_, op) in item.iter() {
                let failures = op
                    .responses
                    .responses
                    .iter()
                    .filter(|(code, _)| match code {
                        StatusCode::Code(c) => *c >= 400,
                        StatusCode::Range(r) => *r >= 4,
                    })
                    .map(|(_, r)| r)
                    .chain(op.responses.default.iter());
                for resp in failures {
                    let Some(resp) = resp.as_item() else { continue };
                    for (media, content) in &resp.content {
                        if let (true, Some(ReferenceOr::Reference { reference })) =
                            (is_json(media), &content.schema)
                        {
                            found.insert(reference.clone());
                        }
                    }
                }
            }
        }
        if found.len() != 1 {
            return None;
        }
        let name = schema_name(found.first()?)?;
        self.names.get(&name).map(super::Names::path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_operation_ids_are_stable() {
        assert_eq!(
            derived_operation_id("get", "/users/{userId}/roles"),
            "getUsersUserIdRoles"
        );
        assert_eq!(derived_operation_id("post", "/"), "post");
    }
}
