//! Completion inside a call's arguments, by what the argument is: the
//! keywords `filter_by(` still free (each given once) about the entity
//! SQLAlchemy's `filter_by` reads — the last joined one; inside a string
//! only where a name is expected (`db.ForeignKey('` a `table.column`,
//! `db.relationship('` a model, `secondary='` a table), never in other
//! strings; `.sql` table names after `FROM`, `JOIN`, `INTO`, `UPDATE`,
//! `TABLE`.

use std::rc::Rc;

use crate::repl::resolve::{Snapshot, model_about};
use crate::schema::model::Model;

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Where the innermost call open at the end of `text` has its `(`, and
/// whether the text ends inside a string literal (the byte after its
/// opening quote).
fn scan(text: &str) -> (Option<usize>, Option<usize>) {
    let mut opens: Vec<usize> = Vec::new();
    let mut quote: Option<(char, usize)> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some((q, _)), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some((c, i + 1)),
            (None, '(' | '[' | '{') => opens.push(i),
            (None, ')' | ']' | '}') => {
                opens.pop();
            }
            _ => {}
        }
    }
    let call = opens
        .last()
        .copied()
        .filter(|&at| text[at..].starts_with('('));
    (call, quote.map(|(_, at)| at))
}

/// The keywords given so far in the open call's arguments (`title=` of
/// `filter_by(title='x', `).
pub fn given_keywords(before: &str) -> Vec<String> {
    let Some(open) = scan(before).0 else {
        return Vec::new();
    };
    let args = &before[open + 1..];
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let chars: Vec<(usize, char)> = args.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, '=') if depth == 0 => {
                let next = chars.get(k + 1).map(|x| x.1);
                let prev = args[..i].trim_end();
                let word: String = prev.chars().rev().take_while(|c| is_ident(*c)).collect();
                if next != Some('=') && !prev.ends_with(['=', '!', '<', '>']) && !word.is_empty() {
                    out.push(word.chars().rev().collect());
                }
            }
            _ => {}
        }
    }
    out
}

/// The entity `RECV.filter_by(` takes its keywords from: the target of
/// the last `join(…)` in RECV (SQLAlchemy's `_filter_by_zero`), else what
/// RECV is about.
pub fn filter_by_model(snap: &Snapshot, recv: &str) -> Option<Rc<Model>> {
    if let Some(at) = recv.rfind(".join(") {
        let args = &recv[at + ".join(".len()..];
        let first = args.split([',', ')']).next().unwrap_or("").trim();
        if let Some(m) = model_about(snap, first) {
            return Some(m);
        }
    }
    model_about(snap, recv)
}

/// Inside a string literal: the names the argument expects (where the
/// string starts, and the candidates), or none at all — an ordinary
/// string completes nothing. None when the text is not inside a string.
pub fn in_string(snap: &Snapshot, before: &str) -> Option<(usize, Vec<String>)> {
    let (_, Some(start)) = scan(before) else {
        return None;
    };
    let head = &before[..start - 1];
    let (Some(open), _) = scan(head) else {
        return Some((start, Vec::new()));
    };
    let callee: String = head[..open]
        .chars()
        .rev()
        .take_while(|c| is_ident(*c) || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let args = &head[open + 1..];
    let keyword = args
        .rsplit(',')
        .next()
        .and_then(|a| a.trim().strip_suffix('='))
        .map(str::trim);
    let first = !args.contains(',') && keyword.is_none();
    let callee = callee.rsplit('.').next().unwrap_or("");
    let words: Vec<String> = match (callee, keyword) {
        ("ForeignKey", None) if first => snap
            .models
            .iter()
            .flat_map(|m| {
                let table = m.model.table.clone();
                m.model
                    .columns
                    .iter()
                    .map(move |c| format!("{table}.{}", c.name))
            })
            .collect(),
        ("relationship", None) if first => snap.models.iter().map(|m| m.name.clone()).collect(),
        ("relationship", Some("secondary")) => tables(snap),
        _ => Vec::new(),
    };
    Some((start, words))
}

/// The tables completion knows: the database's and the models'.
pub fn tables(snap: &Snapshot) -> Vec<String> {
    let mut t = snap.tables.clone();
    t.extend(snap.models.iter().map(|m| m.model.table.to_string()));
    t
}

/// `.sql` text before the word being typed: table names when the word
/// before is one that a table follows.
pub fn sql_words(snap: &Snapshot, before_word: &str) -> Vec<String> {
    let last = before_word.split_whitespace().next_back().unwrap_or("");
    let takes_table = ["FROM", "JOIN", "INTO", "UPDATE", "TABLE"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(last));
    if takes_table {
        tables(snap)
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_given_are_found_at_the_calls_depth() {
        assert_eq!(given_keywords("q.filter_by(title='x', "), vec!["title"]);
        assert_eq!(
            given_keywords("q.filter_by(a=f(b=1), c='=', "),
            vec!["a", "c"]
        );
        assert!(given_keywords("q.filter(x == 1, ").is_empty());
        assert!(given_keywords("x = 1").is_empty());
    }
}
