//! How the command prints the generator's warnings: a summary by class (a count and the first
//! few, classes in the order of [`WarningClass`]: what is missing from the crate first), every
//! one with `--verbose`, or every one as an error with `--deny-warnings`.
//!
//! ```text
//! warning: 5103 generator warnings in 1 class (`--verbose` lists every one)
//!   ignored-keyword (5103): keywords that do not apply to their type, ignored
//!     k8s.json: #/paths/~1api~1v1~1pods/parameters/0/schema: `uniqueItems` do not apply to `type: boolean` and are ignored; generating the boolean
//!     …
//!     … and 5100 more
//! ```

use std::collections::BTreeMap;

use crate::naming::counted;
use crate::{Warning, WarningClass};

/// How many warnings of each class a summary shows.
pub const SHOWN_PER_CLASS: usize = 3;

/// `warning` as one line: the spec (`label`, when not in the pointer), pointer and message.
fn line(label: &str, warning: &Warning) -> String {
    if label.is_empty() {
        warning.to_string()
    } else {
        format!("{label}: {warning}")
    }
}

/// The warnings by class, in class order, each class's in the order they were found.
fn by_class(warnings: &[Warning]) -> BTreeMap<WarningClass, Vec<&Warning>> {
    let mut classes: BTreeMap<WarningClass, Vec<&Warning>> = BTreeMap::new();
    for w in warnings {
        classes.entry(w.class).or_default().push(w);
    }
    classes
}

/// The warnings as the command prints them: nothing when there are none; with `verbose`, every
/// one (`warning[class]: …`) and then a count by class; otherwise a summary by class with the
/// first [`SHOWN_PER_CLASS`] of each. `label` names the spec (empty when the pointers do).
pub fn render(warnings: &[Warning], label: &str, verbose: bool) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let classes = by_class(warnings);
    let mut out = String::new();
    if verbose {
        for w in warnings {
            out.push_str(&format!("warning[{}]: {}\n", w.class, line(label, w)));
        }
        out.push_str(&format!(
            "{}: {}\n",
            counted(warnings.len(), "generator warning", "generator warnings"),
            counts(&classes)
        ));
        return out;
    }
    out.push_str(&format!(
        "warning: {} in {} (`--verbose` lists every one)\n",
        counted(warnings.len(), "generator warning", "generator warnings"),
        counted(classes.len(), "class", "classes"),
    ));
    for (class, list) in &classes {
        out.push_str(&format!(
            "  {class} ({}): {}\n",
            list.len(),
            class.summary()
        ));
        for w in list.iter().take(SHOWN_PER_CLASS) {
            out.push_str(&format!("    {}\n", line(label, w)));
        }
        if list.len() > SHOWN_PER_CLASS {
            out.push_str(&format!(
                "    … and {} more\n",
                list.len() - SHOWN_PER_CLASS
            ));
        }
    }
    out
}

/// `3 unknown-format, 1 ignored-header`, in class order.
fn counts(classes: &BTreeMap<WarningClass, Vec<&Warning>>) -> String {
    classes
        .iter()
        .map(|(class, list)| format!("{} {class}", list.len()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The warnings as errors (`--deny-warnings`): every one, located, then the count by class.
pub fn denied(warnings: &[Warning], label: &str) -> String {
    let classes = by_class(warnings);
    let mut out = String::new();
    for w in warnings {
        out.push_str(&format!("error[{}]: {}\n", w.class, line(label, w)));
    }
    out.push_str(&format!(
        "{} denied by --deny-warnings ({}); nothing was generated",
        counted(warnings.len(), "warning", "warnings"),
        counts(&classes)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(class: WarningClass, pointer: &str) -> Warning {
        Warning::new(class, pointer, format!("{} here", class.name()))
    }

    #[test]
    fn a_summary_groups_by_class_in_class_order_and_shows_the_first_few() {
        let mut warnings: Vec<Warning> = (0..5)
            .map(|i| warning(WarningClass::UnknownFormat, &format!("#/f{i}")))
            .collect();
        warnings.insert(2, warning(WarningClass::OperationLeftOut, "#/op"));
        let text = render(&warnings, "api.yaml", false);
        assert_eq!(
            text,
            "warning: 6 generator warnings in 2 classes (`--verbose` lists every one)\n\
             \x20 operation-left-out (1): operations left out of the crate\n\
             \x20   api.yaml: #/op: operation-left-out here\n\
             \x20 unknown-format (5): unknown formats, generated as the plain type\n\
             \x20   api.yaml: #/f0: unknown-format here\n\
             \x20   api.yaml: #/f1: unknown-format here\n\
             \x20   api.yaml: #/f2: unknown-format here\n\
             \x20   … and 2 more\n"
        );
    }

    #[test]
    fn verbose_lists_every_warning_in_the_order_found() {
        let warnings = [
            warning(WarningClass::UnknownFormat, "#/a"),
            warning(WarningClass::PathParameter, "#/b"),
            warning(WarningClass::UnknownFormat, "#/c"),
        ];
        assert_eq!(
            render(&warnings, "", true),
            "warning[unknown-format]: #/a: unknown-format here\n\
             warning[path-parameter]: #/b: path-parameter here\n\
             warning[unknown-format]: #/c: unknown-format here\n\
             3 generator warnings: 1 path-parameter, 2 unknown-format\n"
        );
    }

    #[test]
    fn denied_warnings_are_each_an_error_with_a_count() {
        let warnings = [
            warning(WarningClass::WrongRefKind, "#/a"),
            warning(WarningClass::UnknownFormat, "#/b"),
        ];
        assert_eq!(
            denied(&warnings, "s.yaml"),
            "error[wrong-ref-kind]: s.yaml: #/a: wrong-ref-kind here\n\
             error[unknown-format]: s.yaml: #/b: unknown-format here\n\
             2 warnings denied by --deny-warnings (1 wrong-ref-kind, 1 unknown-format); nothing was generated"
        );
    }

    #[test]
    fn no_warnings_print_nothing() {
        assert_eq!(render(&[], "s.yaml", false), "");
        assert_eq!(render(&[], "s.yaml", true), "");
    }
}
