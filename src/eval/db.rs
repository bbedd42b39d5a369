//! The `db` object and `db.session`: their attributes and methods
//! (`create_all drop_all select get_or_404 paginate …`, `add commit query
//! execute …`), and the methods of execute results and paginations.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::dates::date_attr;
use crate::eval::model_def::{column, foreign_key, type_value};
use crate::eval::objects::{FuncName, IdentitySet, Namespace, Ns};
use crate::eval::session_args::{entities, instance_arg, model_arg, query_arg, unmapped};
use crate::eval::suggest::did_you_mean;
use crate::eval::surface::query::Q;
use crate::eval::surface::query_rows::{self, or_404};
use crate::eval::text_exec::TextSpans;
use crate::orm::instance::Instance;
use crate::orm::query::Query;
use crate::value::PyStr;
use crate::value::Value;

/// Every attribute of `db`: for "did you mean" here and Tab completion in
/// the shell.
pub const DB_ATTRS: &[&str] = &[
    "Column",
    "Integer",
    "BigInteger",
    "SmallInteger",
    "Float",
    "Numeric",
    "String",
    "Unicode",
    "Text",
    "UnicodeText",
    "Boolean",
    "Date",
    "DateTime",
    "Time",
    "LargeBinary",
    "JSON",
    "Enum",
    "ForeignKey",
    "relationship",
    "backref",
    "Table",
    "create_all",
    "drop_all",
    "reflect",
    "session",
    "select",
    "get_or_404",
    "first_or_404",
    "one_or_404",
    "paginate",
    "metadata",
    "engine",
    "func",
    "and_",
    "or_",
    "not_",
    "desc",
    "asc",
    "text",
    "inspect",
    "make_transient",
    "make_transient_to_detached",
];

/// Every attribute of `db.session` (the same two uses).
pub const SESSION_ATTRS: &[&str] = &[
    "add",
    "add_all",
    "delete",
    "commit",
    "rollback",
    "flush",
    "expunge",
    "expunge_all",
    "refresh",
    "merge",
    "get",
    "execute",
    "scalars",
    "scalar",
    "query",
    "new",
    "dirty",
    "deleted",
    "close",
    "expire",
    "expire_all",
    "is_modified",
    "remove",
];

pub fn ns_attr(me: &mut Interp, ns: Ns, name_rc: &Rc<str>) -> Result<Value> {
    let name: &str = name_rc;
    let method = || {
        Value::obj(crate::eval::objects::BoundMethod {
            recv: Interp::namespace(ns),
            name: name_rc.clone(),
        })
    };
    me.check_namespace_attr(ns, name)?;
    match ns {
        Ns::Db => {
            if let Some(t) = type_value(name) {
                return Ok(t);
            }
            if name == "PickleType" || name == "Interval" || name == "ARRAY" {
                return Err(Error::type_(format!(
                    "db.{name} is a Python-only type that ormsh cannot store"
                ))
                .with_help(
                    "store the data as db.JSON (lists and dicts) or db.LargeBinary (bytes) instead",
                ));
            }
            Ok(match name {
                "session" => Interp::namespace(Ns::Session),
                "func" => Interp::namespace(Ns::Func),
                "metadata" => Interp::namespace(Ns::Metadata),
                "engine" => Interp::namespace(Ns::Engine),
                "Column" => Interp::native("Column", column),
                "ForeignKey" => Interp::native("ForeignKey", foreign_key),
                "relationship" => {
                    Interp::native("relationship", crate::eval::rel_specs::relationship)
                }
                "backref" => Interp::native("backref", crate::eval::rel_specs::backref),
                "Table" => Interp::native("Table", crate::eval::rel_specs::table),
                "create_all"
                | "drop_all"
                | "get_or_404"
                | "first_or_404"
                | "one_or_404"
                | "paginate"
                | "reflect"
                | "inspect"
                | "make_transient"
                | "make_transient_to_detached" => method(),
                "select" => Interp::native("select", select),
                _ => match crate::eval::builtins::lookup(name) {
                    Some(v) if ["and_", "or_", "not_", "desc", "asc", "text"].contains(&name) => v,
                    _ => {
                        return Err(Error::attr(format!(
                            "'SQLAlchemy' object has no attribute '{name}'{}",
                            did_you_mean(name, DB_ATTRS.iter().copied())
                        )));
                    }
                },
            })
        }
        Ns::Session => match name {
            "new" => Ok(Value::obj(IdentitySet(
                me.session
                    .new_set()
                    .into_iter()
                    .map(|i| Value::Obj(i))
                    .collect(),
            ))),
            "dirty" => Ok(Value::obj(IdentitySet(
                me.session
                    .dirty_set()
                    .into_iter()
                    .map(|i| Value::Obj(i))
                    .collect(),
            ))),
            "deleted" => Ok(Value::obj(IdentitySet(
                me.session
                    .deleted_set()
                    .into_iter()
                    .map(|i| Value::Obj(i))
                    .collect(),
            ))),
            n if SESSION_ATTRS.contains(&n) => Ok(method()),
            _ => Err(Error::attr(format!(
                "'Session' object has no attribute '{name}'{}",
                did_you_mean(name, SESSION_ATTRS.iter().copied())
            ))),
        },
        Ns::Func => Ok(Value::obj(FuncName(Rc::from(name)))),
        Ns::Metadata => match name {
            "tables" => {
                let mut d = crate::value::Dict::default();
                for m in me.registry.models() {
                    d.insert(Value::Str(PyStr::from(&m.table)), Value::Obj(m.clone()))?;
                }
                for t in me.registry.tables() {
                    d.insert(Value::Str(PyStr::from(&t.name)), Value::Obj(t.clone()))?;
                }
                Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
            }
            "create_all" | "drop_all" => Ok(method()),
            _ => Err(Error::attr(format!(
                "'MetaData' object has no attribute '{name}'"
            ))),
        },
        Ns::Engine => match name {
            "url" => Ok(Value::Str(PyStr::from(me.session.engine.url.as_str()))),
            _ => Err(Error::attr(format!(
                "'Engine' object has no attribute '{name}'"
            ))),
        },
        Ns::Datetime | Ns::Date | Ns::Time | Ns::Timedelta => {
            date_attr(ns, name).ok_or_else(|| {
                Error::attr(format!(
                    "type object '{}' has no attribute '{name}'",
                    match ns {
                        Ns::Datetime => "datetime.datetime",
                        Ns::Date => "datetime.date",
                        Ns::Time => "datetime.time",
                        _ => "datetime.timedelta",
                    }
                ))
            })
        }
    }
}

pub fn call_ns_method(me: &mut Interp, ns: Ns, name: &str, mut a: Args) -> Result<Value> {
    match (ns, name) {
        (Ns::Db | Ns::Metadata, "create_all") => {
            a.take_kw("bind_key");
            a.count(0, 0)?;
            me.create_all()?;
        }
        (Ns::Db | Ns::Metadata, "drop_all") => {
            a.take_kw("bind_key");
            a.count(0, 0)?;
            if me.ask("Drop every table of the defined models, with their data?")? {
                me.drop_all()?;
            }
        }
        (Ns::Db, "get_or_404") => {
            // `get_or_404(entity, ident, *, description=None)`: the
            // description is the 404's text.
            let description = a.take_kw("description");
            a.count(2, 2)?;
            let model = model_arg(&a, 0)?;
            let key = crate::orm::session::Session::key_from_value(&model, &a.pos[1])?;
            let found = me
                .get_by_key(&model, key)?
                .map_or(Value::None, |i| Value::Obj(i));
            return or_404(me, Ok(found), description);
        }
        (Ns::Db, "first_or_404" | "one_or_404") => {
            let description = a.take_kw("description");
            a.count(1, 1)?;
            let q = Q::Query(query_arg(&a, 0)?);
            let none = Args::new(name, vec![]);
            let found = if name == "first_or_404" {
                query_rows::first(me, &q, none)
            } else {
                query_rows::one_or_none(me, &q, none)
            };
            return or_404(me, found, description);
        }
        (Ns::Db, "reflect") => {
            a.take_kw("bind_key");
            a.count(0, 0)?;
            me.reflect_tables()?;
        }
        (Ns::Db, "paginate") => {
            let q = query_arg(&a, 0)?;
            a.pos.remove(0);
            a.pos_spans.remove(0);
            return crate::eval::surface::query_page::paginate_select(me, &q, a);
        }
        (Ns::Db, "inspect" | "make_transient" | "make_transient_to_detached") => {
            return crate::eval::inspect::call_state_fn(me, name, a);
        }
        (Ns::Session, "add") => {
            a.take_kw("_warn");
            a.count(1, 1)?;
            let inst = instance_arg(&a, 0)?;
            me.session.add(&inst)?;
        }
        (Ns::Session, "add_all") => {
            a.count(1, 1)?;
            for v in me.to_vec(&a.pos[0])? {
                let inst = v
                    .downcast::<Instance>()
                    .ok_or_else(|| unmapped("add_all()", Some(&v)).at(a.span_of(0)))?;
                me.session.add(&inst)?;
            }
        }
        (Ns::Session, "delete") => {
            a.count(1, 1)?;
            let inst = instance_arg(&a, 0)?;
            // The delete cascade loads what it follows, and that load
            // autoflushes first (SQLAlchemy's cascade_iterator).
            if me.session.delete_cascade_loads(&inst) {
                me.autoflush()?;
            }
            me.session.delete(&inst)?;
        }
        (Ns::Session, "commit") => {
            a.count(0, 0)?;
            me.flush_until_clean()?;
            me.session.commit()?;
            // Ctrl-C during the COMMIT came too late to stop it: say it
            // finished (the statement stops here).
            crate::interrupt::check()?;
        }
        (Ns::Session, "flush") => {
            a.count(0, 1)?;
            me.flush()?;
        }
        (Ns::Session, "rollback") => {
            a.count(0, 0)?;
            me.session.rollback()?;
        }
        (Ns::Session, "close" | "remove") => {
            a.count(0, 0)?;
            me.session.rollback()?;
            me.session.expunge_all();
        }
        (Ns::Session, "expunge") => {
            a.count(1, 1)?;
            let inst = instance_arg(&a, 0)?;
            me.session.expunge_object(&inst)?;
        }
        (Ns::Session, "expunge_all") => {
            a.count(0, 0)?;
            me.session.expunge_all();
        }
        (Ns::Session, "expire") => {
            let names = a.arg(1, "attribute_names");
            a.no_more_kw()?;
            a.count(1, 2)?;
            let inst = instance_arg(&a, 0)?;
            me.expire_object(&inst, names)?;
        }
        (Ns::Session, "expire_all") => {
            a.count(0, 0)?;
            me.session.expire_all();
        }
        (Ns::Session, "refresh") => {
            let names = a.arg(1, "attribute_names");
            a.no_more_kw()?;
            a.count(1, 2)?;
            let inst = instance_arg(&a, 0)?;
            me.refresh_object(&inst, names)?;
        }
        (Ns::Session, "is_modified") => {
            let collections = a.arg(1, "include_collections");
            a.no_more_kw()?;
            a.count(1, 2)?;
            let inst = instance_arg(&a, 0)?;
            let collections = collections.is_none_or(|v| v.truthy());
            return Ok(Value::Bool(me.session.is_modified(&inst, collections)));
        }
        (Ns::Session, "merge") => {
            let load = a.take_kw("load").is_none_or(|v| v.truthy());
            a.take_kw("options");
            a.no_more_kw()?;
            a.count(1, 1)?;
            let inst = instance_arg(&a, 0)?;
            return me.merge(&inst, load);
        }
        (Ns::Session, "get") => {
            a.take_kw("options");
            a.count(2, 2)?;
            let model = model_arg(&a, 0)?;
            let key = crate::orm::session::Session::key_from_value(&model, &a.pos[1])?;
            return Ok(me
                .get_by_key(&model, key)?
                .map_or(Value::None, |i| Value::Obj(i)));
        }
        (Ns::Session, "query") => {
            a.no_more_kw()?;
            return Ok(Value::obj(Query::new(entities(&a)?, true)));
        }
        (Ns::Session, "execute" | "scalars" | "scalar") => {
            let at = TextSpans {
                sql: a.span_of(0),
                params: a
                    .kw
                    .iter()
                    .find(|(k, _, _)| &**k == "params")
                    .map_or_else(|| a.span_of(1), |(_, _, s)| *s),
            };
            let params = a.take_kw("params").or_else(|| a.pos.get(1).cloned());
            a.no_more_kw()?;
            let target = a
                .pos
                .first()
                .cloned()
                .ok_or_else(|| Error::type_(format!("{name}() needs a statement")))?;
            let rs = me.execute(&target, params, &at)?;
            return match name {
                "execute" => Ok(Value::obj(rs)),
                "scalars" => Ok(Value::obj(rs.scalars())),
                _ => Ok(crate::eval::results::first_scalar(&rs.rows)),
            };
        }
        _ => {
            return Err(Error::attr(format!(
                "'{}' has no method '{name}'",
                Namespace(ns).type_name_public()
            )));
        }
    }
    Ok(Value::None)
}

impl Namespace {
    fn type_name_public(&self) -> &'static str {
        match self.0 {
            Ns::Db => "db",
            Ns::Session => "db.session",
            _ => "object",
        }
    }
}

/// `db.select(User)` / `select(User.id, User.name)`
pub fn select(_: &mut Interp, a: Args) -> Result<Value> {
    a.no_more_kw()?;
    let ents = match a.pos.as_slice() {
        [Value::List(l)] => {
            let items = l.borrow().clone();
            entities(&Args::new("select", items))?
        }
        _ => entities(&a)?,
    };
    if ents.is_empty() {
        return Err(Error::type_(
            "select() needs a model or columns, like db.select(User)",
        ));
    }
    Ok(Value::obj(Query::new(ents, false)))
}
