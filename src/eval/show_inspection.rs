//! The reprs of what `db.inspect(obj)` gives: InstanceState, its `attrs`,
//! an AttributeState, History, NO_VALUE and sets of names (SQLAlchemy's
//! `inspect()` objects).

use crate::error::Result;
use crate::eval::Interp;
use crate::value::Value;
use crate::value::repr::repr_into;

impl Interp {
    /// The repr of what `db.inspect(obj)` gives (InstanceState, its
    /// `attrs`, an AttributeState, History, NO_VALUE, a set of names);
    /// false for anything else.
    pub(super) fn repr_inspection(&mut self, v: &Value, out: &mut String) -> Result<bool> {
        if let Some(now) = self.live_name_set(v)? {
            return self.repr_inspection(&now, out);
        }
        if v.is::<crate::eval::inspect::InstanceState>() {
            out.push_str("<sqlalchemy.orm.state.InstanceState object>");
        } else if v.is::<crate::eval::surface::inspector::Inspector>() {
            out.push_str("<sqlalchemy.engine.reflection.Inspector object>");
        } else if let Some(m) = v.downcast::<crate::eval::surface::mapper::Mapper>() {
            out.push_str(&m.repr());
        } else if v.is::<crate::eval::surface::attrs::Attrs>() {
            out.push_str("<sqlalchemy.util._collections.ReadOnlyProperties object>");
        } else if v.is::<crate::eval::surface::attrs::AttrState>() {
            out.push_str("<sqlalchemy.orm.state.AttributeState object>");
        } else if let Some(h) = v.downcast::<crate::orm::attr_history::History>() {
            let parts = crate::eval::surface::attrs::history_parts(&h);
            for (i, (name, part)) in ["added", "unchanged", "deleted"]
                .iter()
                .zip(&parts)
                .enumerate()
            {
                out.push_str(if i == 0 { "History(" } else { ", " });
                out.push_str(name);
                out.push('=');
                repr_into(part, out, self)?;
            }
            out.push(')');
        } else if v.is::<crate::orm::history::NoValue>() {
            out.push_str("<LoaderCallableStatus.NO_VALUE: 4>");
        } else if let Some(k) = v.downcast::<crate::orm::result_keys::RMKeyView>() {
            let names = k.0.iter().map(|n| Value::str(n)).collect();
            out.push_str("RMKeyView(");
            repr_into(&Value::list(names), out, self)?;
            out.push(')');
        } else if let Some(set) = v.downcast::<crate::eval::objects::NameSet>() {
            if set.0.is_empty() {
                out.push_str("set()");
            } else {
                out.push('{');
                for (i, n) in set.0.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    repr_into(&Value::str(n), out, self)?;
                }
                out.push('}');
            }
        } else {
            return Ok(false);
        }
        Ok(true)
    }
}
