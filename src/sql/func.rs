//! How SQLAlchemy writes `func.NAME(args)`: its registry of generic
//! functions (looked up case-insensitively, so `func.MAX` is `max`), the
//! ANSI functions written without parentheses when they have no arguments
//! (`CURRENT_DATE`, `USER`), the dialect's own spellings (`sql::dialect`:
//! on SQLite `now()` is `CURRENT_TIMESTAMP`, `aggregate_strings()`
//! `group_concat()`), and the rule that
//! keeps a function name from changing a statement's shape: a name that is
//! not made only of `[A-Za-z0-9_$]` is quoted like an identifier
//! (`SQLCompiler.visit_function` with
//! `IdentifierPreparer._requires_quotes_illegal_chars`).
//!
//! Also the base of a function's anonymous label (`count_1`, `my_func_1`):
//! SQLAlchemy's `_anonymous_label_escape` replaces each run of `% ( ) space
//! $` with `_`, and an empty name is `anon`.

use std::borrow::Cow;

use super::ast::SqlExpr;
use super::compile::Compiler;
use super::dialect::FuncText;

/// `sqlalchemy.sql.functions._registry['_default']`: the generic functions
/// `func.NAME` finds whatever the case of NAME (sorted for binary search).
/// The internal base classes (`AnsiFunction`, `ReturnTypeFromArgs`, …) and
/// the ones that need arguments of their own (`cast`, `extract`,
/// `next_value`, `aggregate_strings`) are left out: they are called by
/// name as written.
const REGISTRY: &[&str] = &[
    "all",
    "any",
    "array_agg",
    "char_length",
    "coalesce",
    "concat",
    "count",
    "cube",
    "cume_dist",
    "current_date",
    "current_time",
    "current_timestamp",
    "current_user",
    "dense_rank",
    "grouping_sets",
    "localtime",
    "localtimestamp",
    "max",
    "min",
    "mode",
    "now",
    "percent_rank",
    "percentile_cont",
    "percentile_disc",
    "pow",
    "random",
    "rank",
    "rollup",
    "session_user",
    "some",
    "sum",
    "sysdate",
    "user",
];

/// `compiler.FUNCTIONS`: generic functions written under a fixed name, and
/// whether they take parentheses when called with no arguments
/// (`_has_args`): `func.current_date()` is `CURRENT_DATE`, `func.random()`
/// is `random()`.
const FIXED: &[(&str, &str, bool)] = &[
    ("coalesce", "coalesce", true),
    ("cube", "CUBE", true),
    ("current_date", "CURRENT_DATE", false),
    ("current_time", "CURRENT_TIME", false),
    ("current_timestamp", "CURRENT_TIMESTAMP", false),
    ("current_user", "CURRENT_USER", false),
    ("grouping_sets", "GROUPING SETS", true),
    ("localtime", "LOCALTIME", false),
    ("localtimestamp", "LOCALTIMESTAMP", false),
    ("random", "random", true),
    ("rollup", "ROLLUP", true),
    ("session_user", "SESSION_USER", false),
    ("sysdate", "sysdate", false),
    ("user", "USER", false),
];

/// The name `func.NAME` stands for: a registered generic function's own
/// (lower-case) name, else NAME as written.
pub fn canonical_name(name: &str) -> Cow<'_, str> {
    let lower = name.to_ascii_lowercase();
    match REGISTRY.binary_search(&lower.as_str()) {
        Ok(i) => Cow::Borrowed(REGISTRY[i]),
        Err(_) => Cow::Borrowed(name),
    }
}

/// The base of a function's anonymous label, before `_N` is added:
/// `count` → `count`, `my func` → `my_func`, `abs(1)` → `abs_1_`, `` → `anon`.
pub fn anon_label_base(name: &str) -> Cow<'_, str> {
    if name.is_empty() {
        return Cow::Borrowed("anon");
    }
    let special = |c: char| matches!(c, '%' | '(' | ')' | ' ' | '$');
    if !name.contains(special) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(super::compile::squash_runs(name, special))
}

/// Does SQLAlchemy write this function name as it is? Only names made of
/// `[A-Za-z0-9_$]` (case and reserved words do not matter here).
fn legal(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

impl Compiler {
    /// `name(args)` as SQLAlchemy's compiler writes it for the current mode.
    pub(super) fn func(&mut self, name: &str, args: &[SqlExpr]) {
        // The dialect's own spellings (SQLiteCompiler.visit_now_func,
        // visit_localtimestamp_func, visit_char_length_func).
        match self.dialect.function(name) {
            Some(FuncText::Fixed(text)) => return self.push(text),
            Some(FuncText::Renamed(other)) => self.push(other),
            Some(FuncText::AggregateStrings(other)) if args.len() == 2 => {
                self.push(other);
                self.push("(");
                self.expr(&args[0]);
                self.push(", ");
                let was = std::mem::replace(&mut self.literal_execute, true);
                self.expr(&args[1]);
                self.literal_execute = was;
                return self.push(")");
            }
            Some(FuncText::AggregateStrings(_)) => self.push(name),
            None => match FIXED.iter().find(|(n, _, _)| *n == name) {
                Some((_, fixed, parens)) => {
                    self.push(fixed);
                    if args.is_empty() && !parens {
                        return;
                    }
                }
                None if legal(name) => self.push(name),
                None => {
                    let quoted = format!("\"{}\"", name.replace('"', "\"\""));
                    self.push(&quoted);
                }
            },
        }
        self.push("(");
        self.list(args, ", ", |c, a| c.expr(a));
        self.push(")");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_for_binary_search() {
        assert!(REGISTRY.windows(2).all(|w| w[0] < w[1]));
        assert!(FIXED.iter().all(|(n, _, _)| REGISTRY.contains(n)));
    }

    /// Labels from SQLAlchemy: `str(select(getattr(func, NAME)(V.id)))`.
    #[test]
    fn label_bases() {
        for (name, base) in [
            ("count", "count"),
            ("ABS", "ABS"),
            ("my func", "my_func"),
            ("x$y", "x_y"),
            ("a.b", "a.b"),
            (
                "abs(1) AS x, (SELECT group_concat(s) FROM v) AS leaked, abs",
                "abs_1_AS_x,_SELECT_group_concat_s_FROM_v_AS_leaked,_abs",
            ),
            ("", "anon"),
        ] {
            assert_eq!(anon_label_base(name), base, "{name:?}");
        }
    }

    #[test]
    fn canonical_names() {
        for (name, canonical) in [
            ("MAX", "max"),
            ("Count", "count"),
            ("now", "now"),
            ("ABS", "ABS"),
            ("sum ", "sum "),
        ] {
            assert_eq!(canonical_name(name), canonical, "{name:?}");
        }
    }
}
