//! Script files as Python reads a source file: UTF-8 (a byte that is not
//! is a SyntaxError at its line and column), a byte-order mark at the very
//! start skipped, and universal newlines — `\r\n` and a lone `\r` both end a
//! line, also inside string literals (`"""a\rb"""` is `'a\nb'`). A BOM
//! anywhere else stays, and is the parser's error, as in Python.

/// Where a script stops being UTF-8: line and column (from 1, in
/// characters, lines as Python counts them) and the offending byte.
#[derive(Debug, PartialEq)]
pub struct NotUtf8 {
    pub line: usize,
    pub col: usize,
    pub byte: u8,
}

impl NotUtf8 {
    /// What would work.
    pub const HELP: &str = "save the script as UTF-8, e.g. iconv -t UTF-8 script.orm > fixed.orm";

    /// What went wrong, without the place.
    pub fn what(&self) -> String {
        format!("the input is not UTF-8 text (byte 0x{:02x})", self.byte)
    }

    /// The whole report for the script `name`, in the usual
    /// `FILE:LINE:COL: error: SyntaxError: …` form with its help line.
    pub fn report(&self, name: &str) -> String {
        format!(
            "{name}:{}:{}: error: SyntaxError: {}\nhelp: {}",
            self.line,
            self.col,
            self.what(),
            Self::HELP
        )
    }
}

/// The text of a script, ready for the parser (see the module comment).
pub fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..at];
        // Lines as Python counts them: \r\n, \r and \n each end one.
        let mut line = 1;
        let mut line_start = 0;
        for (i, b) in before.iter().enumerate() {
            let ends = *b == b'\n' || (*b == b'\r' && before.get(i + 1) != Some(&b'\n'));
            if ends {
                line += 1;
                line_start = i + 1;
            }
        }
        let in_line = &before[line_start..];
        let in_line = in_line
            .strip_prefix(b"\xef\xbb\xbf".as_slice())
            .unwrap_or(in_line);
        NotUtf8 {
            line,
            col: String::from_utf8_lossy(in_line).chars().count() + 1,
            byte: bytes[at],
        }
    })?;
    Ok(normalize(text))
}

/// Skip a leading BOM and make every line end `\n`.
pub fn normalize(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `python3 FILE.py` sees in the same bytes.
    #[test]
    fn as_python_reads_source() {
        for (bytes, text) in [
            (&b"x = 1\n"[..], "x = 1\n"),
            (b"\xef\xbb\xbfprint(1)\n", "print(1)\n"),
            (
                b"x = 1\rs = \"\"\"a\rb\"\"\"\r",
                "x = 1\ns = \"\"\"a\nb\"\"\"\n",
            ),
            (b"a\r\nb\r\n", "a\nb\n"),
            (b"a\r\n\rb\n", "a\n\nb\n"),
            (
                b"print(1)\n\xef\xbb\xbfprint(2)\n",
                "print(1)\n\u{feff}print(2)\n",
            ),
        ] {
            assert_eq!(decode(bytes.to_vec()).as_deref(), Ok(text), "{bytes:?}");
        }
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_placed_by_python_lines() {
        let err = decode(b"x = 1\ry = 'a\xff'\n".to_vec()).unwrap_err();
        assert_eq!(
            err,
            NotUtf8 {
                line: 2,
                col: 7,
                byte: 0xff
            }
        );
        assert!(err.report("s.orm").starts_with(
            "s.orm:2:7: error: SyntaxError: the input is not UTF-8 text (byte 0xff)\nhelp: "
        ));
        let err = decode(b"\xef\xbb\xbf\xff".to_vec()).unwrap_err();
        assert_eq!((err.line, err.col), (1, 1));
    }
}
