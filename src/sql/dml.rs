//! INSERT, UPDATE and DELETE as SQLAlchemy writes them for SQLite:
//!
//! ```text
//! INSERT INTO user (username, email) VALUES (?, ?)[, (?, ?)][ RETURNING id]
//! INSERT INTO user DEFAULT VALUES
//! UPDATE user SET username=?, id=(user.id + ?) WHERE user.id = ?
//! DELETE FROM user WHERE user.id = ?
//! ```
//!
//! Note `SET col=value` has no spaces around `=`, and a computed SET value is
//! parenthesised.

use super::ast::{Delete, Insert, Update};
use super::compile::Compiler;
use super::expr::Op;

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
            self.list(&i.rows, ", ", |c, row| {
                c.push("(");
                for (n, value) in row.iter().enumerate() {
                    if n > 0 {
                        c.push(", ");
                    }
                    c.bind(value, columns.get(n).map(|k| &**k));
                }
                c.push(")");
            });
        }
        if !i.returning.is_empty() {
            self.push(" RETURNING ");
            self.list(&i.returning, ", ", |c, col| c.ident(col));
        }
    }

    pub(super) fn update(&mut self, u: &Update) {
        self.push("UPDATE ");
        self.ident(&u.table);
        self.push(" SET ");
        self.list(&u.set, ", ", |c, (col, value)| {
            c.ident(col);
            c.push("=");
            c.child(value, Op::Top);
        });
        if !u.where_.is_empty() {
            self.push(" WHERE ");
            self.conjunction(&u.where_);
        }
    }

    pub(super) fn delete(&mut self, d: &Delete) {
        self.push("DELETE FROM ");
        self.ident(&d.table);
        if !d.where_.is_empty() {
            self.push(" WHERE ");
            self.conjunction(&d.where_);
        }
    }
}
