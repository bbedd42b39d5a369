//! The output modes against sqlite3's own output and each format's rules.

use super::*;

fn text(mode: Mode) -> String {
    let rows = vec![
        vec![
            Cell::Int(1),
            Cell::Text("alice".into()),
            Cell::Float(1.5),
            Cell::Null,
        ],
        vec![
            Cell::Int(22),
            Cell::Text("bob, \"b\"".into()),
            Cell::Float(10.0),
            Cell::Text("x".into()),
        ],
    ];
    let mut out = Vec::new();
    render(&mut out, mode, &["id", "name", "score", "note"], &rows).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn table_is_sqlite3s() {
    assert_eq!(
        text(Mode::Table),
        "+----+----------+-------+------+\n\
         | id |   name   | score | note |\n\
         +----+----------+-------+------+\n\
         | 1  | alice    | 1.5   | NULL |\n\
         | 22 | bob, \"b\" | 10.0  | x    |\n\
         +----+----------+-------+------+\n"
    );
}

#[test]
fn box_is_sqlite3s() {
    assert_eq!(
        text(Mode::Box),
        "┌────┬──────────┬───────┬──────┐\n\
         │ id │   name   │ score │ note │\n\
         ├────┼──────────┼───────┼──────┤\n\
         │ 1  │ alice    │ 1.5   │ NULL │\n\
         │ 22 │ bob, \"b\" │ 10.0  │ x    │\n\
         └────┴──────────┴───────┴──────┘\n"
    );
}

#[test]
fn markdown_escapes_bars() {
    let mut out = Vec::new();
    render(
        &mut out,
        Mode::Markdown,
        &["a"],
        &[vec![Cell::Text("x|y".into())]],
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "|   a  |\n|------|\n| x\\|y |\n"
    );
}

#[test]
fn csv_quotes_and_leaves_null_empty() {
    assert_eq!(
        text(Mode::Csv),
        "id,name,score,note\n1,alice,1.5,\n22,\"bob, \"\"b\"\"\",10.0,x\n"
    );
}

#[test]
fn json_is_typed() {
    assert_eq!(
        text(Mode::Json),
        "[{\"id\":1,\"name\":\"alice\",\"score\":1.5,\"note\":null},\n\
         {\"id\":22,\"name\":\"bob, \\\"b\\\"\",\"score\":10.0,\"note\":\"x\"}]\n"
    );
    let mut out = Vec::new();
    let stamp = Cell::Stamp {
        shown: "2024-01-02 03:04:05".into(),
        stored: "2024-01-02 03:04:05.000000".into(),
    };
    render(
        &mut out,
        Mode::Json,
        &["t", "b", "f"],
        &[vec![stamp, Cell::Bool(true), Cell::Float(f64::NAN)]],
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "[{\"t\":\"2024-01-02 03:04:05.000000\",\"b\":true,\"f\":null}]\n"
    );
}

#[test]
fn line_right_aligns_names() {
    assert_eq!(
        text(Mode::Line),
        "   id = 1\n name = alice\nscore = 1.5\n note = NULL\n\n   id = 22\n name = bob, \"b\"\nscore = 10.0\n note = x\n"
    );
}

#[test]
fn empty_results() {
    let mut out = Vec::new();
    render(&mut out, Mode::Json, &["a"], &[]).unwrap();
    render(&mut out, Mode::Csv, &["a", "b"], &[]).unwrap();
    render(&mut out, Mode::Line, &["a"], &[]).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "[]\na,b\n");
}

#[test]
fn names_round_trip() {
    for n in MODE_NAMES {
        assert_eq!(Mode::from_name(n).map(Mode::name), Some(*n));
    }
}

/// A narrow terminal: the numbers and dates keep whole, headers break only
/// between words, markdown never wraps, a tab keeps the borders in line.
/// `rows` under `headers` in `mode`, fitted to `width` columns.
fn fitted(mode: Mode, headers: &[&str], rows: &[Vec<Cell>], width: u16) -> String {
    let headers = headers.iter().map(|h| h.to_string()).collect();
    let mut t = Tabulator::new(mode, headers, true)
        .unwrap()
        .fit_width(width);
    let mut out = Vec::new();
    for r in rows {
        t.row(&mut out, r).unwrap();
    }
    t.finish(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// A number's or a date's long header wraps between its words as a text
/// column's does; the values stay whole, and the table stays a table
/// (issue 16, round 2: at 50 columns two labelled columns fell to one
/// line per column, where the terminal broke the date).
#[test]
fn a_kept_columns_long_header_wraps_between_words() {
    let stamp = |s: &str| Cell::Stamp {
        shown: s.into(),
        stored: format!("{s}.000000"),
    };
    let headers = [
        "the identifier number of it",
        "date joined at the company of mine",
    ];
    let rows = vec![
        vec![Cell::Int(61), stamp("2024-01-02 03:04:05")],
        vec![Cell::Int(62), stamp("2025-11-30 23:59:58")],
    ];
    for mode in [Mode::Box, Mode::Table, Mode::Column] {
        let text = fitted(mode, &headers, &rows, 50);
        assert!(!text.contains("too wide"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 50), "{text}");
        for whole in ["2024-01-02 03:04:05", "2025-11-30 23:59:58", "61", "62"] {
            assert!(text.contains(whole), "{whole}: {text}");
        }
        // Each header word whole, between borders and spaces.
        let tokens: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || "|│+-─┌┐└┘├┤┬┴┼".contains(c))
            .collect();
        for word in headers.iter().flat_map(|h| h.split(' ')) {
            assert!(tokens.contains(&word), "{word}: {text}");
        }
    }
    // Where even the values and each header's longest word cannot fit,
    // one line per column.
    let lines = fitted(Mode::Box, &headers, &rows, 24);
    assert!(lines.contains("too wide"), "{lines}");
}

#[test]
fn narrow_terminals_wrap_text_only() {
    let stamp = Cell::Stamp {
        shown: "2024-01-02 03:04:05".into(),
        stored: "2024-01-02 03:04:05.000000".into(),
    };
    let rows = vec![vec![
        Cell::Int(1234567890),
        stamp.clone(),
        Cell::Text("a long text that has to wrap over several lines".into()),
    ]];
    let text = fitted(Mode::Table, &["id", "created at", "body"], &rows, 50);
    assert!(text.contains("1234567890"), "{text}");
    assert!(text.contains("2024-01-02 03:04:05"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 50), "{text}");
    assert!(text.lines().count() > 6, "the body wraps: {text}");
    // The header breaks between its words, not inside one.
    let narrow = fitted(
        Mode::Box,
        &["identifier", "description of the thing"],
        &[vec![
            Cell::Text("x".repeat(60)),
            Cell::Text("y ".repeat(30)),
        ]],
        40,
    );
    assert!(narrow.contains("identifier"), "{narrow}");
    assert!(narrow.contains("description"), "{narrow}");
    // Kept whole when the other columns take most of the room too.
    let crowded = fitted(
        Mode::Table,
        &["the long header of a column", "n", "d", "t"],
        &[vec![
            Cell::Text("a long header name here".into()),
            Cell::Int(1234567890123),
            Cell::Text("2024-01-02 03:04:05".into()),
            Cell::Text("some long text that must wrap in a narrow terminal".into()),
        ]],
        40,
    );
    assert!(crowded.contains("header"), "{crowded}");
    assert!(crowded.contains("column"), "{crowded}");
    // Markdown is never wrapped.
    let md = fitted(Mode::Markdown, &["id", "at", "body"], &rows, 20);
    assert!(
        md.contains("| a long text that has to wrap over several lines |"),
        "{md}"
    );
    // A tab becomes spaces: every line of the table is as wide.
    let tabbed = fitted(
        Mode::Table,
        &["k", "v"],
        &[
            vec![Cell::Text("a\tb".into()), Cell::Int(1)],
            vec![Cell::Text("abc".into()), Cell::Int(2)],
        ],
        80,
    );
    let widths: Vec<usize> = tabbed.lines().map(|l| l.chars().count()).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{tabbed}");
    assert!(!tabbed.contains('\t'), "{tabbed}");
}

/// `.mode column` fitted to 50 columns: the text columns narrow and wrap,
/// the numbers stay whole; too many columns go by lines under a note that
/// breaks between words.
#[test]
fn column_mode_fits_its_width() {
    let fitted = |headers: &[&str], rows: &[Vec<Cell>], width: u16| {
        let headers = headers.iter().map(|h| h.to_string()).collect();
        let mut t = Tabulator::new(Mode::Column, headers, true)
            .unwrap()
            .fit_width(width);
        let mut out = Vec::new();
        for r in rows {
            t.row(&mut out, r).unwrap();
        }
        t.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let rows = vec![vec![
        Cell::Int(1234567890),
        Cell::Text("a very long user name here".into()),
        Cell::Text("someone.with.a.long.address@example.com".into()),
    ]];
    let text = fitted(&["id", "name", "email"], &rows, 30);
    assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
    assert!(text.starts_with("id          name"), "{text}");
    assert!(text.contains("1234567890"), "{text}");
    assert!(text.contains("a very"), "{text}");
    // Fits as it is: sqlite3's layout, untouched.
    let wide = fitted(&["id", "name", "email"], &rows, 200);
    assert_eq!(wide.lines().count(), 3, "{wide}");
    // Cannot fit: by lines, the note wrapped between words.
    let narrow = fitted(&["id", "name", "email"], &rows, 14);
    assert!(narrow.contains("   id = 1234567890\n"), "{narrow}");
    let note: Vec<&str> = narrow.lines().take_while(|l| !l.contains(" = ")).collect();
    assert!(note.iter().all(|l| l.chars().count() <= 14), "{narrow}");
    assert!(
        note.join(" ").starts_with("(3 columns are too wide"),
        "{narrow}"
    );
}
