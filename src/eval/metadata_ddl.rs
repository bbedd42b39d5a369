//! SQL of one's own in `create_all()` and `drop_all()`, as SQLAlchemy
//! adds it: `DDL('CREATE VIEW …')` (SQLAlchemy's `DDL`: a statement
//! whose `%%` stands for `%`) given to `event.listen(db.metadata,
//! 'after_create', …)` runs after `create_all()` made the tables, and
//! to `'before_drop'` before `drop_all()` drops them;
//! `db.metadata.remove(Model.__table__)` (SQLAlchemy's
//! `MetaData.remove`) leaves a model's table out of both — the model
//! stays mapped. Together they map a view: `.export python` writes a
//! file's views so (and its triggers as `after_create` DDL), since a
//! view's model made by `create_all()` would be a table.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::schema::table::Table;
use crate::value::{Object, Value};

/// `DDL(statement)`: SQL run as it is (after `%%` → `%`).
pub struct Ddl(pub Rc<str>);

impl Object for Ddl {
    fn type_name(&self) -> &str {
        "DDL"
    }
}

/// What `db.metadata` was given besides its tables.
#[derive(Default)]
pub struct MetadataDdl {
    /// Tables `metadata.remove()` took out of `create_all`/`drop_all`.
    pub removed: Vec<Rc<str>>,
    /// `after_create` statements, in the order they were listened.
    pub after_create: Vec<Rc<str>>,
    /// `before_drop` statements, in the order they were listened.
    pub before_drop: Vec<Rc<str>>,
}

impl MetadataDdl {
    /// Is `table` left out of `create_all`/`drop_all`?
    pub fn is_removed(&self, table: &str) -> bool {
        self.removed.iter().any(|t| &**t == table)
    }
}

/// `DDL(statement)` (`sqlalchemy.DDL`, `db.DDL`).
pub fn ddl(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    match &a.pos[0] {
        Value::Str(s) => Ok(Value::obj(Ddl(Rc::from(s.replace("%%", "%").as_str())))),
        other => Err(Error::type_(format!(
            "DDL() takes the statement as a string, not {}",
            other.type_name()
        ))
        .at(a.span_of(0))
        .with_help("write DDL('CREATE VIEW v AS SELECT …')")),
    }
}

/// `event.listen(db.metadata, 'after_create' | 'before_drop', DDL(…))`.
pub fn listen(me: &mut Interp, event: &str, f: &Value) -> Result<()> {
    let Some(d) = f.downcast::<Ddl>() else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "event.listen(db.metadata, '{event}', …) takes a DDL(…) in ormsh, not {}",
                f.type_name()
            ),
        )
        .with_help("write event.listen(db.metadata, 'after_create', DDL('CREATE VIEW …'))"));
    };
    let list = match event {
        "after_create" => &mut me.metadata_ddl.after_create,
        "before_drop" => &mut me.metadata_ddl.before_drop,
        _ => {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("ormsh does not support the event '{event}' on the MetaData"),
            )
            .with_help("ormsh runs 'after_create' and 'before_drop' DDL on db.metadata"));
        }
    };
    list.push(d.0.clone());
    Ok(())
}

/// `db.metadata.remove(table)`: the table leaves `create_all`/`drop_all`.
pub fn remove(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let Some(t) = a.pos[0].downcast::<Table>() else {
        return Err(Error::type_(format!(
            "MetaData.remove() takes a Table, not {}",
            a.pos[0].type_name()
        ))
        .at(a.span_of(0))
        .with_help("write db.metadata.remove(User.__table__)"));
    };
    if !me.metadata_ddl.is_removed(&t.name) {
        me.metadata_ddl.removed.push(t.name.clone());
    }
    Ok(Value::None)
}

impl Interp {
    /// Run the `after_create` (or `before_drop`) statements.
    pub fn run_metadata_ddl(&mut self, after_create: bool) -> Result<()> {
        let list = if after_create {
            self.metadata_ddl.after_create.clone()
        } else {
            self.metadata_ddl.before_drop.clone()
        };
        for sql in list {
            self.session.engine.execute_ddl(&sql)?;
        }
        Ok(())
    }
}
