//! A stored mixin row (`persist::deps`): a plain class of columns,
//! relationships and methods (`class TimestampMixin:`, `class
//! CRUDMixin(object):`), or an abstract model (`class Base(db.Model):
//! __abstract__ = True`, also on mixins and abstract models stored with
//! it), checked as a model's members are and made without running its
//! methods, which stay in its statement for the models on it to note.

use std::collections::HashSet;
use std::rc::Rc;

use crate::eval::Interp;
use crate::eval::pyclass::PyClass;
use crate::persist::declare::Refusal;
use crate::persist::deps::is_mixin_class;
use crate::syntax::ast::{ClassDef, ExprKind, Stmt, StmtKind};
use crate::syntax::parse_chunk;
use crate::value::Value;

impl Interp {
    /// A mixin row: one `class Name:` whose body is a model's members,
    /// checked as a model's would be; the class is made by running its
    /// body, declaring, for its attributes (a model using it evaluates the
    /// members again, as its own).
    pub(super) fn load_mixin(
        &mut self,
        name: &str,
        src: &str,
        known: &HashSet<String>,
    ) -> Result<(), Refusal> {
        let stmts = parse_chunk(src).map_err(|_| "its source does not parse".to_string())?;
        if let [
            stmt @ Stmt {
                kind: StmtKind::Model(def),
                ..
            },
        ] = stmts.as_slice()
        {
            return self.load_abstract(name, src, stmt, def, known);
        }
        let [
            Stmt {
                kind: StmtKind::Class(def),
                span,
            },
        ] = stmts.as_slice()
        else {
            return Err("a stored mixin must be one class statement".into());
        };
        // (`class CRUDMixin(object):` is Python 2's spelling of no base.)
        let no_base = def
            .bases
            .iter()
            .all(|b| matches!(&b.kind, ExprKind::Name(n) if &**n == "object"));
        if *def.name.name != *name || !no_base {
            return Err(format!(
                "a stored mixin must be class {name}: without bases"
            ));
        }
        let Some((members, _, _)) = crate::syntax::mixin_members(def) else {
            return Err(
                "a stored mixin's body holds only columns, relationships and methods".into(),
            );
        };
        let decl = crate::persist::declare::Declaration {
            stmt: Stmt {
                kind: StmtKind::Model(crate::syntax::ast::ModelDef {
                    name: def.name.clone(),
                    members,
                    skipped: Vec::new(),
                    methods: Vec::new(),
                    base: None,
                    plain: None,
                    mixins: Vec::new(),
                    bare_model: None,
                    extension: None,
                }),
                span: *span,
            },
            binds: def.name.name.clone(),
        };
        crate::persist::declare::names(&decl, &|n| known.contains(n))?;
        // The class's attributes (`TimestampMixin.created_at`), as its
        // body binds them: the members' values, declarable (checked above).
        // Its methods are kept in the class's statement (a model based on
        // it notes each as left out, as its own: `eval::methods`), not run.
        let attrs_only = Rc::new(ClassDef {
            body: (def.body.iter())
                .filter(|s| !matches!(s.kind, StmtKind::Def(_)))
                .cloned()
                .collect(),
            ..(**def).clone()
        });
        let cell: crate::eval::pyclass::ClassCell = Default::default();
        let dict = self
            .run_class_body(&attrs_only, &cell)
            .map_err(|e| format!("its body failed: {}", e.message))?;
        let class = Rc::new(PyClass {
            name: def.name.name.clone(),
            base: None,
            dict: std::cell::RefCell::new(dict),
            enum_kind: None,
            members: std::cell::RefCell::new(Vec::new()),
            doc: crate::eval::pyclass_body::class_doc(&def.body),
            statement: Some((def.clone(), Rc::from(src))),
        });
        *cell.borrow_mut() = Rc::downgrade(&class);
        self.bind_dependency(name, Value::Obj(class), src)?;
        self.store
            .class_sources
            .insert(Rc::from(name), Rc::from(src));
        Ok(())
    }

    /// An abstract model stored as a mixin (`class Base(db.Model):
    /// __abstract__ = True …`): checked as a model, then made as
    /// `eval::mixins` makes one.
    fn load_abstract(
        &mut self,
        name: &str,
        src: &str,
        stmt: &Stmt,
        def: &crate::syntax::ast::ModelDef,
        known: &HashSet<String>,
    ) -> Result<(), Refusal> {
        let abstract_flag = def.members.iter().any(|m| {
            &*m.name.name == "__abstract__" && matches!(m.value.kind, ExprKind::Bool(true))
        });
        // Based on an abstract model or on mixins loaded before it: read
        // as the session read it (`on_abstract_base`); its methods are
        // kept in its statement, not run.
        let known_base = |b: &crate::syntax::ast::Ident| {
            self.get_global(&b.name)
                .is_some_and(|v| is_mixin_class(v) || crate::eval::mixins::is_abstract_model(v))
        };
        if *def.name.name != *name
            || !abstract_flag
            || def.base.as_ref().is_some_and(|(b, _)| !known_base(b))
            || !def.mixins.iter().all(known_base)
        {
            return Err(format!(
                "a stored mixin must be class {name}: or class {name}(db.Model): with __abstract__ = True, on mixins and abstract models stored with it"
            ));
        }
        let def = &self.on_abstract_base(def).unwrap_or_else(|| def.clone());
        if self.get_global(name).is_some() {
            return Err(format!("the session's variable {name} has that name"));
        }
        let decl = crate::persist::declare::Declaration {
            stmt: stmt.clone(),
            binds: def.name.name.clone(),
        };
        crate::persist::declare::names(&decl, &|n| known.contains(n))?;
        let saved = std::mem::replace(&mut self.source, Rc::from(src));
        let r = self.declaring(|me| me.define_abstract(def));
        self.source = saved;
        r.map_err(|e| e.message)?;
        self.store
            .class_sources
            .insert(Rc::from(name), Rc::from(src));
        Ok(())
    }
}
