//! "Did you mean …?": the nearest known name to a misspelt one, by
//! CPython's rule (`Python/suggestions.c`, `_Py_CalculateSuggestions`): a
//! Levenshtein distance where a case change costs 1 and any other edit 2,
//! and a candidate counts only when no more than about a third of the
//! characters of the two names need changing. `User` gets no `'str'`.

/// Names longer than this (in bytes) get no suggestion and are never
/// suggested, as in CPython (`MAX_STRING_SIZE` in `Python/suggestions.c`):
/// comparing costs the product of the two lengths, so a 10 MB name would
/// take seconds per candidate.
const MAX_NAME: usize = 40;

/// CPython's `MOVE_COST`: inserting, deleting or replacing a character.
const MOVE_COST: usize = 2;

/// CPython's `CASE_COST`: replacing a letter by itself in the other case.
const CASE_COST: usize = 1;

/// CPython's `MAX_CANDIDATE_ITEMS`: with more names than this to compare
/// against, no suggestion.
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

/// The closest candidate by CPython's rule, if any is close enough; the
/// first of equally close ones.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() > MAX_NAME {
        return None;
    }
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if candidates.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        if c == name || c.len() > MAX_NAME {
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
    fn near_names_are_suggested_and_long_ones_never() {
        assert_eq!(nearest("usr", ["user", "post"]), Some("user"));
        assert_eq!(nearest("user", ["User"]), Some("User"));
        assert_eq!(nearest("exit2", ["exec", "exit"]), Some("exit"));
        // Past 40 bytes nothing is compared (the work stays bounded).
        let long = "u".repeat(41);
        assert_eq!(nearest(&long, [long[..40].as_ref()]), None);
        assert_eq!(nearest(&long[..40], [long.as_str()]), None);
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
