//! Bordered tables (`table`, `box`, `markdown`) written a line at a time:
//! once the column widths are known — measured over the rows first, or in a
//! first pass over a query — the header, each row and the bottom border go
//! straight to the output, so a table of a million rows needs no more memory
//! than one row. The layout is comfy-table's with content arrangement
//! disabled (a test holds the two to the same text); comfy-table itself is
//! used where cells must wrap to a terminal's width.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

/// The characters of one bordered style.
pub struct GridStyle {
    /// left, fill, junction, right; None: no top border.
    top: Option<[char; 4]>,
    /// The vertical lines of every content line: left, junction, right.
    bar: [char; 3],
    /// Under the header.
    separator: [char; 4],
    bottom: Option<[char; 4]>,
    /// sqlite3's `.mode column`: no bars, two spaces between columns, no
    /// padding, the header left-aligned and underlined with dashes.
    plain: bool,
}

/// sqlite3's `.mode table`: ASCII borders, a line under the header only.
pub const TABLE: GridStyle = GridStyle {
    top: Some(['+', '-', '+', '+']),
    bar: ['|', '|', '|'],
    separator: ['+', '-', '+', '+'],
    bottom: Some(['+', '-', '+', '+']),
    plain: false,
};

/// sqlite3's `.mode box`: the same in Unicode box drawing.
pub const BOX: GridStyle = GridStyle {
    top: Some(['┌', '─', '┬', '┐']),
    bar: ['│', '│', '│'],
    separator: ['├', '─', '┼', '┤'],
    bottom: Some(['└', '─', '┴', '┘']),
    plain: false,
};

/// `| a | b |` with `|---|---|` under the header.
pub const MARKDOWN: GridStyle = GridStyle {
    top: None,
    bar: ['|', '|', '|'],
    separator: ['|', '-', '|', '|'],
    bottom: None,
    plain: false,
};

/// sqlite3's `.mode column`: `id  name` over `--  ----`, every cell
/// padded to its column's width.
pub const COLUMN: GridStyle = GridStyle {
    top: None,
    bar: [' ', ' ', ' '],
    separator: [' ', '-', ' ', ' '],
    bottom: None,
    plain: true,
};

/// How wide a line of text shows in a terminal (East Asian wide
/// characters count two).
pub fn text_width(s: &str) -> usize {
    // Printable ASCII is one column a byte (what `width` counts for it,
    // without looking each character up).
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    s.width()
}

/// `n` spaces onto `line`, a slice at a time.
fn push_spaces(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// Column widths and a style: everything needed to write any line.
pub struct Grid {
    style: &'static GridStyle,
    /// The widest line of each column's header and cells (at least 1).
    widths: Vec<usize>,
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Center,
}

impl Grid {
    /// A grid as wide as its header so far.
    pub fn new(style: &'static GridStyle, headers: &[String]) -> Grid {
        let mut g = Grid {
            style,
            widths: vec![1; headers.len()],
        };
        g.measure(headers);
        g
    }

    /// Each column's width (its widest line so far, or as set).
    pub fn widths(&self) -> &[usize] {
        &self.widths
    }

    /// Narrow the columns to `widths` (their cells wrapped to them).
    pub fn set_widths(&mut self, widths: Vec<usize>) {
        self.widths = widths;
    }

    /// sqlite3's column layout (no borders).
    pub fn is_plain(&self) -> bool {
        self.style.plain
    }

    /// Widen the columns to fit one row's cells (each may hold lines).
    pub fn measure<S: AsRef<str>>(&mut self, cells: &[S]) {
        for (w, cell) in self.widths.iter_mut().zip(cells) {
            for line in cell.as_ref().split('\n') {
                *w = (*w).max(text_width(line));
            }
        }
    }

    /// The top border, the header and the line under it.
    pub fn write_head<W: Write + ?Sized, S: AsRef<str>>(
        &self,
        out: &mut W,
        headers: &[S],
    ) -> io::Result<()> {
        if let Some(top) = self.style.top {
            self.write_rule(out, top)?;
        }
        let align = if self.style.plain {
            Align::Left
        } else {
            Align::Center
        };
        self.write_cells(out, headers, align)?;
        self.write_rule(out, self.style.separator)
    }

    /// One row: as many lines as its tallest cell.
    pub fn write_row<W: Write + ?Sized, S: AsRef<str>>(
        &self,
        out: &mut W,
        cells: &[S],
    ) -> io::Result<()> {
        self.write_cells(out, cells, Align::Left)
    }

    /// The bottom border, if the style has one.
    pub fn write_end<W: Write + ?Sized>(&self, out: &mut W) -> io::Result<()> {
        match self.style.bottom {
            Some(bottom) => self.write_rule(out, bottom),
            None => Ok(()),
        }
    }

    fn write_rule<W: Write + ?Sized>(
        &self,
        out: &mut W,
        [l, fill, j, r]: [char; 4],
    ) -> io::Result<()> {
        let mut line = String::new();
        if self.style.plain {
            let rules: Vec<String> = self
                .widths
                .iter()
                .map(|w| fill.to_string().repeat(*w))
                .collect();
            line.push_str(&rules.join("  "));
            line.push('\n');
            return out.write_all(line.as_bytes());
        }
        line.push(l);
        for (i, w) in self.widths.iter().enumerate() {
            if i > 0 {
                line.push(j);
            }
            // One space of padding on either side of the content.
            line.extend(std::iter::repeat_n(fill, w + 2));
        }
        line.push(r);
        line.push('\n');
        out.write_all(line.as_bytes())
    }

    fn write_cells<W: Write + ?Sized, S: AsRef<str>>(
        &self,
        out: &mut W,
        cells: &[S],
        align: Align,
    ) -> io::Result<()> {
        let [l, j, r] = self.style.bar;
        let height = cells
            .iter()
            .map(|c| c.as_ref().split('\n').count())
            .max()
            .unwrap_or(1);
        // Room for a line of single-byte text at once.
        let mut line =
            String::with_capacity(self.widths.iter().sum::<usize>() + 3 * self.widths.len() + 2);
        for k in 0..height {
            line.clear();
            let plain = self.style.plain;
            if !plain {
                line.push(l);
            }
            for (i, w) in self.widths.iter().enumerate() {
                if i > 0 && plain {
                    line.push_str("  ");
                } else if i > 0 {
                    line.push(j);
                }
                let text = match cells.get(i) {
                    // One line each: the cell is its line.
                    Some(c) if height == 1 => c.as_ref(),
                    Some(c) => c.as_ref().split('\n').nth(k).unwrap_or(""),
                    None => "",
                };
                let spare = w.saturating_sub(text_width(text));
                let (before, after) = match align {
                    Align::Left => (0, spare),
                    Align::Center => (spare.div_ceil(2), spare / 2),
                };
                let pad = usize::from(!plain);
                push_spaces(&mut line, pad + before);
                line.push_str(text);
                push_spaces(&mut line, after + pad);
            }
            if !plain {
                line.push(r);
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use comfy_table::{CellAlignment, ContentLineStyle, LineStyle, Table, TableStyle};
    use proptest::prelude::*;

    /// comfy-table's rendering of the same table, arrangement disabled.
    fn comfy(style: &GridStyle, headers: &[String], rows: &[Vec<String>]) -> String {
        let line = |c: [char; 4]| LineStyle::new(c[0], c[1], c[2], c[3]);
        let [l, j, r] = style.bar;
        let mut ts = TableStyle::new()
            .header_lines(ContentLineStyle::new(l, j, r))
            .header_separator(line(style.separator))
            .content_lines(ContentLineStyle::new(l, j, r));
        if let Some(top) = style.top {
            ts = ts.top_border(line(top));
        }
        if let Some(bottom) = style.bottom {
            ts = ts.bottom_border(line(bottom));
        }
        let mut t = Table::new();
        t.load_style(ts);
        t.force_no_tty();
        t.set_header(
            headers
                .iter()
                .map(|h| comfy_table::Cell::new(h).set_alignment(CellAlignment::Center))
                .collect::<Vec<_>>(),
        );
        for row in rows {
            t.add_row(row.clone());
        }
        t.lines().map(|l| l + "\n").collect()
    }

    fn ours(style: &'static GridStyle, headers: &[String], rows: &[Vec<String>]) -> String {
        let mut g = Grid::new(style, headers);
        for r in rows {
            g.measure(r);
        }
        let mut out = Vec::new();
        g.write_head(&mut out, headers).unwrap();
        for r in rows {
            g.write_row(&mut out, r).unwrap();
        }
        g.write_end(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn text() -> impl Strategy<Value = String> {
        // ASCII, empty cells, wide and combining characters, line breaks.
        proptest::string::string_regex("([a-z0-9 ]|é|中|\u{301}|\n){0,7}").unwrap()
    }

    proptest! {
        #[test]
        fn the_layout_is_comfy_tables(
            cols in 1usize..4,
            cells in proptest::collection::vec(text(), 0..20),
            style in 0usize..3,
        ) {
            let style = [&TABLE, &BOX, &MARKDOWN][style];
            let headers: Vec<String> = (0..cols).map(|i| ["id", "name", "e"][i].to_string()).collect();
            let rows: Vec<Vec<String>> = cells.chunks(cols).filter(|c| c.len() == cols).map(|c| c.to_vec()).collect();
            prop_assert_eq!(ours(style, &headers, &rows), comfy(style, &headers, &rows));
        }
    }

    #[test]
    fn centered_headers_lean_right_like_comfy_table() {
        let headers = vec!["ab".to_string()];
        let rows = vec![vec!["abcde".to_string()]];
        assert_eq!(
            ours(&TABLE, &headers, &rows),
            "+-------+\n\
             |   ab  |\n\
             +-------+\n\
             | abcde |\n\
             +-------+\n"
        );
        assert_eq!(
            ours(&TABLE, &headers, &rows),
            comfy(&TABLE, &headers, &rows)
        );
    }
}
