//! `s = s + t` and `s += t` on a string variable, appended in place. As
//! CPython's `unicode_concatenate` does, the variable lets go of its string
//! once both operands are evaluated and before they are joined, so that when
//! nothing else holds the string (no alias such as `t = s`, no list item)
//! [`PyStr::push_str`] can append to it instead of copying it: building a
//! string piece by piece in a loop is then linear, not quadratic. To the
//! user nothing changes — an alias keeps the old text, and an error leaves
//! the variable as it was. Here too: a list's `+=`, which extends the list
//! in place as Python's does.

use std::rc::Rc;

use crate::error::Result;
use crate::syntax::ast::{BinOp, Expr, ExprKind};
use crate::syntax::span::Span;
use crate::value::{PyStr, Value};

use super::Interp;

/// The variable of `NAME = NAME + right`, with the left operand and
/// `right`; `None` for any other assignment.
pub(super) fn self_concat<'a>(
    target: &'a Expr,
    value: &'a Expr,
) -> Option<(&'a Rc<str>, &'a Expr, &'a Expr)> {
    let ExprKind::Name(name) = &target.kind else {
        return None;
    };
    match &value.kind {
        ExprKind::Binary {
            op: BinOp::Add,
            left,
            right,
        } if matches!(&left.kind, ExprKind::Name(n) if n == name) => Some((name, left, right)),
        _ => None,
    }
}

impl Interp {
    /// Can a variable's slot be released here? Only a global outside a
    /// model declaration (a declaration checks every read and write, and a
    /// comprehension's or lambda's frame is no place for a statement).
    pub(super) fn may_release(&self) -> bool {
        self.locals.is_empty() && !self.is_declaring()
    }

    /// `name = left + right`, or `name += right` when `aug` (the caller
    /// has checked that `left` reads `name` and [`Interp::may_release`]): the operands are evaluated as
    /// usual; when both are strings the variable lets go of its own before
    /// they are joined; errors of the `+` are marked at `span`.
    pub(super) fn concat_into(
        &mut self,
        name: &Rc<str>,
        left: &Expr,
        right: &Expr,
        span: Span,
        aug: bool,
    ) -> Result<()> {
        let a = self.eval(left)?;
        let b = self.eval(right)?;
        let v = match (a.into_str(), b.into_str()) {
            (Ok(mut head), Ok(tail)) => {
                self.release_global(name, &head);
                let joined = head.push_str(&tail);
                // The joined string, or (after an error) the unchanged one.
                self.set_name(name.clone(), Value::Str(head));
                return joined.map_err(|e| e.at(span));
            }
            (a, b) => {
                let (a, b) = (
                    a.map_or_else(|v| v, Value::Str),
                    b.map_or_else(|v| v, Value::Str),
                );
                if aug {
                    self.augment(BinOp::Add, a, b).map_err(|e| e.at(span))?
                } else {
                    self.binary(BinOp::Add, a, b).map_err(|e| e.at(span))?
                }
            }
        };
        self.set_name(name.clone(), v);
        Ok(())
    }

    /// `cur op= rhs` on values: a list's `+=` extends the list itself with
    /// the items of any iterable, as Python's `list.__iadd__` does (an alias
    /// sees the new items); every other `op=` is `cur op rhs`.
    pub(super) fn augment(&mut self, op: BinOp, cur: Value, rhs: Value) -> Result<Value> {
        if let (BinOp::Add, Value::List(l)) = (op, &cur) {
            let items = self.to_vec(&rhs)?;
            crate::value::reserve_items(l.borrow().len().saturating_add(items.len()))?;
            l.borrow_mut().extend(items);
            return Ok(cur);
        }
        if let Some(r) = crate::eval::pyset_ops::augment(op, &cur, &rhs) {
            r?;
            return Ok(cur);
        }
        self.binary(op, cur, rhs)
    }

    /// Empty the global `name` when it holds `held` itself, so that `held`
    /// may be the string's only holder (the caller stores a value back).
    fn release_global(&mut self, name: &str, held: &PyStr) {
        if let Some(slot) = self.globals.get_mut(name)
            && matches!(slot, Value::Str(s) if PyStr::ptr_eq(s, held))
        {
            *slot = Value::None;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use crate::engine::Engine;
    use crate::eval::Interp;
    use crate::orm::session::Session;
    use crate::syntax::parse_chunk;
    use crate::value::Value;
    use crate::value::pystr::bytes_copied;

    fn interp() -> Interp {
        let engine = Engine::open(None, false).expect("memory database");
        Interp::new(Session::new(engine), Box::new(std::io::sink()))
    }

    /// Run `src` on a fresh interpreter; the bytes its string joins copied
    /// (counted on this thread), and the interpreter to read variables of.
    fn copied_by(src: &str) -> (u64, Interp) {
        let mut me = interp();
        let stmts = parse_chunk(src).expect("parses");
        me.source = Rc::from(src);
        let before = bytes_copied();
        me.run(&stmts).expect("runs");
        (bytes_copied() - before, me)
    }

    fn text(me: &Interp, name: &str) -> String {
        match me.get_global(name) {
            Some(Value::Str(s)) => s.to_string(),
            _ => panic!("{name} is not a string"),
        }
    }

    #[test]
    fn building_a_string_in_a_loop_copies_each_byte_about_once() {
        // Copying the whole string at each step would be 20,000,100,000
        // bytes; appending in place is one byte a step.
        for stmt in ["s = s + 'x'", "s += 'x'"] {
            let (copied, me) = copied_by(&format!("s = ''\nfor i in range(200000): {stmt}"));
            assert_eq!(text(&me, "s").len(), 200_000);
            assert!(copied <= 2 * 200_000, "{stmt}: {copied} bytes copied");
        }
    }

    #[test]
    fn an_alias_keeps_its_text_and_makes_the_next_join_a_copy() {
        let (copied, me) =
            copied_by("s = 'ab' + 'c'\nt = s\ns += 'd'\ns = s + 'e'\nu = [s]\ns += 'f'");
        assert_eq!(text(&me, "s"), "abcdef");
        assert_eq!(text(&me, "t"), "abc");
        // 'ab' made whole (a literal is one allocation without room:
        // `PyStr`) copied into room to grow with 'c' (3), the copy away
        // from t (4), 'e' in place (1), the copy away from the list (6).
        assert_eq!(copied, 3 + 4 + 1 + 6);
    }

    #[test]
    fn a_failed_join_leaves_the_variable_as_it_was() {
        let mut me = interp();
        for src in ["s = 'ab'", "s = s + 1", "s += 2", "s += undefined_name"] {
            let stmts = parse_chunk(src).expect("parses");
            let _ = me.run(&stmts);
            assert_eq!(text(&me, "s"), "ab", "after {src}");
        }
        // Longer than ormsh builds (10^8 characters): a MemoryError, both
        // when the string would grow in place and when it would be copied.
        let stmts = parse_chunk("s = 'a' * 60000000\ns += 'b' * 50000000").expect("parses");
        let err = me.run(&stmts).expect_err("too long");
        assert!(err.to_string().contains("MemoryError"), "{err}");
        let stmts = parse_chunk("s = s + s").expect("parses");
        let err = me.run(&stmts).expect_err("too long");
        assert!(err.to_string().contains("MemoryError"), "{err}");
        match me.get_global("s") {
            Some(Value::Str(s)) => assert!(s.len() == 60_000_000 && s.bytes().all(|b| b == b'a')),
            _ => panic!("s is not a string"),
        }
    }
}
