//! `Model.rel` at class level, for building queries: `has`, `any`,
//! `contains`, and comparing with an object or None (`==`, `!=`), written
//! as SQLAlchemy writes them (EXISTS subqueries, aliases for
//! self-referential relationships).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::rel_ops::as_instance;
use crate::schema::relationship::Rel;
use crate::value::Value;

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
                SqlVal {
                    expr: SqlExpr::Exists(Box::new(sel)),
                    ty: None,
                    column: None,
                    key: None,
                    is_clause: true,
                    froms: Vec::new(),
                }
                .into_value()
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
            return v.into_value();
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
        v.into_value()
    }
}
