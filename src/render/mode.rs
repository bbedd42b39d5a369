//! The output modes `.mode` and `-m` name (LANGUAGE.md §9) and the
//! settings every mode reads: sqlite3's `.headers` and `.nullvalue`, and
//! when a bordered table ends with its row count.

/// How expression statements print lists of rows and instances.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Python's repr, as the Python shell prints (the default).
    #[default]
    Repr,
    Table,
    Box,
    Markdown,
    Csv,
    Json,
    Line,
    /// sqlite3's `.mode column`: aligned columns, no borders.
    Column,
}

/// The mode names, as `.mode` and `-m` take them.
pub const MODE_NAMES: &[&str] = &[
    "repr", "table", "box", "markdown", "csv", "json", "line", "column",
];

/// What sqlite3's `.headers` and `.nullvalue` set, and when a bordered
/// table ends with its row count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// `.headers off`: csv and column print no header (the bordered modes,
    /// json and line always name their columns, as in sqlite3).
    pub headers: bool,
    /// `.nullvalue TEXT`: how None shows in every mode but json; unset,
    /// `NULL` in tables and an empty field in csv.
    pub null: Option<String>,
    /// A table or box of more rows than this ends with `(N rows)`; an
    /// empty one always says `(0 rows)`. [`LONG`] in scripts and pipes;
    /// on a terminal its height ([`Options::for_output`]).
    pub long: usize,
}

/// The footer's threshold where no terminal says how many rows fit.
pub const LONG: usize = 20;

impl Options {
    /// The options for output that goes to a terminal when `fit_terminal`:
    /// a result longer than the screen (which scrolled its header out of
    /// sight) ends with its count; elsewhere the fixed [`LONG`].
    pub fn for_output(&self, fit_terminal: bool) -> Options {
        let mut opts = self.clone();
        if fit_terminal && let Some((rows, _)) = crate::repl::pager::terminal_size() {
            opts.long = rows;
        }
        opts
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            headers: true,
            null: None,
            long: LONG,
        }
    }
}

impl Mode {
    pub fn from_name(name: &str) -> Option<Mode> {
        Some(match name {
            "repr" => Mode::Repr,
            "table" => Mode::Table,
            "box" => Mode::Box,
            "markdown" => Mode::Markdown,
            "csv" => Mode::Csv,
            "json" => Mode::Json,
            "line" => Mode::Line,
            "column" => Mode::Column,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Repr => "repr",
            Mode::Table => "table",
            Mode::Box => "box",
            Mode::Markdown => "markdown",
            Mode::Csv => "csv",
            Mode::Json => "json",
            Mode::Line => "line",
            Mode::Column => "column",
        }
    }
}
