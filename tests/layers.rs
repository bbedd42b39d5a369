//! The layering `ARCHITECTURE.md` promises ("Invariants"), checked from the
//! source: every `use` tree and every `crate::`/`super::`/external-crate
//! path in `src/` is resolved to the top-level module (or crate) it names,
//! and a module that reaches one it must never see fails the test, naming
//! the file, the line and the invariant with its reason.
//!
//! Checked here: `syntax` sees nothing above it; `sql` and `engine` never
//! see the ORM, the registry or the interpreter; `value` knows nothing of
//! models or SQL; only `engine` imports rusqlite (and postgres), only `repl` rustyline,
//! only `render` comfy-table; the interpreter and the layers under it never
//! print to the process's stdout/stderr nor touch files.
//!
//! The reader is a small Rust lexer (comments, strings, raw strings, chars
//! and lifetimes skipped), so a name inside a comment or a string is not a
//! use, and a `use` group (`use crate::{orm::X, sql}`) counts each branch.
//! The tests at the end feed it made-up trees so it is seen to fail.

#[path = "layers/lex.rs"]
mod lex;
#[path = "layers/paths.rs"]
mod paths;

use std::path::{Path, PathBuf};

use lex::{Tok, lex};
use paths::{module_paths, named_paths};

/// `module` never reaches any of `never`: why it matters.
struct Never {
    module: &'static str,
    never: &'static [&'static str],
    why: &'static str,
}

/// The layers above the pure ones: what `syntax`, `sql`, `value` and
/// `engine` must not see.
const UPPER: &[&str] = &[
    "schema", "orm", "eval", "persist", "app", "dot", "repl", "cli", "tutorial",
];

const NEVER: &[Never] = &[
    Never {
        module: "syntax",
        never: &[
            "schema", "orm", "eval", "persist", "app", "dot", "repl", "cli", "tutorial", "sql",
            "engine", "value", "render",
        ],
        why: "syntax sees nothing above it: a script parses the same whatever models exist, \
              and parsing, completeness checks, highlighting and the fuzzers run on text alone",
    },
    Never {
        module: "sql",
        never: &[
            "schema", "orm", "eval", "persist", "app", "dot", "repl", "cli", "tutorial", "engine",
            "render",
        ],
        why: "sql never sees the ORM: SQL text is a pure function of statement structs, \
              pinned against SQLAlchemy's strings without a database or a session",
    },
    Never {
        module: "engine",
        never: UPPER,
        why: "engine never sees the ORM: it runs statements for the ORM, text() and .sql \
              alike, so transactions, echo and error mapping are one code path",
    },
    Never {
        module: "value",
        never: &[
            "schema", "orm", "eval", "persist", "app", "dot", "repl", "cli", "tutorial", "sql",
            "engine", "render",
        ],
        why: "value knows nothing of models or SQL: Python's values behave exactly as \
              Python's (tested against python3); ORM objects reach it only as value::Object",
    },
    Never {
        module: "eval",
        never: &["app", "dot", "repl", "cli", "std::fs"],
        why: "the interpreter never touches files, dot commands or the terminal (those are \
              App's), so it runs the same under the shell, scripts, tests and declaration mode",
    },
];

/// External crates only one module may import: (crate, module, why).
const ONLY: &[(&str, &str, &str)] = &[
    (
        "rusqlite",
        "engine",
        "only engine imports rusqlite: one place owns the connection, so interrupts, \
         read snapshots, echo, the statement cache and error mapping cannot be bypassed",
    ),
    (
        "postgres",
        "engine",
        "only engine imports the postgres crate: the PostgreSQL connection sits behind \
         the same seam as SQLite's (engine/backend), with the same echo, transactions \
         and error mapping",
    ),
    (
        "rustyline",
        "repl",
        "only repl imports rustyline: scripts, piped input and tests run without a \
         terminal, and completion and highlighting stay pure functions",
    ),
    (
        "comfy_table",
        "render",
        "only render uses comfy-table: one place decides how a table looks in every mode",
    ),
];

/// Modules that write only to the interpreter's injected `Write`.
const QUIET: &[&str] = &["syntax", "sql", "value", "schema", "orm", "eval"];
const PRINTERS: &[&str] = &["print", "println", "eprint", "eprintln", "dbg"];
const QUIET_WHY: &str = "the interpreter writes only to its injected Write (and the layers \
                         under it not at all), so one App serves the shell, scripts and tests";

/// Every rule broken in `files` (paths relative to `src/`, with their
/// text), one line each.
fn violations(files: &[(PathBuf, String)]) -> Vec<String> {
    let modules = module_paths(files);
    let tops: Vec<String> = modules
        .values()
        .filter_map(|m| m.first().cloned())
        .collect();
    let mut found = Vec::new();
    for (rel, src) in files {
        let module = &modules[rel];
        let Some(top) = module.first().map(String::as_str) else {
            continue; // lib.rs and main.rs: the crate root sees everything.
        };
        let toks = lex(src);
        let mut say = |line: usize, what: String, why: &str| {
            found.push(format!("src/{}:{line}: {what}\n    ({why})", rel.display()));
        };
        let mut seen = Vec::new();
        for n in named_paths(&toks, module) {
            let Some(head) = n.path.first() else { continue };
            let named = match head.strip_prefix("extern:") {
                Some("std") if n.path.get(1).map(String::as_str) == Some("fs") => {
                    "std::fs".to_string()
                }
                Some(krate) => format!("extern:{krate}"),
                None if tops.contains(head) => head.clone(),
                None => continue, // an item of the crate root
            };
            // One report per name per line (`use crate::orm::{self, X}`).
            if named == top || seen.contains(&(n.line, named.clone())) {
                continue;
            }
            seen.push((n.line, named.clone()));
            for rule in NEVER.iter().filter(|r| r.module == top) {
                if rule.never.contains(&named.as_str()) {
                    say(
                        n.line,
                        format!("{top} reaches {} ({})", named, n.path.join("::")),
                        rule.why,
                    );
                }
            }
            for (krate, owner, why) in ONLY {
                if named == format!("extern:{krate}") && top != *owner {
                    say(n.line, format!("{top} imports {krate}"), why);
                }
            }
        }
        if QUIET.contains(&top) {
            for w in toks.windows(2) {
                let (Tok::Ident(name), line) = &w[0] else {
                    continue;
                };
                let printing = PRINTERS.contains(&name.as_str()) && w[1].0 == Tok::Punct('!');
                let stdio =
                    matches!(name.as_str(), "stdout" | "stderr") && w[1].0 == Tok::Punct('(');
                if printing || stdio {
                    say(
                        *line,
                        format!("{top} writes to the process: {name}"),
                        QUIET_WHY,
                    );
                }
            }
        }
    }
    found.sort();
    found
}

/// Every `.rs` file under `dir`, relative to it, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read src/") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("read a source file");
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_layers_of_architecture_md_hold() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = sources(&src);
    assert!(files.len() > 100, "src/ has only {} files?", files.len());
    // A rule about a module renamed away would pass silently.
    let tops: Vec<String> = module_paths(&files)
        .into_values()
        .filter_map(|m| m.first().cloned())
        .collect();
    let named = NEVER
        .iter()
        .flat_map(|r| r.never.iter().chain([&r.module]))
        .chain(ONLY.iter().map(|(_, m, _)| m))
        .chain(QUIET)
        .filter(|m| !m.contains("::"));
    for m in named {
        assert!(
            tops.iter().any(|t| t == m),
            "no module src/{m}: update the rules"
        );
    }
    let found = violations(&files);
    assert!(
        found.is_empty(),
        "{} layering invariant(s) of ARCHITECTURE.md broken:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The lexer and resolver see what rustc sees: every way of naming another
/// module is caught, names in comments and strings are not.
#[test]
fn a_broken_layer_is_caught() {
    let tree = |files: &[(&str, &str)]| -> Vec<String> {
        violations(
            &files
                .iter()
                .map(|(p, s)| (PathBuf::from(p), s.to_string()))
                .collect::<Vec<_>>(),
        )
    };
    let base = [
        (
            "lib.rs",
            "pub mod sql; pub mod orm; pub mod value; pub mod engine;",
        ),
        ("orm/mod.rs", "pub struct Session;"),
        ("engine.rs", "use rusqlite::Connection;"),
    ];
    let with = |extra: (&str, &str)| {
        let mut v = base.to_vec();
        v.push(extra);
        tree(&v)
    };
    assert_eq!(tree(&base), Vec::<String>::new());
    for (file, src, what) in [
        ("sql/mod.rs", "use crate::orm::Session;", "sql reaches orm"),
        (
            "sql/mod.rs",
            "use crate::{value, orm::Session};",
            "sql reaches orm",
        ),
        (
            "sql/mod.rs",
            "use crate::{x::y, orm::{self, Session}};",
            "sql reaches orm",
        ),
        ("sql/a.rs", "use super::super::orm;", "sql reaches orm"),
        (
            "sql/mod.rs",
            "fn f() { crate::orm::Session; }",
            "sql reaches orm",
        ),
        (
            "sql/mod.rs",
            "mod t { use super::super::orm::*; }",
            "sql reaches orm",
        ),
        (
            "value/mod.rs",
            "fn f() -> rusqlite::Result<()> {}",
            "value imports rusqlite",
        ),
        (
            "value/mod.rs",
            "use ::rusqlite as r;",
            "value imports rusqlite",
        ),
        (
            "value/mod.rs",
            "fn f() { println!(\"x\") }",
            "value writes to the process",
        ),
        (
            "value/mod.rs",
            "fn f() { std::io::stdout().lock(); }",
            "value writes to the process",
        ),
        (
            "value/mod.rs",
            "use crate::engine::Engine;",
            "value reaches engine",
        ),
    ] {
        let found = with((file, src));
        assert!(
            found.len() == 1 && found[0].contains(what),
            "{file}: {src}: {found:?}"
        );
    }
    // #[path] files are the module that names them.
    let found = with(("sql/ast.rs", "#[path = \"ast_tests.rs\"] mod tests;"));
    assert!(found.is_empty(), "{found:?}");
    let mut v = base.to_vec();
    v.push(("sql/ast.rs", "#[path = \"ast_tests.rs\"]\nmod tests;"));
    v.push(("sql/ast_tests.rs", "use super::super::super::orm;"));
    let found = tree(&v);
    assert!(
        found.len() == 1 && found[0].contains("sql reaches orm"),
        "{found:?}"
    );
    // Not uses: comments, strings, raw strings, chars and lifetimes.
    for src in [
        "// use crate::orm;\n/* crate::orm /* nested */ rusqlite::x */",
        "const S: &str = \"crate::orm::Session\";",
        "const S: &str = r#\"use crate::orm; \"quoted\" rusqlite::x\"#;",
        "fn f<'a>(c: char, b: u8) -> &'a str { let _ = ('\"', b'\"', '\\''); \"crate::orm\" }",
        "fn f() { x.print(); eprint; }",
    ] {
        let found = with(("sql/mod.rs", src));
        assert!(found.is_empty(), "{src}: {found:?}");
    }
}
