//! Evaluated call arguments: positional values and keywords with their spans,
//! with helpers that check counts and types and say what was expected.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::surface::Sig;
use crate::syntax::span::Span;
use crate::value::Value;

pub struct Args {
    /// The function's name, for messages.
    pub name: Rc<str>,
    pub pos: Vec<Value>,
    pub pos_spans: Vec<Span>,
    pub kw: Vec<(Rc<str>, Value, Span)>,
    /// The span of the whole call.
    pub span: Span,
}

impl Args {
    pub fn new(name: &str, pos: Vec<Value>) -> Args {
        Args {
            name: Rc::from(name),
            pos_spans: vec![Span::default(); pos.len()],
            pos,
            kw: Vec::new(),
            span: Span::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    /// Take a keyword argument out.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _, _)| &**k == name)?;
        Some(self.kw.remove(i).1)
    }

    /// Positional `i` or keyword `name`.
    pub fn arg(&mut self, i: usize, name: &str) -> Option<Value> {
        if let Some(v) = self.take_kw(name) {
            return Some(v);
        }
        self.pos.get(i).cloned()
    }

    /// Keyword `name` as positional argument `i`, the last of the
    /// function's (Python's positional-or-keyword parameter, as
    /// `int(x, base=2)`): the keyword moves into place. Given both ways, or
    /// with a positional argument missing before it, it is Python's
    /// TypeError.
    pub fn keyword_at(&mut self, i: usize, name: &str) -> Result<()> {
        let Some(at) = self.kw.iter().position(|(k, _, _)| &**k == name) else {
            return Ok(());
        };
        let n = self.pos.len();
        if n != i {
            let msg = if n > i {
                format!(
                    "{}() takes at most {} arguments ({} given)",
                    self.name,
                    i + 1,
                    n + self.kw.len()
                )
            } else {
                format!(
                    "{}() takes at least {i} positional argument{} ({n} given)",
                    self.name,
                    if i == 1 { "" } else { "s" }
                )
            };
            return Err(Error::type_(msg).at(self.kw[at].2));
        }
        let (_, v, span) = self.kw.remove(at);
        self.pos.push(v);
        self.pos_spans.push(span);
        Ok(())
    }

    pub fn span_of(&self, i: usize) -> Span {
        self.pos_spans.get(i).copied().unwrap_or(self.span)
    }

    /// Check the keywords against a method's signature before it runs:
    /// those it ignores (with SQLAlchemy's reason) are dropped, those it
    /// uses stay for it to take, and any other is a `TypeError` naming the
    /// accepted ones.
    pub fn bind(&mut self, method: &str, sig: &Sig) -> Result<()> {
        if sig.any_kw {
            return Ok(());
        }
        self.kw
            .retain(|(k, _, _)| !sig.ignored.iter().any(|(i, _)| **i == **k));
        if let Some((k, _, span)) = self.kw.iter().find(|(k, _, _)| !sig.kw.contains(&&**k)) {
            let accepted: Vec<&str> = sig
                .kw
                .iter()
                .chain(sig.ignored.iter().map(|(k, _)| k))
                .copied()
                .collect();
            let help = if accepted.is_empty() {
                format!("{method}() takes no keyword arguments")
            } else {
                format!("{method}() takes the keywords {}", accepted.join(", "))
            };
            return Err(Error::type_(format!(
                "{method}() got an unexpected keyword argument '{k}'{}",
                crate::eval::suggest::did_you_mean(k, accepted.iter().copied())
            ))
            .at(*span)
            .with_help(help));
        }
        Ok(())
    }

    /// Fail on keywords nobody took.
    pub fn no_more_kw(&self) -> Result<()> {
        if let Some((k, _, span)) = self.kw.first() {
            return Err(Error::type_(format!(
                "{}() got an unexpected keyword argument '{k}'",
                self.name
            ))
            .at(*span));
        }
        Ok(())
    }

    /// Exactly `lo..=hi` positional arguments, and no stray keywords.
    pub fn count(&self, lo: usize, hi: usize) -> Result<()> {
        self.no_more_kw()?;
        let n = self.pos.len();
        if n < lo || n > hi {
            let want = if lo == hi {
                format!("{lo} positional argument{}", if lo == 1 { "" } else { "s" })
            } else if hi == usize::MAX {
                format!("at least {lo} argument{}", if lo == 1 { "" } else { "s" })
            } else {
                format!("from {lo} to {hi} positional arguments")
            };
            return Err(Error::type_(
                format!("{}() takes {want} but {n} were given", self.name)
                    .replace("but 1 were", "but 1 was"),
            ));
        }
        Ok(())
    }

    pub fn int(&self, i: usize) -> Result<i64> {
        match &self.pos[i] {
            Value::Int(n) => Ok(*n),
            Value::Bool(b) => Ok(*b as i64),
            other => Err(Error::type_(format!(
                "{}() argument {} must be an int, not {}",
                self.name,
                i + 1,
                other.type_name()
            ))
            .at(self.span_of(i))),
        }
    }

    pub fn str(&self, i: usize) -> Result<Rc<str>> {
        match &self.pos[i] {
            Value::Str(s) => Ok(s.into()),
            other => Err(Error::type_(format!(
                "{}() argument {} must be a str, not {}",
                self.name,
                i + 1,
                other.type_name()
            ))
            .at(self.span_of(i))),
        }
    }
}

/// An int from a keyword or default.
pub fn as_int(v: &Value, what: &str) -> Result<i64> {
    v.as_i64()
        .ok_or_else(|| Error::type_(format!("{what} must be an int, not {}", v.type_name())))
}
