//! Relationship attributes in the interpreter: reading (with autoflush
//! before a lazy load), assigning, constructing with relationship keywords,
//! the collection's list methods, dynamic relationships (a query you can
//! append to), and `Model.rel` at class level (`has`, `any`, `contains`,
//! `==`) for building queries.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::instance::{Instance, Status};
use crate::orm::query::Query;
use crate::orm::relation::Collection;
use crate::schema::relationship::{Lazy, Rel};
use crate::value::{Object, Value};

/// `Category.posts` at class level.
pub struct RelAttr(pub Rc<Rel>);

impl Object for RelAttr {
    fn type_name(&self) -> &str {
        "InstrumentedAttribute"
    }
}

/// A `lazy='dynamic'` relationship read from an instance: a query of the
/// related objects that also takes `append` and `remove`.
pub struct DynamicRel {
    pub owner: Rc<Instance>,
    pub rel: Rc<Rel>,
}

impl Object for DynamicRel {
    fn type_name(&self) -> &str {
        "AppenderQuery"
    }
}

pub const COLLECTION_METHODS: &[&str] = &[
    "append", "remove", "extend", "pop", "clear", "count", "index", "insert", "copy", "sort",
    "reverse",
];

impl Interp {
    /// The relationship `name` of a model, configuring the mapping first.
    pub fn rel_of(&mut self, model: &str, name: &str) -> Result<Option<Rc<Rel>>> {
        if !self.registry.models().iter().any(|m| !m.rels.is_empty()) {
            return Ok(None);
        }
        let mapping = self.mapping()?;
        Ok(mapping.get(model, name).cloned())
    }

    /// `obj.rel`
    pub fn read_rel(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Result<Value> {
        if rel.lazy == Lazy::Dynamic {
            return Ok(Value::obj(DynamicRel {
                owner: inst.clone(),
                rel: rel.clone(),
            }));
        }
        if self.session.needs_load(inst, rel) {
            // SQLAlchemy reads a many-to-one's key before the lazy load
            // autoflushes (when the instance's columns are loaded).
            let key = if inst.st.borrow().expired {
                None
            } else {
                self.session.use_get_key(inst, rel)
            };
            self.autoflush()?;
            // The load began before its autoflush (SQLAlchemy runs the flush
            // inside the lazy load's query): what it reads replaces anything
            // the flush loaded meanwhile.
            self.session.unload_slot(inst, rel);
            if let Some(Some(key)) = key {
                self.session.load_by_key(inst, rel, key)?;
            }
        }
        self.session.get_rel(inst, rel)
    }

    /// `obj.rel = value`
    pub fn write_rel(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>, v: Value) -> Result<()> {
        if rel.uselist {
            // Replacing a collection loads the old one first, autoflushing
            // as any lazy load does (SQLAlchemy's bulk replace).
            if rel.lazy != Lazy::Dynamic && self.session.needs_load(inst, rel) {
                self.autoflush()?;
            }
            let items = match &v {
                Value::List(_) | Value::Tuple(_) => self.to_vec(&v)?,
                _ => match v.downcast::<Collection>() {
                    Some(c) => c.snapshot().into_iter().map(|i| Value::Obj(i)).collect(),
                    None => {
                        return Err(Error::type_(format!(
                            "{}.{} is a collection; assign a list, like {} = [a, b]",
                            rel.owner.name, rel.name, rel.name
                        )));
                    }
                },
            };
            let insts = items
                .iter()
                .map(|x| as_instance(rel, x))
                .collect::<Result<Vec<_>>>()?;
            return self.session.set_collection(inst, rel, insts);
        }
        let target = match &v {
            Value::None => None,
            other => Some(as_instance(rel, other)?),
        };
        self.session.set_scalar(inst, rel, target)
    }

    /// Methods of `category.posts`.
    pub fn collection_method(&mut self, c: &Rc<Collection>, name: &str, a: Args) -> Result<Value> {
        let rel = c.rel.clone();
        match name {
            "append" => {
                a.count(1, 1)?;
                let x = as_instance(&rel, &a.pos[0])?;
                self.session.append(c, &x)?;
            }
            "remove" => {
                a.count(1, 1)?;
                let x = as_instance(&rel, &a.pos[0])?;
                self.session.remove(c, &x)?;
            }
            "extend" => {
                a.count(1, 1)?;
                for v in self.to_vec(&a.pos[0])? {
                    let x = as_instance(&rel, &v)?;
                    self.session.append(c, &x)?;
                }
            }
            "insert" => {
                a.count(2, 2)?;
                let x = as_instance(&rel, &a.pos[1])?;
                self.session.append(c, &x)?;
                self.session.journal(&c.owner);
                let mut items = c.items.borrow_mut();
                if let Some(last) = items.pop() {
                    let n = items.len() as i64;
                    let i = a.int(0)?;
                    let at = if i < 0 { (n + i).max(0) } else { i.min(n) };
                    items.insert(at as usize, last);
                }
            }
            "pop" => {
                a.count(0, 1)?;
                let items = c.snapshot();
                if items.is_empty() {
                    return Err(Error::new(ErrorKind::IndexError, "pop from empty list"));
                }
                let n = items.len() as i64;
                let i = if a.is_empty() { -1 } else { a.int(0)? };
                let at = if i < 0 { n + i } else { i };
                if at < 0 || at >= n {
                    return Err(Error::new(ErrorKind::IndexError, "pop index out of range"));
                }
                return Ok(Value::Obj(self.session.pop_at(c, at as usize)?));
            }
            "clear" => {
                a.count(0, 0)?;
                self.session.clear(c)?;
            }
            "count" | "index" => {
                a.count(1, 1)?;
                let items = c.snapshot();
                let same = |x: &Rc<Instance>| {
                    a.pos[0]
                        .downcast::<Instance>()
                        .is_some_and(|y| Rc::ptr_eq(x, &y))
                };
                if name == "count" {
                    return Ok(Value::Int(items.iter().filter(|x| same(x)).count() as i64));
                }
                return match items.iter().position(same) {
                    Some(i) => Ok(Value::Int(i as i64)),
                    None => Err(Error::value("list.index(x): x not in list")),
                };
            }
            "copy" => {
                a.count(0, 0)?;
                return Ok(Value::list(
                    c.snapshot().into_iter().map(|x| Value::Obj(x)).collect(),
                ));
            }
            "reverse" => {
                a.count(0, 0)?;
                self.session.journal(&c.owner);
                c.items.borrow_mut().reverse();
            }
            _ => {
                return Err(Error::attr(format!(
                    "'InstrumentedList' object has no attribute '{name}'{}",
                    crate::eval::suggest::did_you_mean(name, COLLECTION_METHODS.iter().copied())
                )));
            }
        }
        Ok(Value::None)
    }

    /// Methods of a dynamic relationship: query methods, plus append/remove.
    pub fn dynamic_method(&mut self, d: &Rc<DynamicRel>, name: &str, a: Args) -> Result<Value> {
        match name {
            "remove" => {
                a.count(1, 1)?;
                let x = as_instance(&d.rel, &a.pos[0])?;
                self.session.ensure_loaded(&d.owner)?;
                self.session.dynamic_remove(&d.owner, &d.rel, &x)?;
                Ok(Value::None)
            }
            "append" | "extend" => {
                let coll = self.session.dynamic_collection(&d.owner, &d.rel);
                self.collection_method(&coll, name, a)
            }
            // An object outside the session has nothing to query: SQLAlchemy's
            // AppenderQuery lists and counts the objects appended so far,
            // and refuses to build a query.
            "all" | "count" if d.owner.status() == Status::Transient => {
                a.count(0, 0)?;
                let items = self.session.dynamic_collection(&d.owner, &d.rel).snapshot();
                Ok(match name {
                    "count" => Value::Int(items.len() as i64),
                    _ => Value::list(items.into_iter().map(|x| Value::Obj(x)).collect()),
                })
            }
            _ if d.owner.status() == Status::Transient => Err(Error::new(
                ErrorKind::DetachedInstanceError,
                format!(
                    "{}.{} cannot be queried: this {} is not in a session",
                    d.rel.owner.name, d.rel.name, d.rel.owner.name
                ),
            )
            .with_help(
                "add it first with db.session.add(...), or use .all() to see what was appended",
            )),
            _ => {
                // SQLAlchemy flushes before building the query, so a new
                // owner has its key by then.
                if self.session.contains(&d.owner) {
                    self.autoflush()?;
                }
                let q = self.dynamic_query(d)?;
                self.query_method(&Rc::new(q), name, a)
            }
        }
    }

    /// The query a dynamic relationship stands for (autoflushed when run).
    pub fn dynamic_query(&mut self, d: &DynamicRel) -> Result<Query> {
        self.session.ensure_loaded(&d.owner)?;
        self.session.rel_query(&d.owner, &d.rel)
    }
}

/// In a self-referential join condition, point the target side at `alias`
/// (`join_condition` writes the target on the right for one-to-many and on
/// the left for many-to-one).
fn alias_target(
    e: &crate::sql::ast::SqlExpr,
    rel: &Rel,
    alias: &Rc<str>,
) -> crate::sql::ast::SqlExpr {
    use crate::schema::relationship::RelKind;
    use crate::sql::ast::SqlExpr;
    let SqlExpr::Binary { op, left, right } = e else {
        return e.clone();
    };
    let to_alias = |x: &SqlExpr| match x {
        SqlExpr::Column { name, .. } => SqlExpr::Column {
            table: Some(alias.clone()),
            name: name.clone(),
        },
        other => other.clone(),
    };
    let (l, r) = match rel.kind {
        RelKind::ManyToOne { .. } => (to_alias(left), (**right).clone()),
        _ => ((**left).clone(), to_alias(right)),
    };
    SqlExpr::Binary {
        op: *op,
        left: Box::new(l),
        right: Box::new(r),
    }
}

/// Every column of `table` in an expression, pointed at `alias`.
fn alias_all(
    e: &crate::sql::ast::SqlExpr,
    table: &str,
    alias: &Rc<str>,
) -> crate::sql::ast::SqlExpr {
    use crate::sql::ast::SqlExpr;
    let f = |x: &SqlExpr| Box::new(alias_all(x, table, alias));
    match e {
        SqlExpr::Column {
            table: Some(t),
            name,
        } if &**t == table => SqlExpr::Column {
            table: Some(alias.clone()),
            name: name.clone(),
        },
        SqlExpr::Binary { op, left, right } => SqlExpr::Binary {
            op: *op,
            left: f(left),
            right: f(right),
        },
        SqlExpr::And(v) => SqlExpr::And(v.iter().map(|x| alias_all(x, table, alias)).collect()),
        SqlExpr::Or(v) => SqlExpr::Or(v.iter().map(|x| alias_all(x, table, alias)).collect()),
        SqlExpr::Not(x) => SqlExpr::Not(f(x)),
        other => other.clone(),
    }
}

/// A value given to a relationship (set, appended, compared): an object
/// of its target model as now defined (`retire::check_related`).
fn as_instance(rel: &Rel, v: &Value) -> Result<Rc<Instance>> {
    // SQLAlchemy fails with an AttributeError on a value that is no instance.
    let inst = v.downcast::<Instance>().ok_or_else(|| {
        Error::attr(format!(
            "{}.{} holds {} objects, not {}",
            rel.owner.name,
            rel.name,
            rel.target.name,
            v.type_name()
        ))
    })?;
    crate::orm::retire::check_related(rel, &inst)?;
    Ok(inst)
}

fn col(table: &Rc<str>, name: &Rc<str>) -> crate::sql::ast::SqlExpr {
    crate::sql::ast::SqlExpr::Column {
        table: Some(table.clone()),
        name: name.clone(),
    }
}

fn eq_expr(l: crate::sql::ast::SqlExpr, r: crate::sql::ast::SqlExpr) -> crate::sql::ast::SqlExpr {
    crate::sql::ast::SqlExpr::Binary {
        op: crate::sql::ast::BinaryOp::Eq,
        left: Box::new(l),
        right: Box::new(r),
    }
}

impl Interp {
    /// `Post.category.has(...)`, `Category.posts.any(...)`, `.contains(obj)`.
    pub fn rel_attr_method(&mut self, rel: &Rc<Rel>, name: &str, mut a: Args) -> Result<Value> {
        use crate::orm::expr::{SqlVal, clause_of, compare};
        use crate::sql::ast::{FromItem, Select, SqlExpr};
        match name {
            "has" | "any" => {
                if name == "has" && rel.uselist {
                    return Err(Error::new(
                        ErrorKind::InvalidRequestError,
                        format!(
                            "{}.{} is a collection; use .any(...) instead of .has(...)",
                            rel.owner.name, rel.name
                        ),
                    ));
                }
                if name == "any" && !rel.uselist {
                    return Err(Error::new(
                        ErrorKind::InvalidRequestError,
                        format!(
                            "{}.{} is a single object; use .has(...) instead of .any(...)",
                            rel.owner.name, rel.name
                        ),
                    ));
                }
                let (mut where_, tables) = crate::orm::relation::join_condition(rel);
                // Self-referential: the inner table is an alias, `node AS
                // node_1`, and the criteria speak of it.
                let self_ref = rel.owner.table == rel.target.table;
                let alias: Rc<str> = Rc::from(format!("{}_1", rel.target.table));
                let mut criteria = Vec::new();
                for v in &a.pos {
                    criteria.push(clause_of(v)?);
                }
                for (k, v, span) in std::mem::take(&mut a.kw) {
                    let Some(i) = rel.target.column(&k) else {
                        return Err(Error::new(
                            ErrorKind::InvalidRequestError,
                            format!("{} has no column '{k}'", rel.target.name),
                        )
                        .at(span));
                    };
                    let c = SqlVal::column(&rel.target, i);
                    criteria.push(compare(&c, crate::sql::ast::BinaryOp::Eq, &v)?.expr);
                }
                if self_ref {
                    where_ = where_
                        .iter()
                        .map(|e| alias_target(e, rel, &alias))
                        .collect();
                    criteria = criteria
                        .iter()
                        .map(|e| alias_all(e, &rel.target.table, &alias))
                        .collect();
                }
                where_.extend(criteria);
                let sel = Select {
                    columns: vec![SqlExpr::Raw("1".into())],
                    from: tables
                        .into_iter()
                        .map(|name| {
                            let alias =
                                (self_ref && name == rel.target.table).then(|| alias.clone());
                            FromItem::Table { name, alias }
                        })
                        .collect(),
                    where_,
                    ..Default::default()
                };
                Ok(SqlVal {
                    expr: SqlExpr::Exists(Box::new(sel)),
                    ty: None,
                    column: None,
                    key: None,
                    is_clause: true,
                    froms: Vec::new(),
                }
                .into_value())
            }
            "contains" => {
                a.count(1, 1)?;
                let x = as_instance(rel, &a.pos[0])?;
                self.rel_compare(rel, crate::sql::ast::BinaryOp::Eq, &Value::Obj(x))
            }
            _ => Err(Error::attr(format!(
                "'InstrumentedAttribute' object has no attribute '{name}'"
            ))),
        }
    }

    /// `Post.category == py` → `post.category_id = ?`; `== None` → `IS NULL`.
    pub fn rel_compare(
        &mut self,
        rel: &Rc<Rel>,
        op: crate::sql::ast::BinaryOp,
        v: &Value,
    ) -> Result<Value> {
        use crate::orm::expr::and;
        use crate::schema::relationship::RelKind;
        use crate::sql::ast::{BinaryOp, SqlExpr};
        let target = match v {
            Value::None => None,
            other => Some(as_instance(rel, other)?),
        };
        if let Some(t) = &target {
            self.session.ensure_loaded(t)?;
        }
        let op = match (op, &target) {
            (BinaryOp::Eq, None) => BinaryOp::Is,
            (BinaryOp::Ne, None) => BinaryOp::IsNot,
            _ => op,
        };
        // `Person.passport != None`: EXISTS (SELECT 1 FROM passport WHERE …);
        // `== None`: NOT (EXISTS …), as SQLAlchemy writes it.
        if target.is_none() && !matches!(rel.kind, RelKind::ManyToOne { .. }) {
            let (where_, tables) = crate::orm::relation::join_condition(rel);
            let sel = crate::sql::ast::Select {
                columns: vec![SqlExpr::Raw("1".into())],
                from: tables
                    .into_iter()
                    .map(|name| crate::sql::ast::FromItem::Table { name, alias: None })
                    .collect(),
                where_,
                ..Default::default()
            };
            let exists = SqlExpr::Exists(Box::new(sel));
            let expr = if op == BinaryOp::IsNot {
                exists
            } else {
                SqlExpr::Not(Box::new(exists))
            };
            let mut v = and(vec![expr]);
            v.is_clause = true;
            return Ok(v.into_value());
        }
        let mut parts = Vec::new();
        let mut froms = Vec::new();
        match &rel.kind {
            RelKind::ManyToOne { pairs } => {
                // SQLAlchemy: `? = post.category_id`, and for `!=` also the
                // rows with no parent: `post.category_id != ? OR … IS NULL`.
                for (fk, r) in pairs {
                    let c = &rel.owner.columns[*fk];
                    let column = col(&rel.owner.table, &c.name);
                    let Some(t) = &target else {
                        parts.push(SqlExpr::Binary {
                            op,
                            left: Box::new(column),
                            right: Box::new(SqlExpr::Null),
                        });
                        continue;
                    };
                    let param = SqlExpr::Param {
                        value: crate::orm::relation::param_of(t, *r)?,
                        key: Some(c.name.clone()),
                    };
                    parts.push(if op == BinaryOp::Eq {
                        SqlExpr::Binary {
                            op,
                            left: Box::new(param),
                            right: Box::new(column),
                        }
                    } else {
                        SqlExpr::Or(vec![
                            SqlExpr::Binary {
                                op,
                                left: Box::new(column.clone()),
                                right: Box::new(param),
                            },
                            SqlExpr::Binary {
                                op: BinaryOp::Is,
                                left: Box::new(column),
                                right: Box::new(SqlExpr::Null),
                            },
                        ])
                    });
                }
            }
            RelKind::OneToMany { pairs } => {
                // `Category.posts.contains(p)`: category.id = p.category_id
                let Some(t) = &target else {
                    return Err(Error::new(
                        ErrorKind::InvalidRequestError,
                        "compare a collection with an object, not None; use ~Category.posts.any() for 'has none'",
                    ));
                };
                for (own, fk) in pairs {
                    let c = &rel.owner.columns[*own];
                    parts.push(SqlExpr::Binary {
                        op,
                        left: Box::new(col(&rel.owner.table, &c.name)),
                        right: Box::new(SqlExpr::Param {
                            value: crate::orm::relation::param_of(t, *fk)?,
                            key: Some(c.name.clone()),
                        }),
                    });
                }
            }
            RelKind::ManyToMany {
                table,
                owner,
                target: tcols,
            } => {
                // `page.id = tags_1.page_id AND ? = tags_1.tag_id` over
                // `FROM page, tags AS tags_1`, as SQLAlchemy writes it.
                let Some(t) = &target else {
                    return Err(Error::new(
                        ErrorKind::InvalidRequestError,
                        "compare a collection with an object, not None",
                    ));
                };
                let alias: Rc<str> = Rc::from(format!("{}_1", table.name));
                for (sec, i) in owner {
                    parts.push(eq_expr(
                        col(&rel.owner.table, &rel.owner.columns[*i].name),
                        col(&alias, sec),
                    ));
                }
                for (sec, i) in tcols {
                    parts.push(eq_expr(
                        SqlExpr::Param {
                            value: crate::orm::relation::param_of(t, *i)?,
                            key: Some(sec.clone()),
                        },
                        col(&alias, sec),
                    ));
                }
                froms.push(crate::sql::ast::FromItem::Table {
                    name: table.name.clone(),
                    alias: Some(alias.clone()),
                });
            }
        }
        let mut v = and(parts);
        v.is_clause = true;
        v.froms = froms;
        Ok(v.into_value())
    }
}
