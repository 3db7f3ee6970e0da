//! Every Rust identifier the generator emits comes from here.
//!
//! Rules, each with a test below:
//! - case conversion by `heck` (`snake_case` for functions, fields and modules, `UpperCamelCase`
//!   for types and variants), after explicit exceptions from [`EXCEPTIONS`];
//! - punctuation and other non-identifier characters become word breaks (`a.b` → `a_b`);
//! - a name without letters or digits is spelled out (`*` → `Asterisk`, `""` → `Empty`), and
//!   so is a sign before a digit (`+1` → `Plus1`, `-1` → `Minus1`), so every name gives an
//!   identifier and the readable one;
//! - a leading digit gets a `_` prefix (`1on1` → `_1on1`);
//! - Rust keywords become raw identifiers (`type` → `r#type`), except those that cannot be raw
//!   (`self`, `super`, `crate`, `Self`), which get a `_` suffix; a name made of several parts
//!   is converted whole ([`pascal_with`]: `Self` + `Api` → `SelfApi`, never `Self_Api`, which
//!   the camel-case lint rejects);
//! - types never take a name of the standard prelude ([`PRELUDE`]: `String`, `Option`, …),
//!   which would shadow it in their module: scopes of types reserve them, so a schema `String`
//!   is `String2`;
//! - names that collide after conversion are disambiguated in spec order by [`Scope`]: the first
//!   keeps the name, later ones get `_2`, `_3`, … (`2`, `3`, … for types).

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Naming exceptions where `heck` would split words wrongly, as (wire name, snake_case name).
/// Matched on the whole wire name.
pub const EXCEPTIONS: &[(&str, &str)] = &[
    // Genesys Cloud's OAuth scheme: one product name, not `pure_cloud_o_auth`.
    ("PureCloud OAuth", "purecloud_oauth"),
];

/// Every keyword of Rust 2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The type and trait names of the standard prelude (Rust 2024), which generated code writes
/// unqualified: a generated type of one of these names would shadow it in its module
/// (`pub struct Option` breaks every `Option<T>` beside it). Scopes of types reserve them.
/// The prelude's `Some`, `None`, `Ok` and `Err` are not here: code uses them as values and
/// patterns, which a generated type (a braced struct, an enum or an alias) never shadows.
pub const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Names Windows reserves for devices, whatever the case and the extension (`con.rs` cannot
/// be created there): never the stem of a generated file.
pub const WINDOWS_DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether `stem` can name a file on every platform: not one of [`WINDOWS_DEVICES`], in any
/// case.
pub fn portable_file_stem(stem: &str) -> bool {
    !WINDOWS_DEVICES.iter().any(|d| d.eq_ignore_ascii_case(stem))
}

/// `stem`, or `stem_` when it is not a [`portable_file_stem`] (`con` → `con_`, as a keyword's
/// module gets a `_`).
pub fn file_stem(stem: String) -> String {
    if portable_file_stem(&stem) {
        stem
    } else {
        stem + "_"
    }
}

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names of the symbols an identifier cannot hold, spelled out where a name has no letters or
/// digits of its own (`*` → `Asterisk`, `>=` → `GreaterThanEquals`) or starts with a sign
/// before a digit (`+1` → `Plus1`, `-1` → `minus_1`).
const SYMBOLS: &[(char, &str)] = &[
    ('*', "asterisk"),
    ('+', "plus"),
    ('-', "minus"),
    ('/', "slash"),
    ('\\', "backslash"),
    ('.', "dot"),
    (',', "comma"),
    (':', "colon"),
    (';', "semicolon"),
    ('=', "equals"),
    ('<', "less than"),
    ('>', "greater than"),
    ('!', "exclamation"),
    ('?', "question"),
    ('@', "at"),
    ('#', "hash"),
    ('$', "dollar"),
    ('%', "percent"),
    ('&', "ampersand"),
    ('^', "caret"),
    ('~', "tilde"),
    ('|', "pipe"),
    ('(', "open paren"),
    (')', "close paren"),
    ('[', "open bracket"),
    (']', "close bracket"),
    ('{', "open brace"),
    ('}', "close brace"),
    ('\'', "quote"),
    ('"', "double quote"),
    ('`', "backtick"),
    (' ', "space"),
    ('_', "underscore"),
];

/// The words of `raw` for case conversion. Characters that cannot appear in an identifier are
/// word breaks (`a.b` → `a b`); a name without a letter or digit is spelled out symbol by
/// symbol (`""` → `empty`, `*` → `asterisk`); a sign before a digit is spelled out so that
/// `+1` and `-1` stay apart.
fn words(raw: &str) -> String {
    if raw.is_empty() {
        return "empty".to_owned();
    }
    if !raw.chars().any(char::is_alphanumeric) {
        return raw.chars().map(spell).collect::<Vec<_>>().join(" ");
    }
    let (mut out, rest) = match raw.as_bytes() {
        [sign @ (b'+' | b'-'), digit, ..] if digit.is_ascii_digit() => {
            (format!("{} ", spell(char::from(*sign))), &raw[1..])
        }
        _ => (String::with_capacity(raw.len()), raw),
    };
    for c in rest.chars() {
        out.push(if c.is_alphanumeric() || c == '_' {
            c
        } else {
            ' '
        });
    }
    out
}

/// One symbol's name; characters without one become `u` and their code point.
fn spell(c: char) -> String {
    SYMBOLS.iter().find(|(symbol, _)| *symbol == c).map_or_else(
        || format!("u{:x}", u32::from(c)),
        |(_, name)| (*name).to_owned(),
    )
}

fn finish(mut ident: String) -> String {
    if ident.is_empty() || ident.chars().all(|c| c == '_') {
        ident = format!("{ident}underscore");
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
    ident
}

/// `snake_case` identifier for a function, field, parameter or module. Every name gives one:
/// punctuation is a word break, and a name of symbols only is spelled out.
pub fn snake(raw: &str) -> String {
    if let Some((_, fixed)) = EXCEPTIONS.iter().find(|(wire, _)| *wire == raw) {
        return finish((*fixed).to_owned());
    }
    finish(words(raw).to_snake_case())
}

/// `UpperCamelCase` identifier for a type or enum variant; same rules as [`snake`].
pub fn pascal(raw: &str) -> String {
    if let Some((_, fixed)) = EXCEPTIONS.iter().find(|(wire, _)| *wire == raw) {
        return finish(fixed.to_upper_camel_case());
    }
    finish(words(raw).to_upper_camel_case())
}

/// Names a package may not have, though they are made of the right characters: the crates
/// of the Rust distribution, whose library names a package's would shadow.
const DISTRIBUTION_CRATES: &[&str] = &["alloc", "core", "proc_macro", "std", "test"];

/// Whether `name` can be the package name of a generated crate, and if not, why (with the name
/// to use instead where there is one). A package name is the user's choice, the one their
/// `Cargo.toml` will say, so it is checked, never changed: ASCII letters, digits, `-` and `_`,
/// starting with a letter, at most 64 characters (crates.io's limit), in lower case (its
/// library name, with `_` for `-`, must be a snake-case crate name, or the crate fails
/// `-D warnings`), not a Rust keyword and not a crate of the Rust distribution.
pub fn check_package_name(name: &str) -> Result<(), String> {
    let lib = name.replace('-', "_");
    let suggestion = || {
        let fixed = words(name).to_kebab_case();
        if fixed.starts_with(|c: char| c.is_ascii_lowercase()) && fixed != name {
            format!(" (e.g. `{fixed}`)")
        } else {
            String::new()
        }
    };
    if name.is_empty() {
        Err("a package name cannot be empty".to_owned())
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Err(format!(
            "not a valid package name: use ASCII letters, digits, `-` and `_`, starting with a letter{}",
            suggestion()
        ))
    } else if name.chars().any(|c| c.is_ascii_uppercase()) {
        Err(format!(
            "a package name in lower case, please{}: its library name `{lib}` must be snake case, or the crate fails `-D warnings` (non_snake_case)",
            suggestion()
        ))
    } else if name.len() > 64 {
        Err(format!(
            "a package name has at most 64 characters (crates.io's limit); this one has {}",
            name.len()
        ))
    } else if KEYWORDS.contains(&lib.as_str()) {
        Err(format!(
            "`{lib}` is a Rust keyword: cargo refuses it as a package name"
        ))
    } else if DISTRIBUTION_CRATES.contains(&lib.as_str()) {
        Err(format!(
            "`{lib}` is a crate of the Rust distribution: a package of that name would shadow it"
        ))
    } else {
        Ok(())
    }
}

/// `UpperCamelCase` identifier for `raw` followed by `suffix` (`Self` + `Api` → `SelfApi`,
/// `self_` + `Request` → `SelfRequest`): the whole name converted at once, so a keyword part is
/// not escaped inside it.
pub fn pascal_with(raw: &str, suffix: &str) -> String {
    pascal(&format!("{raw} {suffix}"))
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

/// A scope in which the names collected are already taken (the schema names of the documents
/// being merged).
impl<S: Into<String>> FromIterator<S> for Scope {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> Self {
        Scope {
            taken: names.into_iter().map(Into::into).collect(),
        }
    }
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
        Scope::claim_in_all(&mut [self], ident, sep)
    }

    /// Claims one identifier in every scope of `scopes` at once, numbered as [`Scope::claim`]
    /// numbers it until no scope has it: the name of an item that is in several namespaces (an
    /// operation's method and types, in each of its API groups).
    pub fn claim_in_all(scopes: &mut [&mut Scope], ident: &str, sep: &str) -> String {
        let free = |scopes: &[&mut Scope], candidate: &str| {
            scopes.iter().all(|s| !s.taken.contains(candidate))
        };
        let mut candidate = ident.to_owned();
        if !free(scopes, &candidate) {
            // `self_` + `_2` would be `self__2`, which is not snake case.
            let base = bare(ident).trim_end_matches('_');
            let mut n = 2usize;
            loop {
                candidate = format!("{base}{sep}{n}");
                if free(scopes, &candidate) {
                    break;
                }
                n += 1;
            }
        }
        for scope in scopes.iter_mut() {
            scope.taken.insert(candidate.clone());
        }
        candidate
    }
}

/// `n` and the noun in its number: `1 class`, `3 classes` (`one` and `many` are the noun's
/// singular and plural).
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
        // exceptions
        ("PureCloud OAuth", "purecloud_oauth", "PurecloudOauth"),
    ];

    #[test]
    fn conversion_rules() {
        for (wire, want_snake, want_pascal) in CASES {
            assert_eq!(snake(wire), *want_snake, "snake({wire:?})");
            assert_eq!(pascal(wire), *want_pascal, "pascal({wire:?})");
        }
    }

    #[test]
    fn names_without_letters_or_digits_are_spelled_out() {
        // (wire name, snake_case, UpperCamelCase)
        let cases = [
            ("", "empty", "Empty"),
            ("*", "asterisk", "Asterisk"),
            ("-", "minus", "Minus"),
            ("/", "slash", "Slash"),
            (">=", "greater_than_equals", "GreaterThanEquals"),
            ("$%", "dollar_percent", "DollarPercent"),
            ("_", "underscore", "Underscore"),
            ("\u{2603}", "u2603", "U2603"),
            // a sign before a digit is kept apart
            ("+1", "plus_1", "Plus1"),
            ("-1", "minus_1", "Minus1"),
            ("-a", "a", "A"),
        ];
        for (wire, want_snake, want_pascal) in cases {
            assert_eq!(snake(wire), want_snake, "snake({wire:?})");
            assert_eq!(pascal(wire), want_pascal, "pascal({wire:?})");
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
    fn file_stems_windows_reserves_are_not_portable() {
        for (stem, portable) in [
            ("con", false),
            ("CON", false),
            ("Aux", false),
            ("lpt9", false),
            ("com1", false),
            ("console", true),
            ("con_", true),
            ("com10", true),
            ("common", true),
        ] {
            assert_eq!(portable_file_stem(stem), portable, "{stem}");
        }
    }

    #[test]
    fn reserved_names_are_never_handed_out() {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        assert_eq!(scope.claim("Unknown", ""), "Unknown2");
    }

    #[test]
    fn a_scope_collected_from_names_has_them_taken() {
        let mut scope: Scope = ["Room", "RoomUsers"].into_iter().collect();
        assert_eq!(scope.claim("RoomUsers", ""), "RoomUsers2");
        assert_eq!(scope.claim("RoomUsers", ""), "RoomUsers3");
        assert_eq!(scope.claim("ZetaUsers", ""), "ZetaUsers");
    }

    #[test]
    fn package_names_are_checked_never_changed() {
        for good in ["genesys-cloud-chat", "petstore", "a", "my_api2", "x-1-y"] {
            assert_eq!(check_package_name(good), Ok(()), "{good}");
        }
        // (name, part of the reason)
        let bad = [
            ("", "cannot be empty"),
            ("9lives", "starting with a letter"),
            (
                "my api",
                "use ASCII letters, digits, `-` and `_`, starting with a letter (e.g. `my-api`)",
            ),
            ("café", "use ASCII letters"),
            (
                "MyApi",
                "in lower case, please (e.g. `my-api`): its library name `MyApi` must be snake case",
            ),
            ("Petstore_API", "(e.g. `petstore-api`)"),
            ("self", "`self` is a Rust keyword"),
            ("type", "`type` is a Rust keyword"),
            ("std", "a crate of the Rust distribution"),
            (
                "proc-macro",
                "`proc_macro` is a crate of the Rust distribution",
            ),
            (&"a".repeat(65), "at most 64 characters"),
        ];
        for (name, want) in bad {
            match check_package_name(name) {
                Ok(()) => panic!("{name:?} was accepted"),
                Err(e) => assert!(e.contains(want), "{name:?}: {want:?} not in {e}"),
            }
        }
    }

    #[test]
    fn names_with_a_suffix_are_converted_whole() {
        // (raw, suffix, UpperCamelCase); each passes rustc's non_camel_case_types rule.
        let cases = [
            ("Self", "Api", "SelfApi"),
            ("self", "Api", "SelfApi"),
            ("self_", "Request", "SelfRequest"),
            ("Type", "Api", "TypeApi"),
            ("crate", "Api", "CrateApi"),
            ("super_", "Request", "SuperRequest"),
            ("invoices/", "Api", "InvoicesApi"),
            ("get_chats_room", "Request", "GetChatsRoomRequest"),
            ("op_2", "Request", "Op2Request"),
            ("1on1", "Api", "_1on1Api"),
        ];
        for (raw, suffix, want) in cases {
            let got = pascal_with(raw, suffix);
            assert_eq!(got, want, "pascal_with({raw:?}, {suffix:?})");
            assert!(camel_case_lint_accepts(&got), "{got}");
        }
    }

    /// rustc's `non_camel_case_types` rule (`is_camel_case` in rustc_lint).
    fn camel_case_lint_accepts(name: &str) -> bool {
        let name = name.trim_matches('_');
        let chars: Vec<char> = name.chars().collect();
        name.is_empty()
            || (!chars[0].is_lowercase()
                && !name.contains("__")
                && !chars.windows(2).any(|w| {
                    let cased = |c: char| c.is_uppercase() || c.is_lowercase();
                    (cased(w[0]) && w[1] == '_') || (cased(w[1]) && w[0] == '_')
                }))
    }

    #[test]
    fn every_pascal_name_passes_the_camel_case_lint() {
        for (wire, _, pascal_name) in CASES {
            assert!(
                camel_case_lint_accepts(pascal_name),
                "{wire} → {pascal_name}"
            );
        }
        for keyword in KEYWORDS {
            let name = pascal(keyword);
            assert!(camel_case_lint_accepts(&name), "{keyword} → {name}");
        }
    }

    #[test]
    fn prelude_names_are_taken_in_a_scope_of_types() {
        let mut types = Scope::with_reserved(PRELUDE);
        assert_eq!(types.claim(&pascal("String"), ""), "String2");
        assert_eq!(types.claim(&pascal("option"), ""), "Option2");
        assert_eq!(types.claim(&pascal("Error"), ""), "Error");
    }

    #[test]
    fn a_name_claimed_in_several_scopes_is_free_in_all_of_them() {
        let mut users = Scope::with_reserved(&["get_x"]);
        let mut authorization = Scope::with_reserved(&["get_x_2"]);
        let mut shared = Scope::default();
        let mut all = [&mut users, &mut authorization, &mut shared];
        assert_eq!(Scope::claim_in_all(&mut all, "get_x", "_"), "get_x_3");
        assert_eq!(Scope::claim_in_all(&mut all, "get_y", "_"), "get_y");
        for scope in all {
            assert_eq!(scope.claim("get_y", "_"), "get_y_2", "taken everywhere");
        }
        assert_eq!(users.claim("get_x", "_"), "get_x_2", "taken in users now");
    }

    #[test]
    fn bare_strips_raw_prefix() {
        assert_eq!(bare("r#type"), "type");
        assert_eq!(bare("room"), "room");
    }
}
