//! "Did you mean …?": the nearest known name to a misspelt one.

/// Names longer than this (in bytes) get no suggestion and are never
/// suggested, as in CPython (`MAX_STRING_SIZE` in `Python/suggestions.c`):
/// comparing costs the product of the two lengths, so a 10 MB name would
/// take seconds per candidate.
const MAX_NAME: usize = 40;

/// The closest candidate within a small edit distance, if any.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() > MAX_NAME {
        return None;
    }
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        if c == name || c.len() > MAX_NAME {
            continue;
        }
        let score = strsim::jaro_winkler(&name.to_lowercase(), &c.to_lowercase());
        let close =
            score > 0.8 || strsim::levenshtein(name, c) <= 2.min(name.len().saturating_sub(1));
        if close && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
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
        assert_eq!(nearest("Usre", ["User"]), Some("User"));
        // Past 40 bytes nothing is compared (the work stays bounded).
        let long = "u".repeat(41);
        assert_eq!(nearest(&long, [long[..40].as_ref()]), None);
        assert_eq!(nearest(&long[..40], [long.as_str()]), None);
    }
}
