//! How SQLAlchemy writes a window function (`SQLCompiler.visit_over`):
//! `func OVER (PARTITION BY a, b ORDER BY c DESC ROWS BETWEEN … AND …)`,
//! each clause only when given, `OVER ()` with none; the frame as
//! `visit_frame_clause` writes it, its offsets bound (`?`).

use std::rc::Rc;

use super::ast::{Param, SqlExpr};
use super::compile::Compiler;

/// Which frame `over()` was given: `rows=`, `range_=` or `groups=`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FrameUnit {
    Rows,
    Range,
    Groups,
}

/// One end of a frame: SQLAlchemy's `FrameClauseType` with its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FrameBound {
    /// `None`: `UNBOUNDED PRECEDING` at the start, `UNBOUNDED FOLLOWING`
    /// at the end.
    Unbounded,
    /// `0`: `CURRENT ROW`.
    Current,
    /// A negative offset, written as its absolute value: `? PRECEDING`.
    Preceding(i64),
    /// A positive offset: `? FOLLOWING`.
    Following(i64),
}

impl FrameBound {
    /// `FrameClause._handle_int`: `None`, `0`, `-n`, `n`.
    pub fn of(v: Option<i64>) -> FrameBound {
        match v {
            None => FrameBound::Unbounded,
            Some(0) => FrameBound::Current,
            Some(n) if n < 0 => FrameBound::Preceding(n.saturating_abs()),
            Some(n) => FrameBound::Following(n),
        }
    }
}

/// SQLAlchemy's `FrameClause` of an `Over`, with its `exclude=`.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub unit: FrameUnit,
    pub lower: FrameBound,
    pub upper: FrameBound,
    /// `EXCLUDE CURRENT ROW | GROUP | TIES | NO OTHERS`, as given.
    pub exclude: Option<Rc<str>>,
}

impl Compiler {
    pub(super) fn over(
        &mut self,
        func: &SqlExpr,
        partition_by: &[SqlExpr],
        order_by: &[SqlExpr],
        frame: Option<&Frame>,
    ) {
        self.expr(func);
        self.push(" OVER (");
        let mut sep = "";
        if !partition_by.is_empty() {
            self.push("PARTITION BY ");
            self.list(partition_by, ", ", |c, a| c.expr(a));
            sep = " ";
        }
        if !order_by.is_empty() {
            self.push(sep);
            self.push("ORDER BY ");
            self.list(order_by, ", ", |c, a| c.expr(a));
            sep = " ";
        }
        if let Some(f) = frame {
            self.push(sep);
            self.push(match f.unit {
                FrameUnit::Rows => "ROWS BETWEEN ",
                FrameUnit::Range => "RANGE BETWEEN ",
                FrameUnit::Groups => "GROUPS BETWEEN ",
            });
            self.frame_bound(f.lower, "UNBOUNDED PRECEDING");
            self.push(" AND ");
            self.frame_bound(f.upper, "UNBOUNDED FOLLOWING");
            if let Some(x) = &f.exclude {
                self.push(" EXCLUDE ");
                self.push(x);
            }
        }
        self.push(")");
    }

    fn frame_bound(&mut self, b: FrameBound, unbounded: &str) {
        match b {
            FrameBound::Unbounded => self.push(unbounded),
            FrameBound::Current => self.push("CURRENT ROW"),
            FrameBound::Preceding(n) | FrameBound::Following(n) => {
                self.expr(&SqlExpr::Param {
                    value: Param::Int(n),
                    key: None,
                });
                self.push(if matches!(b, FrameBound::Preceding(_)) {
                    " PRECEDING"
                } else {
                    " FOLLOWING"
                });
            }
        }
    }
}
