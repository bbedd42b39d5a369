//! The types ormsh declares for a PostgreSQL statement's parameters, as
//! psycopg2's literals of the same values are typed (psycopg2 interpolates
//! values into the text; the server then infers from the literal).

use postgres::Statement;
use postgres::error::SqlState;
use postgres::types::Type;

use crate::sql::ast::Param;

/// The types to declare for a statement's parameters, as psycopg2's
/// literals of their values are typed (it interpolates values into the
/// text): a float or `Decimal` a `numeric` (`0.5`, so `stock * 0.5` is
/// not read as an integer product), an infinite float a `float8`
/// (`'Infinity'::float`); and where the server could infer nothing but
/// `text`, a CASE's result, `1` an `integer` (`bigint` past 32 bits) and
/// bytes a `bytea`. An integer elsewhere is left for the server to infer
/// (it may stand for a boolean, which psycopg2 writes `true`), as are
/// strings and NULL (`unknown`). Empty when there is nothing to declare.
pub fn value_types(case_results: &[usize], params: &[Param]) -> Vec<Type> {
    let declared = |i: usize| match &params[i] {
        Param::Real(f) if f.is_finite() => Some(Type::NUMERIC),
        Param::Real(_) => Some(Type::FLOAT8),
        Param::Decimal(_) => Some(Type::NUMERIC),
        // psycopg2's `'…'::interval`: `date + interval` is one operator.
        Param::Interval(_) => Some(Type::INTERVAL),
        Param::Unbindable(_) => None,
        Param::Int(v) if case_results.contains(&i) => Some(if i32::try_from(*v).is_ok() {
            Type::INT4
        } else {
            Type::INT8
        }),
        Param::Blob(_) if case_results.contains(&i) => Some(Type::BYTEA),
        _ => None,
    };
    let mut types: Vec<Type> = (0..params.len())
        .map(|i| declared(i).unwrap_or(Type::UNKNOWN))
        .collect();
    while types.last() == Some(&Type::UNKNOWN) {
        types.pop();
    }
    types
}

/// One letter for a value's kind, for the statement cache's key: a
/// statement whose parameter types were refined (`literal_types`,
/// `declare`) serves only values of the same kinds.
pub fn param_kind(p: &Param) -> char {
    match p {
        Param::Null => 'n',
        Param::Int(_) => 'i',
        Param::Bool(_) => 'o',
        Param::Interval(_) => 'v',
        Param::Unbindable(_) => 'u',
        Param::Real(_) => 'r',
        Param::Text(_) => 't',
        Param::Blob(_) => 'b',
        Param::Decimal(_) => 'd',
    }
}

/// The type psycopg2's literal of `p` has where the server would take
/// an untyped literal as text: `5` an `integer` (`bigint` past 32
/// bits), bytes a `bytea`, a string or NULL `text`.
fn literal_type(p: &Param) -> Type {
    match p {
        Param::Int(v) if i32::try_from(*v).is_ok() => Type::INT4,
        Param::Int(_) => Type::INT8,
        Param::Bool(_) => Type::BOOL,
        Param::Interval(_) => Type::INTERVAL,
        Param::Unbindable(_) => Type::TEXT,
        Param::Blob(_) => Type::BYTEA,
        Param::Real(_) | Param::Decimal(_) => Type::NUMERIC,
        Param::Text(_) | Param::Null => Type::TEXT,
    }
}

/// After the server prepared a statement: the parameters it inferred as
/// `text` only because nothing typed them (`SELECT $1`), where psycopg2's
/// literal of the value is a number or bytes (`SELECT 5` is an integer),
/// declared so; None when there are none.
pub fn literal_types(stmt: &Statement, params: &[Param], declared: &[Type]) -> Option<Vec<Type>> {
    let mut types = declared.to_vec();
    let mut changed = false;
    for (i, (inferred, p)) in stmt.params().iter().zip(params).enumerate() {
        let undeclared = declared.get(i).is_none_or(|t| *t == Type::UNKNOWN);
        if undeclared && *inferred == Type::TEXT && matches!(p, Param::Int(_) | Param::Blob(_)) {
            if types.len() <= i {
                types.resize(i + 1, Type::UNKNOWN);
            }
            types[i] = literal_type(p);
            changed = true;
        }
    }
    changed.then_some(types)
}

/// The parameter (0-based) PostgreSQL could not type ("could not
/// determine data type of parameter $N"), where psycopg2's literal would
/// have been resolved (`json_build_object('n', …)`: an untyped string
/// literal is text).
pub fn untyped_parameter(e: &postgres::Error) -> Option<usize> {
    let db = e.as_db_error()?;
    if db.code() != &SqlState::INDETERMINATE_DATATYPE {
        return None;
    }
    let n = db
        .message()
        .rsplit('$')
        .next()?
        .trim()
        .parse::<usize>()
        .ok()?;
    n.checked_sub(1)
}

/// `declared` with parameter `i` declared as psycopg2's literal of its
/// value is typed; None when it was declared already (nothing to try).
pub fn declare(declared: &[Type], params: &[Param], i: usize) -> Option<Vec<Type>> {
    let p = params.get(i)?;
    if declared.get(i).is_some_and(|t| *t != Type::UNKNOWN) {
        return None;
    }
    let mut types = declared.to_vec();
    if types.len() <= i {
        types.resize(i + 1, Type::UNKNOWN);
    }
    types[i] = literal_type(p);
    Some(types)
}

#[cfg(test)]
mod tests {
    use super::{Param, Type, value_types};
    use crate::engine::pg_lex::numbered_placeholders;

    /// `sum(CASE WHEN (x > ?) THEN ? ELSE ? END)`: the second and third
    /// are the CASE's results, declared as psycopg2's literals are typed.
    #[test]
    fn case_results_found_and_typed() {
        let (sql, at) =
            numbered_placeholders("SELECT sum(CASE WHEN (a > ?) THEN ? ELSE ? END), 'THEN ?' ?");
        assert_eq!(
            sql,
            "SELECT sum(CASE WHEN (a > $1) THEN $2 ELSE $3 END), 'THEN ?' $4"
        );
        assert_eq!(at, [1, 2]);
        assert_eq!(
            numbered_placeholders("SELECT xthen ?").1,
            Vec::<usize>::new()
        );
        let p = [
            Param::Int(1),
            Param::Int(1),
            Param::Int(1 << 40),
            Param::Text("a".into()),
        ];
        assert_eq!(
            value_types(&[1, 2], &p),
            [Type::UNKNOWN, Type::INT4, Type::INT8]
        );
        assert_eq!(value_types(&[3], &p), Vec::<Type>::new());
        assert_eq!(
            value_types(&[], &[Param::Int(1), Param::Real(0.5), Param::Int(2)]),
            [Type::UNKNOWN, Type::NUMERIC]
        );
        assert_eq!(
            value_types(
                &[],
                &[Param::Real(f64::INFINITY), Param::Decimal("2".into())]
            ),
            [Type::FLOAT8, Type::NUMERIC]
        );
    }
}
