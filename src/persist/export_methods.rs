//! `.export python`'s methods: each `def` of a `class X(db.Model):` body
//! (with its decorators, docstring and comments inside it) written from
//! the model's stored source, indented as a class body's member, so that a
//! `models.py` read back with `.read` (or imported by Flask) has the
//! methods and properties the class had.

use crate::syntax::ast::FuncDef;

/// The source text of the method `f` of a class whose source is `src`:
/// from the line of its first decorator (or its `def`) to the end of its
/// last statement, re-indented to four spaces.
pub fn method_text(src: &str, f: &FuncDef) -> Option<String> {
    let first = f
        .decorators
        .iter()
        .map(|d| d.span.start)
        .chain([f.name.span.start])
        .min()? as usize;
    let last = f.body.iter().map(|s| s.span.end).max()? as usize;
    lines_text(src, first, last)
}

/// The source of a class body's `def __repr__(self): return EXPR` (or
/// `__str__`), kept as a member: the whole `def` as written (a return
/// value in parentheses over two lines keeps its parentheses), or None
/// when the member was written `__repr__ = EXPR`.
pub fn repr_def_text(src: &str, member: &crate::syntax::ast::Member) -> Option<String> {
    let (start, end) = (member.span.start as usize, member.span.end as usize);
    if !src.get(start..end)?.starts_with("def") {
        return None;
    }
    lines_text(src, start, end)
}

/// The whole lines of `src` from the one holding `first` to the one
/// holding `last`, re-indented to four spaces.
fn lines_text(src: &str, first: usize, last: usize) -> Option<String> {
    if first > src.len() || last > src.len() || first > last {
        return None;
    }
    let start = src[..first].rfind('\n').map_or(0, |i| i + 1);
    let end = src[last..].find('\n').map_or(src.len(), |i| last + i);
    let text = src.get(start..end)?;
    let indent: String = text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    if indent == "    " {
        return Some(text.to_string());
    }
    // Another indentation: each line's leading `indent` becomes four
    // spaces (and a deeper line keeps what follows it).
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| match l.strip_prefix(indent.as_str()) {
            Some(rest) => format!("    {}", reindent(rest, &indent)),
            None => l.to_string(),
        })
        .collect();
    Some(lines.join("\n"))
}

/// A body line's deeper indentation, counted in steps of the class's own
/// `step`, written as four spaces per step.
fn reindent(rest: &str, step: &str) -> String {
    let mut rest = rest;
    let mut out = String::new();
    while !step.is_empty()
        && let Some(r) = rest.strip_prefix(step)
    {
        out.push_str("    ");
        rest = r;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::StmtKind;
    use crate::syntax::parse_chunk;

    fn methods(src: &str) -> Vec<String> {
        let stmts = parse_chunk(src).unwrap();
        let StmtKind::Model(def) = &stmts[0].kind else {
            panic!("not a model")
        };
        def.methods
            .iter()
            .map(|f| method_text(src, f).unwrap())
            .collect()
    }

    #[test]
    fn methods_keep_their_decorators_and_body() {
        let src = "class U(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n    @property\n    def up(self):\n        \"\"\"Up.\"\"\"\n        return 1\n\n    def f(self, x=2):\n        if x:\n            return x\n        return 0\n";
        assert_eq!(
            methods(src),
            [
                "    @property\n    def up(self):\n        \"\"\"Up.\"\"\"\n        return 1",
                "    def f(self, x=2):\n        if x:\n            return x\n        return 0",
            ]
        );
    }

    #[test]
    fn a_method_after_one_ending_in_a_block_is_written_once() {
        let src = "class U(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n    def a(self):\n        for i in range(2):\n            if i:\n                return i\n\n    @staticmethod\n    def b():\n        return 2\n\n    def c(self):\n        return 3\n";
        assert_eq!(
            methods(src),
            [
                "    def a(self):\n        for i in range(2):\n            if i:\n                return i",
                "    @staticmethod\n    def b():\n        return 2",
                "    def c(self):\n        return 3",
            ]
        );
    }

    #[test]
    fn two_space_bodies_are_written_with_four() {
        let src = "class U(db.Model):\n  id = db.Column(db.Integer, primary_key=True)\n  def f(self):\n    return 1\n";
        assert_eq!(methods(src), ["    def f(self):\n        return 1"]);
    }
}
