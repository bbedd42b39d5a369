//! One entry at the shell's prompt, as Python's console reads it: a
//! compound statement's block ends with an empty line, so a line at the
//! left margin typed after a block (and not one of its clauses, `else:`,
//! `except:`, …) makes the whole entry Python's `SyntaxError: invalid
//! syntax`, and nothing of it runs. Simple statements typed on lines of
//! one entry (Alt-Enter or Ctrl-J between them, or pasted) are what the
//! console would have read one line at a time: they run in order. A
//! header with no body (`class A:` then a line at the margin) is left to
//! the parser, whose IndentationError says what is missing. Scripts
//! (`-f`, `.read`, piped input) are read as Python reads a file: there
//! the dedent just ends the block (`chunks`).

use crate::error::Error;
use crate::syntax::chunks::chunks;
use crate::syntax::complete::is_compound;
use crate::syntax::span::Span;
use crate::syntax::token::Kw;

/// Can `entry` run as typed at the prompt? Otherwise the error marks the
/// line after a block that starts another statement.
pub fn one_statement(entry: &str) -> Result<(), Error> {
    let mut pieces = chunks(entry).peekable();
    while let (Some(piece), Some(second)) = (pieces.next(), pieces.peek()) {
        if !has_block(&piece.text) {
            continue;
        }
        let line_start: usize = entry
            .split_inclusive('\n')
            .take(second.first_line - 1)
            .map(str::len)
            .sum();
        let line = entry[line_start..].lines().next().unwrap_or("");
        let indent = line.len() - line.trim_start().len();
        let start = line_start + indent;
        let end = line_start + line.trim_end().len();
        return Err(
            Error::syntax("invalid syntax", Span::new(start, end.max(start)))
                .with_help("at the prompt a block ends with an empty line: press Enter on an empty line before the next statement"),
        );
    }
    Ok(())
}

/// Is `text` a compound statement (or a decorated one) with a body?
fn has_block(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let Some(head) = lines.next() else {
        return false;
    };
    let word_end = head
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(head.len());
    let compound =
        head.starts_with('@') || Kw::from_str(&head[..word_end]).is_some_and(is_compound);
    compound && lines.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::one_statement;

    #[test]
    fn a_line_at_the_margin_inside_an_open_block_is_refused() {
        assert!(one_statement("if a:\n    x = 1\n").is_ok());
        assert!(one_statement("if a:\n    x = 1\nelse:\n    x = 2\n").is_ok());
        assert!(one_statement("x = 1\n").is_ok());
        assert!(one_statement("def f():\n    a\n\n    b\n").is_ok());
        // Simple statements on lines of one entry run in order.
        assert!(one_statement("a = 1\nb = 2\n").is_ok());
        assert!(one_statement("a = 1\nif a:\n    b = 2\n").is_ok());
        // A header without its body: the parser says what is missing.
        assert!(one_statement("class A:\nx = 1\n").is_ok());
        let e = one_statement("if a:\n    x = 1\ny = 2\n").unwrap_err();
        assert_eq!(e.message, "invalid syntax");
        let span = e.span.expect("a span");
        assert_eq!((span.start, span.end), (16, 21));
    }
}
