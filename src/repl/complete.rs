//! Context-aware completion, as a pure function of the text before the
//! cursor and a snapshot of the session: model names and variables at the
//! start; after `Model.` its columns, relationships and `query`; after a
//! query its methods; after `db.` / `db.session.` their members; inside
//! `filter_by(` the model's `field=`; after an instance its attributes;
//! after `Model.rel` a relationship's (the members come from the class
//! tables of `eval::surface`);
//! dot commands and their arguments (as `dot::COMMANDS` declares them).
//! The names of `db` and `db.session` are their class tables'
//! (`eval::surface`), the output modes the renderer's list.

use crate::dot::{self, Arg, COMMANDS};
use crate::eval::surface::{DB, INSTANCE, MODEL, RELATIONSHIP, SESSION, Surface};
use crate::render::table::MODE_NAMES;
use crate::tutorial::LESSONS;

/// What completion knows about the session (refreshed after each statement).
#[derive(Clone, Default, Debug)]
pub struct Snapshot {
    pub models: Vec<ModelInfo>,
    /// Variables, with the model name when the value is an instance.
    pub globals: Vec<(String, Option<String>)>,
}

#[derive(Clone, Default, Debug)]
pub struct ModelInfo {
    pub name: String,
    pub columns: Vec<String>,
    pub rels: Vec<String>,
}

/// What to complete: candidates replacing the text from `start`, or file
/// names (left to the file-name completer).
#[derive(Debug, PartialEq)]
pub enum Completion {
    Words { start: usize, words: Vec<String> },
    Files,
}

const KEYWORDS: &[&str] = &[
    "for", "in", "if", "else", "and", "or", "not", "is", "None", "True", "False", "model", "lambda",
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

/// The public members (no leading `_`) of a class table.
fn members(class: &dyn Surface) -> impl Iterator<Item = String> {
    class
        .names()
        .into_iter()
        .filter(|n| !n.starts_with('_'))
        .map(String::from)
}

/// `Model.rel`: a relationship at class level.
fn is_model_rel(snap: &Snapshot, chain: &str) -> bool {
    chain
        .split_once('.')
        .and_then(|(m, rel)| Some((model(snap, m)?, rel)))
        .is_some_and(|(m, rel)| m.rels.iter().any(|r| r == rel))
}

fn model<'a>(snap: &'a Snapshot, name: &str) -> Option<&'a ModelInfo> {
    snap.models.iter().find(|m| m.name == name)
}

/// The model a chain is about: `User…`, `db.select(User)…`,
/// `db.session.query(User)…`, or an instance variable.
fn chain_model<'a>(snap: &'a Snapshot, chain: &str) -> Option<&'a ModelInfo> {
    let head: String = chain.chars().take_while(|c| is_ident(*c)).collect();
    if let Some(m) = model(snap, &head) {
        return Some(m);
    }
    for opener in ["select(", "query("] {
        if let Some(i) = chain.find(opener) {
            let inner: String = chain[i + opener.len()..]
                .chars()
                .take_while(|c| is_ident(*c))
                .collect();
            if let Some(m) = model(snap, &inner) {
                return Some(m);
            }
        }
    }
    None
}

fn is_query_chain(chain: &str) -> bool {
    chain.contains(".query")
        || chain.contains("select(")
        || chain.ends_with(')')
            && [
                "filter", "order_by", "limit", "offset", "join", "options", "where", "distinct",
                "group_by",
            ]
            .iter()
            .any(|m| chain.contains(&format!(".{m}(")))
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
    };
    Completion::Words {
        start: before.len() - typed,
        words: matching(word, words),
    }
}

/// The method names of a legacy `Query` and of a 2.0 `Select`: a chain
/// that starts from `Model.query` or `db.session.query(` is the first, one
/// from `select(` the second, any other chain may be either.
pub struct QueryMethods<'a> {
    pub legacy: &'a [&'a str],
    pub select: &'a [&'a str],
}

impl<'a> QueryMethods<'a> {
    fn for_chain(&self, chain: &str) -> impl Iterator<Item = &'a str> + use<'a> {
        let legacy = chain.contains(".query");
        let select = chain.contains("select(");
        let mut names: Vec<&'a str> = Vec::new();
        if legacy || !select {
            names.extend(self.legacy.iter().copied());
        }
        if select || !legacy {
            for n in self.select.iter().copied() {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        names.into_iter()
    }
}

pub fn complete(
    line: &str,
    pos: usize,
    snap: &Snapshot,
    queries: &QueryMethods,
    str_methods: &[&str],
    builtins: &[&str],
) -> Completion {
    let before = &line[..pos.min(line.len())];
    let trimmed = before.trim_start();
    if trimmed.starts_with('.') {
        return dot_command(before, trimmed, snap);
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
        let words: Vec<String> = if chain == "db" {
            DB.names().into_iter().map(String::from).collect()
        } else if chain == "db.session" {
            SESSION.names().into_iter().map(String::from).collect()
        } else if let Some(m) = model(snap, chain) {
            m.columns
                .iter()
                .chain(&m.rels)
                .cloned()
                .chain(members(&MODEL))
                .collect()
        } else if is_model_rel(snap, chain) {
            members(&RELATIONSHIP).collect()
        } else if is_query_chain(chain) {
            queries.for_chain(chain).map(|s| s.to_string()).collect()
        } else if let Some((_, Some(mname))) = snap.globals.iter().find(|(g, _)| g == chain) {
            model(snap, mname)
                .map(|m| {
                    m.columns
                        .iter()
                        .chain(&m.rels)
                        .cloned()
                        .chain(members(&INSTANCE))
                        .collect()
                })
                .unwrap_or_default()
        } else if chain.ends_with('\'') || chain.ends_with('"') {
            str_methods.iter().map(|s| s.to_string()).collect()
        } else {
            Vec::new()
        };
        return Completion::Words {
            start: word_start,
            words: matching(word, words),
        };
    }
    // Inside filter_by( / a model's constructor: its fields as keywords.
    let mut words: Vec<String> = Vec::new();
    if let Some(callee) = open_call(before) {
        let fields = |m: &ModelInfo| {
            m.columns
                .iter()
                .chain(&m.rels)
                .map(|c| format!("{c}="))
                .collect::<Vec<_>>()
        };
        // Both take keyword arguments only: offer just the fields.
        let m = if callee.ends_with("filter_by") {
            chain_model(snap, callee)
        } else {
            model(snap, callee)
        };
        if let Some(m) = m {
            words.extend(fields(m));
            return Completion::Words {
                start: word_start,
                words: matching(word, words),
            };
        }
    }
    words.extend(snap.models.iter().map(|m| m.name.clone()));
    words.extend(snap.globals.iter().map(|(g, _)| g.clone()));
    words.extend(builtins.iter().map(|s| s.to_string()));
    words.extend(KEYWORDS.iter().map(|s| s.to_string()));
    Completion::Words {
        start: word_start,
        words: matching(word, words),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap() -> Snapshot {
        Snapshot {
            models: vec![ModelInfo {
                name: "User".into(),
                columns: vec!["id".into(), "username".into(), "email".into()],
                rels: vec!["posts".into()],
            }],
            globals: vec![("admin".into(), Some("User".into())), ("n".into(), None)],
        }
    }

    fn words(line: &str) -> Vec<String> {
        match complete(
            line,
            line.len(),
            &snap(),
            &QueryMethods {
                legacy: &["all", "filter", "filter_by", "first"],
                select: &["filter", "filter_by", "where", "with_only_columns"],
            },
            &["upper"],
            &["print", "len"],
        ) {
            Completion::Words { words, .. } => words,
            Completion::Files => vec!["<files>".into()],
        }
    }

    #[test]
    fn completes_by_context() {
        for (line, expect) in [
            ("Us", vec!["User"]),
            ("User.", vec!["email", "id", "posts", "query", "username"]),
            ("User.u", vec!["username"]),
            ("User.query.f", vec!["filter", "filter_by", "first"]),
            // A legacy Query has no with_only_columns; a Select no first().
            ("User.query.w", vec![]),
            ("db.select(User).w", vec!["where", "with_only_columns"]),
            ("db.select(User).f", vec!["filter", "filter_by"]),
            ("User.query.filter_by(u", vec!["username="]),
            ("db.session.query(User).filter_by(e", vec!["email="]),
            ("User(em", vec!["email="]),
            ("admin.em", vec!["email"]),
            // An object's and a relationship's members, from their tables.
            ("admin.q", vec!["query"]),
            (
                "User.posts.",
                vec![
                    "any", "contains", "has", "is_", "is_not", "isnot", "key", "of_type",
                    "property",
                ],
            ),
            ("User.posts.o", vec!["of_type"]),
            ("db.session.comm", vec!["commit"]),
            ("db.cre", vec!["create_all"]),
            ("db.session.is_", vec!["is_modified"]),
            (
                "db.session.exp",
                vec!["expire", "expire_all", "expunge", "expunge_all"],
            ),
            ("db.Int", vec!["Integer"]),
            (".sch", vec![".schema"]),
            (".schema U", vec!["User"]),
            (".read x", vec!["<files>"]),
            ("pri", vec!["print"]),
            ("ad", vec!["admin"]),
        ] {
            assert_eq!(words(line), expect, "{line}");
        }
    }
    /// After `db.` and `db.session.` every member of their class tables.
    #[test]
    fn db_and_session_members_come_from_their_tables() {
        for (chain, class) in [("db.", &DB), ("db.session.", &SESSION)] {
            let mut want: Vec<String> = class.names().into_iter().map(String::from).collect();
            want.sort();
            assert_eq!(words(chain), want, "{chain}");
        }
        assert!(words("db.session.").contains(&"is_modified".to_string()));
    }

    /// After `.` every command of `dot::COMMANDS` and nothing else (once
    /// `.output`, which is no command, was offered and `.open`, `.export`,
    /// `.migrate` were not); each argument as the table declares it.
    #[test]
    fn dot_commands_come_from_the_table() {
        let all: Vec<String> = {
            let mut v: Vec<String> = COMMANDS.iter().map(|c| c.name.to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(words("."), all);
        for (line, expect) in [
            (".o", vec![".open"]),
            (".e", vec![".echo", ".exit", ".export"]),
            (".m", vec![".migrate", ".mode", ".models"]),
            ("  .ta", vec![".tables"]),
            (".export ", vec!["python", "sql"]),
            (".export p", vec!["python"]),
            (".export python ", vec!["<files>"]),
            (".export python f.py ", vec![]),
            (".open ", vec!["<files>"]),
            (".save x", vec!["<files>"]),
            (".migrate U", vec!["User"]),
            (".help mo", vec!["mode", "models"]),
            (".help mode s", vec!["save", "schema", "sql"]),
            (".echo o", vec!["off", "on"]),
            (".timer of", vec!["off"]),
            (".mode cs", vec!["csv"]),
            (".tutorial st", vec!["stop"]),
            (".tutorial qu", vec!["quickstart"]),
            (".output x", vec![]),
            (".quit x", vec![]),
        ] {
            assert_eq!(words(line), expect, "{line}");
        }
    }
}
