//! Every Rust identifier the generator emits comes from here.
//!
//! Rules, each with a test below:
//! - case conversion by `heck` (`snake_case` for functions, fields and modules, `UpperCamelCase`
//!   for types and variants), after explicit exceptions from [`EXCEPTIONS`];
//! - punctuation and other non-identifier characters become word breaks (`a.b` → `a_b`);
//! - a leading digit gets a `_` prefix (`1on1` → `_1on1`);
//! - Rust keywords become raw identifiers (`type` → `r#type`), except those that cannot be raw
//!   (`self`, `super`, `crate`, `Self`), which get a `_` suffix;
//! - names that collide after conversion are disambiguated in spec order by [`Scope`]: the first
//!   keeps the name, later ones get `_2`, `_3`, … (`2`, `3`, … for types).

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Naming exceptions where `heck` would split words wrongly, as (wire name, snake_case name).
/// Matched on the whole wire name.
pub const EXCEPTIONS: &[(&str, &str)] = &[];

/// Every keyword of Rust 2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Replaces every character that cannot appear in an identifier with a space, so `heck` treats
/// it as a word boundary.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

fn finish(mut ident: String) -> Option<String> {
    if ident.is_empty() || ident.chars().all(|c| c == '_') {
        return None;
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if KEYWORDS.contains(&ident.as_str()) {
        if NOT_RAW.contains(&ident.as_str()) {
            ident.push('_');
        } else {
            ident.insert_str(0, "r#");
        }
    }
    Some(ident)
}

/// `snake_case` identifier for a function, field, parameter or module; `None` if nothing of the
/// name survives sanitising (for example `"$%"`).
pub fn snake(raw: &str) -> Option<String> {
    if let Some((_, fixed)) = EXCEPTIONS.iter().find(|(wire, _)| *wire == raw) {
        return finish((*fixed).to_owned());
    }
    finish(words(raw).to_snake_case())
}

/// `UpperCamelCase` identifier for a type or enum variant; `None` if nothing survives.
pub fn pascal(raw: &str) -> Option<String> {
    if let Some((_, fixed)) = EXCEPTIONS.iter().find(|(wire, _)| *wire == raw) {
        return finish(fixed.to_upper_camel_case());
    }
    finish(words(raw).to_upper_camel_case())
}

/// The identifier without a leading `r#`, for building derived names (`r#type` + `Request`).
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// A namespace in which every identifier must be unique (the fields of one struct, the
/// variants of one enum, the modules of one crate).
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Claims `ident`, or the first free `ident{sep}{n}` for n = 2, 3, …; returns what it got.
    pub fn claim(&mut self, ident: &str, sep: &str) -> String {
        if self.taken.insert(ident.to_owned()) {
            return ident.to_owned();
        }
        // `self_` + `_2` would be `self__2`, which is not snake case.
        let base = bare(ident).trim_end_matches('_');
        let mut n = 2usize;
        loop {
            let candidate = format!("{base}{sep}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (wire name, snake_case, UpperCamelCase).
    const CASES: &[(&str, &str, &str)] = &[
        ("roomJid", "room_jid", "RoomJid"),
        ("selfUri", "self_uri", "SelfUri"),
        (
            "deleteChatsRoomMessage",
            "delete_chats_room_message",
            "DeleteChatsRoomMessage",
        ),
        (
            "ChatMessageEntityListing",
            "chat_message_entity_listing",
            "ChatMessageEntityListing",
        ),
        ("oneOnOne", "one_on_one", "OneOnOne"),
        ("OnlyWhenInactive", "only_when_inactive", "OnlyWhenInactive"),
        // punctuation is a word break
        ("agent.assistant", "agent_assistant", "AgentAssistant"),
        ("foo-bar", "foo_bar", "FooBar"),
        ("Some Value", "some_value", "SomeValue"),
        // leading digits
        ("1on1", "_1on1", "_1on1"),
        ("2fa-code", "_2fa_code", "_2faCode"),
        // keywords: raw where possible, `_` suffix where not
        ("type", "r#type", "Type"),
        ("match", "r#match", "Match"),
        ("gen", "r#gen", "Gen"),
        ("self", "self_", "Self_"),
        ("Self", "self_", "Self_"),
        ("super", "super_", "Super"),
        ("crate", "crate_", "Crate"),
    ];

    #[test]
    fn conversion_rules() {
        for (wire, want_snake, want_pascal) in CASES {
            assert_eq!(snake(wire).as_deref(), Some(*want_snake), "snake({wire:?})");
            assert_eq!(
                pascal(wire).as_deref(),
                Some(*want_pascal),
                "pascal({wire:?})"
            );
        }
    }

    #[test]
    fn names_that_sanitise_to_nothing_are_refused() {
        for wire in ["", "$%", "-", "...", "_"] {
            assert_eq!(snake(wire), None, "snake({wire:?})");
            assert_eq!(pascal(wire), None, "pascal({wire:?})");
        }
    }

    #[test]
    fn collisions_are_numbered_in_claim_order() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("user_id", "_"), "user_id");
        assert_eq!(scope.claim("user_id", "_"), "user_id_2");
        assert_eq!(scope.claim("user_id", "_"), "user_id_3");
        assert_eq!(scope.claim("r#type", "_"), "r#type");
        assert_eq!(scope.claim("r#type", "_"), "type_2");
        assert_eq!(scope.claim("self_", "_"), "self_");
        assert_eq!(scope.claim("self_", "_"), "self_2");
    }

    #[test]
    fn reserved_names_are_never_handed_out() {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        assert_eq!(scope.claim("Unknown", ""), "Unknown2");
    }

    #[test]
    fn bare_strips_raw_prefix() {
        assert_eq!(bare("r#type"), "type");
        assert_eq!(bare("room"), "room");
    }
}
