//! Common table expressions as SQLAlchemy's `visit_cte` writes them: a
//! CTE in a FROM clause is its name; its body is compiled the first time
//! it is met (anonymous names numbered then, as SQLAlchemy numbers them)
//! and the statement is prefixed with `WITH [RECURSIVE] name[(cols)] AS
//! \n(…)\n ` — its bound values first, as the text has them. A CTE whose
//! body reads another comes after it.

use std::rc::Rc;

use super::ast::{Cte, Late, Param};
use super::compile::Compiler;

/// One CTE's text and values, compiled when first met.
pub(super) struct CteText {
    name: Rc<str>,
    recursive: bool,
    sql: String,
    params: Vec<Param>,
    late: Vec<(usize, Late)>,
}

impl Compiler {
    /// A CTE named in a FROM clause: its name, its body compiled once.
    pub(super) fn cte_ref(&mut self, c: &Cte) {
        if !self.ctes.iter().any(|t| t.name == c.name) {
            let sql = std::mem::take(&mut self.sql);
            let params = std::mem::take(&mut self.params);
            let late = std::mem::take(&mut self.late);
            let at = self.ctes.len();
            self.ctes.push(CteText {
                name: c.name.clone(),
                recursive: c.recursive,
                sql: String::new(),
                params: Vec::new(),
                late: Vec::new(),
            });
            self.ident(&c.name);
            if c.recursive {
                self.push("(");
                self.list(&c.columns, ", ", |cc, n| cc.ident(n));
                self.push(")");
            }
            self.push(" AS \n(");
            self.select(&c.select, true);
            self.push(")");
            // Written after the CTEs its body reads (met while it was
            // compiled), as SQLAlchemy orders them; its own entry only
            // reserved its name against a recursive self-reference.
            let mut text = self.ctes.remove(at);
            text.sql = std::mem::replace(&mut self.sql, sql);
            text.params = std::mem::replace(&mut self.params, params);
            text.late = std::mem::replace(&mut self.late, late);
            self.ctes.push(text);
        }
        self.ident(&c.name);
        if let Some(alias) = &c.alias {
            self.push(" AS ");
            self.ident(alias);
        }
    }

    /// `WITH …` before the statement, the CTEs' values before its own.
    pub(super) fn prepend_ctes(&mut self) {
        if self.ctes.is_empty() {
            return;
        }
        let ctes = std::mem::take(&mut self.ctes);
        let mut head = String::from("WITH ");
        if ctes.iter().any(|c| c.recursive) {
            head.push_str("RECURSIVE ");
        }
        let mut params = Vec::new();
        let mut late = Vec::new();
        for (i, c) in ctes.into_iter().enumerate() {
            if i > 0 {
                head.push_str(", \n");
            }
            head.push_str(&c.sql);
            let base = params.len();
            late.extend(c.late.into_iter().map(|(at, l)| (at + base, l)));
            params.extend(c.params);
        }
        head.push_str("\n ");
        let base = params.len();
        late.extend(
            std::mem::take(&mut self.late)
                .into_iter()
                .map(|(at, l)| (at + base, l)),
        );
        params.append(&mut self.params);
        self.sql.insert_str(0, &head);
        self.params = params;
        self.late = late;
    }
}
