//! Whether two Rust types differ only in where values may be `null`: one is the other with
//! `Option`s added around some of its parts.

/// A Rust type as a tree: `Vec<Option<models::X>>` is `Vec` of `Option` of `models::X`.
#[derive(Debug, PartialEq, Eq)]
struct Tree<'a> {
    head: &'a str,
    args: Vec<Tree<'a>>,
}

/// Parses the types the manifest holds (paths with generic arguments); `None` for anything
/// else (tuples, references), which then compares as a whole.
fn parse(text: &str) -> Option<Tree<'_>> {
    let (tree, rest) = parse_at(text)?;
    rest.trim().is_empty().then_some(tree)
}

fn parse_at(text: &str) -> Option<(Tree<'_>, &str)> {
    let text = text.trim_start();
    let end = text.find(['<', '>', ',']).unwrap_or(text.len());
    let head = text[..end].trim();
    if head.is_empty() || head.contains(['(', ')', '&', '[', ' ']) {
        return None;
    }
    let mut rest = &text[end..];
    let mut args = Vec::new();
    if let Some(inner) = rest.strip_prefix('<') {
        rest = inner;
        loop {
            let (arg, after) = parse_at(rest)?;
            args.push(arg);
            let after = after.trim_start();
            if let Some(next) = after.strip_prefix(',') {
                rest = next;
            } else {
                rest = after.strip_prefix('>')?;
                break;
            }
        }
    }
    Some((Tree { head, args }, rest))
}

/// Where in a type an `Option` was added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// Around the whole value.
    Whole,
    /// Around the items of a `Vec`.
    Items,
    /// Around the values of a map.
    Values,
}

/// A change of nullability alone.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Change {
    /// `null` is now allowed (an `Option` was added), or no longer.
    pub now: bool,
    places: Vec<Place>,
}

impl Change {
    /// `Items of property `x` may now be `null``, `The response may now be `null``.
    pub fn describe(&self, what: &str) -> String {
        let verb = if self.now {
            "may now be `null`"
        } else {
            "can no longer be `null`"
        };
        let parts: Vec<&str> = self
            .places
            .iter()
            .filter_map(|p| match p {
                Place::Whole => None,
                Place::Items => Some("items"),
                Place::Values => Some("map values"),
            })
            .collect();
        let whole = self.places.contains(&Place::Whole);
        let subject = match (whole, parts.is_empty()) {
            (_, true) => what.to_owned(),
            (false, false) => format!("{} of {what}", parts.join(" and ")),
            (true, false) => format!("{what} and its {}", parts.join(" and ")),
        };
        let mut chars = subject.chars();
        let capitalized: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        format!("{capitalized} {verb}")
    }
}

/// The nullability change from `old` to `new`, if that is all that changed.
pub(super) fn change(old: &str, new: &str) -> Option<Change> {
    let (old, new) = (parse(old)?, parse(new)?);
    let mut places = Vec::new();
    if added(&old, &new, Place::Whole, &mut places) {
        return finish(true, places);
    }
    places.clear();
    if added(&new, &old, Place::Whole, &mut places) {
        return finish(false, places);
    }
    None
}

fn finish(now: bool, mut places: Vec<Place>) -> Option<Change> {
    places.sort();
    places.dedup();
    (!places.is_empty()).then_some(Change { now, places })
}

/// Whether `wider` is `narrow` with `Option`s added, collecting where (`at`: the place of
/// these two trees).
fn added(narrow: &Tree<'_>, wider: &Tree<'_>, at: Place, places: &mut Vec<Place>) -> bool {
    if narrow.head == wider.head && narrow.args.len() == wider.args.len() {
        let is_map = wider.head.ends_with("BTreeMap") || wider.head.ends_with("HashMap");
        return narrow
            .args
            .iter()
            .zip(&wider.args)
            .enumerate()
            .all(|(i, (n, w))| {
                let place = match wider.head {
                    "Vec" => Place::Items,
                    _ if is_map && i == 1 => Place::Values,
                    _ => at,
                };
                added(n, w, place, places)
            });
    }
    match (wider.head, wider.args.as_slice()) {
        ("Option", [inner]) => {
            places.push(at);
            added(narrow, inner, at, places)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_added_or_removed_are_told_where() {
        let m = "std::collections::BTreeMap<String, models::X>";
        for (old, new, want) in [
            (
                "Vec<models::X>",
                "Vec<Option<models::X>>",
                Some("Items of property `x` may now be `null`"),
            ),
            (
                "Vec<Option<models::X>>",
                "Vec<models::X>",
                Some("Items of property `x` can no longer be `null`"),
            ),
            (
                m,
                "std::collections::BTreeMap<String, Option<models::X>>",
                Some("Map values of property `x` may now be `null`"),
            ),
            (
                "models::X",
                "Option<models::X>",
                Some("Property `x` may now be `null`"),
            ),
            (
                "Option<Vec<models::X>>",
                "Option<Vec<Option<models::X>>>",
                Some("Items of property `x` may now be `null`"),
            ),
            (
                "Vec<Vec<i64>>",
                "Option<Vec<Vec<Option<i64>>>>",
                Some("Property `x` and its items may now be `null`"),
            ),
            ("Vec<models::X>", "Vec<models::Y>", None),
            ("Vec<models::X>", "Vec<Option<models::Y>>", None),
            ("Vec<Option<models::X>>", "Option<Vec<models::X>>", None),
            ("(A, B)", "Option<(A, B)>", None),
            ("Vec<models::X>", "Vec<models::X>", None),
        ] {
            assert_eq!(
                change(old, new)
                    .map(|c| c.describe("property `x`"))
                    .as_deref(),
                want,
                "{old} → {new}"
            );
        }
    }
}
