//! Loads of expired attributes as the interpreter reaches them, each after
//! an autoflush as SQLAlchemy's `load_on_ident` runs one (reading an
//! expired column, as a `__repr__` does; setting an expired primary-key
//! column), and `db.session.expire(obj, names)`, `refresh(obj, names)` and
//! `is_modified(obj)` with their arguments. The interpreter's part only:
//! reading the names and the autoflush (which may run Python-side
//! defaults); expiring and loading are the session's (`orm::transaction`,
//! `orm::columns`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::orm::instance::Instance;
use crate::orm::session::Session;
use crate::value::Value;

/// The attributes `expire`/`refresh` name: columns by index and
/// relationships by name.
struct Named {
    columns: Vec<usize>,
    rels: Vec<Rc<str>>,
}

impl Interp {
    /// `obj.column`: an expired column loads the object's expired columns,
    /// after an autoflush (SQLAlchemy's `_load_expired`).
    pub(crate) fn column_value(&mut self, inst: &Rc<Instance>, i: usize) -> Result<Value> {
        // A deferred column (not also expired) loads on its own.
        let deferred = inst.st.borrow().column_deferred(i);
        if deferred && self.session.column_loads(inst, i) {
            self.autoflush()?;
        } else if self.session.column_loads(inst, i) {
            self.load_expired(inst)?;
        }
        self.session.get_column(inst, i)
    }

    /// `obj.column = v`: an expired primary-key column loads first, after
    /// an autoflush (its attribute keeps active history); other columns
    /// are set without SQL.
    pub(crate) fn set_column_value(
        &mut self,
        inst: &Rc<Instance>,
        i: usize,
        v: Value,
    ) -> Result<()> {
        if self.session.set_column_loads(inst, i) {
            self.load_expired(inst)?;
        }
        self.session.set_column(inst, i, v)
    }

    /// Load the expired columns of a persistent `inst` as SQLAlchemy's
    /// `_load_expired` does: the autoflush runs inside the load, so its row
    /// is read afterwards whatever the flush did to it meanwhile — a row
    /// the flush deleted is ObjectDeletedError.
    pub(crate) fn load_expired(&mut self, inst: &Rc<Instance>) -> Result<()> {
        self.autoflush()?;
        self.session.load_after_flush(inst)
    }

    /// `db.session.expire(obj, names)`.
    pub(crate) fn expire_object(
        &mut self,
        inst: &Rc<Instance>,
        names: Option<Value>,
    ) -> Result<()> {
        self.expire_by_names(inst, names).map(|_| ())
    }

    /// `db.session.refresh(obj, names)`: expire, autoflush, load again
    /// (`Session::refresh_expired`).
    pub(crate) fn refresh_object(
        &mut self,
        inst: &Rc<Instance>,
        names: Option<Value>,
    ) -> Result<()> {
        let named = self.expire_by_names(inst, names)?;
        self.autoflush()?;
        // A deferred column named is loaded too, by its own SELECT (the
        // row's SELECT leaves deferred columns out), as SQLAlchemy's
        // refresh of named attributes loads them whatever their strategy.
        let (deferred, plain): (Vec<usize>, Vec<usize>) = named
            .as_ref()
            .map_or(&[][..], |n| &n.columns[..])
            .iter()
            .partition(|&&i| {
                inst.model.columns[i].deferred.is_some() || inst.st.borrow().column_deferred(i)
            });
        self.session
            .refresh_expired(inst, named.as_ref().map(|n| (&plain[..], &n.rels[..])))?;
        for i in deferred {
            self.session.load_deferred(inst, i)?;
        }
        Ok(())
    }

    /// Expire all of a persistent object, or the attributes `names` names;
    /// those names, read.
    fn expire_by_names(
        &mut self,
        inst: &Rc<Instance>,
        names: Option<Value>,
    ) -> Result<Option<Named>> {
        Session::check_expirable(inst)?;
        let named = self.named(inst, names)?;
        if named.is_none() {
            // The whole object: its refresh-expire cascade is walked first.
            let reached = self.session.expire_cascade(inst);
            (self.session).refuse_none_in_cascade(inst, &reached, |r| r.cascade.refresh_expire)?;
        }
        let n = named.as_ref().map(|n| (&n.columns[..], &n.rels[..]));
        self.session.expire_named(inst, n)?;
        Ok(named)
    }

    /// iterable of names; one that is not an attribute is KeyError.
    fn named(&mut self, inst: &Rc<Instance>, names: Option<Value>) -> Result<Option<Named>> {
        let Some(names) = names.filter(|v| v.truthy()) else {
            return Ok(None);
        };
        let mut out = Named {
            columns: Vec::new(),
            rels: Vec::new(),
        };
        for v in self.to_vec(&names)? {
            let name = match &v {
                Value::Str(s) => s.to_string(),
                other => return Err(key_error(&inst.model.name, &self.repr_value(other)?)),
            };
            if let Some(i) = inst.model.column(&name) {
                out.columns.push(i);
            } else if let Some(rel) = self.rel_of(&inst.model.name, &name)? {
                out.rels.push(rel.name.clone());
            } else {
                return Err(key_error(&inst.model.name, &name));
            }
        }
        Ok(Some(out))
    }
}

fn key_error(model: &str, name: &str) -> Error {
    crate::value::exc_args::key_error(Value::str(name), crate::value::repr::str_repr(name))
        .with_help(format!(
            "name attributes of {model}: its columns and relationships"
        ))
}
