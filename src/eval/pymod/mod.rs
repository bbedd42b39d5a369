//! Python's modules as ormsh provides them, for `import` and `from …
//! import` (`import`): a [`Module`] object per module a Flask-SQLAlchemy
//! session uses, its names from its class table (`surface::modules`) or
//! lent from ormsh's own built-ins and `db` (`sqlalchemy`'s `select`,
//! `func`, `Integer`, …), the exception classes (`exc`), `hashlib`
//! (`hashlib`), Werkzeug's password hashes (`werkzeug`) and the Flask
//! scaffolding (`flask`). What Python's module has and ormsh lacks is
//! named (`names`).

pub mod exc;
mod exc_table;
pub mod flask;
pub mod flask_login;
pub mod functools;
pub mod hashlib;
pub mod import;
pub mod json;
pub mod names;
pub mod os;
pub mod plain;
pub mod unavailable;
pub mod web;
pub mod werkzeug;

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::value::{Object, Value};

/// A module ormsh provides, as Python's `import` gives it.
pub struct Module {
    pub def: &'static ModuleDef,
}

impl Object for Module {
    fn type_name(&self) -> &str {
        "module"
    }
}

/// How one module gives its names.
pub struct ModuleDef {
    /// The dotted name (`sqlalchemy.orm`).
    pub name: &'static str,
    /// Its names of Python's module are lent from ormsh's built-ins and
    /// `db` (as Flask-SQLAlchemy's `db` lends `sqlalchemy`'s).
    pub lends: bool,
    /// What a name of Python's module that ormsh lacks says, after
    /// "… is not supported by ormsh".
    pub note: &'static str,
    /// Its SQL function classes (`sqlalchemy.sql.functions.coalesce`),
    /// given as `func`'s (space-separated).
    pub functions: &'static str,
    /// Its classes that are the classes of ormsh's objects
    /// (`flask_sqlalchemy.pagination.QueryPagination`), as `type(x)`
    /// gives them (space-separated).
    pub classes: &'static str,
}

const NO_SERVER: &str = ": ormsh has no web server, so routes, requests, responses and templates are left to Flask (the models, the session and queries are what ormsh runs)";

/// Every module ormsh provides.
pub static MODULES: &[ModuleDef] = &[
    def("flask", false, NO_SERVER),
    def("flask_sqlalchemy", false, ""),
    def("flask_login", false, LOGIN_NOTE),
    def("sqlalchemy", true, ""),
    def("sqlalchemy.orm", true, ""),
    def("sqlalchemy.exc", false, ""),
    def("sqlalchemy.orm.exc", false, ""),
    def("sqlalchemy.orm.attributes", false, ""),
    def("sqlalchemy.sql", true, ""),
    def("sqlalchemy.sql.expression", true, ""),
    def("sqlalchemy.dialects", false, ""),
    def("sqlalchemy.dialects.sqlite", true, ""),
    def("sqlalchemy.dialects.postgresql", true, ""),
    def("sqlalchemy.ext", false, ""),
    def("sqlalchemy.ext.hybrid", false, ""),
    def("sqlalchemy.ext.automap", false, AUTOMAP_NOTE),
    def("sqlalchemy.ext.declarative", true, ""),
    def("sqlalchemy.ext.associationproxy", true, ""),
    def("sqlalchemy.schema", true, ""),
    def("sqlalchemy.types", true, ""),
    def("sqlalchemy.sql.functions", true, "").with_functions(SQL_FUNCTIONS),
    def("flask_sqlalchemy.pagination", false, "")
        .with_classes("Pagination QueryPagination SelectPagination"),
    def("flask_sqlalchemy.query", false, "").with_classes("Pagination Query QueryPagination"),
    def("sqlalchemy.event", false, ""),
    def("datetime", true, ""),
    def("decimal", true, ""),
    def("enum", false, ""),
    def("typing", false, ""),
    def("uuid", true, ""),
    def("werkzeug", false, ""),
    def("werkzeug.exceptions", false, ""),
    def("werkzeug.security", false, ""),
    def("hashlib", false, ""),
    def("os", false, FS_NOTE),
    def("os.path", false, FS_NOTE),
    def("json", false, ""),
    def("functools", false, ""),
    def("zoneinfo", false, ZONE_NOTE),
];

const AUTOMAP_NOTE: &str = ": ormsh has automap_base() with automap's default names (Base = automap_base(); Base.prepare(autoload_with=db.engine); Base.classes.user), and maps every table of the file when it opens it under its own names (.models lists them)";

const LOGIN_NOTE: &str = ": ormsh has no web server or requests, so logging users in is left to Flask-Login; the models' UserMixin is what ormsh provides";

const ZONE_NOTE: &str =
    ": ormsh carries no time zone database; ZoneInfo knows UTC, GMT and the fixed Etc/GMT±N zones";

const FS_NOTE: &str = ": ormsh reads the environment and works out paths (os.environ, os.getenv, os.path.join, …), but does not look at or touch files or processes";

/// `sqlalchemy.sql.functions`' `GenericFunction` classes, which are
/// `func`'s functions of the same names.
const SQL_FUNCTIONS: &str = "aggregate_strings array_agg char_length coalesce concat count cube \
     cume_dist current_date current_time current_timestamp current_user dense_rank \
     grouping_sets localtime localtimestamp max min mode next_value now percent_rank \
     percentile_cont percentile_disc pow random rank rollup session_user sum sysdate user";

const fn def(name: &'static str, lends: bool, note: &'static str) -> ModuleDef {
    ModuleDef {
        name,
        lends,
        note,
        functions: "",
        classes: "",
    }
}

impl ModuleDef {
    const fn with_functions(mut self, functions: &'static str) -> Self {
        self.functions = functions;
        self
    }

    const fn with_classes(mut self, classes: &'static str) -> Self {
        self.classes = classes;
        self
    }
}

/// Is `name` one of the space-separated `list`?
fn listed(list: &str, name: &str) -> bool {
    list.split_whitespace().any(|n| n == name)
}

/// The module called `name`, if ormsh provides it.
pub fn find(name: &str) -> Option<&'static ModuleDef> {
    MODULES.iter().find(|m| m.name == name)
}

/// The module object of `def`: one per module, as Python's
/// `sys.modules` keeps it (`import a as x; import a as y; x is y`).
pub fn value(def: &'static ModuleDef) -> Value {
    thread_local! {
        static MADE: std::cell::RefCell<Vec<Option<Value>>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let at = MODULES
        .iter()
        .position(|m| std::ptr::eq(m, def))
        .unwrap_or(0);
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        if made.len() < MODULES.len() {
            made.resize(MODULES.len(), None);
        }
        made[at]
            .get_or_insert_with(|| Value::obj(Module { def }))
            .clone()
    })
}

/// Does Python's module `module` have a public name `name`?
pub fn python_has(module: &str, name: &str) -> bool {
    names::PYTHON_NAMES
        .iter()
        .find(|(m, _)| *m == module)
        .is_some_and(|(_, all)| all.split(' ').any(|n| n == name))
}

/// The modules ormsh provides, for messages.
pub fn provided() -> String {
    let names: Vec<&str> = MODULES.iter().map(|m| m.name).collect();
    names.join(", ")
}

/// Is `top` a module of Python's standard library (or `__future__`)?
pub fn is_stdlib(top: &str) -> bool {
    names::STDLIB.split(' ').any(|n| n == top)
}

/// `module.name` while declaring (a stored definition's `sa.String`,
/// `so.mapped_column`, `enum.auto`): a submodule, a typing form, `enum`'s
/// bases, `datetime`'s constants, `uuid.uuid4` and `uuid.UUID`,
/// `sqlalchemy.dialects.postgresql`'s own types, or a name a declaration
/// may use bare or on `db`; anything else (`sqlalchemy.create_engine`,
/// `sa.select`) is
/// refused.
pub fn check_declared_attr(me: &Interp, m: &Module, name: &str) -> Result<()> {
    let ok = find(&format!("{}.{name}", m.def.name)).is_some()
        || m.def.name == "typing"
        || (m.def.name == "enum" && matches!(name, "Enum" | "IntEnum" | "StrEnum" | "auto"))
        || (m.def.name == "datetime" && matches!(name, "MINYEAR" | "MAXYEAR" | "UTC"))
        // `default=uuid.uuid4`: a value made per row, reading nothing.
        || (m.def.name == "uuid" && matches!(name, "uuid4" | "UUID"))
        || crate::eval::pure::is_builtin(name)
        || crate::eval::surface::declarable_db_attr(name)
        || (m.def.name == "sqlalchemy.dialects.postgresql"
            && crate::eval::surface::dialect_pg::is_pg_type(name));
    if ok {
        return Ok(());
    }
    me.refuse_when_declaring(|| format!("use {}.{name}", m.def.name))
}

/// `module.name`: a submodule, or a name lent from ormsh's built-ins and
/// `db`, for the dynamic part of a module's class table. None when it has
/// no such name (the table's `missing` then says why).
pub fn dynamic(me: &mut Interp, m: &Module, name: &str) -> Option<Result<Value>> {
    let sub = format!("{}.{name}", m.def.name);
    if let Some(d) = find(&sub) {
        return Some(Ok(value(d)));
    }
    if m.def.name.ends_with(".exc") || m.def.name == "werkzeug.exceptions" {
        return exc::lookup(m.def.name, name).map(Ok);
    }
    if m.def.name == "zoneinfo" && name == "ZoneInfo" {
        return Some(Ok(Value::obj(crate::eval::objects::Native {
            name: "ZoneInfo",
            f: crate::eval::zoneinfo::zone_info,
        })));
    }
    if m.def.name == "sqlalchemy.ext.automap" && name == "automap_base" {
        return Some(Ok(Value::obj(crate::eval::objects::Native {
            name: "automap_base",
            f: crate::eval::automap::automap_base,
        })));
    }
    if m.def.name == "flask" && name == "abort" {
        return Some(Ok(Value::obj(crate::eval::objects::Native {
            name: "abort",
            f: crate::eval::http_exc::abort,
        })));
    }
    if m.def.name == "flask"
        && let Some(v) = web::lookup(name)
    {
        return Some(Ok(v));
    }
    // `typing.TYPE_CHECKING` is False at run time: an `if TYPE_CHECKING:`
    // block (imports for type checkers only) does not run.
    if m.def.name == "typing" && name == "TYPE_CHECKING" {
        return Some(Ok(Value::Bool(false)));
    }
    if m.def.name == "typing" && python_has("typing", name) {
        return Some(Ok(Value::obj(TypingForm(Rc::from(name)))));
    }
    // `datetime.UTC`, the one name of `datetime` ormsh's built-ins lack.
    if m.def.name == "datetime" && name == "UTC" {
        return crate::eval::dates_tz::timezone_attr(name).map(Ok);
    }
    if listed(m.def.classes, name) {
        return Some(Ok(Value::obj(crate::eval::objects::TypeObj(Rc::from(
            name,
        )))));
    }
    if listed(m.def.functions, name) {
        let func = Interp::namespace(crate::eval::objects::Ns::Func);
        return Some(me.get_attr(&func, &Rc::from(name)));
    }
    if !m.def.lends || !python_has(m.def.name, name) {
        return None;
    }
    lend(me, name).map(Ok)
}

/// What ormsh has by the name `name`: a built-in (`select`, `func`,
/// `Integer`…), else a member of `db` (Flask-SQLAlchemy's `db` lends
/// `sqlalchemy`'s and `sqlalchemy.orm`'s names).
fn lend(me: &mut Interp, name: &str) -> Option<Value> {
    if let Some(v) = crate::eval::builtins::lookup(name) {
        return Some(v);
    }
    let db = Interp::namespace(crate::eval::objects::Ns::Db);
    me.get_attr(&db, &Rc::from(name)).ok()
}

/// The names `dynamic` gives for `m`, for `dir` and completion.
pub fn dynamic_names(me: &mut Interp, m: &Module) -> Vec<Rc<str>> {
    let prefix = format!("{}.", m.def.name);
    let mut out: Vec<Rc<str>> = (MODULES.iter())
        .filter_map(|d| d.name.strip_prefix(&prefix))
        .filter(|rest| !rest.contains('.'))
        .map(Rc::from)
        .collect();
    let all = (names::PYTHON_NAMES.iter())
        .find(|(n, _)| *n == m.def.name)
        .map_or("", |(_, all)| all);
    for n in all.split(' ') {
        if out.iter().any(|o| &**o == n) {
            continue;
        }
        if dynamic(me, m, n).is_some_and(|r| r.is_ok()) {
            out.push(Rc::from(n));
        }
    }
    out
}

/// A missing `module.name`: Python's module has it (`NotImplementedError`
/// naming it) or not (`AttributeError`, with the nearest name).
pub fn missing(m: &Module, name: &str, hint: &str) -> Error {
    if m.def.name == "datetime" && name == "tzinfo" {
        return crate::eval::dates::tzinfo_refused();
    }
    if python_has(m.def.name, name) {
        return Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "{}.{name} is not supported by ormsh{}",
                m.def.name, m.def.note
            ),
        )
        .with_help(format!(
            "dir({}) lists what ormsh has; grammar/COVERAGE.md says what is refused and why",
            m.def.name
        ));
    }
    Error::attr(format!(
        "module '{}' has no attribute '{name}'{hint}",
        m.def.name
    ))
}

/// A name of `typing` (`Optional`, `List`, …), as annotations write it.
pub struct TypingForm(pub Rc<str>);

impl Object for TypingForm {
    fn type_name(&self) -> &str {
        "_SpecialForm"
    }
}

/// The repr of the objects of this module (modules, exception classes,
/// Flask's app, config and context, hashes); None for any other value.
pub fn repr(me: &mut Interp, v: &Value, out: &mut String) -> Result<bool> {
    if let Some(m) = v.downcast::<Module>() {
        out.push_str(&format!("<module '{}'>", m.def.name));
    } else if let Some(t) = v.downcast::<TypingForm>() {
        out.push_str(&format!("typing.{}", t.0));
    } else if let Some(e) = v.downcast::<exc::ExcClass>() {
        out.push_str(&format!("<class '{}'>", e.qualified()));
    } else if let Some(c) = v.downcast::<crate::eval::user_exc::UserExcClass>() {
        out.push_str(&format!("<class '__main__.{}'>", c.name));
    } else if crate::eval::mapped::repr(v, out) || crate::eval::type_alias::repr(me, v, out)? {
    } else if let Some(h) = v.downcast::<hashlib::Hash>() {
        out.push_str(&format!("<{} _hashlib.HASH object>", h.algo.name()));
    } else if crate::eval::metadata_naming::repr(me, v, out)? || unavailable::repr(v, out) {
    } else {
        return flask::repr(me, v, out);
    }
    Ok(true)
}
