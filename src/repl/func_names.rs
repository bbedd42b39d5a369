//! The names `func.` offers at Tab: SQLAlchemy's generic functions that
//! SQLite runs (`func.count`, `func.now` — `sql::func`'s registry; the
//! ones SQLite has no form of, `func.cube`, `func.percentile_cont`, are
//! left out) and the built-in functions SQLite documents, which
//! `func.NAME` calls by name: the core functions, the math functions
//! (`cos`, `sqrt`, …), the date and time functions, the aggregate and
//! window functions and the JSON functions. `load_extension` (off in
//! ormsh) and `if` (a Python keyword: `func.iif` is its other name) are
//! not offered.

/// SQLAlchemy's generic functions that SQLite runs.
const GENERIC: &str = "char_length coalesce concat count cume_dist current_date current_time \
    current_timestamp dense_rank max min now percent_rank pow random rank sum";

/// sqlite.org/lang_corefunc.html.
const CORE: &str = "abs changes char coalesce concat concat_ws format glob hex ifnull iif \
    instr last_insert_rowid length like likelihood likely lower ltrim max min nullif \
    octet_length printf quote random randomblob replace round rtrim sign soundex \
    sqlite_compileoption_get sqlite_compileoption_used sqlite_offset sqlite_source_id \
    sqlite_version substr substring total_changes trim typeof unhex unicode unistr \
    unistr_quote unlikely upper zeroblob";

/// sqlite.org/lang_mathfunc.html.
const MATH: &str = "acos acosh asin asinh atan atan2 atanh ceil ceiling cos cosh degrees exp \
    floor ln log log10 log2 mod pi pow power radians sin sinh sqrt tan tanh trunc";

/// sqlite.org/lang_datefunc.html.
const DATE: &str = "date time datetime julianday unixepoch strftime timediff";

/// sqlite.org/lang_aggfunc.html and windowfunctions.html.
const AGGREGATE: &str = "avg count group_concat max min string_agg sum total row_number rank \
    dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value";

/// sqlite.org/json1.html.
const JSON: &str = "json jsonb json_array jsonb_array json_array_length json_error_position \
    json_extract jsonb_extract json_insert jsonb_insert json_object jsonb_object json_patch \
    jsonb_patch json_pretty json_remove jsonb_remove json_replace jsonb_replace json_set \
    jsonb_set json_type json_valid json_quote json_group_array jsonb_group_array \
    json_group_object jsonb_group_object json_each json_tree";

/// Every name `func.` offers, sorted, each once.
pub fn names() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = [GENERIC, CORE, MATH, DATE, AGGREGATE, JSON]
        .iter()
        .flat_map(|list| list.split_whitespace())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn the_math_date_and_json_functions_are_offered_once() {
        let all = names();
        for name in [
            "cos",
            "sqrt",
            "strftime",
            "json_extract",
            "count",
            "now",
            "group_concat",
        ] {
            assert!(all.contains(&name), "{name}");
        }
        assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted, once each");
        assert!(!all.contains(&"if") && !all.contains(&"load_extension"));
    }
}
