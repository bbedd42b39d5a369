//! SQLAlchemy's `AliasedClass`: a model read through another name —
//! `aliased(User)` (`user AS user_1`, for self-joins and two joins to one
//! table), `aliased(User, name='boss')`, `aliased(User, subquery)` (the
//! model's columns read from a subquery's), and the entity of a legacy
//! query's `union()` (its rows read from `anon_1`). Its objects are the
//! model's own, one identity map for both.

use std::rc::Rc;

use crate::orm::expr::ColumnElement;
use crate::orm::selectable::Selectable;
use crate::schema::model::Model;
use crate::sql::anon::anon_name;
use crate::sql::ast::{FromItem, SqlExpr};
use crate::value::Object;

pub struct AliasedModel {
    pub model: Rc<Model>,
    /// The name the statement reads it by (an alias, or a subquery's).
    pub name: Rc<str>,
    /// The FROM item it brings.
    pub from: FromItem,
    /// For each of the model's columns, its name in `from`.
    pub columns: Vec<Rc<str>>,
}

impl Object for AliasedModel {
    fn type_name(&self) -> &str {
        "AliasedClass"
    }
}

impl AliasedModel {
    /// `aliased(Model[, name=])`: the model's table under another name,
    /// anonymous (`user_1`) unless named.
    pub fn of_table(model: &Rc<Model>, name: Option<Rc<str>>) -> AliasedModel {
        let name = name.unwrap_or_else(|| anon_name(&model.table));
        AliasedModel {
            model: model.clone(),
            from: FromItem::Table {
                name: model.table.clone(),
                alias: Some(name.clone()),
            },
            name,
            columns: model.columns.iter().map(|c| c.name.clone()).collect(),
        }
    }

    /// `aliased(Model, subquery)`: the model's columns read from the
    /// subquery's columns of the same names (`prefix` + name, as a legacy
    /// query's labels `user_id` have it); `None` when one is missing.
    pub fn of_selectable(model: &Rc<Model>, sq: &Selectable, prefix: &str) -> Option<AliasedModel> {
        let columns = model
            .columns
            .iter()
            .map(|c| {
                let want = format!("{prefix}{}", c.name);
                sq.columns
                    .iter()
                    .find(|s| *s.key == *want)
                    .map(|s| s.name.clone())
            })
            .collect::<Option<Vec<_>>>()?;
        Some(AliasedModel {
            model: model.clone(),
            name: sq.name.clone(),
            from: sq.from_ref(),
            columns,
        })
    }

    /// `Alias.attr`: the column under the alias, by attribute name.
    pub fn column(&self, attr: &str) -> Option<ColumnElement> {
        let i = self.model.columns.iter().position(|c| &*c.attr == attr)?;
        let col = &self.model.columns[i];
        let expr = match &col.expression {
            // A `column_property()`: its expression read through the alias.
            Some(e) => self.adapt((**e).clone()),
            None => SqlExpr::col(&self.name, &self.columns[i]),
        };
        Some(ColumnElement {
            entity: Some(Rc::from(format!("aliased({})", self.model.name))),
            hybrid: None,
            prop_of: None,
            orm: true,
            expr,
            ty: Some(col.ty.clone()),
            column: None,
            key: Some(col.attr.clone()),
            is_clause: false,
            froms: vec![self.from.clone()],
        })
    }

    /// Every column as read through the alias (the `SELECT` list of the
    /// entity), bare.
    pub fn exprs(&self) -> Vec<SqlExpr> {
        (self.columns.iter().zip(&self.model.columns))
            .map(|(c, mc)| match &mc.expression {
                // A `column_property()` is its expression through the
                // alias, under an anonymous label.
                Some(e) => SqlExpr::Label {
                    expr: Box::new(self.adapt((**e).clone())),
                    name: anon_name("anon"),
                },
                None => SqlExpr::col(&self.name, c),
            })
            .collect()
    }

    /// `expr` with the model's own columns read through the alias instead
    /// (SQLAlchemy's adaptation of criteria to an aliased entity).
    pub fn adapt(&self, expr: SqlExpr) -> SqlExpr {
        let table = self.model.table.clone();
        expr.map(&mut |e| match e {
            SqlExpr::Column {
                table: Some(t),
                name,
            } if t == table => match self.model.columns.iter().position(|c| c.name == name) {
                Some(i) => SqlExpr::col(&self.name, &self.columns[i]),
                None => SqlExpr::Column {
                    table: Some(t),
                    name,
                },
            },
            other => other,
        })
    }
}
