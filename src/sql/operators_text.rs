//! How binary operators are written: the text between the operands
//! (SQLAlchemy's `OPERATORS` table, `symbol`), a binary expression with
//! its operands marked as inside an operator (`_in_operator_expression`),
//! and the operators each dialect writes its own way
//! (`visit_match_op_binary`, `visit_is_distinct_from_binary`,
//! `visit_bitwise_xor_op_binary`): full-text `MATCH`, `IS [NOT] DISTINCT
//! FROM` and XOR, read from the compiler's [`Dialect`](super::dialect::Dialect).

use super::ast::{BinaryOp, SqlExpr};
use super::compile::Compiler;
use super::precedence::Op;

/// The text of an operator written between its operands.
pub(super) fn symbol(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Eq => " = ",
        Ne => " != ",
        Lt => " < ",
        Le => " <= ",
        Gt => " > ",
        Ge => " >= ",
        Is => " IS ",
        IsNot => " IS NOT ",
        Like | StartsWith | EndsWith | Contains | IStartsWith | IEndsWith | IContains => " LIKE ",
        NotLike | NotStartsWith | NotEndsWith | NotContains | NotIStartsWith | NotIEndsWith
        | NotIContains => " NOT LIKE ",
        Regexp => " REGEXP ",
        NotRegexp => " NOT REGEXP ",
        Match | NotMatch => " MATCH ",
        DistinctFrom => " IS DISTINCT FROM ",
        NotDistinctFrom => " IS NOT DISTINCT FROM ",
        BitAnd => " & ",
        BitOr => " | ",
        BitXor => " ^ ",
        LShift => " << ",
        RShift => " >> ",
        ILike => " LIKE ",
        NotILike => " NOT LIKE ",
        Add => " + ",
        Sub => " - ",
        Mul => " * ",
        Div | TrueDivInt | FloorDiv | TrueDivCast => " / ",
        Mod => " % ",
        Concat => " || ",
    }
}

impl Compiler {
    /// `left op right`; `escape` only for the LIKE family. Its operands
    /// are written inside an operator expression (SQLAlchemy's
    /// `_in_operator_expression`, which SQLite's XOR reads).
    pub(super) fn binary(
        &mut self,
        op: BinaryOp,
        left: &SqlExpr,
        right: &SqlExpr,
        escape: Option<&str>,
    ) {
        let outer = std::mem::replace(&mut self.in_operator, true);
        self.binary_in(op, left, right, escape, outer);
        self.in_operator = outer;
    }

    /// `left op right` for the operators whose text the dialect gives.
    /// `in_operator`: this expression is itself an operand (SQLAlchemy's
    /// `_in_operator_expression`), where SQLite's XOR groups its halves.
    pub(super) fn dialect_binary(
        &mut self,
        op: BinaryOp,
        left: &SqlExpr,
        right: &SqlExpr,
        in_operator: bool,
    ) {
        use BinaryOp::*;
        match op {
            Match | NotMatch => {
                // `visit_not_match_op_binary`: `NOT` before the match.
                if op == NotMatch {
                    self.push("NOT ");
                }
                let (infix, suffix) = self.dialect.match_text;
                self.child(left, Op::Bin(op));
                self.push(infix);
                if suffix.is_empty() {
                    self.child(right, Op::Bin(op));
                } else {
                    // A function's argument: never grouped.
                    self.expr(right);
                    self.push(suffix);
                }
            }
            DistinctFrom | NotDistinctFrom => {
                let (yes, no) = self.dialect.distinct_from;
                self.child(left, Op::Bin(op));
                self.push(if op == DistinctFrom { yes } else { no });
                self.child(right, Op::Bin(op));
            }
            _ => match self.dialect.xor {
                Some(symbol) => {
                    self.child(left, Op::Bin(op));
                    self.push(symbol);
                    self.child(right, Op::Bin(op));
                }
                // SQLite has no XOR: `(a | b - a & b)`, each half grouped
                // when the XOR is itself an operand (`eager_grouping`).
                None => {
                    self.push("(");
                    self.xor_half(left, right, " | ", in_operator);
                    self.push(" - ");
                    self.xor_half(left, right, " & ", in_operator);
                    self.push(")");
                }
            },
        }
    }

    fn xor_half(&mut self, left: &SqlExpr, right: &SqlExpr, symbol: &str, grouped: bool) {
        if grouped {
            self.push("(");
        }
        self.child(left, Op::Bin(BinaryOp::BitXor));
        self.push(symbol);
        self.child(right, Op::Bin(BinaryOp::BitXor));
        if grouped {
            self.push(")");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::sql::ast::{BinaryOp, SqlExpr};
    use crate::sql::compile::{Mode, expression};
    use crate::sql::dialect::{DEFAULT, Dialect, POSTGRESQL, SQLITE};
    use crate::sql::tests::build::{bin, col, int, not};

    fn text(e: &SqlExpr, d: &'static Dialect) -> String {
        expression(e, Mode::Display, d).sql
    }

    /// As SQLAlchemy 2.0's compilers write them (`str()` of the element
    /// compiled for each dialect).
    #[test]
    fn each_dialect_writes_its_own() {
        use BinaryOp::*;
        let n = || col("item", "n");
        let m = bin(Match, col("item", "name"), int(1));
        assert_eq!(text(&m, &SQLITE), "item.name MATCH ?");
        assert_eq!(text(&not(m.clone()), &SQLITE), "NOT item.name MATCH ?");
        assert_eq!(
            text(&not(m), &POSTGRESQL),
            "NOT item.name @@ plainto_tsquery(%(name_1)s)"
        );
        let d = bin(DistinctFrom, n(), int(1));
        assert_eq!(text(&d, &SQLITE), "item.n IS NOT ?");
        assert_eq!(text(&not(d.clone()), &SQLITE), "item.n IS ?");
        assert_eq!(text(&d, &POSTGRESQL), "item.n IS DISTINCT FROM %(n_1)s");
        assert_eq!(text(&not(d), &DEFAULT), "item.n IS NOT DISTINCT FROM ?");
        let x = bin(BitXor, n(), int(1));
        assert_eq!(text(&x, &SQLITE), "(item.n | ? - item.n & ?)");
        assert_eq!(text(&x, &POSTGRESQL), "item.n # %(n_1)s");
        assert_eq!(text(&x, &DEFAULT), "item.n ^ ?");
        // Inside an operator the halves are grouped (`eager_grouping`).
        let eq = bin(Eq, x, int(3));
        assert_eq!(text(&eq, &SQLITE), "((item.n | ?) - (item.n & ?)) = ?");
        let inv = SqlExpr::BitNot(Box::new(bin(BitAnd, n(), int(2))));
        assert_eq!(text(&inv, &SQLITE), "~(item.n & ?)");
    }
}
