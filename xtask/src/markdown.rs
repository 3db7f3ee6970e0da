//! The Markdown of the reports (`bench`, `bench --peers`, `corpus`, `corpus --conformance`): a
//! table cell made safe, a table row, and the tables that count occurrences by a pattern (rustc
//! diagnostics by code and message, Prism's violations).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{Display, Write as _};

/// Longest text shown in a table cell.
const CELL_CHARS: usize = 140;

/// Text for a Markdown table cell: one line, `|` escaped, cut to [`CELL_CHARS`] characters.
pub fn cell(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(CELL_CHARS).collect();
    if one_line.chars().count() > CELL_CHARS {
        out.push('…');
    }
    out.replace('|', "\\|")
}

/// One row of a Markdown table, without its line break: `| a | b |`. The cells are printed as
/// they are; free text goes through [`cell`] first.
pub fn row(cells: &[&dyn Display]) -> String {
    let mut out = String::from("|");
    for c in cells {
        let _ = write!(out, " {c} |");
    }
    out
}

/// Occurrences counted under a key (a diagnostic's code and message pattern, a violation's
/// pattern): how many, in how many places (crates, specs), and the first one as an example.
pub struct Tally<K> {
    by: BTreeMap<K, Count>,
}

/// What a [`Tally`] holds under one key.
struct Count {
    count: usize,
    places: BTreeSet<String>,
    example: String,
}

impl<K> Default for Tally<K> {
    fn default() -> Self {
        Tally {
            by: BTreeMap::new(),
        }
    }
}

impl<K: Ord> Tally<K> {
    /// One occurrence of `key` in `place`; `example` describes it when it is the key's first.
    pub fn add(&mut self, key: K, place: &str, example: impl FnOnce() -> String) {
        let count = self.by.entry(key).or_insert_with(|| Count {
            count: 0,
            places: BTreeSet::new(),
            example: example(),
        });
        count.count += 1;
        count.places.insert(place.to_owned());
    }

    pub fn is_empty(&self) -> bool {
        self.by.is_empty()
    }

    /// A table row per key, the most frequent first (a tie in key order): the cells
    /// `key_cells` makes of the key, then the count, the number of places and the example.
    pub fn rows(self, key_cells: impl Fn(&K) -> Vec<String>) -> Vec<String> {
        let mut counted: Vec<(K, Count)> = self.by.into_iter().collect();
        counted.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
        counted
            .into_iter()
            .map(|(key, c)| {
                let key_cells = key_cells(&key);
                let (places, example) = (c.places.len(), cell(&c.example));
                let mut cells: Vec<&dyn Display> =
                    key_cells.iter().map(|k| k as &dyn Display).collect();
                cells.extend([&c.count as &dyn Display, &places, &example]);
                row(&cells)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut() {
        let long = "x".repeat(CELL_CHARS + 10);
        let c = cell(&long);
        assert_eq!(c.chars().count(), CELL_CHARS + 1);
        assert!(c.ends_with('…'));
    }

    #[test]
    fn cells_are_one_line_with_bars_escaped() {
        for (text, want) in [
            ("plain", "plain"),
            ("a | b", "a \\| b"),
            ("two\nlines\t and  spaces ", "two lines and spaces"),
            ("", ""),
        ] {
            assert_eq!(cell(text), want, "{text:?}");
        }
        let exact = "y".repeat(CELL_CHARS);
        assert_eq!(cell(&exact), exact);
    }

    #[test]
    fn rows_print_their_cells_between_bars() {
        let cases: [(&[&dyn Display], &str); 4] = [
            (&[&1, &"a.com", &2.5], "| 1 | a.com | 2.5 |"),
            (&[&"", &"x"], "|  | x |"),
            (&[&"only"], "| only |"),
            (&[], "|"),
        ];
        for (cells, want) in cases {
            assert_eq!(row(cells), want);
        }
    }

    #[test]
    fn a_tally_counts_places_keeps_the_first_example_and_sorts_by_count() {
        let mut tally = Tally::default();
        assert!(tally.is_empty());
        for (key, place, example) in [
            ("b", "x.com", "b in x"),
            ("a", "x.com", "a in x"),
            ("c", "y.com", "c | in y"),
            ("c", "y.com", "second c in y"),
            ("c", "z.com", "c in z"),
            ("a", "z.com", "a in z"),
        ] {
            tally.add(key, place, || example.to_owned());
        }
        assert!(!tally.is_empty());
        assert_eq!(
            tally.rows(|k| vec![k.to_uppercase(), format!("`{k}`")]),
            [
                "| C | `c` | 3 | 2 | c \\| in y |",
                "| A | `a` | 2 | 2 | a in x |",
                "| B | `b` | 1 | 1 | b in x |",
            ]
        );
    }
}
