//! One entry at the shell's prompt is one statement, as Python's console
//! compiles what is typed ('single' mode): a compound statement's block
//! ends with an empty line, so a line at the left margin typed while the
//! block is open (and not one of its clauses, `else:`, `except:`, …)
//! makes the whole entry Python's `SyntaxError: invalid syntax`, and
//! nothing of it runs. Scripts (`-f`, `.read`, piped input) are read as
//! Python reads a file: there the dedent just ends the block (`chunks`).

use crate::error::Error;
use crate::syntax::chunks::chunks;
use crate::syntax::span::Span;

/// Is `entry` one statement? Otherwise the error marks the line that
/// starts the second.
pub fn one_statement(entry: &str) -> Result<(), Error> {
    let mut pieces = chunks(entry);
    let (Some(_), Some(second)) = (pieces.next(), pieces.next()) else {
        return Ok(());
    };
    let line_start: usize = entry
        .split_inclusive('\n')
        .take(second.first_line - 1)
        .map(str::len)
        .sum();
    let line = entry[line_start..].lines().next().unwrap_or("");
    let indent = line.len() - line.trim_start().len();
    let start = line_start + indent;
    let end = line_start + line.trim_end().len();
    Err(
        Error::syntax("invalid syntax", Span::new(start, end.max(start)))
            .with_help("at the prompt a block ends with an empty line: press Enter on an empty line before the next statement"),
    )
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
        let e = one_statement("if a:\n    x = 1\ny = 2\n").unwrap_err();
        assert_eq!(e.message, "invalid syntax");
        let span = e.span.expect("a span");
        assert_eq!((span.start, span.end), (16, 21));
    }
}
