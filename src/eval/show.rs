//! How objects print: the `Host` that lets `value::repr` show ORM objects —
//! Flask-SQLAlchemy's default repr `<User 1>`, a model's own `__repr__`,
//! Row tuples, `<Query: …>` with parameters inline, and the rest.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::function::Function;
use crate::eval::leave;
use crate::eval::objects::{IdentitySet, Namespace, Native, Ns, ResultSet, TextClause, TypeObj};
use crate::orm::expr::ColumnElement;
use crate::orm::identity_key::key_display;
use crate::orm::instance::{Instance, Status};
use crate::orm::query::Query;
use crate::orm::row::Row;
use crate::schema::model::Model;
use crate::sql::compile::{self, Mode};
use crate::value::repr::{Host, repr, repr_into, str_of};
use crate::value::{Object, Value};

impl Host for Interp {
    fn iterate_obj(&mut self, v: &Value) -> Result<Vec<Value>> {
        self.to_vec(v)
    }

    fn get_attr(&mut self, v: &Value, name: &str) -> Option<Result<Value>> {
        Some(Interp::get_attr(self, v, &Rc::from(name)))
    }

    fn str_obj(&mut self, obj: &Rc<dyn Object>, out: &mut String) -> Result<bool> {
        let v = Value::Obj(obj.clone());
        if let Some(inst) = v.downcast::<Instance>()
            && let Some(expr) = inst.model.str_expr.clone()
        {
            if let Some(plan) = self.repr_plan(&inst.model, true)
                && self.run_repr_plan(&plan, &inst, out)
            {
                return Ok(true);
            }
            out.push_str(&self.eval_on_instance(&inst, &expr, "__str__")?);
            return Ok(true);
        }
        if let Some(inst) = v.downcast::<Instance>()
            && let Some(text) = self.special_method(&inst, "__str__")
        {
            out.push_str(&text?);
            return Ok(true);
        }
        if let Some(text) = crate::eval::pyclass_text::str_of(self, &v)? {
            out.push_str(&text);
            return Ok(true);
        }
        // `f'{q}'`, `f'{User.id == 1}'`: the SQL text, as `str()` gives it.
        if v.is::<Query>() || v.is::<crate::orm::dml::Dml>() {
            out.push_str(&self.str_of_value(&v)?);
            return Ok(true);
        }
        if let Some(r) = v.downcast::<crate::value::pg_range::PgRange>() {
            let text = crate::value::pg_range::str(&r, &mut |b| self.str_of_value(b))?;
            out.push_str(&text);
            return Ok(true);
        }
        if let Some(s) = crate::eval::schema_repr::str_of(self, &v) {
            out.push_str(&s);
            return Ok(true);
        }
        // `str(text('a > 0'))`: its SQL, as SQLAlchemy compiles it.
        if let Some(t) = v.downcast::<TextClause>() {
            out.push_str(&t.0);
            return Ok(true);
        }
        if let Some(s) = crate::eval::aliased::str_of_selectable(&v)
            .or_else(|| crate::eval::compiled::str_of(&v))
        {
            out.push_str(&s);
            return Ok(true);
        }
        match crate::eval::exceptions::str_of(self, &v)? {
            Some(text) => {
                out.push_str(&text);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn repr_obj(&mut self, obj: &Rc<dyn Object>, out: &mut String) -> Result<()> {
        let v = Value::Obj(obj.clone());
        // Model objects first: the common case, one per row printed.
        if let Some(inst) = v.downcast::<Instance>() {
            return self.repr_instance_into(&inst, out);
        }
        if let Some(s) = v.downcast::<crate::eval::pyset::PySet>() {
            return self.repr_set(&s, out);
        }
        if crate::eval::dict_view::repr(self, &v, out)? {
            return Ok(());
        }
        if self.repr_inspection(&v, out)? || crate::eval::pymod::repr(self, &v, out)? {
            return Ok(());
        }
        if let Some(text) = crate::eval::pyclass_text::repr_of(self, &v)? {
            out.push_str(&text);
            return Ok(());
        }
        if let Some(text) = crate::eval::schema_repr::repr_of(self, &v)? {
            out.push_str(&text);
            return Ok(());
        }
        if let Some(text) = blocks_repr(&v) {
            out.push_str(&text);
            return Ok(());
        }
        if let Some((recv, name)) = crate::eval::methods::bound_parts(&v) {
            let of = self.repr_value(&recv)?;
            out.push_str(&format!("<bound method {name} of {of}>"));
            return Ok(());
        }
        if v.is::<crate::eval::automap::AutomapBase>() {
            out.push_str("<class 'sqlalchemy.ext.automap.Base'>");
            return Ok(());
        }
        if v.is::<crate::eval::automap::AutomapClasses>() {
            let at = Rc::as_ptr(obj) as *const () as usize;
            out.push_str(&format!(
                "<sqlalchemy.util._collections.Properties object at {at:#x}>"
            ));
            return Ok(());
        }
        if let Some(b) = v.downcast::<crate::value::bytearray::ByteArray>() {
            out.push_str(&crate::value::bytearray::repr(&b));
            return Ok(());
        }
        if let Some(t) = v.downcast::<crate::value::aware_time::AwareTime>() {
            out.push_str(&crate::value::aware_time::repr(&t));
            return Ok(());
        }
        if let Some(r) = v.downcast::<crate::value::pg_range::PgRange>() {
            let text = crate::value::pg_range::repr(&r, &mut |b| self.repr_value(b))?;
            out.push_str(&text);
            return Ok(());
        }
        // SQLAlchemy's `repr(url)` is its text, as `str(url)`.
        if let Some(u) = v.downcast::<crate::eval::surface::engine_url::EngineUrl>() {
            out.push_str(&u.0);
            return Ok(());
        }
        if let Some(d) = v.downcast::<crate::eval::surface::engine_url::EngineDialect>() {
            out.push_str(&format!(
                "<sqlalchemy.dialects.{}.{}.{} object>",
                d.0.as_str(),
                match d.0 {
                    crate::engine::DialectName::Sqlite => "pysqlite",
                    crate::engine::DialectName::Postgresql => "psycopg2",
                },
                d.type_name()
            ));
            return Ok(());
        }
        if let Some(text) = crate::eval::generator::repr_of(&v)
            .or_else(|| crate::eval::gen_fn::repr_of(&v))
            .or_else(|| crate::eval::surface::column_prop::repr_of(&v))
            .or_else(|| crate::eval::builtins_more::repr_of(&v))
            .or_else(|| crate::eval::property_obj::repr_of(&v))
            .or_else(|| crate::eval::surface::mapper_props::repr_of(&v))
        {
            out.push_str(&text);
            return Ok(());
        }
        if let Some(text) = crate::eval::column_attrs::repr_of(self, &v)? {
            out.push_str(&text);
            return Ok(());
        }
        if let Some(text) = crate::eval::exceptions::repr_of(self, &v)? {
            out.push_str(&text);
            return Ok(());
        }
        if let Some(row) = v.downcast::<Row>() {
            // Each value's repr past 300 characters loses its middle
            // (SQLAlchemy's `_repr_row`, `_repr_base.trunc`).
            out.push('(');
            for (i, x) in row.values.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let mut one = String::new();
                repr_into(x, &mut one, self)?;
                out.push_str(&crate::sql::params::trunc_text(one));
            }
            if row.values.len() == 1 {
                out.push(',');
            }
            out.push(')');
        } else if let Some(m) = v.downcast::<Model>() {
            let module = if m.automap {
                "sqlalchemy.ext.automap"
            } else {
                "__main__"
            };
            out.push_str(&format!("<class '{module}.{}'>", m.name));
        } else if let Some(q) = v.downcast::<Query>() {
            q.compilable()?;
            let sql =
                compile::select(&q.to_select(), Mode::Inline, self.session.engine.dialect()).sql;
            out.push_str(&format!(
                "<{}: {}>",
                if q.legacy { "Query" } else { "Select" },
                sql
            ));
        } else if let Some(s) = v.downcast::<ColumnElement>() {
            match &s.column {
                Some((m, i)) => out.push_str(&format!("{}.{}", m.name, m.columns[*i].attr)),
                None => {
                    let sel = crate::sql::ast::Select {
                        columns: vec![s.expr.clone()],
                        ..Default::default()
                    };
                    let sql =
                        compile::select(&sel, Mode::Inline, self.session.engine.dialect()).sql;
                    out.push_str(&format!("<SQL: {}>", sql.trim_start_matches("SELECT ")));
                }
            }
        } else if let Some(c) = v.downcast::<crate::orm::relation::Collection>() {
            out.push('[');
            // A copy: a `__repr__` may load or change relationships.
            let items = c.items.borrow().clone();
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match x {
                    Some(x) => self.repr_instance_into(x, out)?,
                    None => out.push_str("None"),
                }
            }
            out.push(']');
        } else if let Some(d) = v.downcast::<crate::eval::rel_ops::DynamicRel>() {
            out.push_str(if d.rel.write_only {
                "<sqlalchemy.orm.writeonly.WriteOnlyCollection object>"
            } else {
                "<sqlalchemy.orm.dynamic.AppenderQuery object>"
            });
        } else if let Some(r) = v.downcast::<crate::eval::rel_ops::RelAttr>() {
            out.push_str(&format!("{}.{}", r.0.owner.name, r.0.name));
        } else if let Some(set) = v.downcast::<IdentitySet>() {
            out.push_str("IdentitySet([");
            for (i, x) in set.0.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                repr_into(x, out, self)?;
            }
            out.push_str("])");
        } else if let Some(m) = v.downcast::<crate::eval::row_mapping::RowMapping>() {
            repr_into(&m.dict, out, self)?;
        } else if let Some(view) = v.downcast::<crate::eval::row_mapping::MappingView>() {
            out.push_str(view.type_name());
            out.push('(');
            repr_into(&view.dict, out, self)?;
            out.push(')');
        } else if let Some(n) = v.downcast::<Native>() {
            match crate::eval::pytypes::class_repr(n.name).or_else(|| leave::quitter_repr(&n)) {
                Some(c) => out.push_str(&c),
                None => out.push_str(&format!("<built-in function {}>", n.name)),
            }
        } else if let Some(t) = v.downcast::<TypeObj>() {
            let name = match &*t.0 {
                // `NO_VALUE`'s class is an enum.
                "LoaderCallableStatus" => {
                    out.push_str("<enum 'LoaderCallableStatus'>");
                    return Ok(());
                }
                "datetime" | "date" | "time" | "timedelta" => format!("datetime.{}", t.0),
                "ZoneInfo" => "zoneinfo.ZoneInfo".to_string(),
                n if self.registry.get(n).is_some() => format!("__main__.{n}"),
                n => match crate::eval::pytypes::sqlalchemy_module(n) {
                    Some(m) => format!("{m}.{n}"),
                    None => n.to_string(),
                },
            };
            out.push_str(&format!("<class '{name}'>"));
        } else if let Some(ix) = v.downcast::<crate::eval::table_indexes::IndexObj>() {
            out.push_str(&ix.repr);
        } else if let Some(fk) = v.downcast::<crate::eval::objects::ForeignKeySpec>() {
            out.push_str(&crate::eval::foreign_keys::repr(&fk.0));
        } else if let Some(t) = v.downcast::<TextClause>() {
            out.push_str(&format!(
                "<sqlalchemy.sql.elements.TextClause object; {}>",
                t.0
            ));
        } else if let Some(m) = v.downcast::<crate::eval::unbound_method::MethodDescriptor>() {
            out.push_str(&crate::eval::unbound_method::repr(&m));
        } else if let Some(ext) =
            v.downcast::<crate::eval::surface::second_extension::SecondExtension>()
        {
            out.push_str(&crate::eval::surface::second_extension::repr(self, &ext)?);
        } else if let Some(ns) = v.downcast::<Namespace>() {
            out.push_str(match ns.0 {
                // Flask-SQLAlchemy's `SQLAlchemy.__repr__`, by the context.
                Ns::Db => {
                    match self.flask.contexts.last() {
                        Some(app) if !app.has_db.get() => {
                            return Err(crate::eval::surface::second_extension::not_registered());
                        }
                        None if self.flask.unregistered => out.push_str("<SQLAlchemy>"),
                        _ => out.push_str(&format!("<SQLAlchemy {}>", self.session.engine.url)),
                    }
                    return Ok(());
                }
                Ns::Session => "<sqlalchemy.orm.scoping.scoped_session>",
                Ns::OrmSession => "<sqlalchemy.orm.session.Session>",
                Ns::Datetime => "<class 'datetime.datetime'>",
                Ns::Date => "<class 'datetime.date'>",
                Ns::Time => "<class 'datetime.time'>",
                Ns::Timedelta => "<class 'datetime.timedelta'>",
                Ns::Timezone => "<class 'datetime.timezone'>",
                Ns::Metadata => "MetaData()",
                Ns::Engine => {
                    out.push_str(&format!("Engine({})", self.session.engine.url));
                    return Ok(());
                }
                _ => "<object>",
            });
        } else if v.is::<crate::eval::session_begin::SessionTx>() {
            out.push_str("<sqlalchemy.orm.session.SessionTransaction object>");
        } else if let Some(s) = crate::eval::attribute_events::symbol_repr(&v) {
            out.push_str(&s);
        } else if v.is::<crate::eval::attribute_events::NoValue>() {
            out.push_str("<LoaderCallableStatus.NO_VALUE: 4>");
        } else if v.is::<crate::eval::attribute_events::EventToken>() {
            out.push_str("<sqlalchemy.orm.attributes.AttributeEventToken object>");
        } else if v.is::<crate::eval::surface::connection::SessionConnection>() {
            out.push_str("<sqlalchemy.engine.base.Connection object>");
        } else if v.is::<crate::eval::session_begin::NoAutoflush>() {
            out.push_str("<contextlib._GeneratorContextManager object>");
        } else if let Some(r) = v.downcast::<ResultSet>() {
            // SQLAlchemy's class, without the address (as other reprs here).
            out.push_str(match (r.scalars, r.mappings, r.orm) {
                (true, _, _) => "<sqlalchemy.engine.result.ScalarResult object>",
                (_, true, _) => "<sqlalchemy.engine.result.MappingResult object>",
                (_, _, true) => "<sqlalchemy.engine.result.ChunkedIteratorResult object>",
                _ if r.bulk => "<sqlalchemy.engine.result.IteratorResult object>",
                _ => "<sqlalchemy.engine.cursor.CursorResult object>",
            });
        } else if let Some(d) = v.downcast::<crate::orm::dml::Dml>() {
            out.push_str(&format!("<sqlalchemy.sql.dml.{} object>", d.kind.name()));
        } else if let Some(p) = v.downcast::<crate::orm::pagination::Pagination>() {
            // Flask-SQLAlchemy's class with the object's address, as
            // Python's default repr.
            let at = std::rc::Rc::as_ptr(&p) as *const () as usize;
            out.push_str(&format!(
                "<flask_sqlalchemy.pagination.{} object at {at:#x}>",
                p.type_name()
            ));
        } else {
            out.push_str(&format!("<{} object>", obj.type_name()));
        }
        Ok(())
    }

    fn call(&mut self, f: &Value, args: Vec<Value>) -> Result<Value> {
        Interp::call(self, f, Args::new("function", args))
    }
}

impl Interp {
    /// The model's `__repr__`, or Flask-SQLAlchemy's default.
    /// A model's `__repr__` or `__str__` expression, with `self` bound.
    fn eval_on_instance(
        &mut self,
        inst: &Rc<Instance>,
        expr: &Rc<crate::syntax::ast::Expr>,
        what: &str,
    ) -> Result<String> {
        let eval_it = |me: &mut Interp| {
            me.locals.push(crate::eval::scope::frame(vec![
                (Rc::from("self"), Value::Obj(inst.clone())),
                // Python's `__class__` cell, for `super().__repr__()`.
                (
                    Rc::from(crate::eval::model_init::CLASS_CELL),
                    Value::Obj(inst.model.clone()),
                ),
            ]));
            let r = me.eval(expr);
            me.locals.pop();
            r
        };
        // An error inside `__repr__` has a span in the model's own
        // source, where it is shown, as Python's traceback's last frame
        // shows the line in `__repr__`; the statement that printed is the
        // call.
        let v = if inst.model.pure {
            self.declaring(eval_it)
        } else {
            eval_it(self)
        }
        .map_err(|e| {
            let model = &inst.model;
            e.in_function(|| format!("{}.{what}", model.name), &model.defined_in)
        })?;
        match v {
            Value::Str(ref s) => Ok(s.to_string()),
            other => Err(crate::error::Error::type_(format!(
                "{what} returned non-string (type {})",
                other.type_name()
            ))),
        }
    }

    pub fn repr_instance(&mut self, inst: &Rc<Instance>) -> Result<String> {
        let mut out = String::new();
        self.repr_instance_into(inst, &mut out)?;
        Ok(out)
    }

    /// `repr_instance` written at the end of `out`: by the model's
    /// compiled format plan when it applies (`repr_plan`), else by
    /// evaluating its `__repr__`.
    pub fn repr_instance_into(&mut self, inst: &Rc<Instance>, out: &mut String) -> Result<()> {
        if let Some(expr) = inst.model.repr.clone() {
            if let Some(plan) = self.repr_plan(&inst.model, false)
                && self.run_repr_plan(&plan, inst, out)
            {
                return Ok(());
            }
            match self.eval_on_instance(inst, &expr, "__repr__") {
                Ok(text) => out.push_str(&text),
                Err(e) if inst.model.pure && crate::eval::methods::is_left_out(&e) => {
                    self.note_repr_fallback(&inst.model, &e);
                    out.push_str(&self.default_repr(inst));
                }
                Err(e) => return Err(e),
            }
            return Ok(());
        }
        if let Some(text) = self.special_method(inst, "__repr__") {
            out.push_str(&text?);
            return Ok(());
        }
        out.push_str(&self.default_repr(inst));
        Ok(())
    }

    /// A model read from the file whose `__repr__` calls a method it left
    /// out: printed with the default repr, and a note says so once.
    fn note_repr_fallback(&mut self, model: &Rc<crate::schema::model::Model>, e: &Error) {
        if self.store.repr_fallback_noted.contains(&model.name) {
            return;
        }
        self.store.repr_fallback_noted.push(model.name.clone());
        let method = e.message.split("() is left out").next().unwrap_or("");
        self.session.warnings.push(format!(
            "note: {0} objects print as Flask-SQLAlchemy's default <{0} key>: their __repr__ calls {method}(), which is not loaded from the file; define the class again to use it",
            model.name
        ));
    }

    /// Flask-SQLAlchemy's `Model.__repr__`: `<User 1>`, `<User (transient 3)>`.
    pub fn default_repr(&self, inst: &Rc<Instance>) -> String {
        if inst.model.automap {
            // automap's base is not `db.Model`: Python's `object.__repr__`.
            let at = Rc::as_ptr(inst) as *const () as usize;
            return format!(
                "<sqlalchemy.ext.automap.{} object at {at:#x}>",
                inst.model.name
            );
        }
        let st = inst.st.borrow();
        let ident = match (st.status(), st.identity_key()) {
            (Status::Transient, _) | (_, None) if st.status() != Status::Pending => {
                format!("(transient {})", inst.serial)
            }
            (Status::Pending, _) => format!("(pending {})", inst.serial),
            (_, Some(k)) => key_display(k),
            _ => format!("(transient {})", inst.serial),
        };
        format!("<{} {}>", inst.model.name, ident)
    }

    /// How an expression statement's value is printed.
    pub fn display_value(&mut self, v: &Value) -> Result<String> {
        repr(v, self)
    }

    pub fn repr_value(&mut self, v: &Value) -> Result<String> {
        repr(v, self)
    }

    pub fn str_of_value(&mut self, v: &Value) -> Result<String> {
        if let Some(s) = crate::eval::attribute_events::str_of(v) {
            return Ok(s);
        }
        if let Some(q) = v.downcast::<Query>() {
            return self.query_sql(&q);
        }
        if let Some(d) = v.downcast::<crate::orm::dml::Dml>() {
            return self.dml_sql(&d);
        }
        if let Some(fs) = v.downcast::<crate::eval::from_statement::FromStatement>() {
            return crate::eval::from_statement::str_of(self, &fs);
        }
        if let Some(s) = crate::eval::schema_repr::str_of(self, v) {
            return Ok(s);
        }
        if let Some(s) = crate::eval::aliased::str_of_selectable(v) {
            return Ok(s);
        }
        str_of(v, self)
    }
}

/// The repr of the functions `def` makes, or None.
pub fn blocks_repr(v: &Value) -> Option<String> {
    if let Some(f) = v.downcast::<Function>() {
        return Some(format!("<function {}>", f.def.name.name));
    }
    v.is::<leave::EllipsisObj>().then(|| "Ellipsis".to_string())
}
