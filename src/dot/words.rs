//! A dot command's words, quoted as a POSIX shell quotes a command line's
//! arguments, so `.open "a b.db"`, `.open 'a b.db'` and `.open a\ b.db`
//! name the file `ormsh "a b.db"` opens: blanks separate words; a
//! backslash outside quotes keeps the next character as it is; single
//! quotes keep everything up to the next one; double quotes keep
//! everything up to the next unescaped one, where a backslash escapes
//! only `"`, `\`, `$` and `` ` ``. An unclosed quote runs to the end of the
//! line (as sqlite3's shell reads one), so no line is refused here.

use crate::syntax::span::Span;

/// One word: its text with the quoting taken away, and where it was
/// written (byte offsets into the line, quotes included).
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// The words of `line`, whose offsets start at `base` in the whole line.
pub fn split(line: &str, base: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let mut chars = line.char_indices().peekable();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let Some(&(start, _)) = chars.peek() else {
            return words;
        };
        let mut text = String::new();
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            match c {
                '\\' => {
                    if let Some((j, next)) = chars.next() {
                        text.push(next);
                        end = j + next.len_utf8();
                    } else {
                        text.push('\\');
                    }
                }
                '\'' => {
                    for (j, q) in chars.by_ref() {
                        end = j + q.len_utf8();
                        if q == '\'' {
                            break;
                        }
                        text.push(q);
                    }
                }
                '"' => {
                    while let Some((j, q)) = chars.next() {
                        end = j + q.len_utf8();
                        match q {
                            '"' => break,
                            '\\' if chars.peek().is_some_and(|(_, n)| "\"\\$`".contains(*n)) => {
                                if let Some((k, n)) = chars.next() {
                                    text.push(n);
                                    end = k + n.len_utf8();
                                }
                            }
                            _ => text.push(q),
                        }
                    }
                }
                _ => text.push(c),
            }
        }
        words.push(Word {
            text,
            span: Span::new(base + start, base + end),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::split;
    use crate::db_url::shell_quote;

    fn texts(line: &str) -> Vec<String> {
        split(line, 0).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn quoting_as_a_shell() {
        assert_eq!(texts("  a.db  b "), ["a.db", "b"]);
        assert_eq!(texts(r#""a b.db""#), ["a b.db"]);
        assert_eq!(texts("'a b.db'"), ["a b.db"]);
        assert_eq!(texts(r"a\ b.db"), ["a b.db"]);
        assert_eq!(texts(r#"x"y z"'w'"#), ["xy zw"]);
        assert_eq!(texts(r#""a\"b\\c\d""#), [r#"a"b\c\d"#]);
        assert_eq!(texts(r"'a\b'"), [r"a\b"]);
        assert_eq!(texts(r"a\"), [r"a\"]);
        assert_eq!(texts("''"), [""]);
    }

    #[test]
    fn a_word_quoted_for_the_shell_reads_back_as_it_was() {
        assert_eq!(shell_quote("app.db"), "app.db");
        assert_eq!(shell_quote("/tmp/x-1/a_b.db"), "/tmp/x-1/a_b.db");
        assert_eq!(shell_quote("my dir"), "'my dir'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        for text in ["my dir", "it's", "$HOME", "a\"b", "", "x;rm y"] {
            assert_eq!(texts(&shell_quote(text)), [text], "{text:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        assert_eq!(texts("'a b"), ["a b"]);
        assert_eq!(texts(r#"x "a b"#), ["x", "a b"]);
    }

    #[test]
    fn spans_cover_the_written_word() {
        let w = split(r#"ab "c d" é\ f"#, 5);
        let spans: Vec<(u32, u32)> = w.iter().map(|w| (w.span.start, w.span.end)).collect();
        assert_eq!(spans, [(5, 7), (8, 13), (14, 19)]);
    }
}
