//! A model: a class name mapped to a table, its columns in order, its
//! primary key and its `__repr__`; and whether it is still the class its
//! name means (a redefinition retires the one it replaces).

use std::cell::RefCell;
use std::rc::Rc;

use crate::schema::column::Column;
use crate::schema::constraint::TableArgs;
use crate::schema::relationship::RelSpec;
use crate::sql::ast::SqlExpr;
use crate::syntax::ast::Expr;

pub struct Model {
    /// Unique per definition (a redefinition gets a new id).
    pub id: u32,
    pub name: Rc<str>,
    pub table: Rc<str>,
    pub columns: Vec<Column>,
    /// Indexes into `columns`, in order.
    pub pk: Vec<usize>,
    /// The `__repr__` expression, evaluated with `self` bound.
    pub repr: Option<Rc<Expr>>,
    /// The `__str__` expression (a `class` body's `def __str__`): what
    /// `str()`, `print` and f-strings show; the repr does not use it.
    pub str_expr: Option<Rc<Expr>>,
    /// The methods of a `class` body (`schema::methods`).
    pub methods: crate::schema::methods::Methods,
    /// The statement that defined it, for `.save` and persistence.
    pub source: Rc<str>,
    /// The text its `__repr__`/`__str__` expressions were read from (their
    /// spans point into it), with its file and first line: where an error
    /// raised in them is shown.
    pub defined_in: Rc<crate::error::DefSource>,
    /// Relationships as written, by attribute name.
    pub rels: Vec<(Rc<str>, RelSpec)>,
    /// `__table_args__`: table-level constraints, indexes, options.
    pub args: TableArgs,
    /// Defined from a database file (stored or reflected): its `__repr__`
    /// and relationship strings run as declarations (`eval::pure`).
    pub pure: bool,
    /// Made by reflection: its columns take every value the table may
    /// already hold, checking only what SQLAlchemy checks
    /// (`orm::convert::check_assign`).
    pub reflected: bool,
    /// Rows of its table may share a primary key — a view, or a reflected
    /// key that admits NULLs — so even a query of its table alone is
    /// uniqued where SQLAlchemy uniques (`orm::unique::may_repeat`).
    pub key_repeats: bool,
    /// What `__tablename__` reads when it is not `table`: for a model
    /// mapped with `__table__ = …`, the `__tablename__` its body sets, or
    /// else Flask-SQLAlchemy's name from its class name (`BlogArticle` →
    /// `'blog_article'`), whatever its table's name.
    pub tablename_attr: Option<Rc<str>>,
    /// A class automap's `Base.prepare()` mapped (`eval::automap`): not a
    /// `db.Model`, so Python's default repr, no `query`, no
    /// `__tablename__`.
    pub automap: bool,
    /// Set once a later definition replaced this one (or it went with the
    /// file it was reflected from): objects of this class keep their own
    /// layout but never enter the session again (`Registry::define`,
    /// `orm::retire`).
    pub retired: RefCell<Option<Retired>>,
}

/// Why a model is no longer the class its name means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Retired {
    /// A model block defined this name again.
    Redefined,
    /// A model of another name was defined over the same table (a
    /// reflected model gives way to a typed one).
    ReplacedBy(Rc<str>),
    /// Reflected from a database that `.open` closed.
    Closed,
}

impl Model {
    /// A copy of `m` under the same id, not retired: the same class with
    /// a column's type settled later (`Interp::resolve_forward_fk_types`).
    pub fn clone_of(m: &Model) -> Model {
        Model {
            id: m.id,
            name: m.name.clone(),
            table: m.table.clone(),
            columns: m.columns.clone(),
            pk: m.pk.clone(),
            repr: m.repr.clone(),
            str_expr: m.str_expr.clone(),
            methods: m.methods.clone(),
            source: m.source.clone(),
            defined_in: m.defined_in.clone(),
            rels: m.rels.clone(),
            args: m.args.clone(),
            pure: m.pure,
            reflected: m.reflected,
            key_repeats: m.key_repeats,
            tablename_attr: m.tablename_attr.clone(),
            automap: m.automap,
            retired: Default::default(),
        }
    }

    /// Whether a later definition replaced this one.
    pub fn is_retired(&self) -> bool {
        self.retired.borrow().is_some()
    }

    /// Mark this definition as replaced (the first reason stays).
    pub fn retire(&self, why: Retired) {
        let mut r = self.retired.borrow_mut();
        if r.is_none() {
            *r = Some(why);
        }
    }

    /// The name that now means what this model meant: itself after a
    /// redefinition, the replacing model's, or none.
    pub fn successor(&self) -> Option<Rc<str>> {
        match &*self.retired.borrow() {
            Some(Retired::Redefined) => Some(self.name.clone()),
            Some(Retired::ReplacedBy(n)) => Some(n.clone()),
            _ => None,
        }
    }

    /// The index of the column whose attribute is `attr`.
    pub fn column(&self, attr: &str) -> Option<usize> {
        self.columns.iter().position(|c| &*c.attr == attr)
    }

    /// Column `i` as SQL: `table.name` (its column name, not its attribute).
    pub fn sql_column(&self, i: usize) -> SqlExpr {
        SqlExpr::col(&self.table, &self.columns[i].name)
    }

    /// The columns of its table: all but its `column_property()`
    /// expressions.
    pub fn table_columns(&self) -> Vec<Column> {
        (self.columns.iter())
            .filter(|c| c.expression.is_none())
            .cloned()
            .collect()
    }

    pub fn field_names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| &*c.attr).collect()
    }
}

impl crate::value::Object for Model {
    fn type_name(&self) -> &str {
        "type"
    }
}
