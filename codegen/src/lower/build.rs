//! The body of each operation's `Operation::build` ([`Build`]): one call per parameter and
//! for the body, in the order path, query, header, cookie, body. The calls that can fail are
//! one expression, `first.and(second).and(…)`, rather than a statement with `?` each: the
//! answer is the same (the first error; a request whose build fails is dropped, so the calls
//! after a failed one change nothing anyone sees), and a `?` per call was, over GitHub's 1,223
//! operations, a second of the crate's `cargo check` and 40 MiB.

use super::params::Params;
use crate::ir::{Body, Build, Param};

/// The body of `Operation::build` for an operation's `params` and `body`.
pub(super) fn build(params: &Params, body: Option<&Body>) -> Build {
    let path = params.path.iter().map(|p| styled("path_param", p, ""));
    let query = params
        .query
        .iter()
        .map(|p| styled("query_param", p, &format!(", {}", p.allow_reserved)));
    let header = params.header.iter().map(|p| styled("header_param", p, ""));
    let cookie = params.cookie.iter().map(|p| {
        format!(
            "request.cookie_param({:?}, {}, {})",
            p.wire_name, p.value, p.explode
        )
    });
    let mut fallible: Vec<String> = path.chain(query).chain(header).chain(cookie).collect();
    let mut last = None;
    match body {
        Some(body) if body.fallible => fallible.push(body.expr.clone()),
        Some(body) => last = Some(format!("{};", body.expr)),
        None => {}
    }
    let receiver = if fallible.is_empty() && last.is_none() {
        "_request"
    } else {
        "request"
    };
    let chain: Vec<String> = fallible
        .into_iter()
        .enumerate()
        .map(|(i, call)| {
            if i == 0 {
                call
            } else {
                format!("    .and({call})")
            }
        })
        .collect();
    let lines = match last {
        None if chain.is_empty() => vec!["Ok(())".to_owned()],
        None => chain,
        Some(last) if chain.is_empty() => vec![last, "Ok(())".to_owned()],
        // The body that cannot fail still goes on last, after the parameters.
        Some(last) => {
            let mut chain = chain;
            if let Some(first) = chain.first_mut() {
                first.insert_str(0, "let built = ");
            }
            if let Some(end) = chain.last_mut() {
                end.push(';');
            }
            chain.extend([last, "built".to_owned()]);
            chain
        }
    };
    Build {
        receiver: receiver.to_owned(),
        lines,
    }
}

/// `request.METHOD("wire", value, Style::STYLE, explode…)`, `rest` after `explode`.
fn styled(method: &str, p: &Param, rest: &str) -> String {
    format!(
        "request.{method}({:?}, {}, Style::{}, {}{rest})",
        p.wire_name,
        p.value,
        p.style.variant(),
        p.explode
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{BodyKind, Location, Style};

    fn param(wire: &str, location: Location, style: Style) -> Param {
        Param {
            wire_name: wire.to_owned(),
            rust_name: wire.to_owned(),
            location,
            place: location.place().to_owned(),
            required: true,
            arg_type: "String".to_owned(),
            convert: String::new(),
            rust_type: "String".to_owned(),
            example: String::new(),
            doc_lines: Vec::new(),
            style,
            explode: false,
            allow_reserved: false,
            json: false,
            value: format!("&self.{wire}"),
        }
    }

    fn body(expr: &str, fallible: bool) -> Body {
        Body {
            media_type: "text/plain".to_owned(),
            kind: BodyKind::Text,
            param: param("body", Location::Body, Style::Simple),
            call: String::new(),
            expr: expr.to_owned(),
            fallible,
        }
    }

    #[test]
    fn fallible_calls_are_one_expression_in_wire_order_and_a_body_that_cannot_fail_goes_last() {
        let id = [param("id", Location::Path, Style::Simple)];
        let q = [param("q", Location::Query, Style::Form)];
        let h = [param("X-A", Location::Header, Style::Simple)];
        let c = [param("c", Location::Cookie, Style::Form)];
        let json = body("request.json(&self.body)", true);
        let text = body("request.text(\"text/plain\", &self.body)", false);
        let placed = |path: &[Param], query: &[Param], header: &[Param], cookie: &[Param], body| {
            let params = Params {
                path: path.to_vec(),
                query: query.to_vec(),
                header: header.to_vec(),
                cookie: cookie.to_vec(),
            };
            (params, body)
        };
        // (case, the operation's parameters and body, receiver, lines)
        type Case<'b> = (
            &'static str,
            (Params, Option<&'b Body>),
            &'static str,
            &'static [&'static str],
        );
        let table: [Case<'_>; 6] = [
            (
                "nothing",
                placed(&[], &[], &[], &[], None),
                "_request",
                &["Ok(())"],
            ),
            (
                "one parameter",
                placed(&id, &[], &[], &[], None),
                "request",
                &[r#"request.path_param("id", &self.id, Style::Simple, false)"#],
            ),
            (
                "every place, then a JSON body",
                placed(&id, &q, &h, &c, Some(&json)),
                "request",
                &[
                    r#"request.path_param("id", &self.id, Style::Simple, false)"#,
                    r#"    .and(request.query_param("q", &self.q, Style::Form, false, false))"#,
                    r#"    .and(request.header_param("X-A", &self.X-A, Style::Simple, false))"#,
                    r#"    .and(request.cookie_param("c", &self.c, false))"#,
                    "    .and(request.json(&self.body))",
                ],
            ),
            (
                "a text body alone",
                placed(&[], &[], &[], &[], Some(&text)),
                "request",
                &[r#"request.text("text/plain", &self.body);"#, "Ok(())"],
            ),
            (
                "one parameter, then a text body",
                placed(&id, &[], &[], &[], Some(&text)),
                "request",
                &[
                    r#"let built = request.path_param("id", &self.id, Style::Simple, false);"#,
                    r#"request.text("text/plain", &self.body);"#,
                    "built",
                ],
            ),
            (
                "two parameters, then a text body",
                placed(&id, &q, &[], &[], Some(&text)),
                "request",
                &[
                    r#"let built = request.path_param("id", &self.id, Style::Simple, false)"#,
                    r#"    .and(request.query_param("q", &self.q, Style::Form, false, false));"#,
                    r#"request.text("text/plain", &self.body);"#,
                    "built",
                ],
            ),
        ];
        for (case, (params, body), receiver, lines) in table {
            let built = build(&params, body);
            assert_eq!(built.receiver, receiver, "{case}");
            assert_eq!(built.lines, lines, "{case}");
        }
    }

    #[test]
    fn each_style_is_written_as_it_is_serialized() {
        for style in [
            Style::Form,
            Style::SpaceDelimited,
            Style::PipeDelimited,
            Style::DeepObject,
            Style::Simple,
            Style::Label,
            Style::Matrix,
        ] {
            assert_eq!(
                serde_json::to_value(style).ok(),
                Some(serde_json::Value::from(style.variant()))
            );
        }
    }
}
