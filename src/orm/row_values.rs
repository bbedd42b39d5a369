//! The column values an object loaded from a row would hold, read without
//! making the object: for the first pass of a streamed bordered table
//! (`eval::stream`), which only measures the cells. As SQLAlchemy's
//! `loading._instance` would build them, for a row whose object is not in
//! the identity map and a model that defers no column; any other row
//! goes through `Session::instance_for_row` as before.

use std::rc::Rc;

use crate::orm::convert::from_param;
use crate::orm::session::Session;
use crate::schema::model::Model;
use crate::sql::ast::Param;
use crate::value::Value;

impl Session {
    /// The values `instance_for_row` would load from `row` into a new
    /// object, or None when it would not make a plain new one (the object
    /// is in the identity map, the key is all NULL, the model defers a
    /// column or was replaced). The object's serial is counted as if it
    /// had been made, so later objects number as before.
    pub fn row_values(&mut self, model: &Rc<Model>, row: &[Param]) -> Option<Vec<Value>> {
        if model.is_retired() || model.columns.iter().any(|c| c.deferred.is_some()) {
            return None;
        }
        let key = Session::key_of(model, row)?;
        if self.identity.contains_key(&(model.id, key)) {
            return None;
        }
        self.skip_serial();
        Some(
            (model.columns.iter().zip(row))
                .map(|(c, p)| from_param(&c.ty, p))
                .collect(),
        )
    }
}
