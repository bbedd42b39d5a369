//! Context-aware completion, as a pure function of the text before the
//! cursor and a snapshot of the session: model names, variables and
//! built-ins at the start; after a `.` the members of what the text before
//! it stands for, by that value's type (`repl::resolve` finds it without
//! running anything, and the names come from its class table in
//! `eval::surface`, with a model's or an object's own columns and
//! relationships); nothing when that is not known. Inside `filter_by(` or
//! a model's constructor the model's `field=`; dot commands and their
//! arguments (as `dot::COMMANDS` declares them), the output modes the
//! renderer's list.

use crate::dot::{self, Arg, COMMANDS};
use crate::eval::surface::PUBLIC_UNDERSCORE;
use crate::render::table::MODE_NAMES;
use crate::repl::complete_args::{filter_by_model, given_keywords, in_string, sql_words, tables};
use crate::repl::resolve::names_after;
pub use crate::repl::resolve::{Global, ModelInfo, Snapshot};
use crate::tutorial::LESSONS;

/// What to complete: candidates replacing the text from `start`, or file
/// names (left to the file-name completer).
#[derive(Debug, PartialEq)]
pub enum Completion {
    Words { start: usize, words: Vec<String> },
    Files,
}

const KEYWORDS: &[&str] = &[
    "for", "in", "if", "else", "and", "or", "not", "is", "None", "True", "False", "lambda",
];

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn matching(prefix: &str, words: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = words
        .into_iter()
        .filter(|w| w.starts_with(prefix))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The expression just before a `.` that ends at `end`: identifiers, dots
/// and balanced brackets (`User.query.filter_by(name='x')`).
fn chain_before(text: &str, end: usize) -> &str {
    let bytes: Vec<char> = text[..end].chars().collect();
    let mut i = bytes.len();
    let mut depth = 0i32;
    while i > 0 {
        let c = bytes[i - 1];
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if is_ident(c) || c == '.' => {}
            // A string literal is the chain's head: it starts at its
            // opening quote.
            '\'' | '"' => {
                if let Some(open) = bytes[..i - 1].iter().rposition(|&q| q == c) {
                    i = open;
                }
                break;
            }
            _ => break,
        }
        i -= 1;
    }
    let start: usize = bytes[..i].iter().map(|c| c.len_utf8()).sum();
    &text[start..end]
}

/// The open call the cursor sits in: the callee's chain (`User.query.filter_by`).
fn open_call(text: &str) -> Option<&str> {
    let mut depth = 0i32;
    let mut in_str: Option<char> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut opens: Vec<usize> = Vec::new();
    for &(i, c) in &chars {
        match (in_str, c) {
            (Some(q), c) if c == q => in_str = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => in_str = Some(c),
            (None, '(') => {
                opens.push(i);
                depth += 1;
            }
            (None, ')') => {
                opens.pop();
                depth -= 1;
            }
            _ => {}
        }
    }
    let at = *opens.last()?;
    let _ = depth;
    Some(chain_before(text, at))
}

/// A dot command, or its argument as the table in `dot` declares it.
fn dot_command(before: &str, trimmed: &str, snap: &Snapshot) -> Completion {
    let names = || COMMANDS.iter().map(|c| c.name.to_string());
    let Some((name, rest)) = trimmed.split_once(char::is_whitespace) else {
        return Completion::Words {
            start: before.len() - trimmed.len(),
            words: matching(trimmed, names()),
        };
    };
    // The word being typed (empty after a space), and how many are before it.
    let typed: usize = rest
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    let word = &rest[rest.len() - typed..];
    let position = rest[..rest.len() - typed].split_whitespace().count();
    let arg = dot::find(name).map_or(Arg::Nothing, |c| c.arg(position));
    let words: Vec<String> = match arg {
        Arg::File => return Completion::Files,
        Arg::Nothing => Vec::new(),
        Arg::Model => snap.models.iter().map(|m| m.name.clone()).collect(),
        Arg::Commands => names()
            .map(|n| n.trim_start_matches('.').to_string())
            .collect(),
        Arg::Mode => MODE_NAMES.iter().map(|s| s.to_string()).collect(),
        Arg::Lesson => LESSONS
            .iter()
            .map(|l| l.name.to_string())
            .chain(["stop".to_string()])
            .collect(),
        Arg::Words(w) => w.iter().map(|s| s.to_string()).collect(),
        Arg::Table => tables(snap),
        Arg::Sql => sql_words(snap, &rest[..rest.len() - typed]),
    };
    Completion::Words {
        start: before.len() - typed,
        words: matching(word, words),
    }
}

/// The candidates for the text before the cursor, `line[..pos]`.
pub fn complete(line: &str, pos: usize, snap: &Snapshot, builtins: &[&str]) -> Completion {
    let before = &line[..pos.min(line.len())];
    let trimmed = before.trim_start();
    if trimmed.starts_with('.') {
        return dot_command(before, trimmed, snap);
    }
    // `for p in …` in the text: `p` is one of its items.
    let bound = crate::repl::bound_names::bindings(snap, line);
    let with_bound;
    let snap = if bound.is_empty() {
        snap
    } else {
        with_bound = Snapshot {
            bound,
            ..snap.clone()
        };
        &with_bound
    };
    // In a string: only the names the argument expects.
    if let Some((start, words)) = in_string(snap, before) {
        return Completion::Words {
            start,
            words: matching(&before[start..], words),
        };
    }
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_ident(*c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    // After a dot: members of what is before it.
    if before[..word_start].ends_with('.') {
        let chain = chain_before(before, word_start - 1);
        // Python hides the `_` names until one is typed, but for a
        // row's, which are its public API (`_asdict`, `_mapping`, …).
        let words = names_after(snap, chain)
            .unwrap_or_default()
            .into_iter()
            .filter(|n| {
                word.starts_with('_')
                    || !n.starts_with('_')
                    || PUBLIC_UNDERSCORE.contains(&n.as_str())
            });
        return Completion::Words {
            start: word_start,
            words: matching(word, words),
        };
    }
    // Inside filter_by( / a model's constructor: its fields as keywords,
    // where an argument starts (after `name=` a value is typed).
    let mut words: Vec<String> = Vec::new();
    let at_argument = before[..word_start].trim_end().ends_with(['(', ',']);
    if at_argument && let Some(callee) = open_call(before) {
        let fields = |m: &ModelInfo| {
            m.columns
                .iter()
                .chain(&m.rels)
                .map(|c| format!("{c}="))
                .collect::<Vec<_>>()
        };
        // Both take keyword arguments only: offer just the fields, each
        // once.
        let m = match callee.strip_suffix(".filter_by") {
            Some(recv) => filter_by_model(snap, recv),
            None => snap.model(callee).map(|m| m.model.clone()),
        }
        .and_then(|m| snap.model(&m.name));
        if let Some(m) = m {
            let given = given_keywords(before);
            words.extend(fields(m).into_iter().filter(|f| {
                !given
                    .iter()
                    .any(|g| f.strip_suffix('=') == Some(g.as_str()))
            }));
            return Completion::Words {
                start: word_start,
                words: matching(word, words),
            };
        }
    }
    words.extend(snap.models.iter().map(|m| m.name.clone()));
    words.extend(snap.globals.iter().map(|g| g.name.clone()));
    words.extend(builtins.iter().map(|s| s.to_string()));
    words.extend(KEYWORDS.iter().map(|s| s.to_string()));
    // `model` is a soft keyword: offered only where a statement starts.
    let head = before[..word_start].trim_end();
    if head.is_empty() || head.ends_with(';') {
        words.push("model".to_string());
    }
    Completion::Words {
        start: word_start,
        words: matching(word, words),
    }
}

#[cfg(test)]
#[path = "complete_tests.rs"]
mod tests;
