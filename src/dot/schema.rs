//! `.schema [NAME]`: the DDL `db.create_all()` runs for the models and
//! tables defined (as SQLAlchemy writes it), then the tables the database
//! holds that no model or `db.Table` describes — made by `.sql` or another
//! program — as SQLite stored them. On PostgreSQL a reflected model's
//! table (or view) is the database's own: shown as the server defines it
//! (`engine::pg_schema`), not as SQLAlchemy would create it from the
//! model. NAME is a model, a table name or a table of the database.

use std::rc::Rc;

use super::Call;
use crate::app::{App, Flow};
use crate::error::{Error, Result};
use crate::eval::suggest::did_you_mean;

/// `.schema [NAME]`
pub fn schema(app: &mut App, call: &Call) -> Result<Flow> {
    let mut plan = app.interp.ddl_plan();
    let stored = app.interp.session.engine.schema_sql()?;
    if app.interp.session.engine.dialect_name() == crate::engine::DialectName::Postgresql {
        // Reflected from the database: what the database says, not the
        // DDL SQLAlchemy would write for the model (a view is no table).
        let registry = &app.interp.registry;
        plan.retain(|(table, _)| {
            let reflected = registry
                .models()
                .iter()
                .any(|m| m.table == *table && m.reflected);
            !(reflected && stored.iter().any(|(t, _)| **t == **table))
        });
    }
    let planned = |t: &str| plan.iter().any(|(table, _)| &**table == t);
    let wanted: Option<Rc<str>> = match call.args.as_slice() {
        [] => None,
        [name] => Some(resolve(app, name, &plan, &stored)?),
        _ => return Err(Error::value("usage: .schema [NAME]")),
    };
    let mut lines = Vec::new();
    for (table, stmts) in &plan {
        if wanted.as_ref().is_some_and(|w| w != table) {
            continue;
        }
        lines.extend(stmts.iter().map(|sql| format!("{};", sql.trim())));
    }
    for (table, sql) in &stored {
        if planned(table) || wanted.as_ref().is_some_and(|w| **w != **table) {
            continue;
        }
        lines.push(format!("{sql};"));
    }
    for l in lines {
        app.interp.write_line(&l)?;
    }
    Ok(Flow::Continue)
}

/// The table `name` stands for: a model's, a planned table, or one in the
/// database (SQLite's names are case-insensitive).
fn resolve(
    app: &App,
    name: &str,
    plan: &[crate::eval::ddl_order::Planned],
    stored: &[(String, String)],
) -> Result<Rc<str>> {
    if let Some(m) = app.interp.registry.get(name) {
        return Ok(m.table.clone());
    }
    if let Some((t, _)) = plan.iter().find(|(t, _)| t.eq_ignore_ascii_case(name)) {
        return Ok(t.clone());
    }
    if let Some((t, _)) = stored.iter().find(|(t, _)| t.eq_ignore_ascii_case(name)) {
        return Ok(Rc::from(t.as_str()));
    }
    // A model is the likelier meaning; tables are offered when no model
    // is near.
    let models = app.interp.registry.models();
    let mut near = did_you_mean(name, models.iter().map(|m| &*m.name));
    if near.is_empty() {
        let tables = plan.iter().map(|(t, _)| &**t);
        near = did_you_mean(name, tables.chain(stored.iter().map(|(t, _)| t.as_str())));
    }
    Err(
        Error::name(format!("no model or table named '{name}'{near}"))
            .with_help("type .models to list the models, .tables the tables"),
    )
}
