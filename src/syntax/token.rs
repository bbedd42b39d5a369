//! Tokens produced by the lexer and the token-stream type the nom parsers
//! run on. A `Toks` is a slice of tokens plus a shared parsing context (the
//! source, the nesting depth and the farthest error seen so far).

use std::cell::{Cell, RefCell};

use crate::syntax::span::Span;
use crate::syntax::work;

/// Reserved words (LANGUAGE.md §2 plus `lambda`, `pass` and the words of
/// Python's compound statements).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kw {
    Model,
    For,
    In,
    If,
    Else,
    And,
    Or,
    Not,
    Is,
    None,
    True,
    False,
    Def,
    Return,
    Lambda,
    Pass,
    Elif,
    While,
    Break,
    Continue,
    Try,
    Except,
    Finally,
    With,
    As,
    Class,
    Del,
    Assert,
    Raise,
    Global,
    Nonlocal,
}

impl Kw {
    pub fn from_str(s: &str) -> Option<Kw> {
        Some(match s {
            "model" => Kw::Model,
            "for" => Kw::For,
            "in" => Kw::In,
            "if" => Kw::If,
            "else" => Kw::Else,
            "and" => Kw::And,
            "or" => Kw::Or,
            "not" => Kw::Not,
            "is" => Kw::Is,
            "None" => Kw::None,
            "True" => Kw::True,
            "False" => Kw::False,
            "def" => Kw::Def,
            "return" => Kw::Return,
            "lambda" => Kw::Lambda,
            "pass" => Kw::Pass,
            "elif" => Kw::Elif,
            "while" => Kw::While,
            "break" => Kw::Break,
            "continue" => Kw::Continue,
            "try" => Kw::Try,
            "except" => Kw::Except,
            "finally" => Kw::Finally,
            "with" => Kw::With,
            "as" => Kw::As,
            "class" => Kw::Class,
            "del" => Kw::Del,
            "assert" => Kw::Assert,
            "raise" => Kw::Raise,
            "global" => Kw::Global,
            "nonlocal" => Kw::Nonlocal,
            _ => return None,
        })
    }
}

/// A string literal token: the prefix flags and the span of the text between
/// the quotes (escapes are decoded later, by `literal`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StrTok {
    pub raw: bool,
    pub bytes: bool,
    pub fmt: bool,
    pub body: Span,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tok {
    Name,
    Kw(Kw),
    /// An integer literal; `None` when it does not even fit in a u64.
    Int(Option<u64>),
    Float(f64),
    Str(StrTok),
    /// Punctuation and operators, e.g. `"("`, `"**"`, `"//="`.
    P(&'static str),
    /// End of a logical line (only emitted outside brackets).
    Newline,
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token {
    pub kind: Tok,
    pub span: Span,
}

/// What the parse of one chunk shares between all parsers.
pub struct Cx<'a> {
    pub src: &'a str,
    pub toks: &'a [Token],
    /// Current nesting depth (brackets, unary operators, calls…).
    pub depth: Cell<usize>,
    /// The farthest point any parser failed at, and what was expected there.
    pub far: RefCell<Far>,
    /// True while parsing the members of a model block.
    pub in_model: Cell<bool>,
    /// For each token: is it outside every bracket?
    pub outside: Vec<bool>,
    /// How many loops enclose the statement being parsed (within the
    /// innermost `def`): `break` and `continue` need one.
    pub loops: Cell<usize>,
    /// How many `def`s enclose it: `return` needs one.
    pub funcs: Cell<usize>,
}

#[derive(Default, Debug)]
pub struct Far {
    /// Index of the token where the failure happened (usize::MAX: none yet).
    pub idx: Option<usize>,
    pub expected: Vec<&'static str>,
}

impl<'a> Cx<'a> {
    pub fn new(src: &'a str, toks: &'a [Token]) -> Cx<'a> {
        work::tick(toks.len());
        let mut level = 0usize;
        let outside = toks
            .iter()
            .map(|t| {
                let here = level == 0;
                match t.kind {
                    Tok::P("(" | "[" | "{") => level += 1,
                    Tok::P(")" | "]" | "}") => level = level.saturating_sub(1),
                    _ => {}
                }
                here
            })
            .collect();
        Cx {
            src,
            toks,
            depth: Cell::new(0),
            far: RefCell::new(Far::default()),
            in_model: Cell::new(false),
            outside,
            loops: Cell::new(0),
            funcs: Cell::new(0),
        }
    }

    /// Does a `>` at token `idx` close the model block being parsed?
    pub fn gt_closes(&self, idx: usize) -> bool {
        self.in_model.get() && self.outside.get(idx).copied().unwrap_or(false)
    }

    /// Remember that `what` was expected at token `idx`; keep the farthest.
    pub fn expect(&self, idx: usize, what: &'static str) {
        let mut far = self.far.borrow_mut();
        match far.idx {
            Some(f) if f > idx => {}
            Some(f) if f == idx => {
                if !far.expected.contains(&what) {
                    far.expected.push(what);
                }
            }
            _ => {
                far.idx = Some(idx);
                far.expected.clear();
                far.expected.push(what);
            }
        }
    }
}

/// The parser input: the tokens still to parse and the shared context.
#[derive(Clone, Copy)]
pub struct Toks<'a> {
    pub toks: &'a [Token],
    pub cx: &'a Cx<'a>,
}

impl<'a> Toks<'a> {
    /// The next token (the stream always ends with `Eof`, which is never consumed).
    pub fn peek(&self) -> &'a Token {
        work::tick(1);
        self.toks
            .first()
            .unwrap_or_else(|| self.cx.toks.last().expect("eof"))
    }
    pub fn peek_at(&self, n: usize) -> &'a Token {
        work::tick(1);
        self.toks
            .get(n)
            .unwrap_or_else(|| self.cx.toks.last().expect("eof"))
    }
    pub fn kind(&self) -> Tok {
        self.peek().kind
    }
    /// Index of the next token in the whole chunk.
    pub fn idx(&self) -> usize {
        self.cx.toks.len() - self.toks.len()
    }
    pub fn advance(&self, n: usize) -> Toks<'a> {
        Toks {
            toks: &self.toks[n.min(self.toks.len().saturating_sub(1))..],
            cx: self.cx,
        }
    }
    pub fn text(&self, span: Span) -> &'a str {
        &self.cx.src[span.range()]
    }
    /// Is the next token the punctuation `p`?
    pub fn is(&self, p: &str) -> bool {
        matches!(self.kind(), Tok::P(q) if q == p)
    }
    pub fn is_kw(&self, k: Kw) -> bool {
        self.kind() == Tok::Kw(k)
    }
}

impl<'a> nom::Input for Toks<'a> {
    type Item = &'a Token;
    type Iter = std::slice::Iter<'a, Token>;
    type IterIndices = std::iter::Enumerate<std::slice::Iter<'a, Token>>;

    fn input_len(&self) -> usize {
        self.toks.len()
    }
    fn take(&self, index: usize) -> Self {
        Toks {
            toks: &self.toks[..index],
            cx: self.cx,
        }
    }
    fn take_from(&self, index: usize) -> Self {
        Toks {
            toks: &self.toks[index..],
            cx: self.cx,
        }
    }
    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }
    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        let at = self.toks.iter().position(predicate);
        work::tick(at.map_or(self.toks.len(), |k| k + 1));
        at
    }
    fn iter_elements(&self) -> Self::Iter {
        self.toks.iter()
    }
    fn iter_indices(&self) -> Self::IterIndices {
        self.toks.iter().enumerate()
    }
    fn slice_index(&self, count: usize) -> Result<usize, nom::Needed> {
        if self.toks.len() >= count {
            Ok(count)
        } else {
            Err(nom::Needed::new(count - self.toks.len()))
        }
    }
}
