//! Tabular output for `.mode` (LANGUAGE.md §9): headers and rows of cells
//! written in one of the modes — `table` (ASCII borders, as sqlite3's `.mode
//! table`), `box` (Unicode box drawing), `markdown`, `csv` (the csv crate,
//! RFC 4180 quoting), `json` (an array of objects, one per line) and `line`
//! (`column = value`). The only user of comfy-table.
//!
//! A [`Tabulator`] is fed row by row and writes to any `std::io::Write`:
//! csv, json and line stream each row as it comes; the bordered modes need
//! every row's width first: they hold the rows until [`Tabulator::finish`],
//! or, when a first pass has measured them ([`Tabulator::measure`]), stream
//! too (`render::grid`). Fitted to a terminal, comfy-table wraps the cells.
//! Cells show Python's `str()` of the value, and None as `NULL` (an empty
//! field in csv, `null` in json).

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{
    CellAlignment, ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle,
};

pub use crate::render::cell::Cell;
use crate::render::cell::json_string;
use crate::render::column::ColumnFit;
use crate::render::fit;
use crate::render::grid::{self, Grid};
pub use crate::render::mode::{LONG, MODE_NAMES, Mode, Options};

/// sqlite3's `.mode table`: ASCII borders, a line under the header only.
const TABLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::new('+', '-', '+', '+'))
    .header_lines(ContentLineStyle::new('|', '|', '|'))
    .header_separator(LineStyle::new('+', '-', '+', '+'))
    .content_lines(ContentLineStyle::new('|', '|', '|'))
    .bottom_border(LineStyle::new('+', '-', '+', '+'));

/// sqlite3's `.mode box`: the same in Unicode box drawing.
const BOX: TableStyle = TableStyle::new()
    .top_border(LineStyle::new('┌', '─', '┬', '┐'))
    .header_lines(ContentLineStyle::new('│', '│', '│'))
    .header_separator(LineStyle::new('├', '─', '┼', '┤'))
    .content_lines(ContentLineStyle::new('│', '│', '│'))
    .bottom_border(LineStyle::new('└', '─', '┴', '┘'));

/// `| a | b |` with `|---|---|` under the header.
const MARKDOWN: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::new('|', '|', '|'))
    .header_separator(LineStyle::new('|', '-', '|', '|'))
    .content_lines(ContentLineStyle::new('|', '|', '|'));

enum Sink {
    /// table, box, markdown fitted to a terminal: comfy-table wraps the
    /// cells, so it needs every row.
    /// With, per column, whether every cell so far is a number, a date
    /// or a time (`render::fit`: such a column never wraps).
    Fitted(Box<Table>, Vec<bool>),
    /// table, box, markdown: rows are held until the column widths are
    /// known, then written as they come.
    Grid {
        grid: Grid,
        held: Vec<Vec<String>>,
        /// A first pass measured every row: write at once.
        measured: bool,
        head_written: bool,
        /// `.mode column` on a terminal: fitted to its width.
        fit: Option<ColumnFit>,
    },
    /// Each record goes straight to the output.
    Csv,
    Json,
    /// The width the column names are right-aligned to.
    Line(usize),
}

/// Writes one result set in a mode, row by row.
pub struct Tabulator {
    headers: Vec<String>,
    rows: usize,
    sink: Sink,
    markdown: bool,
    /// Table or box: the row count is worth a footer.
    counted: bool,
    opts: Options,
}

impl Tabulator {
    /// A tabulator for `mode` (None for `repr`, which is not tabular).
    /// With `fit_terminal` (stdout is a terminal) the bordered modes wrap
    /// cells to the terminal's width; otherwise they never wrap.
    pub fn new(mode: Mode, headers: Vec<String>, fit_terminal: bool) -> Option<Tabulator> {
        let sink = match mode {
            Mode::Repr => return None,
            Mode::Column => Sink::Grid {
                grid: Grid::new(&grid::COLUMN, &headers),
                held: Vec::new(),
                measured: false,
                head_written: false,
                fit: fit_terminal
                    .then(crate::repl::pager::terminal_size)
                    .flatten()
                    .map(|(_, cols)| ColumnFit::new(cols, headers.len())),
            },
            // Markdown is text for other programs: it never wraps.
            Mode::Table | Mode::Box | Mode::Markdown if !fit_terminal || mode == Mode::Markdown => {
                let headers: Vec<String> = headers
                    .iter()
                    .map(|h| escape(mode == Mode::Markdown, h))
                    .collect();
                let style = match mode {
                    Mode::Table => &grid::TABLE,
                    Mode::Box => &grid::BOX,
                    _ => &grid::MARKDOWN,
                };
                Sink::Grid {
                    grid: Grid::new(style, &headers),
                    held: Vec::new(),
                    measured: false,
                    head_written: false,
                    fit: None,
                }
            }
            Mode::Table | Mode::Box | Mode::Markdown => {
                let mut t = Table::new();
                t.load_style(match mode {
                    Mode::Table => TABLE,
                    Mode::Box => BOX,
                    _ => MARKDOWN,
                });
                t.set_content_arrangement(ContentArrangement::Dynamic);
                let header: Vec<comfy_table::Cell> = headers
                    .iter()
                    .map(|h| {
                        comfy_table::Cell::new(escape(mode == Mode::Markdown, h))
                            .set_alignment(CellAlignment::Center)
                    })
                    .collect();
                t.set_header(header);
                Sink::Fitted(Box::new(t), vec![true; headers.len()])
            }
            Mode::Csv => Sink::Csv,
            Mode::Json => Sink::Json,
            // sqlite3 aligns to the longest name, and at least 5 columns.
            Mode::Line => Sink::Line(
                headers
                    .iter()
                    .map(|h| h.chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(5),
            ),
        };
        Some(Tabulator {
            headers,
            rows: 0,
            sink,
            markdown: mode == Mode::Markdown,
            counted: matches!(mode, Mode::Table | Mode::Box),
            opts: Options::default(),
        })
    }

    /// Apply `.headers`, `.nullvalue` and the footer's threshold.
    /// Column mode without a header still sizes its columns to the
    /// names, as sqlite3's does.
    pub fn with(mut self, opts: &Options) -> Tabulator {
        self.opts = opts.clone();
        self
    }

    /// Fit to `width` columns instead of the terminal's (tests).
    #[cfg(test)]
    pub fn fit_width(mut self, width: u16) -> Tabulator {
        match &mut self.sink {
            Sink::Fitted(t, _) => {
                t.set_width(width);
            }
            Sink::Grid { fit, grid, .. } if grid.is_plain() => {
                *fit = Some(ColumnFit::new(usize::from(width), self.headers.len()));
            }
            _ => {}
        }
        self
    }

    /// Whether the grid's header is written.
    fn head_shown(&self, plain: bool) -> bool {
        self.opts.headers || !plain
    }

    /// Whether a first pass over the rows (`measure` each, then
    /// `measured`) lets this tabulator write its rows as they come.
    pub fn wants_measure(&self) -> bool {
        matches!(self.sink, Sink::Grid { .. })
    }

    /// First pass: widen the columns for one row (nothing is kept).
    pub fn measure(&mut self, cells: &[Cell]) {
        if let Sink::Grid { grid, fit, .. } = &mut self.sink {
            let texts = texts(self.markdown, self.opts.null.as_deref(), cells);
            grid.measure(&texts);
            if let Some(fit) = fit {
                fit.see(cells, &texts);
            }
        }
    }

    /// The first pass is over: every row is measured, so rows are written
    /// as they are given.
    pub fn measured(&mut self) {
        if let Sink::Grid {
            measured,
            fit,
            grid,
            ..
        } = &mut self.sink
        {
            *measured = true;
            if let Some(fit) = fit {
                fit.settle(grid, &self.headers);
            }
        }
    }

    /// Add one row (as many cells as headers).
    pub fn row<W: Write + ?Sized>(&mut self, out: &mut W, cells: &[Cell]) -> io::Result<()> {
        let first = self.rows == 0;
        self.rows += 1;
        let head = self.opts.headers;
        let null = self.opts.null.as_deref();
        match &mut self.sink {
            Sink::Grid {
                grid,
                held,
                measured,
                head_written,
                fit,
            } => {
                let texts = texts(self.markdown, null, cells);
                if !*measured {
                    grid.measure(&texts);
                    if let Some(fit) = fit {
                        fit.see(cells, &texts);
                    }
                    held.push(texts.into_iter().map(Cow::into_owned).collect());
                    return Ok(());
                }
                if let Some(fit) = fit {
                    if !*head_written {
                        *head_written = true;
                        fit.write_head(grid, out, &self.headers, head)?;
                    }
                    return fit.write_row(grid, out, &self.headers, &texts, first);
                }
                if !*head_written {
                    *head_written = true;
                    if head || !grid.is_plain() {
                        grid.write_head(out, &grid_texts_of(self.markdown, &self.headers))?;
                    }
                }
                grid.write_row(out, &texts)
            }
            Sink::Fitted(t, rigid) => {
                for (r, c) in rigid.iter_mut().zip(cells) {
                    *r &= fit::rigid(c);
                }
                t.add_row(
                    texts(self.markdown, null, cells)
                        .into_iter()
                        .map(Cow::into_owned)
                        .collect::<Vec<String>>(),
                );
                Ok(())
            }
            Sink::Csv => {
                let mut w = csv_writer(out);
                if first && head {
                    w.write_record(&self.headers)?;
                }
                let null = self.opts.null.as_deref().unwrap_or("");
                w.write_record(cells.iter().map(|c| match c {
                    Cell::Null => null.to_string(),
                    c => c.shown().into_owned(),
                }))?;
                w.flush()
            }
            Sink::Json => {
                let mut line = String::from(if first { "[{" } else { ",\n{" });
                for (i, (h, c)) in self.headers.iter().zip(cells).enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    line.push_str(&json_string(h));
                    line.push(':');
                    line.push_str(&c.json());
                }
                line.push('}');
                out.write_all(line.as_bytes())
            }
            Sink::Line(width) => {
                let mut text = String::new();
                if !first {
                    text.push('\n');
                }
                for (h, c) in self.headers.iter().zip(cells) {
                    let pad = width.saturating_sub(h.chars().count());
                    let shown = match (c, &self.opts.null) {
                        (Cell::Null, Some(null)) => Cow::Borrowed(null.as_str()),
                        _ => c.shown(),
                    };
                    text.push_str(&format!("{:pad$}{h} = {shown}\n", ""));
                }
                out.write_all(text.as_bytes())
            }
        }
    }

    /// Write what is left: the bordered table, the end of the json array,
    /// the csv header of a result with no rows.
    pub fn finish<W: Write + ?Sized>(self, out: &mut W) -> io::Result<()> {
        let (rows, counted, long) = (self.rows, self.counted, self.opts.long);
        self.finish_sink(out)?;
        match rows {
            0 if counted => out.write_all(b"(0 rows)\n"),
            n if counted && n > long => out.write_all(format!("({n} rows)\n").as_bytes()),
            _ => Ok(()),
        }
    }

    fn finish_sink<W: Write + ?Sized>(self, out: &mut W) -> io::Result<()> {
        let head =
            self.head_shown(matches!(&self.sink, Sink::Grid { grid, .. } if grid.is_plain()));
        match self.sink {
            Sink::Grid {
                mut grid,
                held,
                head_written,
                fit: Some(mut fit),
                ..
            } => {
                fit.settle(&mut grid, &self.headers);
                if !head_written {
                    fit.write_head(&grid, out, &self.headers, head)?;
                }
                for (n, row) in held.iter().enumerate() {
                    fit.write_row(
                        &grid,
                        out,
                        &self.headers,
                        row,
                        n == 0 && self.rows == held.len(),
                    )?;
                }
                Ok(())
            }
            Sink::Grid {
                grid,
                held,
                head_written,
                ..
            } => {
                if !head_written && head {
                    grid.write_head(out, &grid_texts_of(self.markdown, &self.headers))?;
                }
                for row in &held {
                    grid.write_row(out, row)?;
                }
                grid.write_end(out)
            }
            Sink::Fitted(mut t, rigid) => {
                if fit::too_wide(&t, &self.headers, &rigid) {
                    for line in fit::as_lines(&t, &self.headers) {
                        out.write_all(line.as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                    return Ok(());
                }
                fit::constrain(&mut t, &self.headers, &rigid);
                for line in t.lines() {
                    out.write_all(line.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }
            Sink::Csv if self.rows == 0 && self.opts.headers => {
                let mut w = csv_writer(out);
                w.write_record(&self.headers)?;
                w.flush()
            }
            Sink::Csv => Ok(()),
            Sink::Json => out.write_all(if self.rows == 0 { b"[]\n" } else { b"]\n" }),
            Sink::Line(_) => Ok(()),
        }
    }
}

/// A csv writer for one or two records (RFC 4180 quoting, `\n` ends).
fn csv_writer<W: Write + ?Sized>(out: &mut W) -> csv::Writer<&mut W> {
    csv::WriterBuilder::new()
        .buffer_capacity(1024)
        .from_writer(out)
}

/// The texts of a bordered or column row: `.nullvalue` applied, `|`
/// escaped in markdown, tabs expanded (`render::fit`); borrowed from the
/// cells when nothing changes.
fn texts<'a>(markdown: bool, null: Option<&'a str>, cells: &'a [Cell]) -> Vec<Cow<'a, str>> {
    cells
        .iter()
        .map(|c| {
            let shown = match (c, null) {
                (Cell::Null, Some(null)) => Cow::Borrowed(null),
                _ => c.shown(),
            };
            let shown = match shown {
                s if markdown && s.contains('|') => Cow::Owned(escape(true, &s)),
                s => s,
            };
            match shown {
                s if s.contains('\t') => Cow::Owned(fit::expand_tabs(&s)),
                s => s,
            }
        })
        .collect()
}

fn grid_texts_of(markdown: bool, headers: &[String]) -> Vec<String> {
    headers.iter().map(|h| escape(markdown, h)).collect()
}

/// `|` inside a markdown cell would end it.
fn escape(markdown: bool, s: &str) -> String {
    if markdown {
        s.replace('|', "\\|")
    } else {
        s.to_string()
    }
}

/// Render a whole result set at once (tests, small tables).
pub fn render<W: Write + ?Sized>(
    out: &mut W,
    mode: Mode,
    headers: &[&str],
    rows: &[Vec<Cell>],
) -> io::Result<()> {
    let headers = headers.iter().map(|h| h.to_string()).collect();
    let Some(mut t) = Tabulator::new(mode, headers, false) else {
        return Ok(());
    };
    for r in rows {
        t.row(out, r)?;
    }
    t.finish(out)
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
