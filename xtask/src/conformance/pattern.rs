//! A string that matches a JSON Schema `pattern`, for the common subset of ECMAScript regular
//! expressions that API descriptions use: literals and escapes, `.`, character classes with
//! ranges and negation, `\d \w \s` and their negations, groups (capturing, `(?:…)`, named),
//! alternation, the quantifiers `? * + {n} {n,} {n,m}` (lazy or not), and the anchors `^ $ \b`.
//! Lookarounds, back-references and Unicode property classes are not understood: [`sample`]
//! then says `None` and the caller falls back to a plain value.
//!
//! The string is built from the shortest choice of every quantifier, then with one, two, …
//! more repetitions of the unbounded and ranged ones, until its length fits the schema's
//! `minLength`/`maxLength`.

/// One element of a parsed pattern.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// A character that stands for itself.
    Literal(char),
    /// A class: its ranges, and whether it is negated.
    Class(Vec<(char, char)>, bool),
    /// A group of alternatives, each a sequence.
    Group(Vec<Vec<Node>>),
    /// `node{min,max}`; `max` is `None` when unbounded.
    Repeat(Box<Node>, u32, Option<u32>),
    /// `^`, `$`, `\b`, `\B`: zero-width.
    Anchor,
}

/// Longest string [`sample`] builds.
const MAX_LEN: usize = 4096;

/// Extra repetitions tried to reach `min_len`.
const MAX_EXTRA: u32 = 64;

/// A string of `min_len..=max_len` characters that `pattern` matches, or `None` when the
/// pattern uses what this module does not understand or no such string was found.
pub fn sample(pattern: &str, min_len: usize, max_len: Option<usize>) -> Option<String> {
    let mut parser = Parser {
        chars: pattern.chars().collect(),
        at: 0,
    };
    let alternatives = parser.alternatives()?;
    if parser.at != parser.chars.len() {
        return None;
    }
    let root = Node::Group(alternatives);
    for extra in 0..=MAX_EXTRA {
        let mut out = String::new();
        build(&root, extra, &mut out)?;
        let len = out.chars().count();
        if max_len.is_some_and(|max| len > max) {
            return None;
        }
        if len >= min_len {
            return Some(out);
        }
    }
    None
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// `a|b|…` up to a `)` or the end.
    fn alternatives(&mut self) -> Option<Vec<Vec<Node>>> {
        let mut out = vec![self.sequence()?];
        while self.eat('|') {
            out.push(self.sequence()?);
        }
        Some(out)
    }

    fn sequence(&mut self) -> Option<Vec<Node>> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            out.push(self.quantified(atom)?);
        }
        Some(out)
    }

    fn atom(&mut self) -> Option<Node> {
        match self.next()? {
            '^' | '$' => Some(Node::Anchor),
            '.' => Some(Node::Class(vec![('\n', '\n'), ('\r', '\r')], true)),
            '[' => self.class(),
            '(' => {
                if self.eat('?') {
                    match self.next()? {
                        ':' => {}
                        '<' if !matches!(self.peek(), Some('=' | '!')) => self.group_name()?,
                        'P' if self.eat('<') => self.group_name()?,
                        // Lookarounds and flags.
                        _ => return None,
                    }
                }
                let alternatives = self.alternatives()?;
                self.eat(')').then_some(Node::Group(alternatives))
            }
            '\\' => self.escape(false),
            // A quantifier with nothing to repeat, or a stray `)`.
            '*' | '+' | '?' | ')' => None,
            '{' if self.looks_like_quantifier() => None,
            c => Some(Node::Literal(c)),
        }
    }

    fn group_name(&mut self) -> Option<()> {
        while let Some(c) = self.next() {
            if c == '>' {
                return Some(());
            }
        }
        None
    }

    /// The part of a class after `[`.
    fn class(&mut self) -> Option<Node> {
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = self.next()?;
            if c == ']' && !first {
                break;
            }
            first = false;
            let start = match c {
                '\\' => match self.escape(true)? {
                    Node::Literal(l) => l,
                    Node::Class(inner, false) => {
                        ranges.extend(inner);
                        continue;
                    }
                    // `[^\D]` and the like: not worth understanding.
                    _ => return None,
                },
                c => c,
            };
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                self.at += 1;
                let end = match self.next()? {
                    '\\' => match self.escape(true)? {
                        Node::Literal(l) => l,
                        _ => return None,
                    },
                    e => e,
                };
                if end < start {
                    return None;
                }
                ranges.push((start, end));
            } else {
                ranges.push((start, start));
            }
        }
        Some(Node::Class(ranges, negated))
    }

    /// The part of an escape after `\`; `in_class` when inside `[…]` (where `\b` is a
    /// backspace).
    fn escape(&mut self, in_class: bool) -> Option<Node> {
        let class = |ranges: &[(char, char)], negated| Node::Class(ranges.to_vec(), negated);
        const DIGIT: &[(char, char)] = &[('0', '9')];
        const WORD: &[(char, char)] = &[('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')];
        const SPACE: &[(char, char)] = &[(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')];
        Some(match self.next()? {
            'd' => class(DIGIT, false),
            'D' => class(DIGIT, true),
            'w' => class(WORD, false),
            'W' => class(WORD, true),
            's' => class(SPACE, false),
            'S' => class(SPACE, true),
            'b' if in_class => Node::Literal('\u{8}'),
            'b' | 'B' => Node::Anchor,
            'n' => Node::Literal('\n'),
            'r' => Node::Literal('\r'),
            't' => Node::Literal('\t'),
            'f' => Node::Literal('\u{c}'),
            'v' => Node::Literal('\u{b}'),
            '0' => Node::Literal('\0'),
            'x' => Node::Literal(self.hex(2)?),
            'u' if self.eat('{') => {
                let start = self.at;
                while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                    self.at += 1;
                }
                let digits: String = self.chars[start..self.at].iter().collect();
                let c = char::from_u32(u32::from_str_radix(&digits, 16).ok()?)?;
                self.eat('}').then_some(Node::Literal(c))?
            }
            'u' => Node::Literal(self.hex(4)?),
            // Back-references, `\p{…}`, `\k<…>`, control escapes.
            c if c.is_ascii_alphanumeric() => return None,
            c => Node::Literal(c),
        })
    }

    fn hex(&mut self, digits: usize) -> Option<char> {
        let text: String = self.chars.get(self.at..self.at + digits)?.iter().collect();
        let c = char::from_u32(u32::from_str_radix(&text, 16).ok()?)?;
        self.at += digits;
        Some(c)
    }

    fn looks_like_quantifier(&self) -> bool {
        let rest: String = self.chars[self.at..].iter().take(24).collect();
        quantifier_bounds(&rest).is_some()
    }

    fn quantified(&mut self, atom: Node) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                let rest: String = self.chars[self.at + 1..].iter().take(24).collect();
                match quantifier_bounds(&rest) {
                    Some((min, max, used)) => {
                        self.at += used;
                        (min, max)
                    }
                    // A `{` that is no quantifier stands for itself (Annex B).
                    None => return Some(atom),
                }
            }
            _ => return Some(atom),
        };
        self.at += 1;
        // Lazy and possessive suffixes change which match is found, not which strings match.
        if !self.eat('?') {
            self.eat('+');
        }
        if matches!(atom, Node::Anchor) {
            return Some(atom);
        }
        Some(Node::Repeat(Box::new(atom), min, max))
    }
}

/// `n}`, `n,}` or `n,m}` at the start of `rest` (the text after `{`): the bounds and how many
/// characters of `rest` they take, not counting the `}`.
fn quantifier_bounds(rest: &str) -> Option<(u32, Option<u32>, usize)> {
    let close = rest.find('}')?;
    let inner = &rest[..close];
    let (min, max) = match inner.split_once(',') {
        None => {
            let n = inner.parse().ok()?;
            (n, Some(n))
        }
        Some((min, "")) => (min.parse().ok()?, None),
        Some((min, max)) => (min.parse().ok()?, Some(max.parse().ok()?)),
    };
    if max.is_some_and(|m| m < min) {
        return None;
    }
    Some((min, max, close + 1))
}

/// Appends a string `node` matches: the first alternative of each group, each quantifier's
/// minimum, plus `extra` repetitions where the quantifier allows more.
fn build(node: &Node, extra: u32, out: &mut String) -> Option<()> {
    match node {
        Node::Literal(c) => out.push(*c),
        Node::Class(ranges, negated) => out.push(class_char(ranges, *negated)?),
        Node::Group(alternatives) => {
            // The first alternative that matches something non-empty, else the first.
            let pick = alternatives
                .iter()
                .find(|seq| {
                    let mut probe = String::new();
                    seq.iter().all(|n| build(n, 0, &mut probe).is_some()) && !probe.is_empty()
                })
                .or(alternatives.first())?;
            for n in pick {
                build(n, extra, out)?;
            }
        }
        Node::Repeat(inner, min, max) => {
            let count = match max {
                Some(max) => (*min + extra).min(*max),
                None => *min + extra,
            };
            for _ in 0..count {
                build(inner, extra, out)?;
                if out.len() > MAX_LEN {
                    return None;
                }
            }
        }
        Node::Anchor => {}
    }
    (out.len() <= MAX_LEN).then_some(())
}

/// A character of the class: a letter or digit when it has one, else its first character;
/// for a negated class, a plain letter, digit or `_` outside it.
fn class_char(ranges: &[(char, char)], negated: bool) -> Option<char> {
    let inside = |c: char| ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
    let preferred = ['a', 'A', '0', 'x', 'Z', '9', '_', '-'];
    if negated {
        return preferred.into_iter().find(|&c| !inside(c));
    }
    preferred
        .into_iter()
        .find(|&c| inside(c))
        .or_else(|| {
            ranges.iter().find_map(|&(lo, hi)| {
                // A letter or digit inside a wider range, such as `[b-f]`.
                (lo..=hi).take(256).find(char::is_ascii_alphanumeric)
            })
        })
        .or_else(|| ranges.first().map(|&(lo, _)| lo))
}

#[cfg(test)]
mod tests {
    use super::sample;

    #[test]
    fn samples_match_their_pattern() {
        for (pattern, min, max, want) in [
            ("^[a-z]{2}-[0-9]+$", 0, None, Some("aa-0")),
            ("^\\d{3}$", 0, None, Some("000")),
            ("abc", 0, None, Some("abc")),
            ("^(foo|bar)_\\w*$", 0, None, Some("foo_")),
            ("^(?:x|y)?z$", 0, None, Some("z")),
            ("^[A-Z][a-z]+$", 5, None, Some("Aaaaa")),
            ("^[^/]+$", 0, None, Some("a")),
            ("^\\S+@\\S+\\.\\S+$", 0, None, Some("a@a.a")),
            (
                "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}$",
                0,
                None,
                Some("aaaaaaaa-aaaa"),
            ),
            ("^[A-Z]{3}$", 0, Some(2), None),
            ("^\\+?[1-9]\\d{1,14}$", 0, None, Some("90")),
            ("^(?<year>\\d{4})$", 0, None, Some("0000")),
            ("^a{2,}$", 4, None, Some("aaaa")),
            ("^[.]$", 0, None, Some(".")),
            ("^[-_a]$", 0, None, Some("a")),
            ("^[!-~]$", 0, None, Some("a")),
            ("^[!-/]$", 0, None, Some("-")),
            ("^[b-f]$", 0, None, Some("b")),
            ("^[!-#]$", 0, None, Some("!")),
            ("^\\$\\{[a-z]\\}$", 0, None, Some("${a}")),
            ("^x{,3}$", 0, None, Some("x{,3}")),
            ("^(|abc)$", 0, None, Some("abc")),
            ("^\\u0041\\x42$", 0, None, Some("AB")),
            // Not understood.
            ("^(?=a)a$", 0, None, None),
            ("^(a)\\1$", 0, None, None),
            ("^\\p{L}+$", 0, None, None),
            ("^[a-z", 0, None, None),
            ("^(ab$", 0, None, None),
            ("*a", 0, None, None),
        ] {
            assert_eq!(
                sample(pattern, min, max).as_deref(),
                want,
                "{pattern} min {min} max {max:?}"
            );
        }
    }
}
