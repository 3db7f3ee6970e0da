//! The type space: what Rust type a schema becomes, and whether its values may be `null`.
//!
//! Nullability is decided here, once, for every place a schema can be used (a property, array
//! items, map values, a union member, a request or response body, a parameter): a schema whose
//! values may be `null` ([`Lowerer::nullable`]) has the type [`Ty::Nullable`], `Option<T>`
//! (unless `T` is `serde_json::Value`, which holds `null` itself). Each place then holds that
//! type as it is (`Vec<Option<T>>`, `BTreeMap<String, Option<T>>`, an `Option<T>` body or
//! output), except where the place can also be absent and says how absence and `null` differ:
//! a property (its `Presence`) and a parameter (whose `null` is written as nothing, like its
//! absence). A union with a nullable member is nullable itself.

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use std::collections::BTreeSet;

use super::{Lowerer, MAX_TYPE_DEPTH};
use crate::error::WarningClass;

/// The `type`s of OpenAPI 3.0.
const OPENAPI_TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];
use crate::front::refs::schema_name;

/// String formats that are text on the wire and need no type of their own.
const STRING_FORMATS_AS_STRING: &[&str] = &[
    "uuid",
    "email",
    "uri",
    "url",
    "uri-reference",
    "uri-template",
    "hostname",
    "ipv4",
    "ipv6",
    "password",
    "byte",
    "binary",
    "time",
    "duration",
    "regex",
    "idn-email",
    "idn-hostname",
    "iri",
    "iri-reference",
    "json-pointer",
    "relative-json-pointer",
];

/// A Rust type, before it is spelled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    Bool,
    I32,
    I64,
    F32,
    F64,
    String,
    DateTime,
    Date,
    /// Any JSON value.
    Value,
    /// Raw bytes of a request body.
    Bytes,
    Vec(Box<Ty>),
    /// A JSON object with values of one type.
    Map(Box<Ty>),
    /// A model, by schema name, and its Rust path.
    Model {
        schema: String,
        path: String,
    },
    /// A value that may be `null`: `Option<T>`, `None` being `null`.
    Nullable(Box<Ty>),
}

impl Ty {
    /// The Rust spelling, e.g. `Vec<crate::models::Room>`.
    pub fn rust(&self) -> String {
        match self {
            Ty::Bool => "bool".into(),
            Ty::I32 => "i32".into(),
            Ty::I64 => "i64".into(),
            Ty::F32 => "f32".into(),
            Ty::F64 => "f64".into(),
            Ty::String => "String".into(),
            Ty::DateTime => "crate::types::DateTime".into(),
            Ty::Date => "crate::types::Date".into(),
            Ty::Value => "serde_json::Value".into(),
            Ty::Bytes => "Vec<u8>".into(),
            Ty::Vec(item) => format!("Vec<{}>", item.rust()),
            Ty::Map(value) => format!("std::collections::BTreeMap<String, {}>", value.rust()),
            Ty::Model { path, .. } => path.clone(),
            Ty::Nullable(inner) => format!("Option<{}>", inner.rust()),
        }
    }

    /// The type of a value that may also be `null`: `Option<self>`, unless `self` holds `null`
    /// already (an `Option`, or `serde_json::Value`, whose `Value::Null` it is).
    pub fn or_null(self) -> Ty {
        match self {
            Ty::Nullable(_) | Ty::Value => self,
            other => Ty::Nullable(Box::new(other)),
        }
    }

    /// The type without its outer `Option`: for places that tell `null` apart from absence
    /// themselves (properties, parameters, which ask [`Lowerer::nullable`]), and for named
    /// types (a schema's own type is never `Option`; its uses are).
    pub fn non_null(self) -> Ty {
        match self {
            Ty::Nullable(inner) => *inner,
            other => other,
        }
    }

    /// The schema it names when it is exactly a model (not inside a `Vec` or map): where a
    /// recursive cycle needs a `Box`.
    pub fn direct(&self) -> Option<&str> {
        match self {
            Ty::Model { schema, .. } => Some(schema),
            _ => None,
        }
    }
}

/// A schema given in place or by reference, whichever box it came in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(s: &'a ReferenceOr<Schema>) -> Self {
        match s {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(s: &'a ReferenceOr<Box<Schema>>) -> Self {
        match s {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Whether values of `schema` may be `null`: it says `nullable: true`; or it is a
    /// reference to a schema whose values may be (through any chain of references); or it
    /// only wraps one (`allOf: [$ref]`, how OpenAPI 3.0 describes a reference; a `oneOf` with a
    /// `type: 'null'` member became that in [`crate::front::fixup`]); or it is a `oneOf`/`anyOf` with
    /// a member that is nullable, since `null` is then one of its values (the union's uses hold
    /// an `Option`, and its variants hold their members' own types). `nullable: false` beside
    /// `allOf: [$ref]` does not take it back, since `null` still satisfies the referenced
    /// schema. An `allOf` of several schemas that one member types ([`Lowerer::all_of_single`])
    /// is nullable when a member is (`allOf: [$ref: Slug, {nullable: true}]`: the most plausible
    /// meaning of a `nullable` there is the one it has beside a lone `$ref`); any other `allOf`
    /// of several schemas is never nullable.
    pub(super) fn nullable(&self, schema: SchemaRef<'_>) -> bool {
        self.nullable_unless_seen(schema, &mut BTreeSet::new())
    }

    /// [`Lowerer::nullable`], where the component schemas in `seen` were already asked (a
    /// spec may loop through unions and `allOf` wrappers).
    fn nullable_unless_seen(&self, schema: SchemaRef<'_>, seen: &mut BTreeSet<String>) -> bool {
        let s = match schema {
            SchemaRef::Ref(reference) => {
                let target = schema_name(reference).and_then(|name| {
                    let target = self.api.components.as_ref()?.schemas.get(&name)?;
                    seen.insert(name).then_some(target)
                });
                return target.is_some_and(|t| self.nullable_unless_seen(t.into(), seen));
            }
            SchemaRef::Item(s) => s,
        };
        if s.schema_data.nullable {
            return true;
        }
        match &s.schema_kind {
            SchemaKind::AllOf { all_of } => match all_of.as_slice() {
                [single] => self.nullable_unless_seen(single.into(), seen),
                _ if self.all_of_single(all_of).is_some() => all_of
                    .iter()
                    .any(|m| self.nullable_unless_seen(m.into(), seen)),
                _ => false,
            },
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                members
                    .iter()
                    .any(|m| self.nullable_unless_seen(m.into(), seen))
            }
            _ => false,
        }
    }

    /// The schema `schema` stands for: itself, or the component schema its reference (through
    /// any chain of references) names; `None` for a reference that leads nowhere or loops.
    pub(super) fn target<'s>(&self, schema: SchemaRef<'s>) -> Option<&'s Schema>
    where
        'a: 's,
    {
        let mut schema = schema;
        for _ in 0..crate::front::refs::MAX_CHAIN {
            match schema {
                SchemaRef::Item(s) => return Some(s),
                SchemaRef::Ref(reference) => {
                    let name = schema_name(reference)?;
                    let target = self.api.components.as_ref()?.schemas.get(&name)?;
                    schema = target.into();
                }
            }
        }
        None
    }

    /// Whether `schema` is `readOnly` and whether it is `writeOnly`: said by itself, or by the
    /// schemas it stands for (references, `allOf: [$ref]` wrappers).
    pub(super) fn direction(&self, schema: SchemaRef<'_>) -> (bool, bool) {
        let (mut read_only, mut write_only) = (false, false);
        let mut schema = schema;
        for _ in 0..crate::front::refs::MAX_CHAIN {
            let Some(s) = self.target(schema) else {
                break;
            };
            read_only |= s.schema_data.read_only;
            write_only |= s.schema_data.write_only;
            match &s.schema_kind {
                SchemaKind::AllOf { all_of } if all_of.len() == 1 => schema = (&all_of[0]).into(),
                _ => break,
            }
        }
        (read_only, write_only)
    }

    /// Whether values of `schema` are strings (`type: string`, of any format, directly or
    /// through references and `allOf: [$ref]` wrappers).
    pub(super) fn is_string(&self, schema: SchemaRef<'_>) -> bool {
        let mut schema = schema;
        // Wrappers may loop (`A: {allOf: [$ref A]}`): a loop is no string.
        for _ in 0..crate::front::refs::MAX_CHAIN {
            let Some(s) = self.target(schema) else {
                return false;
            };
            match &s.schema_kind {
                SchemaKind::Type(Type::String(_)) => return true,
                SchemaKind::Any(any) => return any.typ.as_deref() == Some("string"),
                SchemaKind::AllOf { all_of } if all_of.len() == 1 => schema = (&all_of[0]).into(),
                _ => return false,
            }
        }
        false
    }

    /// The member that types an `allOf` of several schemas by itself, by index: when the
    /// others only annotate it (no keyword but `description`, `nullable`, `example`, …:
    /// `allOf: [$ref: Tags, {nullable: true}]`) or are scalars of the same type that only
    /// narrow it (`allOf: [$ref: Slug, {type: string, nullable: true}]`). Of the typed members,
    /// the first given by reference is taken (its name is the better type), else the first.
    /// `None` when members must be merged (objects, which become a struct) or disagree, and
    /// when the member is written in place with a type of its own to be named (an object with
    /// properties, an enum, a composition).
    pub(super) fn all_of_single(&self, members: &[ReferenceOr<Schema>]) -> Option<usize> {
        let typed: Vec<usize> = (0..members.len())
            .filter(|&i| !annotates(&members[i]))
            .collect();
        let chosen = match typed.as_slice() {
            [] => return None,
            [one] => *one,
            [first, rest @ ..] => {
                let kind = self.scalar_kind((&members[*first]).into())?;
                if rest
                    .iter()
                    .any(|&i| self.scalar_kind((&members[i]).into()) != Some(kind))
                {
                    return None;
                }
                typed
                    .iter()
                    .copied()
                    .find(|&i| matches!(members[i], ReferenceOr::Reference { .. }))
                    .unwrap_or(*first)
            }
        };
        match &members[chosen] {
            ReferenceOr::Reference { .. } => Some(chosen),
            ReferenceOr::Item(s) => match &s.schema_kind {
                SchemaKind::Type(Type::String(t)) if t.enumeration.is_empty() => Some(chosen),
                SchemaKind::Type(Type::Integer(t)) if t.enumeration.is_empty() => Some(chosen),
                SchemaKind::Type(Type::Number(_) | Type::Boolean(_) | Type::Array(_)) => {
                    Some(chosen)
                }
                _ => None,
            },
        }
    }

    /// `string`, `integer`, `number` or `boolean`: the scalar type of `schema`'s values
    /// (through references and `allOf: [$ref]` wrappers), if it is one.
    fn scalar_kind(&self, schema: SchemaRef<'_>) -> Option<&'static str> {
        let mut schema = schema;
        for _ in 0..crate::front::refs::MAX_CHAIN {
            match &self.target(schema)?.schema_kind {
                SchemaKind::Type(Type::String(_)) => return Some("string"),
                SchemaKind::Type(Type::Integer(_)) => return Some("integer"),
                SchemaKind::Type(Type::Number(_)) => return Some("number"),
                SchemaKind::Type(Type::Boolean(_)) => return Some("boolean"),
                SchemaKind::AllOf { all_of } if all_of.len() == 1 => schema = (&all_of[0]).into(),
                _ => return None,
            }
        }
        None
    }

    /// The type of a reference to a component schema.
    pub(super) fn reference(&mut self, reference: &str, at: &str) -> Ty {
        let name = schema_name(reference);
        match name
            .as_deref()
            .and_then(|n| self.names.get(n).map(|names| (n, names)))
        {
            Some((schema, names)) => Ty::Model {
                schema: schema.to_owned(),
                path: names.path(),
            },
            None => {
                self.error(
                    at,
                    format!(
                        "`$ref: {reference}` does not name a schema under `components.schemas`"
                    ),
                    "",
                );
                Ty::Value
            }
        }
    }

    /// The Rust type of `schema`, at `at`. Every schema that needs a type of its own (enums,
    /// unions, objects with properties) was named by `hoist`. Nesting is limited to
    /// [`MAX_TYPE_DEPTH`], so that no later stage (tera, syn, prettyplease) recurses through a
    /// pathological type.
    pub(super) fn schema_type(&mut self, schema: SchemaRef<'_>, at: &str) -> Ty {
        if self.depth >= MAX_TYPE_DEPTH {
            self.error(
                at,
                format!("the type is nested more than {MAX_TYPE_DEPTH} levels deep"),
                "give the inner schemas names under `components.schemas` and refer to them with `$ref`",
            );
            return Ty::Value;
        }
        self.depth += 1;
        let ty = self.schema_type_at_depth(schema, at);
        self.depth -= 1;
        if self.nullable(schema) {
            ty.or_null()
        } else {
            ty
        }
    }

    fn schema_type_at_depth(&mut self, schema: SchemaRef<'_>, at: &str) -> Ty {
        let schema = match schema {
            SchemaRef::Ref(reference) => return self.reference(reference, at),
            SchemaRef::Item(s) => s,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                self.warn(
                    WarningClass::LooseType,
                    at,
                    "an enum here has no type of its own; generating `String`",
                );
                Ty::String
            }
            SchemaKind::Type(Type::String(s)) => match &s.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Ty::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Ty::Date,
                VariantOrUnknownOrEmpty::Unknown(format)
                    if !STRING_FORMATS_AS_STRING.contains(&format.as_str()) =>
                {
                    self.warn(
                        WarningClass::UnknownFormat,
                        at,
                        format!("unknown string format `{format}`; generating `String`"),
                    );
                    Ty::String
                }
                _ => Ty::String,
            },
            SchemaKind::Type(Type::Integer(i)) if !i.enumeration.is_empty() => {
                self.warn(
                    WarningClass::LooseType,
                    at,
                    "an enum here has no type of its own; generating `i64`",
                );
                Ty::I64
            }
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ty::I32,
                VariantOrUnknownOrEmpty::Unknown(format)
                    if !matches!(
                        format.as_str(),
                        "int"
                            | "integer"
                            | "uint64"
                            | "uint32"
                            | "int16"
                            | "int8"
                            | "uint8"
                            | "uint16"
                            | "long"
                            | "unix-time"
                            | "timestamp"
                    ) =>
                {
                    self.warn(
                        WarningClass::UnknownFormat,
                        at,
                        format!("unknown integer format `{format}`; generating `i64`"),
                    );
                    Ty::I64
                }
                _ => Ty::I64,
            },
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Ty::F32,
                VariantOrUnknownOrEmpty::Unknown(format)
                    if !matches!(
                        format.as_str(),
                        "decimal" | "int32" | "int64" | "integer" | "number"
                    ) =>
                {
                    self.warn(
                        WarningClass::UnknownFormat,
                        at,
                        format!("unknown number format `{format}`; generating `f64`"),
                    );
                    Ty::F64
                }
                _ => Ty::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(a)) => {
                let item = match &a.items {
                    Some(items) => self.schema_type(items.into(), &format!("{at}/items")),
                    None => Ty::Value,
                };
                Ty::Vec(Box::new(item))
            }
            SchemaKind::Type(Type::Object(obj)) => {
                if !obj.properties.is_empty() {
                    self.warn(WarningClass::LooseType, at, "an object with properties here cannot have a type of its own; generating `serde_json::Value`");
                    return Ty::Value;
                }
                match &obj.additional_properties {
                    Some(AdditionalProperties::Schema(value)) => {
                        let value: &ReferenceOr<Schema> = value;
                        let value =
                            self.schema_type(value.into(), &format!("{at}/additionalProperties"));
                        Ty::Map(Box::new(value))
                    }
                    Some(AdditionalProperties::Any(true)) => Ty::Map(Box::new(Ty::Value)),
                    // A free-form object.
                    _ => Ty::Value,
                }
            }
            // `allOf: [$ref]` is how OpenAPI 3.0 attaches a description to a reference.
            SchemaKind::AllOf { all_of } => match all_of.as_slice() {
                [single] => self.schema_type(single.into(), &format!("{at}/allOf/0")),
                _ if let Some(i) = self.all_of_single(all_of) => {
                    self.schema_type((&all_of[i]).into(), &format!("{at}/allOf/{i}"))
                }
                _ => {
                    self.warn(WarningClass::LooseType, at, "an `allOf` here cannot have a type of its own; generating `serde_json::Value`");
                    Ty::Value
                }
            },
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => {
                self.warn(
                    WarningClass::LooseType,
                    at,
                    "a `oneOf`/`anyOf` here has no type of its own; generating `serde_json::Value`",
                );
                Ty::Value
            }
            SchemaKind::Not { .. } => {
                self.warn(
                    WarningClass::LooseType,
                    at,
                    "`not` cannot be expressed as a Rust type; generating `serde_json::Value`",
                );
                Ty::Value
            }
            SchemaKind::Any(any) => {
                match any.typ.as_deref() {
                    None => {}
                    // `fixup` types every schema of a known type; this is a shape it does not
                    // know, which is not an unknown type.
                    Some(typ) if OPENAPI_TYPES.contains(&typ) => self.warn(
                        WarningClass::LooseType,
                        at,
                        format!(
                            "a `type: {typ}` schema with keywords that do not combine with it; generating `serde_json::Value`"
                        ),
                    ),
                    Some(typ) => self.warn(
                        WarningClass::UnknownType,
                        at,
                        format!(
                            "unknown type `{typ}` (OpenAPI 3.0 has {}); generating `serde_json::Value`",
                            OPENAPI_TYPES.join(", ")
                        ),
                    ),
                }
                Ty::Value
            }
        }
    }
}

/// Whether an `allOf` member only annotates the others: written in place, with no keyword that
/// constrains values (its description, `nullable`, examples, … are all it has).
fn annotates(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(s) if matches!(&s.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default()))
}
