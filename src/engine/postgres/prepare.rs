//! Statements prepared by the server for `PgConn`: the `?` placeholders
//! numbered, parameters declared as psycopg2's literals of their values
//! are typed (`pg_param_types`) — refined where the server would read an
//! untyped one as text or cannot type it at all —, and the statement cache.

use postgres::Statement;
use postgres::types::Type;

use super::PgConn;
use crate::engine::pg_lex::numbered_placeholders;
use crate::engine::pg_param_types::{
    declare, literal_types, param_kind, untyped_parameter, value_types,
};
use crate::error::Result;
use crate::sql::ast::Param;

impl PgConn {
    /// `sql` prepared by the server, from the cache when it was before
    /// (the same text with other declared types is another statement).
    /// `bound`: its `?` outside strings, dollar quotes and comments are the
    /// compiler's placeholders, numbered `$1…$n` (text without values is
    /// sent as written, so PostgreSQL's own `?` operators stay). Parameters
    /// whose value psycopg2 would write as a typed literal are declared
    /// that type ([`value_types`]).
    pub(super) fn prepare(&self, sql: &str, params: &[Param], bound: bool) -> Result<Statement> {
        let (sent, case_results) = if bound {
            let (numbered, at) = numbered_placeholders(sql);
            (std::borrow::Cow::Owned(numbered), at)
        } else {
            (std::borrow::Cow::Borrowed(sql), Vec::new())
        };
        self.live()?;
        let mut types = value_types(&case_results, params);
        // The statement prepared depends on the declared types and, where
        // the server's inference is refined below, on each value's kind.
        let key = if params.is_empty() {
            std::borrow::Cow::Borrowed(sent.as_ref())
        } else {
            let names: Vec<&str> = types.iter().map(Type::name).collect();
            let kinds: String = params.iter().map(param_kind).collect();
            std::borrow::Cow::Owned(format!("{sent}\0{}\0{kinds}", names.join(",")))
        };
        if let Some(s) = self.cache.borrow().get(key.as_ref()) {
            return Ok(s.clone());
        }
        // A statement the server cannot prepare aborts the transaction: a
        // savepoint lets a parameter it could not type be declared and
        // the statement prepared again.
        let guard = self.in_tx.get() && !params.is_empty();
        if guard {
            self.batch("SAVEPOINT ormsh_prepare")?;
        }
        let stmt = loop {
            let prepared = self.client.borrow_mut().prepare_typed(&sent, &types);
            match prepared {
                Ok(stmt) => match literal_types(&stmt, params, &types) {
                    Some(better) => types = better,
                    None => break stmt,
                },
                Err(e) => match untyped_parameter(&e).and_then(|i| declare(&types, params, i)) {
                    Some(better) => {
                        if guard {
                            self.batch("ROLLBACK TO SAVEPOINT ormsh_prepare")?;
                        }
                        types = better;
                    }
                    None => {
                        let sent = super::super::pg_report::Sent {
                            sql: &sent,
                            bound,
                            values: &[],
                        };
                        return self.note_lost(Err(self.pg_err_in(e, Some(sent))), true);
                    }
                },
            }
        };
        if guard {
            self.batch("RELEASE SAVEPOINT ormsh_prepare")?;
        }
        let mut cache = self.cache.borrow_mut();
        if cache.len() >= 128 {
            cache.clear();
        }
        cache.insert(key.into_owned(), stmt.clone());
        Ok(stmt)
    }

    /// How many columns and parameters `sql` has, prepared by the server
    /// (`bound`: its `?` are placeholders, see `prepare`).
    pub fn prepared_shape(&self, sql: &str, bound: bool) -> Result<(usize, usize)> {
        let stmt = self.prepare(sql, &[], bound)?;
        Ok((stmt.columns().len(), stmt.params().len()))
    }

    /// The names of the columns `sql` returns, prepared by the server.
    pub fn column_names(&self, sql: &str) -> Result<Vec<String>> {
        let stmt = self.prepare(sql, &[], false)?;
        Ok(stmt.columns().iter().map(|c| c.name().into()).collect())
    }
}
