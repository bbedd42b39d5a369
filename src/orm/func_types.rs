//! The SQL type of `func.NAME(...)`, as SQLAlchemy's generic functions
//! declare it (`sqlalchemy.sql.functions`): a fixed type (`now()` is
//! `DateTime`, `count()` `Integer`), the type of the first typed argument
//! (`ReturnTypeFromArgs`: `sum`, `max`, `min`, `coalesce`, `pow`), or none
//! at all (`NullType`) for any other name, whose values are read as SQLite
//! gives them.

use crate::schema::types::{ColumnType, NumericType};

/// The return type of the generic function `name` (already its canonical
/// name, `sql::func::canonical_name`), given its arguments' types.
pub fn return_type(name: &str, arg_types: &[Option<ColumnType>]) -> Option<ColumnType> {
    Some(match name {
        "now" | "current_timestamp" | "localtime" | "localtimestamp" | "sysdate" => {
            ColumnType::DateTime
        }
        "current_date" => ColumnType::Date,
        "current_time" => ColumnType::Time,
        "count" | "char_length" | "rank" | "dense_rank" => ColumnType::Integer,
        "concat" | "current_user" | "session_user" | "user" | "aggregate_strings" => {
            ColumnType::String(None)
        }
        "percent_rank" | "cume_dist" => ColumnType::Numeric(NumericType::PLAIN),
        "coalesce" | "max" | "min" | "sum" | "pow" => {
            return arg_types.iter().find_map(|t| t.clone());
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_as_sqlalchemy_declares_them() {
        let int = Some(ColumnType::Integer);
        assert_eq!(return_type("now", &[]), Some(ColumnType::DateTime));
        assert_eq!(return_type("count", &[]), int);
        assert_eq!(return_type("coalesce", &[None, int.clone()]), int);
        assert_eq!(return_type("sum", std::slice::from_ref(&int)), int);
        assert_eq!(return_type("lower", &[Some(ColumnType::Text)]), None);
        assert_eq!(return_type("avg", &[int]), None);
    }
}
