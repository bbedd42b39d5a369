//! INSERT, UPDATE and DELETE as SQLAlchemy writes them for SQLite:
//!
//! ```text
//! INSERT INTO user (username, email) VALUES (?, ?)[, (?, ?)][ RETURNING id]
//! INSERT INTO user DEFAULT VALUES
//! UPDATE user SET username=?, id=(user.id + ?) WHERE user.id = ?
//! UPDATE post SET title=? FROM user WHERE post.user_id = user.id
//! DELETE FROM user WHERE user.id = ?
//! ```
//!
//! Note `SET col=value` has no spaces around `=`, and a computed SET value is
//! parenthesised. A value bound to a SET column or an INSERT column is named
//! after the column (`:name`, not `:name_1`), as SQLAlchemy's `crud` names
//! it; the 2.0 statements (`insert(User).values(...)`, `.returning(...)`) are
//! [`values_insert_in`], [`update_returning_in`] and [`delete_returning_in`].

use std::rc::Rc;

use super::ast::{Compiled, Delete, Insert, SqlExpr, Update, ValuesInsert};
use super::compile::{Compiler, Mode};
use super::dialect::Dialect;
use super::precedence::Op;

/// SQLAlchemy Core's `insert(table).values(...)[.returning(...)]` in any
/// mode.
pub fn values_insert_in(i: &ValuesInsert, mode: Mode, dialect: &'static Dialect) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.values_insert(i);
    c.finish()
}

/// `UPDATE … [RETURNING cols]` (`update(User)...returning(...)`).
pub fn update_returning_in(
    u: &Update,
    returning: &[Rc<str>],
    mode: Mode,
    dialect: &'static Dialect,
) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.update(u);
    c.returning(&u.table, returning);
    c.finish()
}

/// `DELETE … [RETURNING cols]` (`delete(User)...returning(...)`).
pub fn delete_returning_in(
    d: &Delete,
    returning: &[Rc<str>],
    mode: Mode,
    dialect: &'static Dialect,
) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.delete(d);
    c.returning(&d.table, returning);
    c.finish()
}

impl Compiler {
    pub(super) fn insert(&mut self, i: &Insert) {
        self.push("INSERT INTO ");
        self.ident(&i.table);
        if i.columns.is_empty() {
            self.push(" DEFAULT VALUES");
        } else {
            self.push(" (");
            self.list(&i.columns, ", ", |c, col| c.ident(col));
            self.push(") VALUES ");
            let columns = &i.columns;
            let several = i.rows.len() > 1;
            let mut r = 0;
            self.list(&i.rows, ", ", |c, row| {
                c.push("(");
                for (n, value) in row.iter().enumerate() {
                    if n > 0 {
                        c.push(", ");
                    }
                    // Named by its column (SQLAlchemy's `bindparam(col.key)`
                    // of the flush), `col_m1`… past the first row of several.
                    match columns.get(n) {
                        Some(k) if several => c.bind_named(value, &format!("{k}_m{r}")),
                        Some(k) => c.bind_named(value, k),
                        None => c.bind(value, None),
                    }
                }
                r += 1;
                c.push(")");
            });
        }
        if !i.returning.is_empty() {
            self.push(" RETURNING ");
            self.list(&i.returning, ", ", |c, col| c.ident(col));
        }
    }

    /// `INSERT INTO t (a, b) VALUES (:a, :b)[, …][ RETURNING …]`, or
    /// `DEFAULT VALUES` with no columns.
    fn values_insert(&mut self, i: &ValuesInsert) {
        self.push("INSERT ");
        self.prefixes(&i.prefixes);
        self.push("INTO ");
        self.ident(&i.table);
        if i.columns.is_empty() {
            self.push(" DEFAULT VALUES");
        } else {
            self.push(" (");
            self.list(&i.columns, ", ", |c, col| c.ident(col));
            self.push(") VALUES ");
            let columns = &i.columns;
            for (r, row) in i.rows.iter().enumerate() {
                if r > 0 {
                    self.push(", ");
                }
                self.push("(");
                for (n, (value, col)) in row.iter().zip(columns).enumerate() {
                    if n > 0 {
                        self.push(", ");
                    }
                    let name = if i.multi {
                        format!("{col}_m{r}")
                    } else {
                        col.to_string()
                    };
                    self.set_value(value, &name);
                }
                self.push(")");
            }
        }
        self.on_conflict(&i.on_conflict);
        self.returning(&i.table, &i.returning);
    }

    /// A value a column is set to: bound under the column's own name, or
    /// SQL written as it is.
    fn set_value(&mut self, value: &SqlExpr, name: &str) {
        match value {
            SqlExpr::Param { value, .. } => self.bind_named(value, name),
            other => self.child(other, Op::Top),
        }
    }

    /// ` RETURNING a, b`: bare names for SQLite (as SQLAlchemy's SQLite
    /// dialect writes them), `"t".a` for the default dialect's `str()` and
    /// PostgreSQL's.
    pub(super) fn returning(&mut self, table: &str, cols: &[Rc<str>]) {
        if cols.is_empty() {
            return;
        }
        self.push(" RETURNING ");
        let qualified = self.mode == Mode::Generic || self.dialect.implicit_returning;
        self.list(cols, ", ", |c, col| {
            if qualified {
                c.ident(table);
                c.push(".");
            }
            c.ident(col);
        });
    }

    pub(super) fn update(&mut self, u: &Update) {
        // UPDATE..FROM: the other tables the criteria name, in the order
        // met (SQLAlchemy's `_extra_froms` of the WHERE clause).
        let mut tables: Vec<Rc<str>> = vec![u.table.clone()];
        for w in &u.where_ {
            w.tables_into(&mut tables);
        }
        // … and the SET values (`SET author_id=author.id FROM author`).
        for (_, v) in &u.set {
            v.tables_into(&mut tables);
        }
        // A SELECT nested in the SET values or the criteria correlates to
        // the statement's tables (SQLAlchemy's `visit_update` puts them
        // in the stack's `correlate_froms`).
        self.enclosing.push(tables.clone());
        self.push("UPDATE ");
        self.prefixes(&u.prefixes);
        self.ident(&u.table);
        self.push(" SET ");
        self.list(&u.set, ", ", |c, (col, value)| {
            c.ident(col);
            c.push("=");
            c.set_value(value, col);
        });
        if tables.len() > 1 {
            self.push(self.dialect.update_from);
            self.list(&tables[1..], ", ", |c, t| {
                match u.from.iter().find(|f| f.alias_name() == Some(t)) {
                    Some(f) => c.write_from(f),
                    None => c.ident(t),
                }
            });
        }
        if !super::expr::kept(&u.where_).is_empty() {
            self.push(" WHERE ");
            self.conjunction(&u.where_);
        }
        self.enclosing.pop();
    }

    pub(super) fn delete(&mut self, d: &Delete) {
        // Nested SELECTs correlate to the table deleted from (and any
        // other the criteria name), as SQLAlchemy's `visit_delete` does.
        let mut tables: Vec<Rc<str>> = vec![d.table.clone()];
        for w in &d.where_ {
            w.tables_into(&mut tables);
        }
        self.enclosing.push(tables);
        self.push("DELETE ");
        self.prefixes(&d.prefixes);
        self.push("FROM ");
        self.ident(&d.table);
        // DELETE..USING: the other tables the criteria name, where the
        // dialect writes them (`eval::dml_froms` refuses them elsewhere).
        let mut tables: Vec<Rc<str>> = vec![d.table.clone()];
        for w in &d.where_ {
            w.tables_into(&mut tables);
        }
        if let (Some(using), [_, others @ ..]) = (self.dialect.delete_using, tables.as_slice())
            && !others.is_empty()
        {
            self.push(using);
            self.list(others, ", ", |c, t| c.ident(t));
        }
        if !super::expr::kept(&d.where_).is_empty() {
            self.push(" WHERE ");
            self.conjunction(&d.where_);
        }
        self.enclosing.pop();
    }
}
