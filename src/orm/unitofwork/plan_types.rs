//! The data a flush's plan is made of: its steps, the statements with
//! their rows, and the parameters bound when they run (`PlanParam`).
//! Built by `plan`, run by `emit`; re-exported from `plan`.

use std::rc::Rc;

use crate::error::Error;
use crate::orm::instance::Instance;
use crate::orm::unitofwork::states::PlanValue;
use crate::schema::types::ColumnType;
use crate::sql::ast::{Param, SqlExpr};
use crate::value::Value;

/// A parameter of a planned statement.
#[derive(Clone)]
pub enum PlanParam {
    /// Known when planned.
    Bound(Param),
    /// Column `col` of `inst` when the statement runs (a key an earlier
    /// INSERT of the plan numbers), bound as a `ty` column binds it.
    Deferred {
        inst: Rc<Instance>,
        col: usize,
        ty: Box<ColumnType>,
    },
    /// Part `part` of the key `inst`'s row has in the database when the
    /// statement runs (an earlier UPDATE may have changed it).
    RowKey { inst: Rc<Instance>, part: usize },
    /// SQL written inline (a SQL `default=` or `onupdate=`) and the
    /// values it binds (`sql_values`).
    /// (Both boxed: a plan holds one `PlanParam` per column of every row
    /// it writes, so the enum is kept at 32 bytes.)
    Sql {
        sql: Box<SqlExpr>,
        params: Box<[Param]>,
    },
}

/// What a statement does, for the bookkeeping after each row.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Op {
    /// INSERT of a new object; the column the database numbers, if any.
    Insert { auto_pk: Option<usize> },
    /// UPDATE of an object's changed columns.
    Update,
    /// DELETE of an object.
    Delete,
    /// An association row gained.
    AssocInsert,
    /// Association rows lost, one per row: together they must match as
    /// many rows (SQLAlchemy's check), unless `by_owner` (all rows of an
    /// owner whose collection is not in memory).
    AssocDelete { by_owner: bool },
}

/// One row of a statement: its parameters, the object it writes (for the
/// bookkeeping and for saying what failed) and, for an UPDATE, the
/// columns changed and the `onupdate=` values it writes, which the object
/// holds once the row is written.
pub struct Row {
    pub inst: Option<Rc<Instance>>,
    pub params: Vec<PlanParam>,
    pub cols: Vec<usize>,
    pub onupdate: Vec<(usize, Value)>,
    /// The columns an INSERT reads back with RETURNING (`sql_values`).
    pub returning: Vec<usize>,
}

/// A statement run once per row.
pub struct Statement {
    /// The text SQLAlchemy sends, which the echo and errors show.
    pub sql: Rc<str>,
    /// For an INSERT whose only RETURNING is the key the database numbers
    /// (insertmanyvalues' `RETURNING id`): the same INSERT without it,
    /// which the engine may send instead and read the key as a single
    /// row's INSERT does (`Engine::insert_shown_as`).
    pub plain: Option<Rc<str>>,
    /// For several new rows whose key PostgreSQL numbers: the
    /// insertmanyvalues INSERT SQLAlchemy sends for each page of
    /// [`PAGE`](crate::sql::insertmany_pg::PAGE) rows, which the echo
    /// shows (`sql::insertmany_pg`); the rows still run one by one.
    pub many: Vec<Rc<str>>,
    pub table: Rc<str>,
    pub op: Op,
    pub rows: Vec<Row>,
    /// The columns of an INSERT's rows that Python-side defaults filled,
    /// by name: SQLAlchemy compiles the INSERT for the keys given, so
    /// this keys its compiled cache (the echo's `generated`/`cached`)
    /// beside the text.
    pub key_extra: Option<Rc<str>>,
}

/// One step of a plan.
pub enum Step {
    /// Copy keys into objects' foreign-key columns, in memory (what
    /// SQLAlchemy's dependency processors do before the rows are saved).
    Copy(Vec<(Rc<Instance>, usize, PlanValue)>),
    /// Run a statement.
    Run(Statement),
    /// New objects that took over the rows of deleted ones (`switch`):
    /// the bookkeeping after their UPDATE.
    Switch(Vec<Rc<Instance>>),
    /// Stop the flush with this error (SQLAlchemy's
    /// `CircularDependencyError`, raised once the work before the cycle
    /// ran).
    Fail(Error),
}

/// A flush's statements in order (`plan`), run by `Plan::emit`.
pub struct Plan {
    pub steps: Vec<Step>,
}
