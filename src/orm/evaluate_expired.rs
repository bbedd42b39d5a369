//! Criteria evaluated on an object some of whose columns are expired, as
//! SQLAlchemy's evaluator does it: reading an expired column gives
//! `_EXPIRED_OBJECT` (`PASSIVE_NO_FETCH` finds no value), which every
//! operator passes on — an AND or OR stops at it in order, as it stops at
//! a decisive value — and a bulk statement then counts the object as
//! matched but "partially expired" (`_get_matched_objects_on_criteria`).

use crate::error::Result;
use crate::orm::evaluate::Eval;
use crate::orm::evaluate_ops::truthy;
use crate::schema::model::Model;
use crate::sql::ast::Param;
use crate::value::Value;

/// What evaluating the criteria on one object gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// True: the object matches.
    Match,
    /// An expired column decided it (`_EXPIRED_OBJECT`): the object is
    /// matched, partially expired.
    Expired,
    /// False or NULL.
    NoMatch,
}

impl Eval {
    /// The criteria's outcome for an object of `model` with `values`,
    /// where `expired(i)` says column `i` has no loaded value.
    pub fn outcome(
        &self,
        model: &Model,
        values: &[Value],
        expired: &dyn Fn(usize) -> bool,
    ) -> Result<Outcome> {
        Ok(match self.value_or_expired(model, values, expired)? {
            None => Outcome::Expired,
            Some(p) if truthy(&p) => Outcome::Match,
            Some(_) => Outcome::NoMatch,
        })
    }

    /// The value, or None for `_EXPIRED_OBJECT`.
    fn value_or_expired(
        &self,
        model: &Model,
        values: &[Value],
        expired: &dyn Fn(usize) -> bool,
    ) -> Result<Option<Param>> {
        let bool_ = |b: bool| Param::Int(b as i64);
        Ok(Some(match self {
            Eval::Not(x) => match x.value_or_expired(model, values, expired)? {
                None => return Ok(None),
                Some(Param::Null) => Param::Null,
                Some(v) => bool_(!truthy(&v)),
            },
            Eval::And(xs) => {
                for x in xs {
                    match x.value_or_expired(model, values, expired)? {
                        None => return Ok(None),
                        Some(v) if !truthy(&v) => {
                            return Ok(Some(if v == Param::Null { v } else { bool_(false) }));
                        }
                        Some(_) => {}
                    }
                }
                bool_(true)
            }
            Eval::Or(xs) => {
                let mut null = false;
                for x in xs {
                    match x.value_or_expired(model, values, expired)? {
                        None => return Ok(None),
                        Some(v) if truthy(&v) => return Ok(Some(bool_(true))),
                        Some(v) => null |= v == Param::Null,
                    }
                }
                if null { Param::Null } else { bool_(false) }
            }
            // Any other operator evaluates its operands first: an expired
            // one anywhere in them makes the whole `_EXPIRED_OBJECT`.
            other if other.reads_expired(expired) => return Ok(None),
            other => other.value(model, values)?,
        }))
    }

    /// Whether it reads a column `expired` says is expired (has no
    /// loaded value).
    pub(crate) fn reads_expired(&self, expired: &dyn Fn(usize) -> bool) -> bool {
        match self {
            Eval::Const(_) | Eval::Late(_) => false,
            Eval::Column(i) => expired(*i),
            Eval::Not(x) => x.reads_expired(expired),
            Eval::And(xs) | Eval::Or(xs) => xs.iter().any(|x| x.reads_expired(expired)),
            Eval::Binary(_, l, r) => l.reads_expired(expired) || r.reads_expired(expired),
            Eval::In { expr, .. } => expr.reads_expired(expired),
        }
    }
}
