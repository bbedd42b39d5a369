//! Python's `str()` of any value, as `print` and f-strings use it.

use crate::error::Result;
use crate::eval::Interp;
use crate::value::Value;
use crate::value::repr::str_of;

impl Interp {
    /// Python `str()` of a value.
    pub fn str_value(&mut self, v: &Value) -> Result<String> {
        if let Some(s) = crate::eval::attribute_events::str_of(v) {
            return Ok(s);
        }
        if let Some(q) = v.downcast::<crate::orm::query::Query>() {
            return self.query_sql(&q);
        }
        if let Some(d) = v.downcast::<crate::eval::rel_ops::DynamicRel>() {
            let q = self.dynamic_query(&d)?;
            return self.query_sql(&q);
        }
        if let Some(d) = v.downcast::<crate::orm::dml::Dml>() {
            return self.dml_sql(&d);
        }
        if let Some(fs) = v.downcast::<crate::eval::from_statement::FromStatement>() {
            return crate::eval::from_statement::str_of(self, &fs);
        }
        if let Some(s) = crate::eval::aliased::str_of_selectable(v) {
            return Ok(s);
        }
        str_of(v, self)
    }
}
