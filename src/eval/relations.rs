//! Relationships in the interpreter: configuring the mapping (SQLAlchemy's
//! `configure_mappers`): resolving targets, evaluating string arguments,
//! finding which side holds the foreign key, and creating backrefs — with
//! SQLAlchemy's diagnoses in plain words when that cannot be done.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::suggest::did_you_mean;
use crate::orm::expr::ColumnElement;
use crate::orm::mapper::{
    check_cascade, collect_eqs, dynamic_scalar, kind_from_keys, reverse_kind,
};
use crate::schema::model::Model;
use crate::schema::relationship::{ColRef, Lazy, Mapping, Rel, RelKind, RelSpec};
use crate::schema::table::Table;
use crate::sql::ast::SqlExpr;
use crate::syntax::ast::StmtKind;
use crate::value::Value;

impl Interp {
    /// The resolved relationships, configuring them first if anything was
    /// defined since.
    pub fn mapping(&mut self) -> Result<Rc<Mapping>> {
        if let Some(m) = self.registry.mapping() {
            return Ok(m.clone());
        }
        let mut mapping = Mapping::default();
        let models: Vec<Rc<Model>> = self.registry.models().to_vec();
        for m in &models {
            for (name, spec) in &m.rels {
                // A stored model's relationship strings are declarations.
                let rel = if m.pure {
                    self.declaring(|me| me.resolve(m, name, spec))?
                } else {
                    self.resolve(m, name, spec)?
                };
                mapping.insert(Rc::new(rel));
            }
        }
        // Backrefs, once every forward side exists.
        for m in &models {
            for (name, spec) in &m.rels {
                let Some(b) = &spec.backref else { continue };
                let fwd = mapping.get(&m.name, name).cloned().expect("resolved above");
                let target = fwd.target.clone();
                if target.column(&b.name).is_some() || mapping.get(&target.name, &b.name).is_some()
                {
                    return Err(Error::new(
                        ErrorKind::ArgumentError,
                        format!("cannot create backref '{}' on {}: {} already has an attribute of that name", b.name, target.name, target.name),
                    )
                    .with_help("choose another backref name, or use back_populates on both sides"));
                }
                let kind = reverse_kind(&fwd.kind);
                let uselist = b
                    .uselist
                    .unwrap_or(!matches!(kind, RelKind::ManyToOne { .. }));
                if b.lazy == Some(Lazy::Dynamic) && !uselist {
                    return Err(dynamic_scalar(&target, &b.name));
                }
                let order_by = match &b.order_by {
                    Some(v) if m.pure => self.declaring(|me| me.order_exprs(v))?,
                    Some(v) => self.order_exprs(v)?,
                    None => Vec::new(),
                };
                check_cascade(
                    &target.name,
                    &b.name,
                    &m.name,
                    &kind,
                    b.cascade.unwrap_or_default(),
                    b.single_parent,
                )?;
                let rev = Rel {
                    name: b.name.clone(),
                    owner: target.clone(),
                    target: m.clone(),
                    kind,
                    uselist,
                    lazy: b.lazy.unwrap_or(Lazy::Select),
                    cascade: match b.viewonly {
                        true => b.cascade.unwrap_or_default().for_viewonly(),
                        false => b.cascade.unwrap_or_default(),
                    },
                    order_by,
                    reverse: Some(name.clone()),
                    viewonly: b.viewonly,
                    criteria: fwd.criteria.clone(),
                    post_update: b.post_update.unwrap_or(fwd.post_update),
                    passive_deletes: b.passive_deletes,
                    passive_deletes_all: b.passive_deletes_all,
                    single_parent: b.single_parent,
                    write_only: false,
                    secondary_first: [fwd.secondary_first[1], fwd.secondary_first[0]],
                    fk_first: fwd.fk_first,
                };
                mapping.insert(Rc::new(rev));
            }
        }
        for m in &models {
            for (name, spec) in &m.rels {
                if let Some(bp) = &spec.back_populates {
                    let fwd = mapping.get(&m.name, name).cloned().expect("resolved above");
                    if mapping.get(&fwd.target.name, bp).is_none() {
                        let names: Vec<String> = mapping
                            .of(&fwd.target.name)
                            .iter()
                            .map(|r| r.name.to_string())
                            .collect();
                        return Err(Error::new(
                            ErrorKind::InvalidRequestError,
                            format!(
                                "{}.{name} says back_populates='{bp}', but {} has no relationship '{bp}'{}",
                                m.name,
                                fwd.target.name,
                                did_you_mean(bp, names.iter().map(|s| s.as_str()))
                            ),
                        ));
                    }
                }
            }
        }
        // SQLAlchemy's `_check_cascade_settings`.
        for m in &models {
            if let Some(r) = (mapping.of(&m.name).iter())
                .find(|r| r.passive_deletes_all && (r.cascade.delete || r.cascade.delete_orphan))
            {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "On {}.{}, can't set passive_deletes='all' in conjunction with 'delete' or 'delete-orphan' cascade",
                        r.owner.name, r.name
                    ),
                )
                .with_help("passive_deletes=True leaves the children not loaded to the database and keeps the cascade"));
            }
        }
        let mapping = Rc::new(mapping);
        self.registry.set_mapping(mapping.clone());
        self.session.mapping = mapping.clone();
        Ok(mapping)
    }

    fn resolve(&mut self, owner: &Rc<Model>, name: &Rc<str>, spec: &RelSpec) -> Result<Rel> {
        let ctx = |e: Error| Error {
            message: format!("in relationship {}.{name}: {}", owner.name, e.message),
            ..e
        };
        let target = self.rel_target(owner, name, spec)?;
        let foreign_keys = match &spec.foreign_keys {
            Some(v) => Some(self.col_refs(v).map_err(ctx)?),
            None => None,
        };
        let remote_side = match &spec.remote_side {
            Some(v) => self.col_refs(v).map_err(ctx)?,
            None => Vec::new(),
        };
        let (kind, criteria) = if let Some(sec) = &spec.secondary {
            (
                self.many_to_many(owner, name, &target, sec, spec)
                    .map_err(ctx)?,
                Vec::new(),
            )
        } else if let Some(pj) = &spec.primaryjoin {
            self.kind_from_join(owner, &target, pj, foreign_keys.as_deref(), &remote_side)
                .map_err(ctx)?
        } else {
            (
                kind_from_keys(owner, name, &target, foreign_keys.as_deref(), &remote_side)?,
                Vec::new(),
            )
        };
        let order_by = match &spec.order_by {
            Some(v) => self.order_exprs(v).map_err(ctx)?,
            None => Vec::new(),
        };
        let uselist = spec
            .uselist
            .unwrap_or(!matches!(kind, RelKind::ManyToOne { .. }));
        if spec.lazy == Lazy::Dynamic && !uselist {
            return Err(dynamic_scalar(owner, name));
        }
        check_cascade(
            &owner.name,
            name,
            &target.name,
            &kind,
            spec.cascade,
            spec.single_parent,
        )?;
        let secondary_first = self.secondary_written_first(spec, &kind).map_err(ctx)?;
        let fk_first = self
            .fk_written_first(spec, &kind, owner, &target)
            .map_err(ctx)?;
        Ok(Rel {
            secondary_first,
            fk_first,
            name: name.clone(),
            owner: owner.clone(),
            target,
            kind,
            uselist,
            lazy: spec.lazy,
            cascade: match spec.viewonly {
                true => spec.cascade.for_viewonly(),
                false => spec.cascade,
            },
            order_by,
            reverse: spec
                .backref
                .as_ref()
                .map(|b| b.name.clone())
                .or_else(|| spec.back_populates.clone()),
            viewonly: spec.viewonly,
            criteria,
            post_update: spec.post_update,
            passive_deletes: spec.passive_deletes,
            passive_deletes_all: spec.passive_deletes_all,
            single_parent: spec.single_parent,
            write_only: spec.write_only,
        })
    }

    /// The model a relationship names (SQLAlchemy resolves the string at
    /// mapper configuration): an unknown name is InvalidRequestError.
    fn rel_target(
        &mut self,
        owner: &Rc<Model>,
        name: &Rc<str>,
        spec: &RelSpec,
    ) -> Result<Rc<Model>> {
        match self.registry.get(&spec.target) {
            Some(t) => Ok(t.clone()),
            // A table's name: SQLAlchemy's resolver finds the Table, which
            // is not a class.
            None if self.registry.table(&spec.target).is_some()
                || self.registry.by_table(&spec.target).is_some() =>
            {
                let class = match self.registry.by_table(&spec.target) {
                    Some(m) => format!("db.relationship('{}')", m.name),
                    None => "db.relationship('ModelName'), a model mapped to it".to_string(),
                };
                Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "relationship '{name}' expects a class or a mapper argument (received: <class 'sqlalchemy.sql.schema.Table'>)"
                    ),
                )
                .with_help(format!(
                    "'{}' is a table's name; relationship() names the class: {class}",
                    spec.target
                )))
            }
            None => {
                let names: Vec<String> = self
                    .registry
                    .models()
                    .iter()
                    .map(|m| m.name.to_string())
                    .collect();
                Err(Error::new(
                    ErrorKind::InvalidRequestError,
                    format!(
                        "relationship {}.{name} names the model '{}', which is not defined{}",
                        owner.name,
                        spec.target,
                        did_you_mean(&spec.target, names.iter().map(|s| s.as_str()))
                    ),
                )
                .with_help("define that model, or fix the name in db.relationship('…')"))
            }
        }
    }

    /// A relationship through an association table (`secondary=`): the
    /// pairs of its columns with each side's key, from its foreign keys
    /// or from explicit `primaryjoin`/`secondaryjoin`.
    fn many_to_many(
        &mut self,
        owner: &Rc<Model>,
        name: &Rc<str>,
        target: &Rc<Model>,
        sec: &Value,
        spec: &RelSpec,
    ) -> Result<RelKind> {
        let table = self.secondary_table(owner, sec)?;
        let side = |m: &Model| -> Vec<(Rc<str>, usize)> {
            table
                .columns
                .iter()
                .filter_map(|c| {
                    let fk = c.foreign_key.as_ref()?;
                    if fk.table != m.table {
                        return None;
                    }
                    Some((
                        c.name.clone(),
                        m.columns.iter().position(|x| x.name == fk.column)?,
                    ))
                })
                .collect()
        };
        let (o, t) = match (&spec.primaryjoin, &spec.secondaryjoin) {
            // `primaryjoin=(followers.c.follower_id == id),
            //  secondaryjoin=(followers.c.followed_id == id)`
            (Some(pj), Some(sj)) => (
                self.assoc_pairs(pj, &table, owner)?,
                self.assoc_pairs(sj, &table, target)?,
            ),
            _ => (side(owner), side(target)),
        };
        let explicit = spec.primaryjoin.is_some() && spec.secondaryjoin.is_some();
        if (owner.id == target.id && !explicit) || o.is_empty() || t.is_empty() {
            return Err(Error::new(
                ErrorKind::NoForeignKeysError,
                format!(
                    "relationship {}.{name}: the association table '{}' needs a foreign key to each of '{}' and '{}'",
                    owner.name, table.name, owner.table, target.table
                ),
            )
            .with_help(format!("e.g. db.Column('{}_id', db.Integer, db.ForeignKey('{}.id'))", target.table, target.table)));
        }
        Ok(RelKind::ManyToMany {
            table,
            owner: o,
            target: t,
        })
    }

    /// Evaluate a string argument (`'Post.pub_date.desc()'`) as an expression.
    pub(crate) fn eval_text(&mut self, text: &str) -> Result<Value> {
        let stmts = crate::syntax::parse_chunk(text)?;
        match stmts.as_slice() {
            [s] => match &s.kind {
                StmtKind::Expr(e) => {
                    let saved = std::mem::replace(&mut self.source, Rc::from(text));
                    let r = self.eval(e);
                    self.source = saved;
                    r.map_err(|e| Error { span: None, ..e })
                }
                _ => Err(Error::value(format!("'{text}' is not an expression"))),
            },
            _ => Err(Error::value(format!("'{text}' is not one expression"))),
        }
    }

    /// The columns a `foreign_keys=` / `remote_side=` value names: a
    /// column, a string to evaluate, or a list or tuple of those, nested to
    /// any depth (each level one of Python's recursion: a list that
    /// contains itself is a `RecursionError`).
    fn col_refs(&mut self, v: &Value) -> Result<Vec<ColRef>> {
        crate::stack::nested("", || self.col_refs_here(v))
    }

    fn col_refs_here(&mut self, v: &Value) -> Result<Vec<ColRef>> {
        match v {
            Value::Str(s) => {
                let v = self.eval_text(s)?;
                self.col_refs(&v)
            }
            Value::List(l) => {
                let items = l.borrow().clone();
                let mut out = Vec::new();
                for x in &items {
                    out.extend(self.col_refs(x)?);
                }
                Ok(out)
            }
            Value::Tuple(t) => {
                let mut out = Vec::new();
                for x in t.iter() {
                    out.extend(self.col_refs(x)?);
                }
                Ok(out)
            }
            _ => {
                // A model's column, or one of the block being defined.
                if let Some(s) = v.downcast::<ColumnElement>()
                    && let SqlExpr::Column {
                        table: Some(table),
                        name,
                    } = &s.expr
                {
                    return Ok(vec![ColRef {
                        table: table.clone(),
                        column: name.clone(),
                    }]);
                }
                Err(Error::type_(format!(
                    "expected columns such as [Post.author_id], not {}",
                    v.type_name()
                )))
            }
        }
    }

    /// The ORDER BY terms of an `order_by=` value: an expression, a string
    /// to evaluate, or a list of those, nested to any depth (bounded as in
    /// `col_refs`).
    pub(crate) fn order_exprs(&mut self, v: &Value) -> Result<Vec<SqlExpr>> {
        crate::stack::nested("", || self.order_exprs_here(v))
    }

    fn order_exprs_here(&mut self, v: &Value) -> Result<Vec<SqlExpr>> {
        match v {
            Value::Str(s) => {
                let v = self.eval_text(s)?;
                self.order_exprs(&v)
            }
            Value::List(l) => {
                let items = l.borrow().clone();
                let mut out = Vec::new();
                for x in &items {
                    out.extend(self.order_exprs(x)?);
                }
                Ok(out)
            }
            _ => match v.downcast::<ColumnElement>() {
                Some(s) => Ok(vec![s.expr.clone()]),
                None => Err(Error::type_(format!(
                    "order_by= takes a column such as Post.pub_date.desc(), not {}",
                    v.type_name()
                ))),
            },
        }
    }

    /// The (association column, model column) pairs of a join condition
    /// between an association table and a model.
    fn assoc_pairs(
        &mut self,
        join: &Value,
        table: &Table,
        m: &Model,
    ) -> Result<Vec<(Rc<str>, usize)>> {
        let expr = match join {
            Value::Str(s) => {
                let v = self.eval_text(s)?;
                crate::orm::expr::clause_of(&v)?
            }
            v => crate::orm::expr::clause_of(v)?,
        };
        let mut eqs = Vec::new();
        let mut other = Vec::new();
        collect_eqs(&expr, &mut eqs, &mut other);
        let mut out = Vec::new();
        for (a, b) in eqs {
            for (x, y) in [(&a, &b), (&b, &a)] {
                if x.table == table.name
                    && y.table == m.table
                    && let Some(i) = m.columns.iter().position(|c| c.name == y.column)
                {
                    out.push((x.column.clone(), i));
                }
            }
        }
        if out.is_empty() {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "the join condition does not compare a column of '{}' with one of '{}'",
                    table.name, m.table
                ),
            ));
        }
        Ok(out)
    }

    fn kind_from_join(
        &mut self,
        owner: &Model,
        target: &Model,
        pj: &Value,
        fks: Option<&[ColRef]>,
        remote: &[ColRef],
    ) -> Result<(RelKind, Vec<SqlExpr>)> {
        let expr = match pj {
            Value::Str(s) => {
                let v = self.eval_text(s)?;
                crate::orm::expr::clause_of(&v)?
            }
            v => crate::orm::expr::clause_of(v)?,
        };
        crate::orm::mapper::kind_from_join(owner, target, &expr, fks, remote)
    }
}
