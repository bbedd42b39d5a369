//! Error rendering in one place: `error: Kind: message`, the source line
//! with a caret under the spot, and `help:` — or, in scripts,
//! `FILE:LINE:COL: error: Kind: message` followed by the same snippet.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::error::Error;

/// Where a chunk of source came from.
pub struct Origin<'a> {
    /// `<stdin>`, a file name, or None at the interactive prompt.
    pub file: Option<&'a str>,
    /// The line number of the chunk's first line.
    pub first_line: usize,
}

/// Render an error about `source` (the chunk it happened in).
pub fn render(err: &Error, source: &str, origin: &Origin) -> String {
    let title = format!("{}: {}", err.kind.name(), err.message);
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
            // The file form already printed its own first line.
            let text = if origin.file.is_some() {
                text.split_once('\n')
                    .map(|x| x.1.to_string())
                    .unwrap_or_default()
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
        out.push_str(&format!("help: {help}\n"));
    }
    out
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
