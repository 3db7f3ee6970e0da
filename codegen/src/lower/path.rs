//! Path templates (`/rooms/{roomJid}/messages`), parsed once into literal text and parameter
//! holes.

/// One piece of a path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// Text sent as written.
    Literal(&'a str),
    /// A `{name}` hole.
    Param(&'a str),
}

/// A parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate<'a> {
    /// The pieces, in order.
    pub parts: Vec<Part<'a>>,
}

impl<'a> PathTemplate<'a> {
    /// Parses `path`. An unterminated `{` is literal text.
    pub fn parse(path: &'a str) -> Self {
        let mut parts = Vec::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            if open > 0 {
                parts.push(Part::Literal(&rest[..open]));
            }
            parts.push(Part::Param(&rest[open + 1..close]));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest));
        }
        PathTemplate { parts }
    }

    /// The parameter names, in order of appearance.
    pub fn params(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Param(name) => Some(*name),
            Part::Literal(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_into_literals_and_holes() {
        let cases: &[(&str, &[Part<'_>])] = &[
            (
                "/a/{x}/b/{y}",
                &[
                    Part::Literal("/a/"),
                    Part::Param("x"),
                    Part::Literal("/b/"),
                    Part::Param("y"),
                ],
            ),
            ("/a", &[Part::Literal("/a")]),
            (
                "/files/{name}.{ext}",
                &[
                    Part::Literal("/files/"),
                    Part::Param("name"),
                    Part::Literal("."),
                    Part::Param("ext"),
                ],
            ),
            ("/a/{unterminated", &[Part::Literal("/a/{unterminated")]),
            ("/a}b", &[Part::Literal("/a}b")]),
        ];
        for (path, parts) in cases {
            let t = PathTemplate::parse(path);
            assert_eq!(t.parts, *parts, "{path}");
        }
        let t = PathTemplate::parse("/a/{x}/b/{y}");
        assert_eq!(t.params().collect::<Vec<_>>(), ["x", "y"]);
    }
}
