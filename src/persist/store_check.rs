//! A model that cannot be stored or exported, said when its class is
//! defined: the same checks `.export python` and reopening the file hold
//! it to (`persist::declare`: its shape, then every name it uses), run at
//! once, so the reason is not first met at export or at the next open.
//! A name not bound yet passes (it may be a model defined later).

use std::collections::HashSet;

use crate::eval::Interp;
use crate::persist::declare::{names, shape};
use crate::schema::model::Model;
use crate::schema::table::Table;

impl Interp {
    /// After `model_defined` recorded `m` (and what it names): a warning
    /// naming what keeps it from being stored and exported, if anything.
    pub(crate) fn note_unstorable_model(&mut self, m: &Model) {
        if m.reflected || m.automap {
            return;
        }
        let builtin = |n: &str| crate::eval::builtins::lookup(n).is_some();
        let mut known: HashSet<String> = HashSet::new();
        for other in self.registry.models().iter() {
            known.insert(other.name.to_string());
            known.insert(other.table.to_string());
        }
        known.extend(self.registry.tables().iter().map(|t| t.name.to_string()));
        for n in self.global_names() {
            if self.get_global(&n).is_some_and(|v| v.is::<Table>()) {
                known.insert(n.to_string());
            }
        }
        known.extend(self.dependency_names());
        // A name not bound yet may be a model or table defined later (a
        // relationship's target): only names bound to something else are
        // known now to be refused.
        let checked = shape("model", &m.name, &m.source, &builtin)
            .and_then(|d| names(&d, &|n| known.contains(n) || self.get_global(n).is_none()));
        let Err(why) = checked else { return };
        let kept = if self.store_is_file() {
            "stored in the database file (it will not load when the file is reopened) nor exported by .export python"
        } else {
            "exported by .export python"
        };
        self.store.warnings.push(format!(
            "warning: the model {} works in this session but cannot be {kept}: {why}",
            m.name
        ));
    }
}
