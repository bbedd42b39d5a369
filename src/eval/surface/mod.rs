//! One table per Python type: each type the interpreter shows to Python code
//! (Query, Select, Pagination, loader options, …) declares its attributes
//! and methods once, as a [`Class`] of [`Member`]s. Attribute lookup
//! (`Interp::get_attr`), calls (`Interp::call_method`), "did you mean",
//! Tab completion, `dir(obj)` and `help(obj)` all read these tables, and
//! keyword arguments are checked against each method's [`Sig`] before the
//! method runs (`Args::bind`).
//!
//! Adding a method is one entry in one table: see ARCHITECTURE.md,
//! "Adding a method".

pub(crate) mod alias_rel;
pub mod attrs;
mod class_of;
mod collection;
mod column;
mod column_descriptions;
mod column_func;
mod column_json;
mod column_ops;
pub(crate) mod column_prop;
mod column_regexp;
mod column_schema;
pub(crate) mod connection;
mod connection_select;
mod dates;
mod dates_more;
mod dates_tz;
mod db;
mod db_mapped;
mod db_methods;
mod db_sql;
mod declarative;
pub(crate) mod default_ctx;
pub mod dialect_pg;
pub(crate) mod dml;
mod dml_refused;
pub mod dml_sqlite;
mod dynamic;
pub(crate) mod engine_url;
mod exception;
mod exists;
pub(crate) mod expired_view;
mod flag_modified;
mod flask;
mod from_statement;
mod function;
mod generator;
pub mod help;
pub mod inspector;
mod inspector_more;
mod instance;
pub(crate) mod join_clause;
mod loader;
pub(crate) mod mapper;
pub(crate) mod mapper_props;
mod member;
mod metadata;
mod model;
mod modules;
pub mod modules_std;
mod pagination;
mod prefix_with;
pub mod pyclass;
mod pyvalues;
pub mod query;
pub(crate) mod query_bulk;
mod query_correlate;
pub(crate) mod query_criteria;
mod query_join;
mod query_label;
pub(crate) mod query_legacy;
pub mod query_page;
pub(crate) mod query_populate;
pub(crate) mod query_rows;
mod refused;
mod relattr;
pub(crate) mod result;
pub(crate) mod result_more;
mod result_views;
mod row;
mod row_mapping;
mod schema_items;
pub mod second_extension;
mod select_class;
pub mod selected_columns;
mod session;
mod session_get;
mod session_own;
mod session_tx;
pub mod set;
mod setops;
mod sig;
mod sqlalchemy_names;
pub(crate) mod state;
mod subquery;
mod superobj;
mod table;
mod text_clause;
mod time_tz;
mod type_engine;
mod values;
pub mod write_only;

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::BoundMethod;
use crate::eval::suggest::did_you_mean;
use crate::value::{Object, Value};

pub use alias_rel::{ALIASED_REL, of_type_target};
pub use attrs::{ATTRIBUTE_STATE, ATTRS, HISTORY};
pub use class_of::{all, class_of};
pub use collection::COLLECTION;
pub use column::COLUMN;
pub use dates::{DATE, DATETIME, TIME, TIMEDELTA};
pub use db::{DB, declarable_db_attr};
pub use dml::{DELETE, INSERT, UPDATE};
pub use dynamic::APPENDER;
pub use exists::{EXISTS, exists};
pub use flask::{APP_CONTEXT, CONFIG, CURRENT_APP, FLASK};
pub use instance::INSTANCE;
pub use loader::LOADER_OPTION;
pub use member::{GetFn, Kind, Member, MethodFn, SetFn};
pub use metadata::{ENGINE, FUNC, METADATA};
pub use model::MODEL;
pub use modules::{
    DATETIME_MODULE, FLASK_MODULE, FLASK_SQLALCHEMY, HASH, HASHLIB, MODULE, WERKZEUG_SECURITY,
    module_names,
};
pub use pagination::PAGINATION;
pub use query::QUERY;
pub use relattr::RELATIONSHIP;
pub use result::RESULT;
pub use result_views::{MAPPING_RESULT, SCALAR_RESULT};
pub use row::{PUBLIC_UNDERSCORE, ROW};
pub use schema_items::{CONSTRAINT, INDEX, PRIMARY_KEY};
pub use select_class::SELECT;
pub use session::SESSION;
pub use setops::{
    COMPOUND, db_except_, db_except_all, db_intersect, db_intersect_all, db_union, db_union_all,
};
pub use sig::Sig;
pub use state::STATE;
pub use subquery::{ALIASED, SUB_COLUMNS, SUBQUERY, sub_column_item};
pub use table::{TABLE, TABLE_COLUMNS};
pub use values::{DICT, LIST, STR, TUPLE};

/// What reading or calling a member gives, where its class is fixed
/// whatever the receiver holds: Tab completion reads it to offer the
/// members after `q.filter(…).` without running anything.
#[derive(Clone, Copy)]
pub enum Returns {
    /// A value of this class (`Query.filter()` is a `Query`).
    Class(&'static dyn Surface),
    /// An object of the receiver's model, or None (`Query.first()`).
    Object,
    /// Of a data attribute that is a function: what calling it gives
    /// (`db.select(User)` is a `Select`).
    Function(&'static dyn Surface),
}

/// Attributes named by the receiver's data rather than by its type (a
/// table's columns under `.c`, a row's fields): tried after the members.
pub type DynGetFn<R> = fn(&mut Interp, &R, &str) -> Option<Result<Value>>;

/// The names a receiver's dynamic attributes have, for suggestions (a
/// model's relationships need the interpreter's mapping).
pub type DynNamesFn<R> = fn(&mut Interp, &R) -> Vec<Rc<str>>;

/// The error for a missing attribute, given the name and the
/// " — did you mean …?" suffix (possibly empty).
pub type MissFn<R> = fn(&mut Interp, &R, &str, &str) -> Error;

/// The table of one Python-visible type, whose receiver is `R` (`Rc<T>`
/// for the interpreter's objects, see [`Receiver`]).
pub struct Class<T: 'static> {
    /// The Python type name (`type(obj).__name__`; the receiver's own
    /// `type_name` where one table serves several, as for columns and
    /// expressions).
    pub name: &'static str,
    pub members: &'static [Member<T>],
    /// Attributes named by the receiver's data.
    pub dynamic: Option<(DynGetFn<T>, DynNamesFn<T>)>,
    /// Whether the dynamic attributes come before the members (a model's
    /// own columns and relationships hide `query`, as a Python class
    /// attribute hides its base's).
    pub dynamic_first: bool,
    /// A message of its own for a missing attribute.
    pub missing: Option<MissFn<T>>,
    /// The class it extends (Python's base class): its members are found
    /// after this table's own, which may redefine them (`AppenderQuery`
    /// extends `Query` with `append` and its own `all`).
    pub base: Option<&'static Class<T>>,
    /// The members whose result has a fixed class ([`Returns`]).
    pub results: &'static [(&'static str, Returns)],
    /// What `help` says of the class besides its members (for one whose
    /// attributes are all its data's, as `func`'s).
    pub about: &'static str,
    /// The attributes that may be set, with their setters.
    pub setters: &'static [(&'static str, SetFn<T>)],
}

impl<T> Class<T> {
    /// A class with just these members.
    pub const fn new(name: &'static str, members: &'static [Member<T>]) -> Self {
        Class {
            name,
            members,
            dynamic: None,
            dynamic_first: false,
            missing: None,
            base: None,
            results: &[],
            about: "",
            setters: &[],
        }
    }

    /// With setters for these attributes (the rest cannot be set).
    pub const fn with_setters(mut self, setters: &'static [(&'static str, SetFn<T>)]) -> Self {
        self.setters = setters;
        self
    }

    /// With a line `help` prints before the members.
    pub const fn with_about(mut self, about: &'static str) -> Self {
        self.about = about;
        self
    }

    /// With the classes of these members' results.
    pub const fn with_results(mut self, results: &'static [(&'static str, Returns)]) -> Self {
        self.results = results;
        self
    }

    /// Extending `base`: its members are this class's too, after its own.
    pub const fn with_base(mut self, base: &'static Class<T>) -> Self {
        self.base = Some(base);
        self
    }

    /// With attributes named by the receiver's data.
    pub const fn with_dynamic(mut self, get: DynGetFn<T>, names: DynNamesFn<T>) -> Self {
        self.dynamic = Some((get, names));
        self
    }

    /// With attributes named by the receiver's data, found before the
    /// members.
    pub const fn with_dynamic_first(mut self, get: DynGetFn<T>, names: DynNamesFn<T>) -> Self {
        self.dynamic = Some((get, names));
        self.dynamic_first = true;
        self
    }

    /// With a message of its own for a missing attribute.
    pub const fn with_missing(mut self, missing: MissFn<T>) -> Self {
        self.missing = Some(missing);
        self
    }

    fn find(&self, name: &str) -> Option<&'static Member<T>> {
        match self.members.iter().find(|m| m.name == name) {
            Some(m) => Some(m),
            None => self.base.and_then(|b| b.find(name)),
        }
    }

    /// Every member's name: its own, then those of its bases it does not
    /// redefine.
    fn member_names(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self.members.iter().map(|m| m.name).collect();
        if let Some(base) = self.base {
            for n in base.member_names() {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }
}

/// A class table seen without its receiver type: what the interpreter,
/// completion and `help` need. `get` and `call` are given a receiver of the
/// table's type (`class_of` chose the table from it).
pub trait Surface: Sync {
    /// The Python type name.
    fn type_name(&self) -> &'static str;
    /// Every member's name, in table order (not the dynamic ones).
    fn names(&self) -> Vec<&'static str>;
    /// `(is_method, doc)` of the member called `name`.
    fn describe(&self, name: &str) -> Option<(bool, &'static str)>;
    /// The line `help` prints before the members (may be empty).
    fn about(&self) -> &'static str {
        ""
    }
    /// The keywords of the method called `name`.
    fn sig(&self, _name: &str) -> Option<Sig> {
        None
    }
    /// What the member called `name` gives, when its class is fixed.
    fn returns(&self, _name: &str) -> Option<Returns> {
        None
    }
    /// The attributes `recv`'s data names (a row's columns), for `dir`.
    fn dynamic_names(&self, _me: &mut Interp, _recv: &Value) -> Vec<Rc<str>> {
        Vec::new()
    }
    /// `recv.name`, or `AttributeError` with the nearest name.
    fn get(&self, me: &mut Interp, recv: &Value, name: &Rc<str>) -> Result<Value>;
    /// `recv.name(args)` with the keywords checked against the method's
    /// `Sig` (`Args::bind`); `AttributeError` when there is no such method.
    fn call(&self, me: &mut Interp, recv: &Value, name: &str, a: Args) -> Result<Value>;
    /// `recv.name = v` through the table's setter; None when it has none.
    fn set(&self, _me: &mut Interp, _recv: &Value, _name: &str, _v: Value) -> Option<Result<()>> {
        None
    }
}

/// What a method is called on: taken out of a `Value` of the table's type.
pub trait Receiver: Sized + 'static {
    fn from_value(v: &Value) -> Option<Self>;
}

impl<T: Object> Receiver for Rc<T> {
    fn from_value(v: &Value) -> Option<Self> {
        v.downcast::<T>()
    }
}

impl<R: Receiver> Class<R> {
    fn this(&self, recv: &Value) -> Result<R> {
        R::from_value(recv).ok_or_else(|| {
            Error::type_(format!(
                "a '{}' object was expected, not '{}'",
                self.name,
                recv.type_name()
            ))
        })
    }
}

impl<R: Receiver> Surface for Class<R> {
    fn type_name(&self) -> &'static str {
        self.name
    }

    fn names(&self) -> Vec<&'static str> {
        self.member_names()
    }

    fn describe(&self, name: &str) -> Option<(bool, &'static str)> {
        let m = self.find(name)?;
        Some((matches!(m.kind, Kind::Method(..)), m.doc))
    }

    fn about(&self) -> &'static str {
        self.about
    }

    fn sig(&self, name: &str) -> Option<Sig> {
        match self.find(name)?.kind {
            Kind::Method(_, sig) => Some(sig),
            Kind::Attr(_) => None,
        }
    }

    fn returns(&self, name: &str) -> Option<Returns> {
        let own = self.members.iter().any(|m| m.name == name);
        match self.results.iter().find(|(n, _)| *n == name) {
            Some((_, r)) => Some(*r),
            None if !own => self.base.and_then(|b| b.returns(name)),
            None => None,
        }
    }

    fn dynamic_names(&self, me: &mut Interp, recv: &Value) -> Vec<Rc<str>> {
        match (self.dynamic, R::from_value(recv)) {
            (Some((_, names)), Some(this)) => names(me, &this),
            _ => Vec::new(),
        }
    }

    fn get(&self, me: &mut Interp, recv: &Value, name: &Rc<str>) -> Result<Value> {
        let this = self.this(recv)?;
        if let (true, Some((get, _))) = (self.dynamic_first, self.dynamic)
            && let Some(r) = get(me, &this, name)
        {
            return r;
        }
        if let Some(m) = self.find(name) {
            return match &m.kind {
                Kind::Method(..) => Ok(Value::obj(BoundMethod {
                    recv: recv.clone(),
                    name: name.clone(),
                })),
                Kind::Attr(get) => get(me, &this),
            };
        }
        let mut known: Vec<Rc<str>> = self.member_names().into_iter().map(Rc::from).collect();
        if let Some((get, names)) = self.dynamic {
            if !self.dynamic_first
                && let Some(r) = get(me, &this, name)
            {
                return r;
            }
            known.extend(names(me, &this));
        }
        let hint = did_you_mean(name, known.iter().map(|k| &**k));
        Err(match self.missing {
            Some(miss) => miss(me, &this, name, &hint),
            None => Error::attr(format!(
                "'{}' object has no attribute '{name}'{hint}",
                recv.type_name()
            )),
        })
    }

    fn set(&self, me: &mut Interp, recv: &Value, name: &str, v: Value) -> Option<Result<()>> {
        let (_, f) = self.setters.iter().find(|(n, _)| *n == name)?;
        Some(self.this(recv).and_then(|this| f(me, &this, v)))
    }

    fn call(&self, me: &mut Interp, recv: &Value, name: &str, mut a: Args) -> Result<Value> {
        let this = self.this(recv)?;
        match self.find(name).map(|m| &m.kind) {
            Some(Kind::Method(f, sig)) => {
                a.bind(name, sig)?;
                f(me, &this, a)
            }
            Some(Kind::Attr(_)) => Err(Error::type_(format!(
                "'{}' object attribute '{name}' is not callable",
                recv.type_name()
            ))),
            None => Err(Error::attr(format!(
                "'{}' object has no attribute '{name}'{}",
                recv.type_name(),
                did_you_mean(name, self.names())
            ))),
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_calls;
