//! Values bound when a statement runs (`SqlExpr::Late`, SQLAlchemy's
//! `bindparam(callable_=…)`): the placeholder is written like any other,
//! its value is read by `Compiled::bound_params` at execution, and a value
//! that cannot be read fails the statement then.

use std::cell::RefCell;
use std::rc::Rc;

use super::build::*;
use crate::error::{Error, ErrorKind, Result};
use crate::sql::ast::{Late, LateValue, Param, SqlExpr};
use crate::sql::compile::Mode;

/// A value that can be changed after the statement is built.
struct Cell(RefCell<Option<Param>>);

impl LateValue for Cell {
    fn value(&self) -> Result<Param> {
        self.0
            .borrow()
            .clone()
            .ok_or_else(|| Error::new(ErrorKind::StatementError, "no value yet"))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn late(cell: &Rc<Cell>) -> SqlExpr {
    SqlExpr::Late {
        value: Late(cell.clone()),
        key: Some(rc("ant_id")),
    }
}

#[test]
fn late_values_are_read_when_bound() {
    let cell = Rc::new(Cell(RefCell::new(None)));
    let s = user_ids(vec![
        eq(col("user", "name"), text("a")),
        eq(late(&cell), col("user", "ant_id")),
    ]);
    let c = compile(&s, Mode::Execute);
    assert_eq!(
        c.sql,
        "SELECT user.id \nFROM user \nWHERE user.name = ? AND ? = user.ant_id"
    );
    assert_eq!(c.params, vec![ptext("a"), Param::Null]);
    assert_eq!(c.late.len(), 1);
    assert_eq!(c.late[0].0, 1);
    // No value yet: binding fails, as the statement would.
    let e = c.bound_params().unwrap_err();
    assert_eq!(e.kind, ErrorKind::StatementError);
    // The value as it is when the statement runs, not when it was compiled.
    *cell.0.borrow_mut() = Some(Param::Int(7));
    assert_eq!(&*c.bound_params().unwrap(), &[ptext("a"), Param::Int(7)]);
    *cell.0.borrow_mut() = Some(Param::Int(8));
    assert_eq!(&*c.bound_params().unwrap(), &[ptext("a"), Param::Int(8)]);
}

#[test]
fn late_values_in_other_modes() {
    let cell = Rc::new(Cell(RefCell::new(Some(Param::Int(3)))));
    let s = user_ids(vec![eq(late(&cell), col("user", "ant_id"))]);
    assert_eq!(
        compile(&s, Mode::Generic).sql,
        "SELECT \"user\".id \nFROM \"user\" \nWHERE :ant_id_1 = \"user\".ant_id"
    );
    assert_eq!(
        compile(&s, Mode::Inline).sql,
        "SELECT user.id \nFROM user \nWHERE 3 = user.ant_id"
    );
    *cell.0.borrow_mut() = None;
    assert_eq!(
        compile(&s, Mode::Inline).sql,
        "SELECT user.id \nFROM user \nWHERE NULL = user.ant_id"
    );
}
