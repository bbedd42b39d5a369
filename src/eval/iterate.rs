//! Iteration as Python's `for` sees it: what a value yields (lists, tuples,
//! dicts, strings, ranges, queries, results, collections), item by item
//! (`for_each`, which checks Ctrl-C; lists, collections and dicts walked
//! live through `live_iter`'s cursors) or collected (`to_vec`).

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::expr::not_iterable;
use crate::eval::live_iter::PyIter;
use crate::eval::objects::{IdentitySet, ResultSet};
use crate::orm::query::Query;
use crate::orm::row::Row;
use crate::syntax::span::Span;
use crate::value::PyStr;
use crate::value::{Value, range_len};

impl Interp {
    /// Iterate a value, calling `f` per item; `f` returns false to stop.
    pub fn for_each(
        &mut self,
        v: &Value,
        span: Span,
        f: &mut dyn FnMut(&mut Interp, Value) -> Result<bool>,
    ) -> Result<()> {
        // Lists, collections and dicts are walked live, as Python's
        // iterators walk them (`live_iter`); the rest from a copy.
        let live = matches!(v, Value::List(_) | Value::Dict(_) | Value::Range(..))
            || v.is::<crate::orm::relation::Collection>()
            || v.is::<PyIter>();
        let mut cursor = self.cursor(v).map_err(|e| e.at(span))?;
        loop {
            if live {
                self.declaring_steps(1).map_err(|e| e.at(span))?;
            }
            // A loop whose body does nothing still stops on Ctrl-C.
            crate::interrupt::check()?;
            let Some(item) = cursor.next(self).map_err(|e| e.at(span))? else {
                break;
            };
            if !f(self, item)? {
                break;
            }
        }
        Ok(())
    }

    /// The items of an iterable value.
    pub fn to_vec(&mut self, v: &Value) -> Result<Vec<Value>> {
        if self.is_declaring() {
            if v.is::<Query>() || v.is::<crate::eval::rel_ops::DynamicRel>() {
                self.refuse_when_declaring(|| "run a query".into())?;
            }
            if let Value::Range(r) = v {
                self.declaring_steps(range_len(r.0, r.1, r.2) as u64)?;
            }
        }
        let items = self.items_of(v)?;
        if !matches!(v, Value::Range(..)) {
            self.declaring_steps(items.len() as u64)?;
        }
        Ok(items)
    }

    pub(crate) fn items_of(&mut self, v: &Value) -> Result<Vec<Value>> {
        crate::value::reserve_iter(v)?;
        Ok(match v {
            Value::List(l) => l.borrow().clone(),
            Value::Obj(_) if v.is::<PyIter>() => {
                let mut cursor = self.cursor(v)?;
                let mut items = Vec::new();
                while let Some(item) = cursor.next(self)? {
                    crate::value::push_item(&mut items, item)?;
                }
                items
            }
            Value::Tuple(t) => t.to_vec(),
            Value::Str(s) => s
                .chars()
                .map(|c| Value::Str(PyStr::from(c.to_string())))
                .collect(),
            Value::Bytes(b) => b.iter().map(|x| Value::Int(*x as i64)).collect(),
            Value::Obj(_) if let Some(c) = v.downcast::<crate::eval::automap::AutomapClasses>() => {
                crate::eval::automap::class_values(self, &c)
            }
            Value::Obj(_) if let Some(b) = v.downcast::<crate::value::bytearray::ByteArray>() => {
                (b.bytes().iter()).map(|x| Value::Int(*x as i64)).collect()
            }
            Value::Dict(d) => d.borrow().iter().map(|(k, _)| k.clone()).collect(),
            Value::Obj(_) if v.is::<crate::eval::metadata_naming::ImmutableDict>() => {
                let d = v
                    .downcast::<crate::eval::metadata_naming::ImmutableDict>()
                    .expect("an immutabledict");
                let d = d.0.borrow();
                d.iter().map(|(k, _)| k.clone()).collect()
            }
            Value::Obj(_) if v.is::<crate::eval::pymod::flask::Config>() => {
                let c = v
                    .downcast::<crate::eval::pymod::flask::Config>()
                    .expect("a Config");
                let d = c.0.borrow();
                d.iter().map(|(k, _)| k.clone()).collect()
            }
            Value::Range(r) => {
                let (start, stop, step) = **r;
                let n = range_len(start, stop, step);
                let mut items = Vec::with_capacity(n as usize);
                for i in 0..n {
                    if i % 65536 == 0 {
                        crate::interrupt::check()?;
                    }
                    items.push(Value::Int(start + i * step));
                }
                items
            }
            Value::Obj(_) => {
                if let Some(s) = v.downcast::<crate::eval::pyset::PySet>() {
                    return Ok(s.table.borrow().values());
                }
                if let Some(view) = v.downcast::<crate::eval::dict_view::DictView>() {
                    return Ok(view.members());
                }
                if let Some(q) = v.downcast::<Query>() {
                    return self.query_all(&q);
                }
                if let Some(c) = v.downcast::<crate::orm::relation::Collection>() {
                    return Ok(c.values());
                }
                if let Some(d) = v.downcast::<crate::eval::rel_ops::DynamicRel>() {
                    crate::eval::surface::write_only::refuse_iteration(&d)?;
                    return self.dynamic_items(&d);
                }
                if let Some(r) = v.downcast::<Row>() {
                    return Ok(r.values.clone());
                }
                if let Some(c) = v.downcast::<crate::eval::pyclass::PyClass>()
                    && c.is_enum()
                {
                    return Ok(c.members.borrow().clone());
                }
                if let Some(r) = v.downcast::<ResultSet>() {
                    return crate::eval::results::take_rows(&r);
                }
                if let Some(s) = v.downcast::<IdentitySet>() {
                    return Ok(s.0.clone());
                }
                if let Some(k) = v.downcast::<crate::orm::result_keys::RMKeyView>() {
                    return Ok(k.0.iter().map(|n| Value::str(n)).collect());
                }
                if let Some(m) = v.downcast::<crate::eval::row_mapping::RowMapping>() {
                    return Ok(m.row.named().map(|(k, _)| Value::str(k)).collect());
                }
                if let Some(view) = v.downcast::<crate::eval::row_mapping::MappingView>() {
                    return Ok(view.members());
                }
                if let Some(now) = self.live_name_set(v)? {
                    return self.items_of(&now);
                }
                if let Some(s) = v.downcast::<crate::eval::objects::NameSet>() {
                    return Ok(s.0.iter().map(|n| Value::str(n)).collect());
                }
                if let Some(h) = v.downcast::<crate::orm::attr_history::History>() {
                    return Ok(crate::eval::surface::attrs::history_parts(&h));
                }
                if let Some(p) = v.downcast::<crate::eval::surface::mapper_props::Props>() {
                    return Ok(crate::eval::surface::mapper_props::values_of(&p));
                }
                if let Some(a) = v.downcast::<crate::eval::surface::attrs::Attrs>() {
                    return crate::eval::surface::attrs::all_states(self, &a.0);
                }
                if let Some(e) = v.downcast::<crate::orm::upsert::Excluded>() {
                    return e.columns();
                }
                if let Some(c) =
                    v.downcast::<crate::eval::surface::selected_columns::SelectedColumns>()
                {
                    return Ok(c.columns.clone());
                }
                if let Some(p) = v.downcast::<crate::orm::pagination::Pagination>() {
                    return Ok(p.items.clone());
                }
                if let Some(items) = crate::eval::schema_repr::items_of(v) {
                    return items;
                }
                return Err(not_iterable(v));
            }
            other => return Err(not_iterable(other)),
        })
    }
}
