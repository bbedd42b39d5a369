//! A legacy query wrapped in one more SELECT: `Query.count()`'s
//! `count(*)` over it as a subquery, and `Query.exists()`'s `EXISTS`.

use crate::orm::query::Query;
use crate::sql::ast::{FromItem, Select, SqlExpr};

impl Query {
    /// `SELECT count(*) AS count_1 FROM (<query>) AS anon_1`, as the legacy
    /// `Query.count()` writes it.
    pub fn count_select(&self) -> Select {
        Select {
            columns: vec![SqlExpr::Label {
                expr: Box::new(SqlExpr::Func {
                    name: "count".into(),
                    args: vec![SqlExpr::Star],
                }),
                name: "count_1".into(),
            }],
            from: vec![FromItem::Subquery {
                select: Box::new(self.to_select()),
                alias: "anon_1".into(),
            }],
            ..Select::default()
        }
    }

    /// `SELECT EXISTS (<query>) AS anon_1`.
    pub fn exists_select(&self) -> Select {
        Select {
            columns: vec![SqlExpr::Label {
                expr: Box::new(SqlExpr::Exists(Box::new(self.to_select()))),
                name: "anon_1".into(),
            }],
            ..Select::default()
        }
    }
}
