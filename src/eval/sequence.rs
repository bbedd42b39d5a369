//! `db.Sequence('name', start=…, increment=…)` on a column: SQLAlchemy's
//! `Sequence`. On a dialect with sequences (PostgreSQL) `db.create_all()`
//! makes it before its table (`CREATE SEQUENCE name INCREMENT BY n START
//! WITH m`, unless the schema has it), `db.drop_all()` drops it after, the
//! column is a plain `INTEGER` (no `SERIAL`), and an INSERT that gives the
//! column no value writes `nextval('name')` and reads the value back
//! with `RETURNING`, as SQLAlchemy's PostgreSQL dialect does. SQLite has
//! no sequences: there the column's sequence is ignored, as SQLAlchemy's
//! SQLite dialect ignores it (`supports_sequences = False`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::Sig;
use crate::sql::ast::SqlExpr;
use crate::sql::dialect::Dialect;
use crate::value::{Object, Value};

/// A named sequence and the options its DDL writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Sequence {
    pub name: Rc<str>,
    /// `start=`: `START WITH n`.
    pub start: Option<i64>,
    /// `increment=`: `INCREMENT BY n`.
    pub increment: Option<i64>,
}

impl Sequence {
    /// `CREATE SEQUENCE name [INCREMENT BY n] [START WITH m]`
    /// (`DDLCompiler.visit_create_sequence`, its options in
    /// `get_identity_options`' order).
    pub fn create_sql(&self, dialect: &Dialect) -> String {
        let mut sql = format!("CREATE SEQUENCE {}", dialect.quote(&self.name));
        if let Some(n) = self.increment {
            sql.push_str(&format!(" INCREMENT BY {n}"));
        }
        if let Some(n) = self.start {
            sql.push_str(&format!(" START WITH {n}"));
        }
        sql
    }

    /// `DROP SEQUENCE name`.
    pub fn drop_sql(&self, dialect: &Dialect) -> String {
        format!("DROP SEQUENCE {}", dialect.quote(&self.name))
    }

    /// `nextval('name')`, as `PGCompiler.visit_sequence` writes the next
    /// value: the name as the dialect quotes it, inside a string literal.
    pub fn next_value(&self, dialect: &Dialect) -> SqlExpr {
        let name = dialect.quote(&self.name).replace('\'', "''");
        SqlExpr::Raw(Rc::from(format!("nextval('{name}')")))
    }
}

/// `db.Sequence(...)` as a value, until `db.Column` takes it.
pub struct SequenceSpec(pub Sequence);

impl Object for SequenceSpec {
    fn type_name(&self) -> &str {
        "Sequence"
    }
}

const SEQUENCE_SIG: Sig = Sig {
    kw: &["name", "start", "increment"],
    ignored: &[],
    any_kw: false,
};

/// An integer option of `Sequence()`, or None.
fn int_option(v: Option<Value>, what: &str) -> Result<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(i)),
        Some(other) => Err(Error::type_(format!(
            "Sequence({what}=...) takes an integer, not {}",
            other.type_name()
        ))
        .with_help("e.g. db.Sequence('ticket_seq', start=100, increment=1)")),
    }
}

/// `db.Sequence(name, start=None, increment=None)` (SQLAlchemy's
/// `Sequence`).
pub fn sequence(_me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("Sequence", &SEQUENCE_SIG)?;
    if let Some(v) = a.take_kw("name") {
        a.pos.insert(0, v);
        a.pos_spans.insert(0, a.span);
    }
    let start = int_option(a.take_kw("start"), "start")?;
    let increment = int_option(a.take_kw("increment"), "increment")?;
    a.count(1, 1)?;
    let Value::Str(name) = &a.pos[0] else {
        return Err(Error::type_(format!(
            "Sequence() takes the sequence's name as a string, not {}",
            a.pos[0].type_name()
        ))
        .with_help("db.Column(db.Integer, db.Sequence('user_id_seq'), primary_key=True)")
        .at(a.span_of(0)));
    };
    Ok(Value::obj(SequenceSpec(Sequence {
        name: Rc::from(&**name),
        start,
        increment,
    })))
}

impl Interp {
    /// The sequences of the columns of `table` (a model's or a
    /// `db.Table`'s), in column order.
    fn sequences_of(&self, table: &str) -> Vec<Rc<Sequence>> {
        let models = self
            .registry
            .models()
            .iter()
            .filter(|m| &*m.table == table)
            .flat_map(|m| m.columns.iter());
        let plain = self
            .registry
            .tables()
            .iter()
            .filter(|t| &*t.name == table)
            .flat_map(|t| t.columns.iter());
        models
            .chain(plain)
            .filter_map(|c| c.sequence.clone())
            .collect()
    }

    /// The sequences the current schema has (SQLAlchemy's
    /// `has_sequence`).
    fn existing_sequences(&self) -> Result<Vec<String>> {
        self.session.engine.names(
            "SELECT c.relname::text FROM pg_class c WHERE c.relkind = 'S' \
             AND c.relnamespace = current_schema()::regnamespace",
            &[],
        )
    }

    /// `CREATE SEQUENCE` for each sequence of `table`'s columns the
    /// schema lacks, before the table (SQLAlchemy's
    /// `SchemaGenerator.visit_table`, with `checkfirst`); nothing where
    /// the dialect has no sequences.
    pub(crate) fn create_sequences(&self, table: &str) -> Result<()> {
        let dialect = self.session.engine.dialect();
        if !dialect.sequences {
            return Ok(());
        }
        let wanted = self.sequences_of(table);
        if wanted.is_empty() {
            return Ok(());
        }
        let mut existing = self.existing_sequences()?;
        for s in wanted {
            if !existing.iter().any(|e| **e == *s.name) {
                self.session.engine.execute_ddl(&s.create_sql(dialect))?;
                existing.push(s.name.to_string());
            }
        }
        Ok(())
    }

    /// `DROP SEQUENCE` for each sequence of `table`'s columns the schema
    /// has, after the table (`SchemaDropper.visit_table`).
    pub(crate) fn drop_sequences(&self, table: &str) -> Result<()> {
        let dialect = self.session.engine.dialect();
        if !dialect.sequences {
            return Ok(());
        }
        let wanted = self.sequences_of(table);
        if wanted.is_empty() {
            return Ok(());
        }
        let mut existing = self.existing_sequences()?;
        for s in wanted {
            if let Some(at) = existing.iter().position(|e| **e == *s.name) {
                self.session.engine.execute_ddl(&s.drop_sql(dialect))?;
                existing.remove(at);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::dialect::POSTGRESQL;

    /// `CreateSequence(s)`, `DropSequence(s)` and the INSERT's
    /// `nextval(…)`, compiled with SQLAlchemy 2.1's PostgreSQL dialect.
    #[test]
    fn ddl_and_next_value_as_postgresql_writes_them() {
        let plain = Sequence {
            name: "user_id_seq".into(),
            start: None,
            increment: None,
        };
        assert_eq!(plain.create_sql(&POSTGRESQL), "CREATE SEQUENCE user_id_seq");
        let t = Sequence {
            name: "t_seq".into(),
            start: Some(100),
            increment: Some(5),
        };
        assert_eq!(
            t.create_sql(&POSTGRESQL),
            "CREATE SEQUENCE t_seq INCREMENT BY 5 START WITH 100"
        );
        assert_eq!(t.drop_sql(&POSTGRESQL), "DROP SEQUENCE t_seq");
        assert_eq!(
            t.next_value(&POSTGRESQL),
            SqlExpr::Raw("nextval('t_seq')".into())
        );
        let odd = Sequence {
            name: "User's Seq".into(),
            start: None,
            increment: None,
        };
        assert_eq!(
            odd.next_value(&POSTGRESQL),
            SqlExpr::Raw("nextval('\"User''s Seq\"')".into())
        );
    }
}
