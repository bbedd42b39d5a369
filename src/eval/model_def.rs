//! The `model` statement: evaluating members into columns, `__tablename__`
//! and `__repr__`, checking the result, and registering the model. Also the
//! column-building built-in `db.Column` (`db.ForeignKey` is in `foreign_key_call`; the types are
//! in `type_args`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
/// `db.Column` lives in `column_def`; named here for its callers.
pub use crate::eval::column_def::column;
pub use crate::eval::foreign_key_call::foreign_key;
use crate::eval::mixins::MixinMember;
use crate::eval::model_def_steps::refuse_tool_table;
use crate::eval::objects::ColumnSpec;
use crate::eval::property_call::is_property_call;
use crate::eval::table_args::model_table_args;
/// The column types live in `type_args`; named here for their callers.
pub use crate::eval::type_args::{parametrise_type, type_value};
use crate::schema::column::Column;
use crate::schema::constraint::TableArgs;
use crate::schema::model::Model;
use crate::schema::naming::table_name;
use crate::syntax::ast::{Ident, ModelDef};
use crate::syntax::span::Span;
use crate::value::Value;

impl Interp {
    /// Is `ext` (the `NAME` of `class X(NAME.Model):`) the session's
    /// Flask-SQLAlchemy extension, `db` under another name? Reopening a
    /// database whose models were written with it binds the name again.
    fn is_extension(&mut self, ext: &Ident) -> bool {
        let db = Interp::namespace(crate::eval::objects::Ns::Db);
        match self.lookup(&ext.name) {
            Some(v) => (v.downcast::<crate::eval::objects::Namespace>())
                .is_some_and(|n| n.0 == crate::eval::objects::Ns::Db),
            None if self.store.loading => {
                self.set_global(ext.name.clone(), db);
                true
            }
            None => false,
        }
    }

    pub fn define_model(&mut self, def: &ModelDef, span: Span) -> Result<()> {
        if let Some(ext) = &def.extension
            && !self.is_extension(ext)
            && let Some(plain) = &def.plain
        {
            return self.define_class(plain);
        }
        if let Some(d) = self.on_abstract_base(def) {
            return self.define_model(&d, span);
        }
        if def.base.is_none() && self.define_abstract(def)? {
            return Ok(());
        }
        if let Some((base, at)) = &def.base {
            if let Some(plain) = &def.plain
                && !self.store.loading
                && self
                    .lookup(&base.name)
                    .is_some_and(|v| crate::eval::pyclass::is_plain_base(&v))
            {
                return self.define_class(plain);
            }
            self.check_declarative_subclass(def, base, *at)?;
        }
        let mut columns: Vec<Column> = Vec::new();
        // `column_property()` members: mapped before the table's columns,
        // as SQLAlchemy's mapper takes its explicit properties first.
        let mut props: Vec<Column> = Vec::new();
        let mut table: Option<Rc<str>> = None;
        let mut repr = None;
        let mut str_expr = None;
        self.note_skipped(def);
        let mut table_args = None;
        let mut mapped_table: Option<(Rc<crate::schema::table::Table>, Span)> = None;
        let mut tablename_given: Option<Rc<str>> = None;
        let mut mapper_pk: Option<(Vec<Rc<str>>, Span)> = None;
        let mut rels: Vec<(Rc<str>, Ident, Value)> = Vec::new();
        let mut class_attrs: Vec<(Rc<str>, Value)> = Vec::new();
        let mixed = self.mixin_members(def)?;
        // The class's own `@declared_attr` functions, after its members.
        let own_declared: Vec<(crate::syntax::ast::Member, Rc<crate::syntax::ast::FuncDef>)> =
            (def.methods.iter())
                .filter(|f| crate::syntax::is_declared_attr(f))
                .filter(|f| !def.members.iter().any(|m| m.name.name == f.name.name))
                .map(|f| (crate::eval::declared_attr::placeholder(f), f.clone()))
                .collect();
        let mut all: Vec<crate::eval::mixins::BodyMember> = (def.members.iter())
            .map(|m| (m, None, None))
            .chain(own_declared.iter().map(|(m, f)| (m, None, Some(f))))
            .chain((mixed.iter()).map(|x| (&x.member, Some(x), x.declared_attr.as_ref())))
            .collect();
        // SQLAlchemy's scan reads `__tablename__` first and builds the
        // table (`__table_args__`) after every column.
        all.sort_by_key(|(m, _, _)| match &*m.name.name {
            "__tablename__" => 0,
            "__table_args__" => 2,
            _ => 1,
        });
        let own_source = self.source.clone();
        let mut in_mixin: Option<&MixinMember> = None;
        // As in a Python class body, earlier members are visible to later ones
        // (`foreign_keys=[author_id]`).
        // `database.Column(…)` under `class X(database.Model):` names the
        // extension however the session (or a stored source) binds it.
        let ext_binding = (def.extension.iter())
            .map(|e| {
                (
                    e.name.clone(),
                    Interp::namespace(crate::eval::objects::Ns::Db),
                )
            })
            .collect();
        self.locals.push(crate::eval::scope::frame(ext_binding));
        let r = (|| -> Result<()> {
            for (m, mixin, func) in &all {
                // A mixin's member is evaluated in its own text.
                in_mixin = *mixin;
                self.source = match mixin {
                    Some(x) => x.text.clone(),
                    None => own_source.clone(),
                };
                // A `@declared_attr` function: called with the class, its
                // value read as the member's.
                let called;
                let m: &crate::syntax::ast::Member = match func {
                    Some(f) => {
                        let t: Rc<str> = table
                            .clone()
                            .unwrap_or_else(|| Rc::from(table_name(&def.name.name)));
                        called = self.declared_member(f, &def.name.name, t)?;
                        &called
                    }
                    None => m,
                };
                // `__str__ = __repr__`: the same function under another
                // name (`alias_members`); a `def __repr__` kept as a
                // member gives its expression.
                if let Some(n) = crate::eval::property_call::method_alias(def, m) {
                    let named = def.members.iter().find(|o| &*o.name.name == n);
                    let expr = named.map(|o| Rc::new(o.value.clone()));
                    match &*m.name.name {
                        "__repr__" if expr.is_some() => repr = expr,
                        "__str__" if expr.is_some() => str_expr = expr,
                        _ => {}
                    }
                    continue;
                }
                match &*m.name.name {
                    "__tablename__" => match self.eval(&m.value)? {
                        Value::Str(ref s) => {
                            tablename_given = Some(s.clone().into());
                            table = Some(s.clone().into())
                        }
                        other => {
                            return Err(Error::type_(format!(
                                "__tablename__ must be a string, not {}",
                                other.type_name()
                            ))
                            .at(m.value.span));
                        }
                    },
                    // `__table__ = db.metadata.tables['user']` (the Flask-SQLAlchemy
                    // docs' way to map a reflected table): its name,
                    // columns and constraints.
                    "__table__" => {
                        let v = self.eval(&m.value)?;
                        let t = crate::eval::mapped_table::table_of(&v, &def.name.name)
                            .map_err(|e| e.at(m.value.span))?;
                        table = Some(t.name.clone());
                        columns.extend(crate::eval::mapped_table::columns_of(&t));
                        mapped_table = Some((t, m.value.span));
                    }
                    "__repr__" => repr = Some(Rc::new(m.value.clone())),
                    "__str__" => str_expr = Some(Rc::new(m.value.clone())),
                    "__bind_key__" => {
                        self.eval(&m.value)?;
                        self.session.warnings.push(format!(
                            "note: {}.__bind_key__ is ignored: ormsh works on one database",
                            def.name.name
                        ));
                    }
                    "__table_args__" => table_args = Some((self.eval(&m.value)?, m.value.span)),
                    // A model that is not abstract (`__abstract__ = False`).
                    "__abstract__" => {}
                    "__mapper_args__"
                        if crate::eval::dml_froms::mapper_primary_key(&m.value).is_some() =>
                    {
                        mapper_pk = crate::eval::dml_froms::mapper_primary_key(&m.value)
                            .map(|names| (names, m.value.span));
                    }
                    "__mapper_args__" => {
                        let keys: Vec<&str> = match &m.value.kind {
                            crate::syntax::ast::ExprKind::Dict(items) => items
                                .iter()
                                .filter_map(|(k, _)| match &k.kind {
                                    crate::syntax::ast::ExprKind::Str(s) => Some(&**s),
                                    _ => None,
                                })
                                .collect(),
                            _ => Vec::new(),
                        };
                        return Err(
                            crate::eval::dml_froms::mapper_args_refused(&keys).at(m.name.span)
                        );
                    }
                    // `password = property(fset=set_password)`: made with
                    // the methods (`eval::property_call`).
                    _ if is_property_call(&m.value) => {}
                    // `MAX: ClassVar[int] = 5`: a class attribute, which
                    // SQLAlchemy's declarative scan does not map.
                    name if m.annotation.as_ref().is_some_and(is_class_var) => {
                        let v = self.eval(&m.value)?;
                        class_attrs.push((Rc::from(name), v.clone()));
                        if let Some(frame) = self.locals.last() {
                            frame.borrow_mut().push((Rc::from(name), v));
                        }
                    }
                    name => {
                        let v = self.member_value(def, m)?;
                        if columns.iter().chain(&props).any(|c| &*c.attr == name)
                            || rels.iter().any(|(n, _, _)| &**n == name)
                        {
                            return Err(Error::value(format!(
                                "'{name}' is defined twice in model {}",
                                def.name.name
                            ))
                            .at(m.name.span));
                        }
                        if let Some(spec) = v.downcast::<ColumnSpec>() {
                            let mut col = spec.column.clone();
                            col.attr = Rc::from(name);
                            col.name = spec.name.clone().unwrap_or_else(|| Rc::from(name));
                            columns.push(col);
                        } else if let Some(p) =
                            v.downcast::<crate::eval::column_property::ColumnPropertySpec>()
                        {
                            props.push(crate::eval::column_property::property_column(name, &p));
                        } else if v.is::<crate::eval::rel_specs::RelSpecValue>() {
                            if mixin.is_some_and(|x| x.declared_attr.is_none()) {
                                return Err(
                                    crate::eval::mixins::untyped_relationship().at(m.value.span)
                                );
                            }
                            rels.push((Rc::from(name), m.name.clone(), v.clone()));
                        } else if v.is::<crate::eval::objects::TypeSpec>() {
                            // A type alone (`name = db.String(80)`):
                            // SQLAlchemy leaves it on the class unmapped,
                            // almost always a missing db.Column.
                            return Err(Error::type_(format!(
                                "member '{name}' of model {} is a column type, not a column",
                                def.name.name
                            ))
                            .with_help(format!("write {name} = db.Column(...) around it"))
                            .at(m.value.span));
                        } else {
                            // `__searchable__ = ['body']`, `PER_PAGE = 2`:
                            // a plain class attribute, as in SQLAlchemy.
                            class_attrs.retain(|(n, _)| &**n != name);
                            class_attrs.push((Rc::from(name), v.clone()));
                        }
                        // Later members see a column as a column of this
                        // table (`primaryjoin=author_id == Author.id`).
                        let seen = match v.downcast::<ColumnSpec>() {
                            Some(spec) => {
                                let t: Rc<str> = table
                                    .clone()
                                    .unwrap_or_else(|| Rc::from(table_name(&def.name.name)));
                                let cname = spec.name.clone().unwrap_or_else(|| Rc::from(name));
                                let mut local = crate::orm::expr::ColumnElement::local_column(
                                    t,
                                    cname,
                                    spec.column.ty.clone(),
                                    Rc::from(name),
                                );
                                // Unnamed until the class is made: its
                                // binds are anonymous (`orm::expr::bind`).
                                if spec.name.is_none() {
                                    local.key = None;
                                }
                                local.into_value()?
                            }
                            None => match v
                                .downcast::<crate::eval::column_property::ColumnPropertySpec>()
                            {
                                Some(p) => p.expr.clone().into_value()?,
                                None => v,
                            },
                        };
                        if let Some(frame) = self.locals.last() {
                            frame.borrow_mut().push((Rc::from(name), seen));
                        }
                    }
                }
            }
            Ok(())
        })();
        self.locals.pop();
        self.source = own_source;
        r.map_err(|e| match in_mixin {
            Some(x) => crate::eval::mixins::in_mixin(e, x),
            None => e,
        })?;
        let table = table.unwrap_or_else(|| Rc::from(table_name(&def.name.name)));
        if let Some((t, at)) = &mapped_table {
            crate::eval::mapped_table::check_alone(def, t, &columns).map_err(|e| e.at(*at))?;
        }
        let table = match &mapped_table {
            Some((t, _)) => t.name.clone(),
            None => table,
        };
        let args = match (&table_args, &mapped_table) {
            (_, Some((t, _))) => t.args.clone(),
            (Some((v, span)), None) => model_table_args(self, v, *span, &table, &mut columns)?,
            (None, None) => Default::default(),
        };
        columns.splice(0..0, props);
        let args = crate::eval::metadata_def::named_args(self, args, &table, &columns)
            .map_err(|e| e.at(def.name.span))?;
        let own = columns.clone();
        crate::eval::fk_type::resolve_from(&mut columns, &table, &own);
        if let Some((names, at)) = &mapper_pk {
            crate::eval::dml_froms::set_mapper_primary_key(&mut columns, names)
                .map_err(|e| e.at(*at))?;
        }
        let pk: Vec<usize> = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.primary_key)
            .map(|(i, _)| i)
            .collect();
        if pk.is_empty() {
            return Err(Error::new(
                crate::error::ErrorKind::ArgumentError,
                format!("model {} has no primary key", def.name.name),
            )
            .with_help("add one, e.g. id = db.Column(db.Integer, primary_key=True)")
            .at(def.name.span));
        }
        let pk = key_order(pk, &columns, &args);
        let methods = self.define_methods(def, &table)?;
        *methods.class_attrs.borrow_mut() = class_attrs;
        refuse_tool_table(&table).map_err(|e| e.at(def.name.span))?;
        let rels = rels
            .into_iter()
            .map(|(name, _, v)| {
                let spec = v
                    .downcast::<crate::eval::rel_specs::RelSpecValue>()
                    .map(|s| s.0.clone());
                (name, spec.expect("a relationship member"))
            })
            .collect();
        let key_repeats = self.key_repeats(&table);
        // Beside `__table__`, `__tablename__` is a plain class attribute:
        // the body's own, or Flask-SQLAlchemy's name from the class.
        let tablename_attr = mapped_table
            .as_ref()
            .map(|_| tablename_given.unwrap_or_else(|| Rc::from(table_name(&def.name.name))));
        if self.store.reflecting
            && let Some((_, rowid)) = self.store.rowid_keys.iter().find(|(t, _)| **t == *table)
        {
            for c in columns
                .iter_mut()
                .filter(|c| c.primary_key && *c.name == **rowid)
            {
                c.sqlite_rowid = true;
            }
        }
        let model = Rc::new(Model {
            id: self.registry.next_id(),
            name: def.name.name.clone(),
            table,
            columns,
            pk,
            repr,
            str_expr,
            methods,
            source: class_text(&self.source, span),
            defined_in: Rc::new(crate::error::DefSource {
                text: self.source.clone(),
                file: self.source_file.clone(),
                first_line: self.source_line,
            }),
            rels,
            args,
            pure: self.is_declaring(),
            reflected: self.store.reflecting,
            key_repeats,
            tablename_attr,
            automap: self.store.automapping,
            retired: Default::default(),
        });
        self.replace_classes(&model, def.name.span)?;
        Ok(())
    }
}

/// Is an annotation `ClassVar[...]` (or `typing.ClassVar[...]`, bare
/// `ClassVar`)? SQLAlchemy's declarative scan leaves such a member on the
/// class.
fn is_class_var(e: &crate::syntax::ast::Expr) -> bool {
    use crate::syntax::ast::ExprKind;
    let head = match &e.kind {
        ExprKind::Index { value, .. } => value,
        _ => e,
    };
    match &head.kind {
        ExprKind::Name(n) => &**n == "ClassVar",
        ExprKind::Attr { attr, .. } => &*attr.name == "ClassVar",
        _ => false,
    }
}

/// The primary key's columns in the order of its `PrimaryKeyConstraint`,
/// when `__table_args__` has one (SQLAlchemy's `mapper.primary_key`
/// follows the table's key); else in column order.
fn key_order(pk: Vec<usize>, columns: &[Column], args: &TableArgs) -> Vec<usize> {
    match &args.primary_key {
        Some(k) => (k.columns.iter())
            .filter_map(|n| columns.iter().position(|c| c.name == *n))
            .collect(),
        None => pk,
    }
}

/// A string keyword (`collation=`, `name=`, `ondelete=`), `None` when
/// absent or None.
pub(crate) fn str_kw(a: &mut Args, key: &str) -> Result<Option<Rc<str>>> {
    let span =
        a.kw.iter()
            .find(|(k, _, _)| &**k == key)
            .map(|(_, _, s)| *s);
    match &a.take_kw(key) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.into())),
        Some(v) => Err(
            Error::type_(format!("{key}= takes a string, not {}", v.type_name()))
                .at(span.unwrap_or(a.span)),
        ),
    }
}
/// The text of a class statement at `span` in `source`, as a top-level
/// statement: a class defined inside a function's body has its body lines
/// indented past its own column, which is taken off them (Python's
/// `inspect.getsource` then `textwrap.dedent`).
pub(crate) fn class_text(source: &str, span: Span) -> Rc<str> {
    let Some(text) = source.get(span.range()) else {
        return Rc::from("");
    };
    let start = span.range().start;
    let line_start = (source.get(..start).unwrap_or(""))
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let lead = source.get(line_start..start).unwrap_or("");
    if lead.is_empty() || !lead.chars().all(|c| c == ' ' || c == '\t') {
        return Rc::from(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match line.strip_prefix(lead) {
            Some(rest) if i > 0 => out.push_str(rest),
            _ => out.push_str(line),
        }
    }
    Rc::from(out)
}
