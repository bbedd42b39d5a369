//! Error rendering in one place: `error: Kind: message`, the source line
//! with a caret under the spot, and `help:` — or, in scripts,
//! `FILE:LINE:COL: error: Kind: message` followed by the same snippet.

use std::borrow::Cow;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::error::{Error, InFunction};

/// Where a chunk of source came from.
pub struct Origin<'a> {
    /// `<stdin>`, a file name, or None at the interactive prompt.
    pub file: Option<&'a str>,
    /// The line number of the chunk's first line.
    pub first_line: usize,
}

/// Render an error about `source` (the chunk it happened in).
pub fn render(err: &Error, source: &str, origin: &Origin) -> String {
    let title = if err.message.is_empty() {
        err.kind.name().to_string()
    } else if err.kind.name().is_empty() {
        printable(&clip(&err.message)).to_string()
    } else {
        format!("{}: {}", err.kind.name(), printable(&clip(&err.message)))
    };
    let mut out = String::new();
    let span = err.span.map(|s| {
        let start = (s.start as usize).min(source.len());
        let end = (s.end as usize).clamp(start, source.len());
        (floor_char(source, start), floor_char(source, end))
    });
    if let Some(file) = origin.file {
        let (line, col) = match span {
            Some((start, _)) => line_col(source, start),
            None => (0, 0),
        };
        out.push_str(&format!(
            "{file}:{}:{}: error: {title}\n",
            origin.first_line + line,
            col + 1
        ));
    }
    match span {
        Some((start, end)) if !source.is_empty() => {
            let end = if end == start {
                next_char(source, start)
            } else {
                end
            };
            let snippet = Snippet::source(source)
                .line_start(origin.first_line)
                .annotation(AnnotationKind::Primary.span(start..end));
            let report = &[Level::ERROR.primary_title(title.as_str()).element(snippet)];
            let text = Renderer::plain().render(report);
            // The file form already printed its own first line, with the
            // whole title (a PostgreSQL message has its DETAIL line).
            let text = if origin.file.is_some() {
                let title_lines = title.matches('\n').count() + 1;
                text.splitn(title_lines + 1, '\n')
                    .nth(title_lines)
                    .unwrap_or_default()
                    .to_string()
            } else {
                text
            };
            out.push_str(text.trim_end());
            out.push('\n');
        }
        _ => {
            if origin.file.is_none() {
                out.push_str(&format!("error: {title}\n"));
            }
        }
    }
    if let Some(help) = &err.help {
        out.push_str(&format!("help: {}\n", printable(help)));
    }
    out
}

/// Render an error raised inside a `def`'s body (`err.frame`): the spot
/// in the function's own source, as the last frame of Python's traceback
/// shows it, then a note naming the function and the line of `caller`
/// (the chunk that ran, from `origin`) that called it.
pub fn render_in_function(
    err: &Error,
    frame: &InFunction,
    caller: &str,
    origin: &Origin,
) -> String {
    let at = Origin {
        file: frame.source.file.as_deref().or(origin.file),
        first_line: frame.source.first_line,
    };
    let bare = Error {
        help: None,
        ..err.clone()
    };
    let mut out = render(&bare, &frame.source.text, &at);
    let called = err.called_at.map(|s| {
        let start = floor_char(caller, (s.start as usize).min(caller.len()));
        origin.first_line + line_col(caller, start).0
    });
    out.push_str(&format!("note: raised in {}()", frame.name));
    match (called, origin.file) {
        (Some(line), Some(file)) => out.push_str(&format!(", called at {file}:{line}\n")),
        (Some(line), None) => out.push_str(&format!(", called at line {line}\n")),
        (None, _) => out.push('\n'),
    }
    if let Some(help) = &err.help {
        out.push_str(&format!("help: {}\n", printable(help)));
    }
    out
}

/// Text safe to print on a terminal: control characters (an ESC that
/// SQLite repeats from the SQL, a carriage return) and the bidirectional
/// overrides that reorder a line are written as Python escapes (`\x1b`,
/// `\r`, `\u202e`); line breaks stay.
pub fn printable(text: &str) -> Cow<'_, str> {
    let odd = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(odd) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if odd(c) && (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if odd(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Messages longer than this many bytes are shown clipped.
const MAX_MESSAGE: usize = 500;

/// The message, with its middle left out when it is longer than
/// [`MAX_MESSAGE`]: a message may quote what was typed (a 10 MB name, a
/// huge literal), and echoing all of it helps no one.
fn clip(message: &str) -> Cow<'_, str> {
    if message.len() <= MAX_MESSAGE {
        return message.into();
    }
    let head = floor_char(message, MAX_MESSAGE * 3 / 5);
    let tail = floor_char(message, message.len() - MAX_MESSAGE / 5);
    format!(
        "{} … ({} characters left out) … {}",
        &message[..head],
        message[head..tail].chars().count(),
        &message[tail..]
    )
    .into()
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn next_char(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(i, |c| i + c.len_utf8())
}

/// Zero-based line and column (in characters) of a byte offset.
fn line_col(source: &str, at: usize) -> (usize, usize) {
    let before = &source[..at];
    let line = before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, col)
}

/// A rendered error for a terminal `width` columns wide: its message,
/// `help:` and `note:` lines broken between words (by the function that
/// breaks warnings and the tutorial's narration,
/// `tutorial::wrap_lines`), not by the terminal inside a word; the
/// source lines and the caret under them as they are.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if is_snippet_row(line) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        for part in crate::tutorial::wrap_lines(line, Some(width)) {
            out.push_str(&part);
            out.push('\n');
        }
    }
    out
}

/// A row of the source snippet: `  |`, `12 | code`, `  |   ^^^`.
fn is_snippet_row(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    digits.trim_start().starts_with('|')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's `repr` escapes for the same characters.
    #[test]
    fn control_characters_are_escaped() {
        for (text, shown) in [
            ("plain text", "plain text"),
            (
                "unrecognized token: \"\x1b\"",
                "unrecognized token: \"\\x1b\"",
            ),
            ("a\tb\rc\u{7f}\u{85}", "a\\tb\\rc\\x7f\\x85"),
            ("two\nlines", "two\nlines"),
            ("abc\u{202e}def", "abc\\u202edef"),
            ("café ✓", "café ✓"),
        ] {
            assert_eq!(printable(text), shown, "{text:?}");
        }
    }

    #[test]
    fn long_messages_are_clipped_in_the_middle() {
        assert_eq!(clip("name 'x' is not defined"), "name 'x' is not defined");
        let name = "é".repeat(1_000_000);
        let message = format!("name '{name}' is not defined");
        let shown = clip(&message);
        assert!(shown.len() < MAX_MESSAGE + 60, "{}", shown.len());
        assert!(shown.starts_with("name 'éé") && shown.ends_with("éé' is not defined"));
        assert!(shown.contains(" characters left out) … "), "{shown}");
    }

    /// A message of several lines (PostgreSQL's, with its DETAIL) is
    /// written once in a script's `FILE:LINE:COL: error:` form.
    #[test]
    fn a_message_of_several_lines_is_written_once() {
        let err = Error::new(
            crate::error::ErrorKind::IntegrityError,
            "duplicate key\nDETAIL:  Key (n)=(a) already exists.",
        )
        .at(crate::syntax::span::Span::new(0, 5));
        let origin = Origin {
            file: Some("s.orm"),
            first_line: 1,
        };
        let shown = render(&err, "x = 1", &origin);
        assert_eq!(shown.matches("DETAIL").count(), 1, "{shown}");
        assert!(
            shown.starts_with("s.orm:1:1: error: IntegrityError: duplicate key\nDETAIL:  Key"),
            "{shown}"
        );
        assert!(shown.contains("x = 1"), "{shown}");
    }

    #[test]
    fn a_message_and_its_help_break_between_words_and_the_source_stays() {
        let text = "error: NameError: name 'Foo' is not defined\n  |\n1 | db.session.query(Foo).all()\n  |                  ^^^\nhelp: ormsh provides the modules flask, flask_sqlalchemy\n";
        let fitted = fit(text, 30);
        assert_eq!(
            fitted,
            "error: NameError: name 'Foo'\nis not defined\n  |\n1 | db.session.query(Foo).all()\n  |                  ^^^\nhelp: ormsh provides the\nmodules flask,\nflask_sqlalchemy\n"
        );
        assert_eq!(fit(text, 80), text, "all fits");
    }
}
