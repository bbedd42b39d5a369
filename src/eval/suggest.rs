//! "Did you mean …?": the nearest known name to a misspelt one, by
//! CPython's rule — that of the python3 this project is checked against,
//! 3.11 (`Python/suggestions.c`, `_Py_Offer_Suggestions`): a Levenshtein
//! distance where a case change costs 1 and any other edit 2, a candidate
//! counting only when no more than about a third of the characters of the
//! two names need changing, the first of equally near ones; for a
//! `NameError` the scopes are searched in turn (locals, globals, then
//! builtins), a near name in an earlier one winning over a nearer
//! builtin. `User` gets no `'str'`. (CPython 3.12 moved the rule to
//! `traceback._compute_suggestion_error`: one list of all scopes' names,
//! distances kept below the name's length, names over 40 characters never
//! compared; `tests::cpython_3_11_table` pins what 3.11 prints.)

/// What is left of two names once their common start and end are cut off
/// is compared only up to this length (in bytes), as in CPython
/// (`MAX_STRING_SIZE` in `Python/suggestions.c`): comparing costs the
/// product of the two lengths, so a 10 MB name would take seconds per
/// candidate; cutting the common ends costs their length.
const MAX_NAME: usize = 40;

/// CPython's `MOVE_COST`: inserting, deleting or replacing a character.
const MOVE_COST: usize = 2;

/// CPython's `CASE_COST`: replacing a letter by itself in the other case.
const CASE_COST: usize = 1;

/// CPython's `MAX_CANDIDATE_ITEMS`: a scope with this many names or more
/// gets no suggestion.
const MAX_CANDIDATES: usize = 750;

/// CPython's `substitution_cost`.
fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's `levenshtein_distance`: the edit cost from `a` to `b`, or
/// `max_cost + 1` as soon as it is known to exceed `max_cost`.
fn distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let mut a = a;
    let mut b = b;
    while let (Some(x), Some(y)) = (a.first(), b.first())
        && x == y
    {
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last())
        && x == y
    {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_NAME || b.len() > MAX_NAME {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut diag = bi * MOVE_COST;
        result = diag;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = diag + substitution_cost(code, ac);
            diag = row[ai];
            result = (result.min(diag) + MOVE_COST).min(substitute);
            row[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest candidate by CPython's rule (`calculate_suggestions`), if
/// any is close enough; the first of equally close ones.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if candidates.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        // No more than a third of the characters involved may change.
        let mut max = (name.len() + c.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = distance(name.as_bytes(), c.as_bytes(), max);
        if d <= max && best.is_none_or(|(_, b)| d < b) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
}

/// A `NameError`'s suggestion: the scopes searched in turn (CPython's
/// `offer_suggestions_for_name_error`: the frame's locals, its globals,
/// its builtins), the first with a near name giving it.
pub fn nearest_in_scopes<'a>(name: &str, scopes: &[Vec<&'a str>]) -> Option<&'a str> {
    scopes
        .iter()
        .find_map(|scope| nearest(name, scope.iter().copied()))
}

/// The names of CPython 3.11's `builtins` module, separated by spaces, in
/// its dictionary's order (`list(builtins.__dict__)`), the order a `NameError`'s suggestion
/// compares them in: of equally near names the first wins.
const CPYTHON_ORDER: &str = "__name__ __doc__ __package__ __loader__ __spec__ __build_class__ \
     __import__ abs all any ascii bin breakpoint callable chr compile \
     delattr dir divmod eval exec format getattr globals hasattr hash hex id \
     input isinstance issubclass iter aiter len locals max min next anext \
     oct ord pow print repr round setattr sorted sum vars None Ellipsis \
     NotImplemented False True bool memoryview bytearray bytes classmethod \
     complex dict enumerate filter float frozenset property int list map \
     object range reversed set slice staticmethod str super tuple type zip \
     __debug__ BaseException BaseExceptionGroup Exception GeneratorExit \
     KeyboardInterrupt SystemExit ArithmeticError AssertionError \
     AttributeError BufferError EOFError ImportError LookupError MemoryError \
     NameError OSError ReferenceError RuntimeError StopAsyncIteration \
     StopIteration SyntaxError SystemError TypeError ValueError Warning \
     FloatingPointError OverflowError ZeroDivisionError BytesWarning \
     DeprecationWarning EncodingWarning FutureWarning ImportWarning \
     PendingDeprecationWarning ResourceWarning RuntimeWarning SyntaxWarning \
     UnicodeWarning UserWarning BlockingIOError ChildProcessError \
     ConnectionError FileExistsError FileNotFoundError InterruptedError \
     IsADirectoryError NotADirectoryError PermissionError ProcessLookupError \
     TimeoutError IndentationError IndexError KeyError ModuleNotFoundError \
     NotImplementedError RecursionError UnboundLocalError UnicodeError \
     BrokenPipeError ConnectionAbortedError ConnectionRefusedError \
     ConnectionResetError TabError UnicodeDecodeError UnicodeEncodeError \
     UnicodeTranslateError ExceptionGroup EnvironmentError IOError open quit \
     exit copyright credits license help";

/// The builtins a `NameError`'s suggestion compares (CPython's
/// `offer_suggestions_for_name_error`, its last scope): those of
/// CPython's that ormsh has, in CPython's order, then ormsh's own others.
pub fn suggestable() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = CPYTHON_ORDER
        .split_whitespace()
        // `None`, `True` and `False` are keywords to ormsh's parser, and
        // values it has.
        .filter(|n| {
            matches!(*n, "None" | "True" | "False") || crate::eval::builtins::lookup(n).is_some()
        })
        .collect();
    for n in crate::eval::builtins::names() {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

/// ` — did you mean 'x'?` or nothing.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(name, candidates) {
        Some(c) => format!(" — did you mean '{c}'?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_suggested() {
        assert_eq!(nearest("usr", ["user", "post"]), Some("user"));
        assert_eq!(nearest("user", ["User"]), Some("User"));
        assert_eq!(nearest("exit2", ["exec", "exit"]), Some("exit"));
        // Long names are compared by what differs once their common ends
        // are cut off; that past 40 bytes is not compared.
        let long = "u".repeat(41);
        assert_eq!(nearest(&long, [&long[..40]]), Some(&long[..40]));
        let other = "b".repeat(41);
        assert_eq!(nearest(&long, [other.as_str()]), None);
    }

    /// One row: the name, the globals and builtins CPython saw (the
    /// module's globals also hold `__builtins__`, and at module level its
    /// locals are its globals), and what `python3` (3.11.7) printed after
    /// "Did you mean:" — run as `exec(NAME, {'__builtins__': {…}, …})`,
    /// each row in its own process (scripts in the report of issue 16's
    /// round 2 fixer).
    type Row = (
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
        Option<&'static str>,
    );

    const CPYTHON_3_11: &[Row] = &[
        ("ann", &[], &["abs", "all", "any", "ascii"], Some("any")),
        ("ann", &["anne"], &["any"], Some("anne")),
        ("lens", &["lenses"], &["len"], Some("lenses")),
        ("lens", &[], &["lenses", "len"], Some("len")),
        ("x", &["X"], &[], Some("X")),
        ("a", &["b"], &[], None),
        ("ab", &["b"], &[], Some("b")),
        ("abc", &["abd", "abe"], &[], Some("abd")),
        ("abc", &["abe", "abd"], &[], Some("abe")),
        ("User", &[], &["str", "super", "sum"], None),
        ("Foo", &[], &["bool", "float", "for"], Some("for")),
        ("exit", &[], &["text", "next"], None),
        ("Usre", &["User"], &[], None),
        ("usr", &["user", "post"], &[], Some("user")),
        ("user", &["User"], &[], Some("User")),
        ("prnt", &[], &["print", "repr"], Some("print")),
        ("pritn", &[], &["print"], Some("print")),
        ("sesion", &["session"], &[], Some("session")),
        ("Catgory", &["Category", "category"], &[], Some("Category")),
        ("categroy", &["Category", "category"], &[], Some("category")),
        ("db_sesion", &["db", "session"], &[], None),
        ("fo", &["foo"], &[], Some("foo")),
        ("f", &["fo"], &[], Some("fo")),
        (
            "ValueErorr",
            &[],
            &["ValueError", "TypeError"],
            Some("ValueError"),
        ),
    ];

    /// CPython's three scopes for a name at module level.
    fn module_scopes<'a>(globals: &[&'a str], builtins: &[&'a str]) -> Vec<Vec<&'a str>> {
        let mut g = vec!["__builtins__"];
        g.extend_from_slice(globals);
        vec![g.clone(), g, builtins.to_vec()]
    }

    #[test]
    fn cpython_3_11_table() {
        for &(name, globals, builtins, said) in CPYTHON_3_11 {
            let scopes = module_scopes(globals, builtins);
            assert_eq!(nearest_in_scopes(name, &scopes), said, "{name}");
        }
        // Names past 40 characters, compared by what differs.
        let (u40, u41) = ("u".repeat(40), "u".repeat(41));
        let scopes = module_scopes(&[&u40], &[]);
        assert_eq!(nearest_in_scopes(&u41, &scopes), Some(u40.as_str()));
        let scopes = module_scopes(&[&u41], &[]);
        assert_eq!(nearest_in_scopes(&u40, &scopes), Some(u41.as_str()));
        let (a41, b41) = ("a".repeat(41), "b".repeat(41));
        assert_eq!(nearest_in_scopes(&a41, &module_scopes(&[&b41], &[])), None);
        let x = format!("x{}y", "a".repeat(45));
        let z = format!("z{}w", "a".repeat(45));
        assert_eq!(nearest_in_scopes(&x, &module_scopes(&[&z], &[])), None);
        // 748 globals and `__builtins__`: compared; one more: 750, none.
        let many: Vec<String> = (0..749).map(|i| format!("name{i:03}x")).collect();
        let names: Vec<&str> = many.iter().map(String::as_str).collect();
        let scopes = module_scopes(&names[..748], &[]);
        assert_eq!(nearest_in_scopes("name000", &scopes), Some("name000x"));
        let scopes = module_scopes(&names, &[]);
        assert_eq!(nearest_in_scopes("name000", &scopes), None);
    }

    #[test]
    fn far_names_are_not_suggested() {
        // What Python 3.11 says (or does not) for the same names.
        assert_eq!(nearest("User", ["str", "super", "sum"]), None);
        assert_eq!(nearest("Foo", ["bool", "float"]), None);
        assert_eq!(nearest("exit", ["text", "next"]), None);
        assert_eq!(nearest("Usre", ["User"]), None);
        assert_eq!(nearest("prnt", ["print", "repr"]), Some("print"));
    }

    #[test]
    fn distances_match_cpython() {
        assert_eq!(distance(b"kitten", b"sitting", 100), 6);
        assert_eq!(distance(b"abc", b"ABC", 100), 3);
        assert_eq!(distance(b"", b"abc", 100), 6);
        assert_eq!(distance(b"abcdef", b"uvwxyz", 3), 4);
    }
}
