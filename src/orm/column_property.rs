//! How a SELECT that loads a model reads each of its columns: a table
//! column by name (`user.first`, labelled `user_first` by a legacy
//! `Query`), a `column_property()` as its expression under an anonymous
//! label (`user.first || ? AS anon_1`), as SQLAlchemy's
//! `ColumnProperty` is selected (`eval::column_property` makes them).

use std::rc::Rc;

use crate::schema::model::Model;
use crate::sql::anon::anon_name;
use crate::sql::ast::SqlExpr;
use crate::sql::func::anon_label_base;

/// Column `i` of `model` read from `table` (its own name or an alias of
/// it), labelled `label` when it is a table column and a label is asked.
pub fn read(model: &Model, i: usize, table: &Rc<str>, label: Option<String>) -> SqlExpr {
    read_as(model, i, table, label, None)
}

/// [`read`], a `query_expression()` read as the expression a query's
/// `with_expression()` gives it (`given`).
pub fn read_as(
    model: &Model,
    i: usize,
    table: &Rc<str>,
    label: Option<String>,
    given: Option<&SqlExpr>,
) -> SqlExpr {
    let c = &model.columns[i];
    match given.or(c.expression.as_deref()) {
        Some(e) => {
            let expr = match *table == model.table {
                true => e.clone(),
                false => e.clone().retarget(&model.table, table),
            };
            // Named as an anonymous column of that kind is: `upper_1`
            // for a function, `anon_1` for any other expression.
            let base = match &expr {
                SqlExpr::Func { name, .. } => anon_label_base(name).into_owned(),
                _ => "anon".to_owned(),
            };
            SqlExpr::Label {
                expr: Box::new(expr),
                name: anon_name(&base),
            }
        }
        None => {
            let col = SqlExpr::col(table, &c.name);
            match label {
                Some(name) => SqlExpr::Label {
                    expr: Box::new(col),
                    name: Rc::from(name),
                },
                None => col,
            }
        }
    }
}

/// `Model.prop` read back as the model's column it stands for (the
/// expression of a `column_property()` under its attribute's name), for
/// the column options (`undefer(User.total)`).
pub fn attribute_of(
    model: &Rc<Model>,
    e: &crate::orm::expr::ColumnElement,
) -> Option<(Rc<Model>, usize)> {
    let key = e.key.as_ref()?;
    let i = model.column(key)?;
    let c = &model.columns[i];
    (c.expression.as_deref() == Some(&e.expr)).then(|| (model.clone(), i))
}

/// Whether the model maps any `column_property()`.
pub fn has_properties(model: &Model) -> bool {
    model.columns.iter().any(|c| c.expression.is_some())
}
