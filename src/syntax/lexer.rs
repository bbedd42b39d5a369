//! The lexer: source text to tokens with byte spans. Owns whitespace,
//! comments, backslash continuations, logical newlines (suppressed inside
//! brackets), bracket matching and the raw shape of numbers and strings.
//! Small nom parsers recognise numbers and operators; the loop around them
//! keeps the bracket stack so bracket errors point at the right bracket.

use nom::IResult;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while1};
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{opt, recognize};
use nom::multi::many0;
use nom::sequence::pair;

use crate::syntax::span::Span;
use crate::syntax::token::{Kw, StrTok, Tok, Token};
use crate::syntax::work;

/// Why lexing stopped early.
#[derive(Clone, Debug, PartialEq)]
pub enum LexErrKind {
    /// A `'''`/`"""` string runs to the end of the input.
    OpenTripleQuote,
    /// A bracket is still open at the end of the input.
    OpenBracket,
    /// The input ends with a backslash continuation.
    TrailingBackslash,
    /// Anything else: a hard syntax error.
    Invalid,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LexError {
    pub kind: LexErrKind,
    pub message: String,
    pub span: Span,
}

/// The tokens (always ending with `Eof` when `error` is None) and the error
/// that stopped the lexer, if any.
pub struct Lexed {
    pub toks: Vec<Token>,
    pub error: Option<LexError>,
}

/// Operators and punctuation, longest first.
const PUNCT: &[&str] = &[
    "...", "//=", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "|=", "&=",
    "^=", ":=", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=", "+", "-", "*", "/", "%",
    "<", ">", "|", "^", "&", "~", "@",
];

/// Python's identifiers: letters of any script (`café`, `naïve`), digits
/// after the first, `_`.
/// Does the text after a `model` open a model block: a name that is no
/// keyword, on the same line (`model User <`)? Else `model` is an
/// ordinary name (`model = 'User'`, `def f(session, model):`, `for model
/// in models:`, a column named `model`), as no name follows a name in
/// Python's own statements.
/// Does the text after a `model` open a model block (a name that is not
/// a keyword follows)? The lexer, the highlighter and the completer read
/// the soft keyword by it.
pub fn opens_model_block(after: &str) -> bool {
    let t = after.trim_start_matches([' ', '\t']);
    if !t.starts_with(is_name_start) {
        return false;
    }
    let end = t.find(|c: char| !is_name_char(c)).unwrap_or(t.len());
    Kw::from_str(&t[..end]).is_none()
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `1_000`-style digit runs.
fn digits(s: &str) -> IResult<&str, &str> {
    recognize(pair(digit1, many0(pair(opt(char('_')), digit1)))).parse(s)
}

fn radix_digits(s: &str) -> IResult<&str, &str> {
    recognize(pair(
        opt(char('_')),
        take_while1(|c: char| c.is_ascii_hexdigit() || c == '_'),
    ))
    .parse(s)
}

/// A non-decimal integer: `0x1F`, `0o17`, `0b101`.
fn radix_int(s: &str) -> IResult<&str, (&str, &str)> {
    pair(
        alt((tag_no_case("0x"), tag_no_case("0o"), tag_no_case("0b"))),
        radix_digits,
    )
    .parse(s)
}

fn exponent(s: &str) -> IResult<&str, &str> {
    recognize((one_of("eE"), opt(one_of("+-")), digits)).parse(s)
}

/// A decimal number: `42`, `3.14`, `1e-3`, `.5`, `5.`.
fn decimal(s: &str) -> IResult<&str, &str> {
    alt((
        recognize((digits, opt(pair(char('.'), opt(digits))), opt(exponent))),
        recognize((char('.'), digits, opt(exponent))),
    ))
    .parse(s)
}

fn punct(s: &str) -> Option<&'static str> {
    // The first byte rules out nearly every candidate without a compare.
    let first = *s.as_bytes().first()?;
    PUNCT
        .iter()
        .copied()
        .find(|p| p.as_bytes()[0] == first && s.starts_with(p))
}

struct Lexer<'a> {
    src: &'a str,
    /// Offset of `src` inside the chunk (non-zero for f-string fields).
    base: usize,
    pos: usize,
    toks: Vec<Token>,
    brackets: Vec<(char, Span)>,
}

/// Tokenize `src`, whose first byte is at offset `base` of the chunk.
pub fn lex(src: &str, base: usize) -> Lexed {
    let mut lx = Lexer {
        src,
        base,
        pos: 0,
        // About one token per three bytes of ordinary code: one allocation.
        toks: Vec::with_capacity(src.len() / 3 + 1),
        brackets: Vec::new(),
    };
    let error = lx.run().err();
    if error.is_none() {
        let end = Span::new(base + src.len(), base + src.len());
        lx.toks.push(Token {
            kind: Tok::Eof,
            span: end,
        });
    }
    Lexed {
        toks: lx.toks,
        error,
    }
}

impl<'a> Lexer<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    fn err(
        &self,
        kind: LexErrKind,
        message: impl Into<String>,
        start: usize,
        end: usize,
    ) -> LexError {
        LexError {
            kind,
            message: message.into(),
            span: self.span(start, end),
        }
    }

    fn push(&mut self, kind: Tok, start: usize, end: usize) {
        let span = self.span(start, end);
        self.toks.push(Token { kind, span });
        self.pos = end;
    }

    fn run(&mut self) -> Result<(), LexError> {
        while let Some(c) = self.src[self.pos..].chars().next() {
            work::tick(1);
            let start = self.pos;
            let rest = &self.src[start..];
            match c {
                ' ' | '\t' | '\r' | '\x0c' => self.pos += 1,
                '#' => {
                    let len = rest.find('\n').unwrap_or(rest.len());
                    work::tick(len);
                    self.pos += len;
                }
                '\\' => {
                    let after = &rest[1..];
                    let after = after.strip_prefix('\r').unwrap_or(after);
                    if after.starts_with('\n') {
                        self.pos = self.src.len() - after.len() + 1;
                    } else if after.trim_matches([' ', '\t', '\r']).is_empty() {
                        return Err(self.err(
                            LexErrKind::TrailingBackslash,
                            "unexpected end of input after line continuation character",
                            start,
                            start + 1,
                        ));
                    } else {
                        return Err(self.err(
                            LexErrKind::Invalid,
                            "unexpected character after line continuation character",
                            start,
                            start + 1,
                        ));
                    }
                }
                '\n' => {
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, start, start + 1);
                    } else {
                        self.pos += 1;
                    }
                }
                '0'..='9' => self.number(start)?,
                '.' if rest[1..].starts_with(|c: char| c.is_ascii_digit()) => self.number(start)?,
                '\'' | '"' => self.string(start, start, "")?,
                c if is_name_start(c) => {
                    let len = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
                    let word = &rest[..len];
                    let next = rest[len..].chars().next();
                    if matches!(next, Some('\'' | '"')) && is_string_prefix(word) {
                        self.string(start, start + len, word)?;
                    } else {
                        let kind = match Kw::from_str(word) {
                            // `model` is a soft keyword (as Python's
                            // `match`): only before a model's name.
                            Some(Kw::Model) if !opens_model_block(&rest[len..]) => Tok::Name,
                            k => k.map_or(Tok::Name, Tok::Kw),
                        };
                        self.push(kind, start, start + len);
                    }
                }
                _ => match punct(rest) {
                    Some(p) => {
                        self.bracket(p, start)?;
                        self.push(Tok::P(p), start, start + p.len());
                    }
                    None => {
                        let msg = if c == '!' {
                            "invalid syntax: '!' is only used in '!='".to_string()
                        } else if c == '`' || c == '$' || c == '?' {
                            format!("invalid syntax: unexpected character '{c}'")
                        } else {
                            if c.is_control() || c.is_whitespace() {
                                format!("invalid character U+{:04X}", c as u32)
                            } else {
                                format!("invalid character '{c}' (U+{:04X})", c as u32)
                            }
                        };
                        return Err(self.err(
                            LexErrKind::Invalid,
                            msg,
                            start,
                            start + c.len_utf8(),
                        ));
                    }
                },
            }
        }
        if let Some(&(open, span)) = self.brackets.last() {
            return Err(LexError {
                kind: LexErrKind::OpenBracket,
                message: format!("'{open}' was never closed"),
                span,
            });
        }
        Ok(())
    }

    fn bracket(&mut self, p: &str, start: usize) -> Result<(), LexError> {
        let c = p.chars().next().unwrap_or(' ');
        match c {
            '(' | '[' | '{' => {
                self.brackets.push((c, self.span(start, start + 1)));
            }
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match self.brackets.pop() {
                    None => {
                        return Err(self.err(
                            LexErrKind::Invalid,
                            format!("unexpected '{c}'"),
                            start,
                            start + 1,
                        ));
                    }
                    Some((open, _)) if open != want => {
                        return Err(self.err(
                            LexErrKind::Invalid,
                            format!("closing '{c}' does not match opening '{open}'"),
                            start,
                            start + 1,
                        ));
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn number(&mut self, start: usize) -> Result<(), LexError> {
        let rest = &self.src[start..];
        let bad = |lx: &Self, len: usize| {
            lx.err(
                LexErrKind::Invalid,
                "invalid number literal",
                start,
                start + len.max(1),
            )
        };
        let (kind, len) = if let Ok((after, (prefix, body))) = radix_int(rest) {
            let len = rest.len() - after.len();
            let radix = match prefix.as_bytes()[1] {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                _ => 2,
            };
            let clean: String = body.chars().filter(|&c| c != '_').collect();
            if body.ends_with('_') || body.contains("__") || clean.is_empty() {
                return Err(bad(self, len));
            }
            match u64::from_str_radix(&clean, radix) {
                Ok(v) => (Tok::Int(Some(v)), len),
                Err(e) if matches!(e.kind(), std::num::IntErrorKind::PosOverflow) => {
                    (Tok::Int(None), len)
                }
                Err(_) => {
                    let what = match radix {
                        16 => "hexadecimal",
                        8 => "octal",
                        _ => "binary",
                    };
                    return Err(self.err(
                        LexErrKind::Invalid,
                        format!("invalid digit in {what} literal"),
                        start,
                        start + len,
                    ));
                }
            }
        } else {
            let Ok((after, text)) = decimal(rest) else {
                return Err(bad(self, 1));
            };
            let len = rest.len() - after.len();
            let clean: String = text.chars().filter(|&c| c != '_').collect();
            if clean.contains(['.', 'e', 'E']) {
                match clean.parse::<f64>() {
                    Ok(v) => (Tok::Float(v), len),
                    Err(_) => return Err(bad(self, len)),
                }
            } else {
                if clean.len() > 1 && clean.starts_with('0') && clean.bytes().any(|b| b != b'0') {
                    return Err(self.err(
                        LexErrKind::Invalid,
                        "leading zeros in decimal integer literals are not permitted; use 0o for octal",
                        start,
                        start + len,
                    ));
                }
                (Tok::Int(clean.parse::<u64>().ok()), len)
            }
        };
        let after = &rest[len..];
        if let Some(c) = after.chars().next() {
            if c == 'j' || c == 'J' {
                return Err(self.err(
                    LexErrKind::Invalid,
                    "complex numbers are not supported",
                    start,
                    start + len + 1,
                ));
            }
            if is_name_char(c) {
                let extra = after
                    .find(|c: char| !is_name_char(c))
                    .unwrap_or(after.len());
                return Err(self.err(
                    LexErrKind::Invalid,
                    "invalid decimal literal",
                    start,
                    start + len + extra,
                ));
            }
        }
        self.push(kind, start, start + len);
        Ok(())
    }

    /// A string starting at `start` (its prefix) whose quote is at `q`.
    fn string(&mut self, start: usize, q: usize, prefix: &str) -> Result<(), LexError> {
        let lower = prefix.to_ascii_lowercase();
        let raw = lower.contains('r');
        let bytes = lower.contains('b');
        let fmt = lower.contains('f');
        let rest = &self.src[q..];
        let quote = &rest[..1];
        let triple = rest.starts_with(&quote.repeat(3));
        let qlen = if triple { 3 } else { 1 };
        let closing = &rest[..qlen];
        let body_start = q + qlen;
        let bytes_of = self.src.as_bytes();
        let mut i = body_start;
        loop {
            work::tick(1);
            if i >= self.src.len() {
                return Err(if triple {
                    self.err(
                        LexErrKind::OpenTripleQuote,
                        "unterminated triple-quoted string literal",
                        start,
                        body_start,
                    )
                } else {
                    self.err(LexErrKind::Invalid, "unterminated string literal", start, i)
                });
            }
            let b = bytes_of[i];
            if b == b'\\' {
                // An escaped character never ends the string (raw strings too).
                i += 1;
                if i < self.src.len() {
                    i += self.src[i..].chars().next().map_or(1, char::len_utf8);
                }
                continue;
            }
            if b == b'\n' && !triple {
                return Err(self.err(LexErrKind::Invalid, "unterminated string literal", start, i));
            }
            if self.src[i..].starts_with(closing) {
                break;
            }
            i += self.src[i..].chars().next().map_or(1, char::len_utf8);
        }
        let body = self.span(body_start, i);
        if bytes && !self.src[body_start..i].is_ascii() {
            return Err(self.err(
                LexErrKind::Invalid,
                "bytes can only contain ASCII literal characters",
                start,
                i + qlen,
            ));
        }
        self.push(
            Tok::Str(StrTok {
                raw,
                bytes,
                fmt,
                body,
            }),
            start,
            i + qlen,
        );
        Ok(())
    }
}

/// `r b f u rb br rf fr` in any case.
fn is_string_prefix(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    matches!(
        w.as_str(),
        "r" | "b" | "f" | "u" | "rb" | "br" | "rf" | "fr"
    )
}
