//! Subscripts as Python evaluates them: `obj[i]` on sequences, strings,
//! dicts, rows, queries and collections (`get_item`), and slices with
//! Python's clamping and steps (`slice`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::objects::{IdentitySet, ResultSet};
use crate::orm::query::Query;
use crate::orm::row::Row;
use crate::value::PyStr;
use crate::value::repr::repr;
use crate::value::{Value, compare};

impl Interp {
    pub fn get_item(&mut self, obj: &Value, idx: &Value) -> Result<Value> {
        if let Some(d) = obj.downcast::<crate::eval::metadata_naming::ImmutableDict>() {
            return self.get_item(&Value::Dict(d.0.clone()), idx);
        }
        if let Some(c) = obj.downcast::<crate::eval::pymod::flask::Config>() {
            return self.get_item(&Value::Dict(c.0.clone()), idx);
        }
        if let Some(m) = obj.downcast::<crate::eval::row_mapping::RowMapping>() {
            return crate::eval::row_mapping::get_item(self, &m, idx);
        }
        if let Some(c) = obj.downcast::<crate::eval::automap::AutomapClasses>() {
            return crate::eval::automap::get_item(self, &c, idx);
        }
        if let Some(b) = obj.downcast::<crate::value::bytearray::ByteArray>() {
            // A bytearray indexes as its bytes; a slice is a bytearray.
            let item = self.get_item(&b.0, idx)?;
            return Ok(match &item {
                Value::Bytes(s) => crate::value::bytearray::ByteArray::of(s.clone()),
                _ => item,
            });
        }
        match (obj, idx) {
            (Value::Dict(d), k) => {
                compare::check_hashable(k)?;
                d.borrow().get(k).cloned().ok_or_else(|| {
                    crate::value::exc_args::key_error(k.clone(), repr(k, self).unwrap_or_default())
                })
            }
            (
                Value::List(_)
                | Value::Tuple(_)
                | Value::Str(_)
                | Value::Range(..)
                | Value::Bytes(_),
                _,
            ) => {
                let i = idx.as_i64().ok_or_else(|| {
                    // CPython's wording differs by type.
                    Error::type_(match obj {
                        Value::Str(_) => {
                            format!("string indices must be integers, not '{}'", idx.type_name())
                        }
                        Value::Bytes(_) => format!(
                            "byte indices must be integers or slices, not {}",
                            idx.type_name()
                        ),
                        _ => format!(
                            "{} indices must be integers or slices, not {}",
                            obj.type_name(),
                            idx.type_name()
                        ),
                    })
                })?;
                let out_of_range = || {
                    Error::new(
                        ErrorKind::IndexError,
                        format!("{} index out of range", obj.type_name()),
                    )
                };
                // A list or tuple is indexed in place: copying it for each
                // `l[i]` made a loop over its indexes quadratic.
                match obj {
                    Value::List(l) => {
                        let l = l.borrow();
                        let j = wrap_index(i, l.len()).ok_or_else(out_of_range)?;
                        Ok(l[j].clone())
                    }
                    Value::Tuple(t) => {
                        let j = wrap_index(i, t.len()).ok_or_else(out_of_range)?;
                        Ok(t[j].clone())
                    }
                    _ => {
                        let items = self.to_vec(obj)?;
                        let j = wrap_index(i, items.len()).ok_or_else(out_of_range)?;
                        Ok(items[j].clone())
                    }
                }
            }
            _ => {
                if let Some(q) = obj.downcast::<Query>() {
                    return self.query_index(&q, idx);
                }
                if let Some(d) = obj.downcast::<crate::eval::rel_ops::DynamicRel>()
                    && !d.rel.write_only
                {
                    if let Some(items) = self.appended_if_outside(&d) {
                        return self.get_item(&Value::list(items), idx);
                    }
                    let q = self.dynamic_query(&d)?;
                    return self.query_index(&q, idx);
                }
                if let Some(r) = obj.downcast::<Row>() {
                    if let Value::Str(k) = idx {
                        return r.get(k).cloned().ok_or_else(|| {
                            crate::value::exc_args::key_error(
                                idx.clone(),
                                crate::value::repr::str_repr(k),
                            )
                        });
                    }
                    let items = r.values.clone();
                    return self.get_item(&Value::tuple(items), idx);
                }
                if let Some(p) = obj.downcast::<crate::eval::surface::mapper_props::Props>() {
                    return crate::eval::surface::mapper_props::get_item(&p, idx);
                }
                if let Some(a) = obj.downcast::<crate::eval::surface::attrs::Attrs>() {
                    let Value::Str(k) = idx else {
                        return Err(Error::type_(format!(
                            "attrs[...] takes an attribute name, not {}",
                            idx.type_name()
                        )));
                    };
                    let k = k.to_string();
                    return crate::eval::surface::attrs::attr_state(self, &a.0, &k)?.ok_or_else(
                        || {
                            crate::value::exc_args::key_error(
                                Value::str(&k),
                                crate::value::repr::str_repr(&k),
                            )
                        },
                    );
                }
                if let Some(e) = obj.downcast::<crate::orm::upsert::Excluded>() {
                    return e.item(idx);
                }
                if let Some(c) = obj.downcast::<crate::orm::expr::ColumnElement>() {
                    return crate::orm::json::getitem(&c, idx)?.into_value();
                }
                if let Some(c) =
                    obj.downcast::<crate::eval::surface::selected_columns::SelectedColumns>()
                {
                    return crate::eval::surface::selected_columns::item(self, &c, idx);
                }
                if let Some(c) = obj.downcast::<crate::orm::selectable::SubColumns>() {
                    return crate::eval::surface::sub_column_item(&c, idx);
                }
                if let Some(h) = obj.downcast::<crate::orm::attr_history::History>() {
                    let parts = crate::eval::surface::attrs::history_parts(&h);
                    return self.get_item(&Value::tuple(parts), idx);
                }
                if let Some(c) = obj.downcast::<crate::eval::pyclass::PyClass>()
                    && c.is_enum()
                {
                    return crate::eval::pyenum::by_name(self, &c, idx);
                }
                if obj.is::<ResultSet>()
                    || obj.is::<IdentitySet>()
                    || obj.is::<crate::orm::relation::Collection>()
                {
                    let items = self.to_vec(obj)?;
                    return self.get_item(&Value::list(items), idx);
                }
                Err(Error::type_(format!(
                    "'{}' object is not subscriptable",
                    obj.type_name()
                )))
            }
        }
    }

    pub fn slice(
        &mut self,
        obj: &Value,
        lo: Option<Value>,
        hi: Option<Value>,
        step: Option<Value>,
    ) -> Result<Value> {
        let int = |v: Option<Value>| -> Result<Option<i64>> {
            match v {
                None | Some(Value::None) => Ok(None),
                Some(v) => v
                    .as_i64()
                    .map(Some)
                    .ok_or_else(|| Error::type_("slice indices must be integers or None")),
            }
        };
        let (lo, hi, step) = (int(lo)?, int(hi)?, int(step)?);
        if let Some(b) = obj.downcast::<crate::value::bytearray::ByteArray>() {
            let part = self.slice(
                &b.0,
                lo.map(Value::Int),
                hi.map(Value::Int),
                step.map(Value::Int),
            )?;
            return Ok(match &part {
                Value::Bytes(s) => crate::value::bytearray::ByteArray::of(s.clone()),
                _ => part,
            });
        }
        if let Some(q) = obj.downcast::<Query>() {
            let rows = self.query_slice(&q, lo, hi)?;
            return self.step_rows(rows, step);
        }
        if let Some(d) = obj.downcast::<crate::eval::rel_ops::DynamicRel>() {
            if let Some(items) = self.appended_if_outside(&d) {
                return self.slice(
                    &Value::list(items),
                    lo.map(Value::Int),
                    hi.map(Value::Int),
                    step.map(Value::Int),
                );
            }
            let q = self.dynamic_query(&d)?;
            let rows = self.query_slice(&q, lo, hi)?;
            return self.step_rows(rows, step);
        }
        let step = step.unwrap_or(1);
        if step == 0 {
            return Err(Error::value("slice step cannot be zero"));
        }
        let items: Vec<Value> = self.to_vec(obj)?;
        let n = items.len() as i64;
        let norm = |v: i64| {
            if v < 0 {
                (v + n).max(if step < 0 { -1 } else { 0 })
            } else {
                v.min(if step < 0 { n - 1 } else { n })
            }
        };
        let (start, stop) = if step > 0 {
            (lo.map_or(0, norm), hi.map_or(n, norm))
        } else {
            (lo.map_or(n - 1, norm), hi.map_or(-1, norm))
        };
        let mut picked = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            if i >= 0 && i < n {
                picked.push(items[i as usize].clone());
            }
            i += step;
        }
        Ok(match obj {
            Value::List(_) => Value::list(picked),
            Value::Tuple(_) => Value::tuple(picked),
            // A result row's slice is a plain tuple (`Row.__getitem__`).
            _ if obj.is::<Row>() => Value::tuple(picked),
            Value::Str(_) => Value::Str(PyStr::from(
                picked.iter().filter_map(|v| v.as_str()).collect::<String>(),
            )),
            Value::Bytes(_) => Value::Bytes(
                picked
                    .iter()
                    .filter_map(|v| v.as_i64())
                    .map(|b| b as u8)
                    .collect(),
            ),
            _ => Value::list(picked),
        })
    }

    /// A query's slice with a step: SQLAlchemy's `_getitem` runs
    /// LIMIT/OFFSET for the start and stop, then slices the list it got
    /// with the step (`list(res)[None:None:step]`).
    fn step_rows(&mut self, rows: Value, step: Option<i64>) -> Result<Value> {
        match step {
            None => Ok(rows),
            Some(s) => self.slice(&rows, None, None, Some(Value::Int(s))),
        }
    }

    pub(crate) fn set_item(&mut self, obj: &Value, idx: Value, v: Value) -> Result<()> {
        if obj.is::<crate::eval::metadata_naming::ImmutableDict>() {
            return Err(crate::eval::metadata_naming::refuse_set_item());
        }
        if let Some(c) = obj.downcast::<crate::eval::pymod::flask::Config>() {
            return self.set_item(&Value::Dict(c.0.clone()), idx, v);
        }
        match obj {
            Value::List(l) => {
                let i = idx
                    .as_i64()
                    .ok_or_else(|| Error::type_("list indices must be integers"))?;
                let mut l = l.borrow_mut();
                let n = l.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(Error::new(
                        ErrorKind::IndexError,
                        "list assignment index out of range",
                    ));
                }
                l[j as usize] = v;
                Ok(())
            }
            Value::Dict(d) => {
                d.borrow_mut().insert(idx, v)?;
                Ok(())
            }
            Value::Obj(_) if obj.is::<crate::orm::relation::Collection>() => {
                let c = obj
                    .downcast::<crate::orm::relation::Collection>()
                    .ok_or_else(|| Error::type_("not a collection"))?;
                self.collection_set_item(&c, &idx, v)
            }
            other => Err(Error::type_(format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ))),
        }
    }
}

/// Python's index `i` (negative counts from the end) into `n` items, or
/// None when out of range.
fn wrap_index(i: i64, n: usize) -> Option<usize> {
    let n = n as i64;
    let j = if i < 0 { i + n } else { i };
    (0..n).contains(&j).then_some(j as usize)
}
