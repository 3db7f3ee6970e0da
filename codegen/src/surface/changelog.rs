//! The generated crate's `CHANGELOG.md` and version, from the API diff.
//!
//! The changelog is old entries plus, when the API changed, a new entry on top: the crate
//! version, the spec's `info.version` before and after, and the [`Report`]'s sections. No dates,
//! so the same inputs always give the same file. The crate version is the previous one bumped
//! by what the change needs ([`bump_version`]).

use std::fmt::Write as _;

use crate::surface::diff::{Bump, Report};
use crate::surface::manifest::Manifest;

/// The file the changelog is written to, relative to the generated crate.
pub const FILE: &str = "CHANGELOG.md";

/// `version` bumped by `bump`: for `0.y.z`, a major change bumps `y` and anything else `z`
/// (Cargo treats `0.y` as the compatibility range); for `x.y.z` ≥ 1, the usual rules. `None`
/// when `version` is not `MAJOR.MINOR.PATCH` (pre-release and build suffixes included).
pub fn bump_version(version: &str, bump: Bump) -> Option<String> {
    let mut parts = version.split('.').map(|p| p.parse::<u64>().ok());
    let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (major, minor, patch) = match (bump, major) {
        (Bump::None, _) => (major, minor, patch),
        (Bump::Major, 0) => (0, minor + 1, 0),
        (Bump::Minor | Bump::Patch, 0) => (0, minor, patch + 1),
        (Bump::Major, _) => (major + 1, 0, 0),
        (Bump::Minor, _) => (major, minor + 1, 0),
        (Bump::Patch, _) => (major, minor, patch + 1),
    };
    Some(format!("{major}.{minor}.{patch}"))
}

/// The version of a crate generated without an earlier manifest to compare with: `initial`
/// for a first generation; when `previous` (the earlier changelog) names a version, that one
/// bumped as for a breaking change, since what changed cannot be known.
pub fn version_without_manifest(initial: &str, previous: Option<&str>) -> String {
    previous
        .and_then(latest_version)
        .and_then(|v| bump_version(v, Bump::Major))
        .unwrap_or_else(|| initial.to_owned())
}

/// The version in the newest entry's heading (`## 0.2.0 (…)`).
fn latest_version(changelog: &str) -> Option<&str> {
    let entries = old_entries(changelog)?;
    entries
        .strip_prefix("## ")?
        .split([' ', '\n'])
        .next()
        .filter(|v| !v.is_empty())
}

/// The entry for a crate generated without an earlier manifest to compare with: a first
/// generation, or (`why` says why there was no manifest) one after an earlier changelog.
pub fn first_entry(manifest: &Manifest, why: Option<&str>) -> String {
    let mut out = format!(
        "## {} (API {})\n\n",
        manifest.crate_version, manifest.api_version
    );
    match why {
        None => out.push_str("First generation"),
        Some(why) => {
            let _ = write!(
                out,
                "No earlier API to compare with ({why}), so the version is bumped as for a breaking change"
            );
        }
    }
    let _ = writeln!(
        out,
        ": {} operations, {} models.",
        manifest.operations.len(),
        manifest.models.len()
    );
    out
}

/// The entry for an API change; `version` is the crate's new version.
pub fn entry(report: &Report, version: &str) -> String {
    let mut out = format!(
        "## {version} (API {} → {}, semver: {})\n\n",
        report.old_version,
        report.new_version,
        report.semver.as_str()
    );
    out.push_str(&report.sections(3));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The changelog: the header line, the preamble, `new_entry` if any, then the entries of
/// `previous` (everything from its first `## ` heading on).
pub fn render(header: &str, new_entry: Option<&str>, previous: Option<&str>) -> String {
    let mut out = format!(
        "<!-- {header} -->\n\n# Changelog\n\n\
         What changed in the API this crate is generated from, newest first. Each regeneration\n\
         that changes the API compares it with `api-manifest.json` (the API the crate was\n\
         generated from before), adds an entry and bumps the crate version by what the change\n\
         needs under Rust's semver rules. The crate docs' \"API evolution\" section says which\n\
         API changes are compatible.\n"
    );
    if let Some(entry) = new_entry {
        out.push('\n');
        out.push_str(entry);
    }
    if let Some(old) = previous.and_then(old_entries) {
        out.push('\n');
        out.push_str(old.trim_end());
        out.push('\n');
    }
    out
}

/// The entries of a changelog: from the first line starting with `## `.
fn old_entries(text: &str) -> Option<&str> {
    if text.starts_with("## ") {
        return Some(text);
    }
    text.find("\n## ").map(|i| &text[i + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_by_semver_with_0_y_as_the_compatibility_range() {
        for (version, bump, want) in [
            ("0.1.0", Bump::Major, Some("0.2.0")),
            ("0.1.0", Bump::Minor, Some("0.1.1")),
            ("0.1.3", Bump::Patch, Some("0.1.4")),
            ("0.1.3", Bump::None, Some("0.1.3")),
            ("1.2.3", Bump::Major, Some("2.0.0")),
            ("1.2.3", Bump::Minor, Some("1.3.0")),
            ("1.2.3", Bump::Patch, Some("1.2.4")),
            ("1.2", Bump::Patch, None),
            ("1.2.3-beta.1", Bump::Patch, None),
            ("1.2.3.4", Bump::Patch, None),
        ] {
            assert_eq!(
                bump_version(version, bump).as_deref(),
                want,
                "{version} {bump:?}"
            );
        }
    }

    #[test]
    fn without_a_manifest_the_version_continues_the_changelog_as_a_breaking_change() {
        let changelog = render(
            "h",
            Some("## 0.3.1 (API v2 → v3, semver: minor)\n\nx\n"),
            None,
        );
        assert_eq!(version_without_manifest("0.1.0", Some(&changelog)), "0.4.0");
        assert_eq!(version_without_manifest("0.1.0", None), "0.1.0");
        assert_eq!(
            version_without_manifest("0.1.0", Some("# Changelog\n")),
            "0.1.0"
        );
        assert_eq!(
            version_without_manifest("0.1.0", Some("## next\n")),
            "0.1.0"
        );
    }

    #[test]
    fn new_entries_go_on_top_and_old_ones_are_kept_verbatim() {
        let first = render("@generated x", Some("## 0.1.0 (API v1)\n\nFirst.\n"), None);
        assert_eq!(
            first.lines().next(),
            Some("<!-- @generated x -->"),
            "{first}"
        );
        assert!(
            first.ends_with("\n\n## 0.1.0 (API v1)\n\nFirst.\n"),
            "{first}"
        );
        let second = render(
            "@generated y",
            Some("## 0.2.0 (API v1 → v2)\n\nNew.\n"),
            Some(&first),
        );
        assert!(second.starts_with("<!-- @generated y -->\n"), "{second}");
        assert!(
            second.ends_with("\n\n## 0.2.0 (API v1 → v2)\n\nNew.\n\n## 0.1.0 (API v1)\n\nFirst.\n"),
            "{second}"
        );
        // Unchanged API: the file is rebuilt identically.
        assert_eq!(render("@generated y", None, Some(&second)), second);
        // A changelog without entries contributes none.
        assert_eq!(
            render("h", None, Some("# Changelog\n\nprose only\n")),
            render("h", None, None)
        );
    }
}
