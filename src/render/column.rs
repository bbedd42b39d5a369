//! sqlite3's `.mode column` fitted to a terminal: once every row is
//! measured, a layout wider than the terminal narrows its text columns
//! (numbers, dates and times keep whole, a header keeps its longest word
//! and wraps between words, over a number's or a date's column too)
//! and their cells wrap between words; when even that cannot fit, the
//! records are written one line per column under a note, as the bordered
//! modes fall back (`render::fit`). A layout that fits is sqlite3's.

use std::io::{self, Write};

use crate::render::fit;
use crate::render::grid::{Grid, text_width};
use crate::render::table::Cell;

/// Two spaces between columns, as sqlite3 writes them.
const GAP: usize = 2;

/// How one column-mode result fits the terminal.
pub struct ColumnFit {
    width: usize,
    /// Per column: every cell so far is a number, a date or a time.
    rigid: Vec<bool>,
    /// Per column: the widest cell so far (its header not counted).
    cells: Vec<usize>,
    layout: Layout,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Rows are still being measured.
    Open,
    /// The grid's widths fit as they are.
    AsIs,
    /// The grid's widths were narrowed: cells wrap to them.
    Wrap,
    /// Too wide even narrowed: `name = value` lines, names right-aligned
    /// to this width.
    Lines(usize),
}

impl ColumnFit {
    /// Fitting `columns` columns to a terminal `width` columns wide.
    pub fn new(width: usize, columns: usize) -> ColumnFit {
        ColumnFit {
            width,
            rigid: vec![true; columns],
            cells: vec![0; columns],
            layout: Layout::Open,
        }
    }

    /// Note which columns can wrap, and how wide their cells are, from
    /// one row's cells and their `texts` as written.
    pub fn see<S: AsRef<str>>(&mut self, cells: &[Cell], texts: &[S]) {
        for (r, c) in self.rigid.iter_mut().zip(cells) {
            *r &= fit::rigid(c);
        }
        for (w, t) in self.cells.iter_mut().zip(texts) {
            let widest = t.as_ref().lines().map(text_width).max().unwrap_or(0);
            *w = (*w).max(widest);
        }
    }

    /// Every row is measured: choose the layout, narrowing the grid.
    pub fn settle(&mut self, grid: &mut Grid, headers: &[String]) {
        if self.layout != Layout::Open {
            return;
        }
        let least: Vec<usize> = headers
            .iter()
            .zip(grid.widths())
            .zip(self.rigid.iter().zip(&self.cells))
            .map(|((h, w), (rigid, cells))| {
                let word = h.split_whitespace().map(text_width).max().unwrap_or(1);
                match rigid {
                    true => word.max(*cells).min(*w),
                    false => word,
                }
            })
            .collect();
        self.layout = match fit::fit_widths(grid.widths(), &least, GAP, self.width) {
            Some(w) if w == grid.widths() => Layout::AsIs,
            Some(w) => {
                grid.set_widths(w);
                Layout::Wrap
            }
            None => Layout::Lines(
                headers
                    .iter()
                    .map(|h| text_width(h))
                    .max()
                    .unwrap_or(0)
                    .max(5),
            ),
        };
    }

    /// The header (`head`: shown at all) before the first row.
    pub fn write_head<W: Write + ?Sized>(
        &self,
        grid: &Grid,
        out: &mut W,
        headers: &[String],
        head: bool,
    ) -> io::Result<()> {
        match self.layout {
            Layout::Lines(_) => {
                for line in fit::note(headers.len(), self.width) {
                    out.write_all(line.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }
            _ if !head => Ok(()),
            Layout::Wrap => grid.write_head(out, &self.wrapped(grid, headers)),
            _ => grid.write_head(out, headers),
        }
    }

    /// One row, as the layout has it; `first`: no row came before.
    pub fn write_row<W: Write + ?Sized, S: AsRef<str>>(
        &self,
        grid: &Grid,
        out: &mut W,
        headers: &[String],
        cells: &[S],
        first: bool,
    ) -> io::Result<()> {
        match self.layout {
            Layout::Lines(pad) => {
                let mut text = String::new();
                if !first {
                    text.push('\n');
                }
                for (h, c) in headers.iter().zip(cells) {
                    let indent = pad.saturating_sub(text_width(h));
                    text.push_str(&format!("{:indent$}{h} = {}\n", "", c.as_ref()));
                }
                out.write_all(text.as_bytes())
            }
            Layout::Wrap => grid.write_row(out, &self.wrapped(grid, cells)),
            _ => grid.write_row(out, cells),
        }
    }

    fn wrapped<S: AsRef<str>>(&self, grid: &Grid, cells: &[S]) -> Vec<String> {
        cells
            .iter()
            .zip(grid.widths())
            .map(|(c, w)| fit::wrap(c.as_ref(), *w))
            .collect()
    }
}
