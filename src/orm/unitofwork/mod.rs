//! The unit of work, planned then emitted, as SQLAlchemy splits it
//! (`unitofwork.py` orders, `persistence.py` writes):
//!
//! 1. `flush::prepare` reads what the flush needs from the database (the
//!    collections of objects being deleted, deferred history) and
//!    registers the orphans to delete — SQLAlchemy's presort steps;
//! 2. `plan(&Session)` fixes every statement and its order, touching
//!    nothing: `states` registers the objects and records the foreign-key
//!    copies between them, `graph` orders the work (table-level actions,
//!    split per object where the tables make a cycle, sorted in layers by
//!    `topo`), `plan` and `assoc` turn it into INSERT / UPDATE / DELETE
//!    statements and association rows;
//! 3. `Plan::emit` runs them through the engine; a key an INSERT of the
//!    flush numbers is a deferred parameter of the plan, read as the
//!    statement needing it runs.
//!
//! `show` prints a plan with deferred parameters named symbolically (for
//! tests and reading).

pub mod assoc;
mod copies;
pub mod cycle;
pub mod edges;
pub mod emit;
pub mod graph;
pub mod keys;
pub mod plan;
mod plan_types;
pub mod post;
mod rows;
pub mod schedule;
mod sql_values;
pub mod states;
pub mod switch;
pub mod topo;

#[cfg(test)]
mod tests;

pub use plan::{Plan, plan};

use crate::orm::unitofwork::plan::{PlanParam, Step};
use crate::orm::unitofwork::states::PlanValue;
use crate::sql::params::param_repr;

/// An object in a shown plan: `Ant(name='b')` for a new one, `Ant 1` for
/// one with a row.
fn name_of(inst: &crate::orm::instance::Instance) -> String {
    let d = cycle::describe(inst);
    d.strip_prefix("the new ").map(str::to_owned).unwrap_or(d)
}

/// A parameter as shown: its value, or `Ant(name='b').id` for a key an
/// earlier INSERT numbers.
fn show_param(p: &PlanParam) -> String {
    match p {
        PlanParam::Bound(p) => param_repr(p),
        PlanParam::Sql { params, .. } => (params.iter())
            .map(param_repr)
            .collect::<Vec<_>>()
            .join(", "),
        PlanParam::Deferred { inst, col, .. } => {
            format!("{}.{}", name_of(inst), inst.model.columns[*col].attr)
        }
        // The key of a row its INSERT, earlier in the plan, numbers.
        PlanParam::RowKey { inst, part } => match emit::resolve(p) {
            Ok(p) => param_repr(&p),
            Err(_) => {
                let col = inst.model.pk[*part];
                format!("{}.{}", name_of(inst), inst.model.columns[col].attr)
            }
        },
    }
}

impl Plan {
    /// The error the plan ends with, if its objects depend on each other
    /// in a cycle.
    pub fn failure(&self) -> Option<&crate::error::Error> {
        self.steps.iter().find_map(|s| match s {
            Step::Fail(e) => Some(e),
            _ => None,
        })
    }

    /// Each row of each statement: its SQL and its parameters as a Python
    /// tuple, deferred ones named (`('a', Ant(name='b').id)`).
    pub fn statements(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for step in &self.steps {
            if let Step::Run(s) = step {
                for row in &s.rows {
                    let items: Vec<String> = row.params.iter().map(show_param).collect();
                    let comma = if items.len() == 1 { "," } else { "" };
                    out.push((s.sql.to_string(), format!("({}{comma})", items.join(", "))));
                }
            }
        }
        out
    }

    /// The in-memory key copies, as `Ant(name='a').parent_id = Ant(name='b').id`.
    pub fn copies(&self) -> Vec<String> {
        let mut out = Vec::new();
        for step in &self.steps {
            if let Step::Copy(list) = step {
                for (x, col, v) in list {
                    let v = match v {
                        PlanValue::Known(v) => {
                            match crate::orm::convert::to_param(&x.model.columns[*col].ty, v) {
                                Ok(p) => param_repr(&p),
                                Err(_) => "?".into(),
                            }
                        }
                        PlanValue::Deferred { inst, col } => {
                            format!("{}.{}", name_of(inst), inst.model.columns[*col].attr)
                        }
                    };
                    out.push(format!(
                        "{}.{} = {v}",
                        name_of(x),
                        x.model.columns[*col].attr
                    ));
                }
            }
        }
        out
    }
}
