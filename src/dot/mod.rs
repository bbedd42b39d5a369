//! Dot commands (`.help`, `.schema`, `.open`, …): the one table that
//! declares them — name, what their argument is (for Tab completion), the
//! one-line help, what `.help NAME` adds, and the function that runs them —
//! read by dispatch, `.help` and the shell's completion alike, so a command
//! is one entry here. The commands themselves are in `commands` (and, for
//! the database file's, `persist::dot`).

mod commands;
pub(crate) mod dump;
mod import;
mod indexes;
mod pager;
pub mod redirect;
mod schema;
pub mod settings;
mod system;
pub mod tutorial;
mod tutorial_jump;
mod words;

use crate::app::{App, Flow};
use crate::error::{Error, ErrorKind, Result};
use crate::eval::suggest::did_you_mean;
use crate::syntax::span::Span;

/// What a command's argument is, for Tab completion.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg {
    /// No argument, or one with nothing to offer (`.exit 3`, `.sql …`).
    Nothing,
    /// A file name (completed from the file system).
    File,
    /// A model name from the session.
    Model,
    /// Names of dot commands, any number (`.help mode sql`).
    Commands,
    /// An output mode (`render::table::MODE_NAMES`).
    Mode,
    /// A tutorial lesson, or `stop`.
    Lesson,
    /// One of these words.
    Words(&'static [&'static str]),
    /// A table of the database or of a model.
    Table,
    /// SQL text: table names after `FROM`, `JOIN`, `INTO`, `UPDATE`, `TABLE`.
    Sql,
}

/// One dot command.
pub struct Command {
    /// With its dot: `.schema`.
    pub name: &'static str,
    /// Its arguments by position, for completion; past the last, the last
    /// again when it is `Arg::Commands` or `Arg::Sql`, else nothing.
    pub args: &'static [Arg],
    /// The line `.help` prints.
    pub help: &'static str,
    /// What `.help NAME` adds: how the command behaves.
    pub details: &'static str,
    /// Carry it out.
    pub run: fn(&mut App, &Call) -> Result<Flow>,
}

impl Command {
    /// What the argument at `position` (0 for the first) is.
    pub fn arg(&self, position: usize) -> Arg {
        match self.args.get(position) {
            Some(a) => *a,
            None if matches!(self.args.last(), Some(Arg::Commands | Arg::Sql)) => {
                self.args[self.args.len() - 1]
            }
            None => Arg::Nothing,
        }
    }
}

/// A dot command as typed: the whole line, the command word, the words
/// after it with their quoting taken away (`dot::words`) and where each
/// was written.
pub struct Call<'a> {
    pub line: &'a str,
    pub name: &'a str,
    pub args: Vec<&'a str>,
    pub spans: Vec<Span>,
}

impl Call<'_> {
    /// Where `word`, one of the arguments or a slice of the line, sits in
    /// the line.
    pub fn span_of(&self, word: &str) -> Span {
        if let Some(i) = self.args.iter().position(|a| a.as_ptr() == word.as_ptr()) {
            return self.spans[i];
        }
        let start = (word.as_ptr() as usize).saturating_sub(self.line.as_ptr() as usize);
        let start = start.min(self.line.len());
        Span::new(start, (start + word.len()).min(self.line.len()))
    }
}

/// Every dot command, in the order `.help` lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        name: ".help",
        args: &[Arg::Commands],
        help: "list the commands, or .help NAME for one",
        details: "With no NAME, one line per command. With NAMEs (the dot may be left out),
those commands at more length: .help mode sql",
        run: commands::help,
    },
    Command {
        name: ".models",
        args: &[Arg::Words(&["all"])],
        help: "list the models defined in this session",
        details: "Each model with its table and columns, in the order they were defined;
reflected ones are marked. The models of a file database come back when it
is opened again. The models of the tables where an FTS or R*Tree index keeps
its data (read-only) are listed only by .models all.",
        run: commands::models,
    },
    Command {
        name: ".notes",
        args: &[],
        help: "list what reflection left out or changed in the database's tables",
        details: "One line per note (a table without a primary key, a composite foreign key
without a relationship, a view, a key that admits NULLs, …), since the file
was opened; the banner prints them, or their count when there are many.",
        run: crate::persist::dot::notes,
    },
    Command {
        name: ".schema",
        args: &[Arg::Model],
        help: "show the DDL of every model and table, or of one: .schema User",
        details: "The CREATE TABLE and CREATE INDEX statements db.create_all() runs, as
SQLAlchemy writes them for SQLite, then the tables of the database no model
describes (made by .sql or another program) as SQLite stored them. With a
NAME (a model or a table), that one only.",
        run: schema::schema,
    },
    Command {
        name: ".tables",
        args: &[],
        help: "list the tables in the database",
        details: "The tables that exist in the database now (created by db.create_all(),
.sql or another program), sorted; ormsh's own _ormsh_models is never shown.",
        run: commands::tables,
    },
    Command {
        name: ".echo",
        args: &[Arg::Words(&["on", "off"])],
        help: "print each SQL statement as it runs: .echo on|off",
        details: "On: every SQL statement and its parameters go to stderr as they run,
as SQLAlchemy's echo=True logs them (dimmed on a terminal). Also -e. With no
argument, says whether it is on.",
        run: settings::echo,
    },
    Command {
        name: ".timer",
        args: &[Arg::Words(&["on", "off"])],
        help: "print how long each statement takes: .timer on|off",
        details: "On: after each statement (and .sql), its output and any error,
'Run Time: real 0.000123' (wall time in seconds, as sqlite3's .timer). With no
argument, says whether it is on.",
        run: settings::timer,
    },
    Command {
        name: ".changes",
        args: &[Arg::Words(&["on", "off"])],
        help: "print how many rows each statement changed: .changes on|off",
        details: "On: after each statement (and .sql), sqlite3's line
'changes: 2   total_changes: 5': the rows the statement inserted, updated or
deleted, and all since the database was opened.",
        run: settings::changes,
    },
    Command {
        name: ".headers",
        args: &[Arg::Words(&["on", "off"])],
        help: "whether csv and column output start with the column names: .headers on|off",
        details: "On by default. Off: .mode csv and .mode column print rows only, as
sqlite3's .headers off. The bordered modes, json and line always name the columns.",
        run: settings::headers,
    },
    Command {
        name: ".nullvalue",
        args: &[],
        help: "how None shows in tables and csv: .nullvalue TEXT",
        details: "None prints as TEXT in every output mode but repr and json (by default:
NULL in tables, an empty field in csv).",
        run: settings::nullvalue,
    },
    Command {
        name: ".show",
        args: &[],
        help: "show the current settings",
        details: "echo, headers, mode, nullvalue, output, timer, changes, pager and the
database, one per line, as sqlite3's .show lists them.",
        run: settings::show,
    },
    Command {
        name: ".indexes",
        args: &[Arg::Table],
        help: "list the indexes, of every table or of one: .indexes user",
        details: "The indexes in the database, sorted, SQLite's own for UNIQUE and
PRIMARY KEY constraints (sqlite_autoindex_…) included. With TABLE (a LIKE
pattern, as sqlite3 takes it), that table's only.",
        run: indexes::indexes,
    },
    Command {
        name: ".dump",
        args: &[Arg::Table],
        help: "write the database as SQL that rebuilds it: .dump [TABLE]",
        details: "The SQL text sqlite3's .dump writes: CREATE TABLE and INSERT statements
in one transaction, then the indexes, triggers and views; with TABLE (a LIKE
pattern), that table's only. Uncommitted changes of the session show.
`.once FILE` then `.dump` writes it to FILE; `sqlite3 new.db < FILE` reads it.",
        run: dump::dump,
    },
    Command {
        name: ".output",
        args: &[Arg::File],
        help: "send output to a file, or back to the screen: .output [FILE]",
        details: "What statements and commands print goes to FILE (replaced if it exists)
until .output with no FILE (or .output stdout). Errors stay on the screen.",
        run: redirect::output,
    },
    Command {
        name: ".once",
        args: &[Arg::File],
        help: "send the next statement's output to a file: .once FILE",
        details: "As .output FILE, for the next statement or command only.",
        run: redirect::once,
    },
    Command {
        name: ".pager",
        args: &[Arg::Words(&["on", "off"])],
        help: "page long results at the prompt through $PAGER: .pager on|off",
        details: "On (the default): at the prompt on a terminal, output longer than the
screen goes through $PAGER (less -SR when PAGER is not set), as pgcli pages
it; q leaves it. Off: everything goes straight to the screen. Scripts and
.output never page. With no argument, says whether it is on.",
        run: pager::pager,
    },
    Command {
        name: ".import",
        args: &[Arg::File, Arg::Model],
        help: "insert the rows of a CSV file into a table: .import [--csv] [--skip N] FILE TABLE",
        details: "Reads FILE as CSV (RFC 4180). TABLE is a model or a table; into a
model's table each field becomes its column's type (integers, floats,
booleans, ISO dates), an empty field None. A first row naming the columns
maps fields to them by name; otherwise each row has every column, in order.
A table that does not exist is made from the first row (TEXT columns).
--skip N leaves out the first N lines (--csv is accepted, as sqlite3's). The
rows join the session's transaction: db.session.commit() keeps them.",
        run: import::import,
    },
    Command {
        name: ".shell",
        args: &[],
        help: "run a command of the system's shell: .shell ls -l",
        details: "Runs the rest of the line with /bin/sh -c, as sqlite3's .shell; its
failure says its exit status.",
        run: system::shell,
    },
    Command {
        name: ".system",
        args: &[],
        help: "the same as .shell",
        details: "Runs the rest of the line with /bin/sh -c, as sqlite3's .system.",
        run: system::shell,
    },
    Command {
        name: ".read",
        args: &[Arg::File],
        help: "run the statements of a file: .read FILE",
        details: "Runs FILE as a script, statement by statement, stopping at the first
error (which names FILE, line and column). Tab completes file names.",
        run: commands::read,
    },
    Command {
        name: ".save",
        args: &[Arg::File],
        help: "write the statements of this session to a file: .save FILE",
        details: "Writes every statement that ran without error in this session to FILE,
one after another, with the .sql, .open and .import commands among them, so
that `ormsh -f FILE` (or .read FILE) replays it.",
        run: commands::save,
    },
    Command {
        name: ".tutorial",
        args: &[Arg::Lesson],
        help: "list the lessons, walk one (.tutorial NAME), or leave (.tutorial stop)",
        details: "With no NAME, the lessons. With a NAME, a walk through it: each step's
narration, then its statement put at the prompt; Enter runs it (edit it
first if you like) and the lesson moves on; anything else you type runs and
the step is offered again. Ctrl-C puts the step aside (Enter on an empty
line brings it back); Ctrl-D on the untouched step, or '.tutorial stop',
leaves. '.tutorial NAME' resumes a stopped lesson, '.tutorial NAME 5' jumps
to step 5. From step 1, a database whose tables the lesson makes already
hold rows is refused, naming them.",
        run: tutorial::run,
    },
    Command {
        name: ".mode",
        args: &[Arg::Mode],
        help: "how lists of rows and instances print: .mode repr|table|box|markdown|csv|json|line|column",
        details: "repr (the default): values print as Python prints them. table, box and
markdown draw a grid; csv and json are for other programs; line puts one
'column = value' per line. Lists of instances print one row each with the
model's columns; rows from db.session.query(...) with their labels; None
prints as NULL. On a terminal wide grids fit its width; scripts never wrap.",
        run: commands::mode,
    },
    Command {
        name: ".sql",
        args: &[Arg::Sql],
        help: "run raw SQL, print its rows in the current mode: .sql SELECT * FROM user",
        details: "Runs one SQL statement as written (values inline, no ORM) and prints its
rows in the current mode, or how many rows it changed. A write joins the
session's transaction: db.session.commit() keeps it, rollback() undoes it.
BEGIN, COMMIT and ROLLBACK are refused however they are written: the session
owns the transaction. Values cannot be bound: a ? is an error.",
        run: commands::sql,
    },
    Command {
        name: ".quit",
        args: &[],
        help: "leave ormsh",
        details: "Leaves ormsh (exit code 0); Ctrl-D on an empty line does too.",
        run: commands::quit,
    },
    Command {
        name: ".exit",
        args: &[],
        help: "leave ormsh with an exit code: .exit 3",
        details: "Leaves ormsh with exit code CODE, 0 to 255 (default 0): scripts can
report failure with .exit 1.",
        run: commands::exit,
    },
    Command {
        name: ".open",
        args: &[Arg::File],
        help: "open another database file, keeping the models: .open app.db",
        details: "Closes this database (after the session's pending work is rolled back)
and opens FILE, created if missing. Models defined so far stay defined;
FILE's stored models are loaded and its other tables reflected.",
        run: crate::persist::dot::open,
    },
    Command {
        name: ".export",
        args: &[Arg::Words(&["python", "sql"]), Arg::File],
        help: "write the models as Flask-SQLAlchemy or DDL: .export python|sql [FILE]",
        details: "python: a Flask-SQLAlchemy models.py (db = SQLAlchemy(), a class per
model, association tables, relationships, reprs) that runs unchanged in
Flask; a definition that is not a plain declaration is left out with a
comment saying why. sql: the DDL. Without FILE it prints.",
        run: crate::persist::dot::export,
    },
    Command {
        name: ".migrate",
        args: &[Arg::Model],
        help: "add a model's new columns and indexes to its table: .migrate User",
        details: "Compares a model with its table and applies additive changes with ALTER
TABLE: new nullable or defaulted columns, new indexes. Dropping or
changing a column is refused with the reason; the data stays as it is.",
        run: crate::persist::dot::migrate,
    },
];

/// Whether `.timer` and `.changes` report on this chunk: a statement or
/// `.sql`, as sqlite3 reports on SQL and not on its dot commands.
pub fn measured(src: &str) -> bool {
    let t = src.trim_start();
    !t.starts_with('.') || t.starts_with("...") || command_word(t) == ".sql"
}

/// Whether `.save` records this dot command: `.sql` and `.import` change
/// the database as a statement does, and `.open` changes which database the
/// statements after it run on, so a replay without them runs elsewhere.
pub fn logged(line: &str) -> bool {
    matches!(command_word(line), ".sql" | ".open" | ".import")
}

fn command_word(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or("")
}

/// The command named `name` (with its dot).
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// How many `.read` files may run inside each other (sqlite3's shell stops
/// at the same depth): a file that reads itself stops with an error instead
/// of holding ever more copies of itself.
pub const MAX_READ_NESTING: usize = 25;

/// Run the dot command `line` (trimmed, starting with `.`).
pub fn run(app: &mut App, line: &str) -> Result<Flow> {
    let name = line.split_whitespace().next().unwrap_or(".");
    let rest = line.len() - line.trim_start().len() + name.len();
    let words = words::split(&line[rest..], rest);
    let call = Call {
        line,
        name,
        args: words.iter().map(|w| w.text.as_str()).collect(),
        spans: words.iter().map(|w| w.span).collect(),
    };
    match find(name) {
        Some(command) => (command.run)(app, &call).map_err(shell_error),
        // A mistyped command is no Python name: no NameError.
        None => Err(Error::new(
            ErrorKind::UnknownCommand,
            format!(
                "'{name}'{}",
                did_you_mean(name, COMMANDS.iter().map(|c| c.name))
            ),
        )
        .with_help("type .help to list the commands")
        .at(call.span_of(name))),
    }
}

/// A dot command's refusal written as sqlite3's shell writes it, not as
/// a Python exception: `Usage: .timer on|off`, `no lesson named 'bogus'`.
/// What the database or a statement raised (`.sql`'s OperationalError,
/// IntegrityError) keeps its class.
fn shell_error(e: Error) -> Error {
    let ours = matches!(
        e.kind,
        ErrorKind::ValueError | ErrorKind::NameError | ErrorKind::TypeError | ErrorKind::KeyError
    );
    if !ours {
        return e;
    }
    let message = match e.message.strip_prefix("usage: ") {
        Some(rest) => format!("Usage: {rest}"),
        None => e.message,
    };
    Error {
        kind: ErrorKind::Command,
        message,
        ..e
    }
}

#[cfg(test)]
mod tests;

/// A file a dot command could not read or write (`what`: "read",
/// "write"): the shell's own error, with no Python class, saying why as
/// the system says it, without Rust's `(os error 2)`.
pub fn file_error(what: &str, file: &str, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::OutOfMemory {
        return Error::new(ErrorKind::MemoryError, format!("cannot {what} {file}: {e}"));
    }
    let file = if file.is_empty() { "''" } else { file };
    Error::new(
        ErrorKind::Command,
        format!("cannot {what} {file}: {}", io_reason(e)),
    )
}

/// What went wrong, as the system says it (`No such file or directory`),
/// without Rust's `(os error 2)` after it.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}
