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
use crate::render::table::MODE_NAMES;
pub use crate::repl::resolve::{Global, ModelInfo, Snapshot};
use crate::repl::resolve::{model_about, names_after};
use crate::tutorial::LESSONS;

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
        // Python hides the `_` names until one is typed.
        let words = names_after(snap, chain)
            .unwrap_or_default()
            .into_iter()
            .filter(|n| word.starts_with('_') || !n.starts_with('_'));
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
        let m = match callee.strip_suffix(".filter_by") {
            Some(recv) => model_about(snap, recv),
            None => snap.model(callee).map(|m| m.model.clone()),
        }
        .and_then(|m| snap.model(&m.name));
        if let Some(m) = m {
            words.extend(fields(m));
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
    Completion::Words {
        start: word_start,
        words: matching(word, words),
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::eval::Interp;
    use crate::eval::surface::{DB, SESSION, Surface};

    /// A session with two models and variables of many types, as the
    /// shell's snapshot sees it after the statements ran.
    fn snap() -> Snapshot {
        use crate::engine::Engine;
        use crate::orm::session::Session;
        let engine = Engine::open(None, false).expect("memory database");
        let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
        let src = "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    \
                   username = db.Column(db.String(80))\n    email = db.Column(db.String(80))\n    \
                   posts = db.relationship('Post', backref='author')\n    \
                   dposts = db.relationship('Post', lazy='dynamic', viewonly=True)\n>\n\
                   model Post <\n    id = db.Column(db.Integer, primary_key=True)\n    \
                   user_id = db.Column(db.Integer, db.ForeignKey('user.id'))\n>\n\
                   db.create_all()\nadmin = User(username='ann')\nadmin.extra = 1\n\
                   db.session.add(admin)\ndb.session.commit()\nq = User.query\ns = db.session\n\
                   r = db.session.execute(db.select(User))\nt = 'x'\nn = 1\n\
                   p = User.query.paginate()\nrow = db.session.execute(db.select(User.id)).first()\n";
        let stmts = crate::syntax::parse_chunk(src).expect("parses");
        me.source = Rc::from(src);
        me.run(&stmts).expect("runs");
        Snapshot::of(&mut me)
    }

    fn words_in(snap: &Snapshot, line: &str) -> Vec<String> {
        match complete(line, line.len(), snap, &["print", "len"]) {
            Completion::Words { words, .. } => words,
            Completion::Files => vec!["<files>".into()],
        }
    }

    fn words(line: &str) -> Vec<String> {
        words_in(&snap(), line)
    }

    /// After a `.` the names of the value's class, by the value's type:
    /// what a variable holds, what a pure attribute read gives, what a
    /// method declares it returns; nothing when a call's result is not
    /// known without running it.
    #[test]
    fn completes_by_the_values_type() {
        let snap = snap();
        let user = vec!["dposts", "email", "id", "posts", "query", "username"];
        for (line, expect) in [
            ("Us", vec!["User"]),
            ("User.", user.clone()),
            ("User.u", vec!["username"]),
            (
                "User.query.f",
                vec!["filter", "filter_by", "first", "first_or_404"],
            ),
            (
                "User.query.w",
                vec!["where", "with_entities", "with_for_update", "with_parent"],
            ),
            (
                "db.select(User).w",
                vec!["where", "with_for_update", "with_only_columns"],
            ),
            ("db.select(User).f", vec!["filter", "filter_by"]),
            (
                "User.query.filter(User.id == 1).a",
                vec!["add_column", "add_columns", "all"],
            ),
            // A query's results are objects, counts, pages, statements.
            ("User.query.first().", user.clone()),
            ("User.query.filter_by(id=1).one().em", vec!["email"]),
            ("User.query.count().", vec![]),
            ("User.query.paginate().it", vec!["items", "iter_pages"]),
            (
                "User.query.statement.w",
                vec!["where", "with_for_update", "with_only_columns"],
            ),
            ("User.query.all().app", vec!["append"]),
            (
                "db.session.execute(db.select(User)).scalar_",
                vec!["scalar_one", "scalar_one_or_none"],
            ),
            (
                "db.session.execute(db.select(User)).first().c",
                vec!["count"],
            ),
            (
                "db.paginate(db.select(User)).it",
                vec!["items", "iter_pages"],
            ),
            ("db.session.query(User).first().u", vec!["username"]),
            ("User(username='a').p", vec!["posts"]),
            // Variables, by what they hold.
            ("q.fil", vec!["filter", "filter_by"]),
            ("s.comm", vec!["commit"]),
            ("r.fetch", vec!["fetchall", "fetchmany", "fetchone"]),
            ("p.has", vec!["has_next", "has_prev"]),
            ("t.up", vec!["upper"]),
            ("n.", vec![]),
            ("row.i", vec!["id", "index"]),
            ("admin.em", vec!["email"]),
            ("admin.ext", vec!["extra"]),
            ("admin.q", vec!["query"]),
            ("admin.extra.", vec![]),
            // Pure attribute reads: columns, relationships, namespaces.
            ("User.username.li", vec!["like"]),
            ("User.username.like('a').de", vec!["desc"]),
            ("User.posts.o", vec!["of_type"]),
            ("admin.posts.app", vec!["append"]),
            ("admin.dposts.fil", vec!["filter", "filter_by"]),
            ("admin.dposts.app", vec!["append"]),
            ("admin.posts[0].", vec![]),
            ("db.metadata.t", vec!["tables"]),
            ("db.metadata.tables.ke", vec!["keys"]),
            ("db.engine.u", vec!["url"]),
            ("\"a\".up", vec!["upper"]),
            ("x = 'a b'.st", vec!["startswith", "strip"]),
            // Calls whose result is not declared: nothing, not a guess.
            ("len(t).", vec![]),
            ("nope.", vec![]),
            ("User.query.filter.", vec![]),
            // Keywords of filter_by and of a model's constructor.
            ("User.query.filter_by(u", vec!["username="]),
            ("q.filter_by(u", vec!["username="]),
            ("db.session.query(User).filter_by(e", vec!["email="]),
            ("User(em", vec!["email="]),
            ("db.session.comm", vec!["commit"]),
            ("db.cre", vec!["create_all"]),
            ("db.session.is_", vec!["is_modified"]),
            ("db.Int", vec!["Integer", "Interval"]),
            ("admin.__rep", vec!["__repr__"]),
            (".sch", vec![".schema"]),
            (".schema U", vec!["User"]),
            (".read x", vec!["<files>"]),
            ("pri", vec!["print"]),
            ("ad", vec!["admin"]),
        ] {
            assert_eq!(words_in(&snap, line), expect, "{line}");
        }
    }

    /// Before any object is made the relationships are not configured:
    /// `User.posts.` is still a relationship, known by its name.
    #[test]
    fn a_relationship_before_the_mapping_is_configured() {
        use crate::engine::Engine;
        use crate::orm::session::Session;
        let engine = Engine::open(None, false).expect("memory database");
        let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
        let src = "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    \
                   posts = db.relationship('Post')\n>\n\
                   model Post <\n    id = db.Column(db.Integer, primary_key=True)\n    \
                   user_id = db.Column(db.Integer, db.ForeignKey('user.id'))\n>\n";
        let stmts = crate::syntax::parse_chunk(src).expect("parses");
        me.source = Rc::from(src);
        me.run(&stmts).expect("runs");
        let snap = Snapshot::of(&mut me);
        assert!(snap.mapping.is_none());
        assert_eq!(words_in(&snap, "User.posts.o"), vec!["of_type"]);
        assert_eq!(words_in(&snap, "User.p"), vec!["posts"]);
    }

    /// After `db.` and `db.session.` every public member of their class tables.
    #[test]
    fn db_and_session_members_come_from_their_tables() {
        for (chain, class) in [("db.", &DB as &dyn Surface), ("db.session.", &SESSION)] {
            let mut want: Vec<String> = class
                .names()
                .into_iter()
                .filter(|n| !n.starts_with('_'))
                .map(String::from)
                .collect();
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
