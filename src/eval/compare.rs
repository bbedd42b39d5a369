//! Python's comparison operators on interpreter values: `==`, `<`, `is`,
//! `in` … with Python's semantics on plain values and SQL on columns and
//! relationships (`User.posts == p`, `User.id == 3`).

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::expr::{list_view, unreachable_none};
use crate::eval::objects::{IdentitySet, ResultSet};
use crate::orm::expr::{self as orm_expr, ColumnElement};
use crate::orm::instance::Instance;
use crate::orm::query::Query;
use crate::sql::ast::BinaryOp;
use crate::syntax::ast::CmpOp;
use crate::value::Value;
use crate::value::compare as value_compare;

impl Interp {
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Result<Value> {
        if matches!(op, CmpOp::Is | CmpOp::IsNot)
            && let Some(same) = crate::eval::sql_identity::sql_is(a, b)
        {
            return Ok(Value::Bool(same == (op == CmpOp::Is)));
        }
        if matches!(op, CmpOp::Eq | CmpOp::Ne)
            && let Some(eq) = crate::eval::pymod::flask_login::user_mixin_eq(self, a, b)
        {
            return Ok(Value::Bool(eq? == (op == CmpOp::Eq)));
        }
        if let Some(r) = crate::eval::pyset_ops::compare(op, a, b) {
            return r.map(Value::Bool);
        }
        if matches!(op, CmpOp::In | CmpOp::NotIn)
            && let Some(r) = crate::eval::pyset_ops::contains(b, a)
        {
            return r.map(|x| Value::Bool(x == (op == CmpOp::In)));
        }
        if matches!(op, CmpOp::In | CmpOp::NotIn)
            && let Some(m) = b.downcast::<crate::eval::row_mapping::RowMapping>()
        {
            // A `RowMapping` takes the selected objects as keys
            // (`User.name in row._mapping`).
            let found = crate::eval::row_mapping::contains(&m, a);
            return Ok(Value::Bool(found == (op == CmpOp::In)));
        }
        if let Some(r) = a.downcast::<crate::eval::rel_ops::RelAttr>() {
            let bop = match op {
                CmpOp::Eq | CmpOp::Is => BinaryOp::Eq,
                CmpOp::Ne | CmpOp::IsNot => BinaryOp::Ne,
                _ => {
                    return Err(Error::type_(format!(
                        "'{}' cannot compare a relationship",
                        op.symbol()
                    )));
                }
            };
            return self.rel_compare(&r.0, bop, b);
        }
        if let Some(r) = a.downcast::<crate::eval::alias_rel::AliasedRel>()
            && matches!(op, CmpOp::Eq | CmpOp::Ne)
        {
            let bop = if op == CmpOp::Eq {
                BinaryOp::Eq
            } else {
                BinaryOp::Ne
            };
            return self.alias_rel_compare(&r, bop, b);
        }
        let a_sql = a.downcast::<ColumnElement>();
        let b_sql = b.downcast::<ColumnElement>();
        if a_sql.is_some() || b_sql.is_some() {
            let bop = match op {
                CmpOp::Eq => BinaryOp::Eq,
                CmpOp::Ne => BinaryOp::Ne,
                CmpOp::Lt => BinaryOp::Lt,
                CmpOp::Le => BinaryOp::Le,
                CmpOp::Gt => BinaryOp::Gt,
                CmpOp::Ge => BinaryOp::Ge,
                CmpOp::Is => BinaryOp::Is,
                CmpOp::IsNot => BinaryOp::IsNot,
                CmpOp::In | CmpOp::NotIn => {
                    return Err(Error::type_("'in' does not build SQL")
                        .with_help("use Model.column.in_([...]) to test membership in SQL"));
                }
            };
            return Ok(match (a_sql, b_sql) {
                (Some(l), _) => orm_expr::compare(&l, bop, b)?.into_value()?,
                (None, Some(r)) => orm_expr::compare_reflected(a, bop, &r)?.into_value()?,
                _ => return unreachable_none(),
            });
        }
        // `p.kids == [a, b]` compares items, as for a list (`is` does not).
        let (a, b) = match op {
            CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn => (a.clone(), b.clone()),
            _ => (list_view(a.clone()), list_view(b.clone())),
        };
        let (a, b) = (&a, &b);
        let r = match op {
            CmpOp::Eq => a.py_eq(b)?,
            CmpOp::Ne => !a.py_eq(b)?,
            CmpOp::Is => a.py_is(b),
            CmpOp::IsNot => !a.py_is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
                match value_compare::compare_op(op, a, b)? {
                    Some(r) => r,
                    None => return Err(value_compare::compare_error(op.symbol(), a, b)),
                }
            }
        };
        Ok(Value::Bool(r))
    }

    /// `needle in haystack`
    pub fn contains(&mut self, haystack: &Value, needle: &Value) -> Result<bool> {
        // A mapper's properties hold their names (SQLAlchemy's
        // `ReadOnlyProperties.__contains__`).
        if let Some(p) = haystack.downcast::<crate::eval::surface::mapper_props::Props>() {
            return Ok(matches!(needle, Value::Str(k) if p.0.iter().any(|(n, _)| **n == **k)));
        }
        if let Some(view) = haystack.downcast::<crate::eval::dict_view::DictView>() {
            return crate::eval::dict_view::contains(self, &view, needle);
        }
        if let Some(d) = haystack.downcast::<crate::eval::metadata_naming::ImmutableDict>() {
            return self.contains(&Value::Dict(d.0.clone()), needle);
        }
        if let Some(c) = haystack.downcast::<crate::eval::pymod::flask::Config>() {
            // Flask's `Config` is a dict.
            return self.contains(&Value::Dict(c.0.clone()), needle);
        }
        if let Some(m) = haystack.downcast::<crate::eval::row_mapping::RowMapping>() {
            // Keys by name or by the object selected (`User.name in m`).
            return Ok(crate::eval::row_mapping::contains(&m, needle));
        }
        if let Some(c) =
            haystack.downcast::<crate::eval::surface::selected_columns::SelectedColumns>()
        {
            return crate::eval::surface::selected_columns::contains(&c, needle);
        }
        if let Some(view) = haystack.downcast::<crate::eval::row_mapping::MappingView>() {
            return crate::value::position(&view.members(), needle).map(|p| p.is_some());
        }
        if let Some(r) = value_compare::contains(haystack, needle)? {
            return Ok(r);
        }
        if haystack
            .downcast::<crate::eval::objects::Namespace>()
            .is_some_and(|n| n.is_session())
        {
            // SQLAlchemy's `Session.__contains__` takes instances only.
            return match needle.downcast::<Instance>() {
                Some(inst) => Ok(self.session.contains(&inst)),
                None => Err(crate::eval::session_args::unmapped(
                    "'x in db.session'",
                    Some(needle),
                )),
            };
        }
        if let Some(now) = self.live_name_set(haystack)? {
            return self.contains(&now, needle);
        }
        if let Some(set) = haystack.downcast::<crate::eval::objects::NameSet>() {
            // `inspect(obj).unloaded` and its kin: sets of attribute names.
            return Ok(matches!(needle, Value::Str(s) if set.0.iter().any(|n| **n == *s.as_str())));
        }
        if let Some(class) = haystack.downcast::<crate::eval::pyclass::PyClass>()
            && class.is_enum()
        {
            return crate::eval::pyenum::contains(&class, needle);
        }
        if let Some(set) = haystack.downcast::<IdentitySet>() {
            return Ok(set.0.iter().any(|v| v.py_is(needle)));
        }
        if let Some(c) = haystack.downcast::<crate::orm::relation::Collection>() {
            return Ok(match needle {
                Value::None => c.has_none(),
                _ => needle
                    .downcast::<Instance>()
                    .is_some_and(|n| c.contains(&n)),
            });
        }
        if haystack.is::<crate::eval::live_iter::PyIter>() {
            // An iterator is walked up to the first match, as Python does.
            let mut cursor = self.cursor(haystack)?;
            while let Some(v) = cursor.next(self)? {
                if v.same_or_eq(needle)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if haystack.is::<Query>()
            || haystack.is::<ResultSet>()
            || haystack.is::<crate::orm::result_keys::RMKeyView>()
            || haystack.is::<crate::eval::rel_ops::DynamicRel>()
        {
            let items = self.to_vec(haystack)?;
            return Ok(crate::value::position(&items, needle)?.is_some());
        }
        Err(Error::type_(format!(
            "argument of type '{}' is not iterable",
            haystack.type_name()
        )))
    }
}
