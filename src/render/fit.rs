//! Tables fitted to a narrow terminal (comfy-table wraps the cells): a
//! column of numbers, dates or times never wraps (a number cut in two
//! reads as two numbers); a header wraps only between its words, never
//! inside one; a tab in a value becomes the spaces to the next tab stop,
//! so it cannot push the border out of line. Markdown never wraps at all
//! (`render::table` writes it as it is).

use comfy_table::{ColumnConstraint, Table, Width};

use crate::render::grid::text_width;
use crate::render::table::Cell;

/// Whether a cell keeps a column from wrapping: numbers, booleans, dates
/// and times (and None, which does not decide).
pub fn rigid(c: &Cell) -> bool {
    !matches!(c, Cell::Text(_))
}

/// Set each column's limits before comfy-table arranges the table.
pub fn constrain(t: &mut Table, headers: &[String], rigid: &[bool]) {
    for (i, h) in headers.iter().enumerate() {
        let Some(col) = t.column_mut(i) else { continue };
        if rigid.get(i).copied().unwrap_or(false) {
            col.set_constraint(ColumnConstraint::ContentWidth);
        } else {
            let word = h.split_whitespace().map(text_width).max().unwrap_or(1);
            let word = u16::try_from(word).unwrap_or(u16::MAX);
            // comfy-table's fixed width counts the column's padding too.
            let width = word.saturating_add(col.padding_width());
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
        }
    }
}

/// `s` with each tab replaced by the spaces to the next multiple of 8
/// (counted from the start of its line), as a terminal shows it.
pub fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                let n = 8 - col % 8;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\n' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += text_width(c.encode_utf8(&mut [0; 4]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(expand_tabs("a\tb"), "a       b");
        assert_eq!(expand_tabs("abcdefgh\tb"), "abcdefgh        b");
        assert_eq!(expand_tabs("x\n\ty"), "x\n        y");
    }
}
