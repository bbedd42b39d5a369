//! What the text before a `.` stands for, found without running anything,
//! for Tab completion: a variable's value, a model, a built-in name (`db`,
//! `datetime`), a string literal; then each `.name` read only where the
//! read is pure (an object's column value or a value set on it, a model's
//! column or relationship) or where the class table declares the result's
//! class (`Class::with_results`: `Query.filter()` is a `Query`,
//! `db.session` a session); a call only where its member declares its
//! result. Anything else is unknown, and completion offers nothing rather
//! than a guess. The session is not touched: no query, no autoflush, no
//! lazy load (a relationship not loaded is known by its kind).

use std::rc::Rc;

use crate::eval::Interp;
use crate::eval::rel_ops::{DynamicRel, RelAttr};
use crate::eval::surface::{
    APPENDER, COLLECTION, COLUMN, INSTANCE, MODEL, QUERY, RELATIONSHIP, ROW, Returns, Surface,
    class_of,
};
use crate::orm::expr::ColumnElement;
use crate::orm::instance::Instance;
use crate::orm::query::{Entity, Query};
use crate::orm::relation::Collection;
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Mapping, Rel};
use crate::value::{PyStr, Value};

/// What completion knows about the session (refreshed after each
/// statement): the models, the variables with their values, the
/// relationships.
#[derive(Clone, Default)]
pub struct Snapshot {
    pub models: Vec<ModelInfo>,
    pub globals: Vec<Global>,
    pub mapping: Option<Rc<Mapping>>,
    /// The tables of the database (`.sql SELECT * FROM ` completes them).
    pub tables: Vec<String>,
    /// Names the text being completed binds itself (`for p in …`:
    /// `repl::bound_names`), before the variables.
    pub bound: Vec<(String, Found)>,
    /// The lines of the block typed so far, before the line being edited
    /// (a `for` header binds names for the lines under it).
    pub block: String,
}

/// A model and the names of its columns and relationships.
#[derive(Clone)]
pub struct ModelInfo {
    pub name: String,
    pub columns: Vec<String>,
    pub rels: Vec<String>,
    pub model: Rc<Model>,
}

/// A variable: its value and every attribute name it has (its class
/// table's members and its own, as `dir` lists them).
#[derive(Clone)]
pub struct Global {
    pub name: String,
    pub value: Value,
    pub names: Vec<String>,
}

impl Snapshot {
    /// What the interpreter holds now. Runs nothing but the mapping's
    /// configuration: a value's own names are its columns,
    /// relationships, row fields, … (`Surface::dynamic_names`).
    pub fn of(interp: &mut Interp) -> Snapshot {
        // Completion reads the models as defined now: the relationships
        // configured (as SQLAlchemy would on first use; a definition that
        // cannot be configured yet leaves them as declared).
        let mapping = interp.mapping().ok();
        let models = interp
            .registry
            .models()
            .iter()
            .map(|m| ModelInfo {
                name: m.name.to_string(),
                columns: m.columns.iter().map(|c| c.attr.to_string()).collect(),
                rels: match &mapping {
                    Some(map) => map.of(&m.name).iter().map(|r| r.name.to_string()).collect(),
                    None => (interp.registry.declared_rels(&m.name).iter())
                        .map(|n| n.to_string())
                        .collect(),
                },
                model: m.clone(),
            })
            .collect();
        let mut names = interp.global_names();
        names.sort();
        let globals = names
            .into_iter()
            .filter_map(|n| {
                let value = interp.get_global(&n)?.clone();
                let mut names: Vec<String> = Vec::new();
                if let Some(class) = class_of(&value) {
                    names.extend(class.names().into_iter().map(String::from));
                    names.extend(
                        class
                            .dynamic_names(interp, &value)
                            .iter()
                            .map(|s| s.to_string()),
                    );
                }
                Some(Global {
                    name: n.to_string(),
                    value,
                    names,
                })
            })
            .collect();
        let tables = interp.session.engine.table_names().unwrap_or_default();
        Snapshot {
            models,
            globals,
            mapping,
            tables,
            bound: Vec::new(),
            block: String::new(),
        }
    }

    pub fn model(&self, name: &str) -> Option<&ModelInfo> {
        self.models.iter().find(|m| m.name == name)
    }
}

/// What a chain stands for.
#[derive(Clone)]
pub enum Found {
    /// A value at hand (a variable's, a model, `db`, a loaded column).
    Value(Value),
    /// A value of this class not at hand, with the model it is about when
    /// known (`User.query.filter(…)` is a `Query` of `User`).
    Class(&'static dyn Surface, Option<Rc<Model>>),
    /// A method of a class (or a function attribute), not yet called.
    Method(&'static dyn Surface, &'static str, Option<Rc<Model>>),
}

enum Head<'a> {
    Name(&'a str),
    Str,
}

enum Step<'a> {
    Attr(&'a str),
    /// A call, with the text of its arguments.
    Call(&'a str),
    Index,
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The end (exclusive) of the bracketed group opening at `at`, skipping
/// string literals.
fn close_of(s: &str, at: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s[at..].char_indices() {
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn parse(chain: &str) -> Option<(Head<'_>, Vec<Step<'_>>)> {
    let (head, mut rest) = match chain.chars().next()? {
        q @ ('\'' | '"') => {
            let end = chain[1..].find(q)? + 2;
            (Head::Str, &chain[end..])
        }
        c if is_ident(c) && !c.is_ascii_digit() => {
            let end = chain.find(|c| !is_ident(c)).unwrap_or(chain.len());
            (Head::Name(&chain[..end]), &chain[end..])
        }
        _ => return None,
    };
    let mut steps = Vec::new();
    while let Some(c) = rest.chars().next() {
        match c {
            '.' => {
                let end = rest[1..]
                    .find(|c| !is_ident(c))
                    .map_or(rest.len(), |e| e + 1);
                steps.push(Step::Attr(&rest[1..end]));
                rest = &rest[end..];
            }
            '(' | '[' => {
                let end = close_of(rest, 0)?;
                steps.push(if c == '(' {
                    Step::Call(&rest[1..end - 1])
                } else {
                    Step::Index
                });
                rest = &rest[end..];
            }
            _ => return None,
        }
    }
    Some((head, steps))
}

/// The value a name has: a variable, a model, a built-in.
fn name_value(snap: &Snapshot, name: &str) -> Option<Value> {
    if let Some(g) = snap.globals.iter().find(|g| g.name == name) {
        return Some(g.value.clone());
    }
    if let Some(m) = snap.model(name) {
        return Some(Value::Obj(m.model.clone()));
    }
    crate::eval::builtins::lookup(name)
}

/// What `chain` stands for, if that is known without running anything.
pub fn resolve(snap: &Snapshot, chain: &str) -> Option<Found> {
    let (head, steps) = parse(chain)?;
    let mut found = match head {
        Head::Name(n) if let Some((_, f)) = snap.bound.iter().find(|(b, _)| b == n) => f.clone(),
        Head::Name(n) => Found::Value(name_value(snap, n)?),
        Head::Str => Found::Value(Value::Str(PyStr::from(""))),
    };
    for step in steps {
        found = match step {
            Step::Attr(name) => attr(snap, &found, name)?,
            Step::Call(args) => call(snap, &found, args)?,
            Step::Index => crate::repl::bound_names::element(&found)?,
        };
    }
    Some(found)
}

/// The model a value is about (`model_of`).
pub fn model_of_value(v: &Value) -> Option<Rc<Model>> {
    model_of(v)
}

/// The model a value is about: a model, an object's, a query's first
/// entity's, a relationship's target.
fn model_of(v: &Value) -> Option<Rc<Model>> {
    if let Some(m) = v.downcast::<Model>() {
        return Some(m);
    }
    if let Some(i) = v.downcast::<Instance>() {
        return Some(i.model.clone());
    }
    if let Some(q) = v.downcast::<Query>() {
        return match q.entities.first() {
            Some(Entity::Model(m)) => Some(m.clone()),
            _ => None,
        };
    }
    if let Some(d) = v.downcast::<DynamicRel>() {
        return Some(d.rel.target.clone());
    }
    if let Some(c) = v.downcast::<Collection>() {
        return Some(c.rel.target.clone());
    }
    v.downcast::<RelAttr>().map(|r| r.0.target.clone())
}

/// What an object's relationship holds, by its kind (nothing is loaded).
fn rel_kind(rel: &Rel) -> Found {
    let class: &'static dyn Surface = if rel.write_only {
        &crate::eval::surface::write_only::WRITE_ONLY
    } else if rel.lazy == Lazy::Dynamic {
        &APPENDER
    } else if rel.uselist {
        &COLLECTION
    } else {
        &INSTANCE
    };
    Found::Class(class, Some(rel.target.clone()))
}

fn same(a: &'static dyn Surface, b: &'static dyn Surface) -> bool {
    std::ptr::addr_eq(a, b)
}

/// A model's or an object's own attribute (its columns and relationships
/// come before the class's members, as in Python).
fn own(snap: &Snapshot, found: &Found, name: &str) -> Option<Found> {
    let rel = |m: &Model| snap.mapping.as_ref()?.get(&m.name, name).cloned();
    match found {
        Found::Value(v) => {
            if let Some(inst) = v.downcast::<Instance>() {
                if let Some(i) = inst.model.column(name) {
                    return Some(Found::Value(inst.st.borrow().value(i).clone()));
                }
                if let Some(r) = rel(&inst.model) {
                    return Some(rel_kind(&r));
                }
                return inst.st.borrow().extra_attr(name).cloned().map(Found::Value);
            }
            let model = v.downcast::<Model>()?;
            if let Some(i) = model.column(name) {
                return ColumnElement::column(&model, i)
                    .into_value()
                    .ok()
                    .map(Found::Value);
            }
            if let Some(r) = rel(&model) {
                return Some(Found::Value(Value::obj(RelAttr(r))));
            }
            // Relationships not configured yet (no object made): known by
            // name as the model declares them.
            snap.model(&model.name)
                .filter(|i| i.rels.iter().any(|r| r == name))
                .map(|_| Found::Class(&RELATIONSHIP, Some(model.clone())))
        }
        Found::Class(class, Some(model)) if same(*class, &MODEL) => {
            if model.column(name).is_some() {
                return Some(Found::Class(&COLUMN, Some(model.clone())));
            }
            rel(model).map(|r| Found::Value(Value::obj(RelAttr(r))))
        }
        Found::Class(class, Some(model)) if same(*class, &INSTANCE) => {
            rel(model).map(|r| rel_kind(&r))
        }
        _ => None,
    }
}

/// What a member's declared result is, about `model`.
fn result(r: Returns, model: Option<Rc<Model>>) -> Found {
    match r {
        Returns::Class(c) | Returns::Function(c) => Found::Class(c, model),
        Returns::Object => Found::Class(&INSTANCE, model),
    }
}

/// `found.name`
fn attr(snap: &Snapshot, found: &Found, name: &str) -> Option<Found> {
    if let Some(f) = own(snap, found, name) {
        return Some(f);
    }
    let (class, model) = match found {
        Found::Value(v) => (class_of(v)?, model_of(v)),
        Found::Class(c, m) => (*c, m.clone()),
        Found::Method(..) => return None,
    };
    let name = class.names().into_iter().find(|n| *n == name)?;
    match class.describe(name)? {
        (true, _) => Some(Found::Method(class, name, model)),
        (false, _) => match class.returns(name)? {
            Returns::Function(_) => Some(Found::Method(class, name, model)),
            r => Some(result(r, model)),
        },
    }
}

/// `found(args)`: a method whose result class is declared, or a model
/// (which makes an object). A query or statement made from a model
/// (`db.session.query(User)`, `db.select(User)`) is about that model.
fn call(snap: &Snapshot, found: &Found, args: &str) -> Option<Found> {
    match found {
        Found::Method(class, name, model) => {
            let model = model.clone().or_else(|| {
                let first = args.split(',').next()?.trim();
                match resolve(snap, first)? {
                    Found::Value(v) => v.downcast::<Model>(),
                    _ => None,
                }
            });
            match class.returns(name)? {
                // An object of no model known: from a query of columns
                // (`db.session.query(User.id).first()`), a Row; else
                // unknown, rather than a guess.
                Returns::Object if model.is_none() => {
                    same(*class, &QUERY).then(|| Found::Class(&ROW, None))
                }
                r => Some(result(r, model)),
            }
        }
        Found::Value(v) => v
            .downcast::<Model>()
            .map(|m| Found::Class(&INSTANCE, Some(m))),
        Found::Class(..) => None,
    }
}

/// The attribute names after `chain.`: the class table's members and, for
/// a model or an object, its columns, relationships and values set on it;
/// a variable's are what it had when the snapshot was taken. `None` when
/// what the chain stands for is not known.
pub fn names_after(snap: &Snapshot, chain: &str) -> Option<Vec<String>> {
    let bound = snap.bound.iter().any(|(b, _)| b == chain);
    // A variable's names as the snapshot took them; a date class
    // imported (`from datetime import date`) has its names in its table.
    if !bound
        && let Some(g) = snap.globals.iter().find(|g| g.name == chain)
        && g.value
            .downcast::<crate::eval::objects::Namespace>()
            .is_none()
    {
        return Some(g.names.clone());
    }
    let fields = |m: &Model| -> Vec<String> {
        snap.model(&m.name)
            .map(|i| i.columns.iter().chain(&i.rels).cloned().collect())
            .unwrap_or_default()
    };
    let (class, model, inst) = match resolve(snap, chain)? {
        // A date class (`datetime.`): its table in `eval::dates`.
        Found::Value(v) if class_of(&v).is_none() => {
            let ns = v.downcast::<crate::eval::objects::Namespace>()?;
            let names = crate::eval::dates::class_attr_names(ns.0);
            return Some(names.into_iter().map(String::from).collect());
        }
        Found::Value(v) => (class_of(&v)?, model_of(&v), v.downcast::<Instance>()),
        Found::Class(c, m) => (c, m, None),
        Found::Method(..) => return None,
    };
    let mut out: Vec<String> = class.names().into_iter().map(String::from).collect();
    if let Some(m) = model.filter(|_| same(class, &MODEL) || same(class, &INSTANCE)) {
        out.extend(fields(&m));
    }
    if let Some(inst) = inst {
        out.extend(inst.st.borrow().extra_names().map(|n| n.to_string()));
    }
    if same(class, &crate::eval::surface::FUNC) {
        out.extend(
            crate::repl::func_names::names()
                .into_iter()
                .map(String::from),
        );
    }
    Some(out)
}

/// The model a call's receiver is about (`User.query.filter_by(` is
/// about `User`), for its keyword completion.
pub fn model_about(snap: &Snapshot, chain: &str) -> Option<Rc<Model>> {
    match resolve(snap, chain)? {
        Found::Value(v) => model_of(&v),
        Found::Class(_, m) | Found::Method(_, _, m) => m,
    }
}
