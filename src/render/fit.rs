//! Tables fitted to a narrow terminal (comfy-table wraps the cells): a
//! column of numbers, dates or times never wraps (a number cut in two
//! reads as two numbers); a header wraps only between its words, never
//! inside one; a tab in a value becomes the spaces to the next tab stop,
//! so it cannot push the border out of line. Markdown never wraps at all
//! (`render::table` writes it as it is). A text that reads as a number or
//! an ISO date or time (`.sql` returns SQLite's dates as text) is kept
//! whole as a number is, while its header wraps between words as a text
//! column's does. When even then the table is wider than the
//! terminal (the kept columns' values and each header's longest word, with the
//! borders), the terminal itself would break every line: the records are
//! written one line per column instead, as `.mode line` writes them (as
//! psql's `\x auto` turns to expanded output).
//!
//! sqlite3's `.mode column` fits the same way ([`fit_widths`], [`wrap`]):
//! its text columns narrow to what is left and their cells wrap between
//! words, and when even that cannot fit, records are written one line per
//! column. The note that says so wraps between words too ([`note`]).

use std::sync::LazyLock;

use comfy_table::{ColumnConstraint, Table, Width};
use regex::Regex;

use crate::render::grid::text_width;
use crate::render::table::Cell;

/// Whether a cell keeps a column from wrapping: numbers, booleans, dates
/// and times (and None, which does not decide).
pub fn rigid(c: &Cell) -> bool {
    match c {
        Cell::Text(t) => reads_as_number_or_date(t),
        _ => true,
    }
}

/// A number (`-12`, `3.5e3`) or an ISO date, time or both
/// (`2024-01-02 03:04:05.000000`), as SQLite returns them as text.
fn reads_as_number_or_date(t: &str) -> bool {
    static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?",
            r"|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?",
            r"|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$"
        ))
        .expect("a valid pattern")
    });
    PATTERN.is_match(t)
}

/// Whether the table cannot fit its width: its kept columns whole, its
/// other columns as narrow as their header's longest word, each with its
/// padding, and a border between and around them.
pub fn too_wide(t: &Table, headers: &[String], rigid: &[bool]) -> bool {
    let Some(width) = t.width() else {
        return false;
    };
    let mut total = headers.len() + 1;
    for (i, h) in headers.iter().enumerate() {
        let padding = t.column(i).map_or(2, |c| usize::from(c.padding_width()));
        total += least_width(t, i, h, rigid) + padding;
    }
    total > usize::from(width)
}

/// The narrowest column `i` can be: its header's longest word, and for a
/// kept column its widest cell too (the header, not the values, wraps).
fn least_width(t: &Table, i: usize, header: &str, rigid: &[bool]) -> usize {
    let word = header.split_whitespace().map(text_width).max().unwrap_or(1);
    if !rigid.get(i).copied().unwrap_or(false) {
        return word;
    }
    let cells = t
        .row_iter()
        .filter_map(|row| row.cell_iter().nth(i))
        .flat_map(|c| c.content().lines().map(text_width).collect::<Vec<_>>())
        .max()
        .unwrap_or(0);
    word.max(cells)
}

/// The table's records one line per column, `name = value`, the names
/// right-aligned as `.mode line` aligns them, a blank line between
/// records, after a line saying why.
pub fn as_lines(t: &Table, headers: &[String]) -> Vec<String> {
    let pad = headers
        .iter()
        .map(|h| text_width(h))
        .max()
        .unwrap_or(0)
        .max(5);
    let width = t.width().map_or(usize::MAX, usize::from);
    let mut out = note(headers.len(), width);
    for (n, row) in t.row_iter().enumerate() {
        if n > 0 {
            out.push(String::new());
        }
        for (h, c) in headers.iter().zip(row.cell_iter()) {
            let indent = pad.saturating_sub(text_width(h));
            out.push(format!("{:indent$}{h} = {}", "", c.content()));
        }
    }
    out
}

/// The line that says why records come one line per column, wrapped
/// between words to `width`.
pub fn note(columns: usize, width: usize) -> Vec<String> {
    let text = format!(
        "({columns} columns are too wide for this terminal: one line each, as .mode line writes them)"
    );
    wrap(&text, width).split('\n').map(str::to_string).collect()
}

/// Column widths for a borderless layout that fit `width` terminal
/// columns with `gap` between columns: the widest columns narrow first,
/// none below its `least`. None when even the least widths do not fit.
pub fn fit_widths(
    widths: &[usize],
    least: &[usize],
    gap: usize,
    width: usize,
) -> Option<Vec<usize>> {
    let gaps = gap * widths.len().saturating_sub(1);
    let total: usize = widths.iter().sum::<usize>() + gaps;
    if total <= width {
        return Some(widths.to_vec());
    }
    let room = width.checked_sub(gaps)?;
    let least: Vec<usize> = widths
        .iter()
        .zip(least)
        .map(|(w, l)| (*l).clamp(1, *w))
        .collect();
    if least.iter().sum::<usize>() > room {
        return None;
    }
    // The largest cap on each column's width (never below its least)
    // that leaves the columns within the room.
    let capped = |cap: usize| -> usize {
        widths
            .iter()
            .zip(&least)
            .map(|(w, l)| (*w).min(cap.max(*l)))
            .sum()
    };
    let (mut lo, mut hi) = (1, widths.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if capped(mid) <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Some(
        widths
            .iter()
            .zip(&least)
            .map(|(w, l)| (*w).min(lo.max(*l)))
            .collect(),
    )
}

/// `text` with its lines broken between words to at most `width`
/// terminal columns; a word longer than that is cut where it reaches it.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if text_width(line) <= width {
            out.push_str(line);
            continue;
        }
        let mut used = 0;
        for word in line.split(' ') {
            let w = text_width(word);
            if used > 0 && used + 1 + w <= width {
                out.push(' ');
                used += 1;
            } else if used > 0 {
                out.push('\n');
                used = 0;
            }
            if w <= width {
                out.push_str(word);
                used += w;
                continue;
            }
            for c in word.chars() {
                let cw = text_width(c.encode_utf8(&mut [0; 4]));
                if used + cw > width && used > 0 {
                    out.push('\n');
                    used = 0;
                }
                out.push(c);
                used += cw;
            }
        }
    }
    out
}

/// Set each column's limits before comfy-table arranges the table.
pub fn constrain(t: &mut Table, headers: &[String], rigid: &[bool]) {
    for (i, h) in headers.iter().enumerate() {
        let least = least_width(t, i, h, rigid);
        let Some(col) = t.column_mut(i) else { continue };
        let least = u16::try_from(least).unwrap_or(u16::MAX);
        // comfy-table's fixed width counts the column's padding too.
        let width = least.saturating_add(col.padding_width());
        col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
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
    fn numbers_and_dates_in_text_are_kept_whole() {
        for t in [
            "12",
            "-3.5",
            "1e10",
            "2024-01-02",
            "2024-01-02 03:04:05.000000",
            "03:04",
        ] {
            assert!(rigid(&Cell::Text(t.into())), "{t}");
        }
        for t in ["a 12", "12 apples", "2024-01-02 and", "", "x"] {
            assert!(!rigid(&Cell::Text(t.into())), "{t}");
        }
    }

    #[test]
    fn text_wraps_between_words_and_cuts_long_ones() {
        assert_eq!(wrap("a long text here", 6), "a long\ntext\nhere");
        assert_eq!(wrap("abcdefghij", 4), "abcd\nefgh\nij");
        assert_eq!(wrap("x abcdefgh", 4), "x\nabcd\nefgh");
        assert_eq!(wrap("short", 10), "short");
        assert_eq!(wrap("one\ntwo words", 4), "one\ntwo\nword\ns");
        for line in note(4, 50) {
            assert!(line.chars().count() <= 50, "{line}");
            assert!(!line.starts_with(' ') && !line.ends_with(' '), "{line}");
        }
        assert_eq!(note(4, 50).join(" "), note(4, 500).join(" "));
    }

    #[test]
    fn the_widest_columns_narrow_first() {
        assert_eq!(fit_widths(&[2, 10], &[2, 4], 2, 20), Some(vec![2, 10]));
        assert_eq!(
            fit_widths(&[2, 30, 30], &[2, 4, 5], 2, 30),
            Some(vec![2, 12, 12])
        );
        assert_eq!(
            fit_widths(&[2, 30, 5], &[2, 4, 5], 2, 20),
            Some(vec![2, 9, 5])
        );
        assert_eq!(fit_widths(&[20, 30], &[20, 15], 2, 30), None);
        let fitted = fit_widths(&[3, 26, 39, 67], &[2, 4, 5, 3], 2, 50).unwrap();
        assert!(fitted.iter().sum::<usize>() + 6 <= 50, "{fitted:?}");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(expand_tabs("a\tb"), "a       b");
        assert_eq!(expand_tabs("abcdefgh\tb"), "abcdefgh        b");
        assert_eq!(expand_tabs("x\n\ty"), "x\n        y");
    }
}
