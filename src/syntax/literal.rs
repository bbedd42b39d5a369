//! Literal values: integer range checks, string escapes, concatenation of
//! adjacent string literals, and f-strings (split into literal text and
//! `{expr!conv:spec}` fields whose expressions are parsed by the ordinary
//! expression parser with spans into the original chunk).

use std::rc::Rc;

use crate::error::{Error, ErrorKind};
use crate::syntax::ast::{Expr, ExprKind, FPart};
use crate::syntax::error::{PResult, fatal};
use crate::syntax::span::Span;
use crate::syntax::token::{StrTok, Tok, Toks};

/// The i64 value of an integer token, `negated` when a unary minus was folded in.
pub fn int_value(v: Option<u64>, negated: bool, span: Span) -> Result<i64, Error> {
    let too_big = || {
        Error::new(
            ErrorKind::OverflowError,
            "integer literal is too large: integers are 64-bit (at most 9223372036854775807)",
        )
        .at(span)
    };
    let v = v.ok_or_else(too_big)?;
    if negated {
        if v == 1u64 << 63 {
            Ok(i64::MIN)
        } else {
            i64::try_from(v).map(|v| -v).map_err(|_| too_big())
        }
    } else {
        i64::try_from(v).map_err(|_| too_big())
    }
}

/// Decode the escapes of `text` (which starts at chunk offset `base`) into
/// code points. Unknown escapes are kept literally, as Python does.
fn decode(text: &str, base: usize, raw: bool, bytes: bool) -> Result<Vec<u32>, Error> {
    let mut out = Vec::with_capacity(text.len());
    let mut it = text.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        if c != '\\' || raw {
            if c == '\\' {
                // raw: the backslash and the next char both stay
                out.push('\\' as u32);
                if let Some((_, n)) = it.next() {
                    out.push(n as u32);
                }
                continue;
            }
            out.push(c as u32);
            continue;
        }
        let Some((_, e)) = it.next() else {
            out.push('\\' as u32);
            break;
        };
        let mut hex = |n: usize, name: &str| -> Result<u32, Error> {
            let mut v = 0u32;
            for k in 0..n {
                match it.peek() {
                    Some(&(_, d)) if d.is_ascii_hexdigit() => {
                        v = v * 16 + d.to_digit(16).unwrap_or(0);
                        it.next();
                    }
                    _ => {
                        let end = base + at + 2 + k;
                        return Err(Error::syntax(
                            format!("truncated \\{name} escape: it needs {n} hex digits"),
                            Span::new(base + at, end),
                        ));
                    }
                }
            }
            Ok(v)
        };
        let v = match e {
            '\n' => continue,
            '\\' => '\\' as u32,
            '\'' => '\'' as u32,
            '"' => '"' as u32,
            'a' => 7,
            'b' => 8,
            'f' => 12,
            'n' => 10,
            'r' => 13,
            't' => 9,
            'v' => 11,
            'x' => hex(2, "x")?,
            'u' if !bytes => hex(4, "u")?,
            'U' if !bytes => hex(8, "U")?,
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match it.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            it.next();
                        }
                        _ => break,
                    }
                }
                v
            }
            other => {
                out.push('\\' as u32);
                out.push(other as u32);
                continue;
            }
        };
        let end = it.peek().map_or(text.len(), |&(k, _)| k);
        if char::from_u32(v).is_none() || (bytes && v > 255) {
            return Err(Error::syntax(
                format!("invalid escape: {v:#x} is not a valid character"),
                Span::new(base + at, base + end),
            ));
        }
        out.push(v);
    }
    Ok(out)
}

fn to_string(cps: &[u32]) -> String {
    cps.iter().filter_map(|&c| char::from_u32(c)).collect()
}

/// One or more adjacent string tokens, concatenated.
pub fn strings(i: Toks<'_>) -> PResult<'_, Expr> {
    let first = *i.peek();
    let mut rest = i;
    let mut parts: Vec<FPart> = Vec::new();
    let mut bytes: Option<Vec<u8>> = None;
    let mut text = String::new();
    let mut any_f = false;
    let mut span = first.span;
    while let Tok::Str(st) = rest.kind() {
        let tok_span = rest.peek().span;
        if st.bytes != first_is_bytes(&first) {
            return Err(fatal(Error::syntax(
                "cannot mix bytes and nonbytes literals",
                tok_span,
            )));
        }
        span = span.to(tok_span);
        let body = &i.cx.src[st.body.range()];
        let base = st.body.start as usize;
        if st.bytes {
            let cps = decode(body, base, st.raw, true).map_err(fatal)?;
            bytes
                .get_or_insert_with(Vec::new)
                .extend(cps.iter().map(|&c| c as u8));
        } else if st.fmt {
            any_f = true;
            if !text.is_empty() {
                parts.push(FPart::Lit(Rc::from(std::mem::take(&mut text).as_str())));
            }
            for part in fstring(i, st).map_err(fatal)? {
                match part {
                    FPart::Lit(s) => text.push_str(&s),
                    field => {
                        if !text.is_empty() {
                            parts.push(FPart::Lit(Rc::from(std::mem::take(&mut text).as_str())));
                        }
                        parts.push(field);
                    }
                }
            }
        } else {
            let cps = decode(body, base, st.raw, false).map_err(fatal)?;
            text.push_str(&to_string(&cps));
        }
        rest = rest.advance(1);
    }
    let kind = if let Some(b) = bytes {
        ExprKind::Bytes(Rc::from(b))
    } else if any_f {
        if !text.is_empty() {
            parts.push(FPart::Lit(Rc::from(text.as_str())));
        }
        ExprKind::FString(parts)
    } else {
        ExprKind::Str(Rc::from(text.as_str()))
    };
    Ok((rest, Expr { kind, span }))
}

fn first_is_bytes(t: &crate::syntax::token::Token) -> bool {
    matches!(t.kind, Tok::Str(StrTok { bytes: true, .. }))
}

/// Split an f-string body into parts.
fn fstring(i: Toks<'_>, st: StrTok) -> Result<Vec<FPart>, Error> {
    let src = i.cx.src;
    let (start, end) = (st.body.start as usize, st.body.end as usize);
    let b = src.as_bytes();
    let mut parts = Vec::new();
    let mut lit_start = start;
    let mut lit = String::new();
    let flush = |lit: &mut String, from: usize, to: usize| -> Result<(), Error> {
        let cps = decode(&src[from..to], from, st.raw, false)?;
        lit.push_str(&to_string(&cps));
        Ok(())
    };
    let mut k = start;
    while k < end {
        match b[k] {
            b'\\' if !st.raw => {
                k += 1 + src[k + 1..].chars().next().map_or(0, char::len_utf8);
            }
            b'{' if b.get(k + 1) == Some(&b'{') && k + 1 < end => {
                flush(&mut lit, lit_start, k + 1)?;
                k += 2;
                lit_start = k;
            }
            b'}' if b.get(k + 1) == Some(&b'}') && k + 1 < end => {
                flush(&mut lit, lit_start, k + 1)?;
                k += 2;
                lit_start = k;
            }
            b'}' => {
                return Err(Error::syntax(
                    "f-string: single '}' is not allowed (write '}}' for a literal brace)",
                    Span::new(k, k + 1),
                ));
            }
            b'{' => {
                flush(&mut lit, lit_start, k)?;
                if !lit.is_empty() {
                    parts.push(FPart::Lit(Rc::from(std::mem::take(&mut lit).as_str())));
                }
                let (part, next) = field(i, k, end, false)?;
                parts.push(part);
                k = next;
                lit_start = k;
            }
            _ => k += src[k..].chars().next().map_or(1, char::len_utf8),
        }
    }
    flush(&mut lit, lit_start, end)?;
    if !lit.is_empty() {
        parts.push(FPart::Lit(Rc::from(lit.as_str())));
    }
    Ok(parts)
}

/// One `{…}` field starting at `open`; returns the part and the offset after `}`.
/// `in_spec`: the field is nested in another's format spec (one level, as
/// Python allows).
fn field(i: Toks<'_>, open: usize, end: usize, in_spec: bool) -> Result<(FPart, usize), Error> {
    let src = i.cx.src;
    let b = src.as_bytes();
    let unclosed = || Error::syntax("f-string: expecting '}'", Span::new(open, open + 1));
    // Find where the expression ends: `}` `!` `:` or a debugging `=` at depth 0.
    let mut depth = 0usize;
    let mut k = open + 1;
    let mut quote: Option<u8> = None;
    let expr_end;
    let mut debug = false;
    loop {
        if k >= end {
            return Err(unclosed());
        }
        let c = b[k];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            k += 1;
            continue;
        }
        match c {
            b'\'' | b'"' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' if depth > 0 => depth -= 1,
            b'}' if depth > 0 => depth -= 1,
            b'}' | b':' if depth == 0 => {
                expr_end = k;
                break;
            }
            b'!' if depth == 0 && b.get(k + 1) != Some(&b'=') => {
                expr_end = k;
                break;
            }
            b'=' if depth == 0 => {
                let prev = b[k - 1];
                let next = b.get(k + 1).copied();
                if next == Some(b'=') {
                    k += 2;
                    continue;
                }
                if !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                    let after = src[k + 1..end].trim_start();
                    if after.starts_with(['}', '!', ':']) {
                        debug = true;
                        expr_end = k;
                        break;
                    }
                }
            }
            _ => {}
        }
        k += src[k..].chars().next().map_or(1, char::len_utf8);
    }
    let expr_text = &src[open + 1..expr_end];
    if expr_text.trim().is_empty() {
        return Err(Error::syntax(
            "f-string: empty expression not allowed",
            Span::new(open, expr_end + 1),
        ));
    }
    let expr = crate::syntax::expr::sub_expr(i.cx, open + 1, expr_end)?;
    let mut k = expr_end;
    let mut debug_text = None;
    if debug {
        k += 1;
        while k < end && b[k].is_ascii_whitespace() {
            k += 1;
        }
        debug_text = Some(Rc::from(&src[open + 1..k]));
    }
    let mut conv = None;
    if k < end && b[k] == b'!' {
        let c = src[k + 1..end].chars().next();
        match c {
            Some(c @ ('r' | 's' | 'a')) => conv = Some(c),
            _ => {
                return Err(Error::syntax(
                    "f-string: invalid conversion character: expected 'r', 's' or 'a'",
                    Span::new(k, (k + 2).min(end)),
                ));
            }
        }
        k += 2;
    }
    let mut spec = None;
    let mut spec_fields = None;
    if k < end && b[k] == b':' {
        let s = k + 1;
        let mut parts = Vec::new();
        let (mut j, mut lit_start) = (s, s);
        loop {
            match b.get(j).filter(|_| j < end) {
                None => return Err(unclosed()),
                Some(b'}') => break,
                Some(b'{') if in_spec => {
                    return Err(Error::syntax(
                        "f-string: expressions nested too deeply",
                        Span::new(j, j + 1),
                    ));
                }
                Some(b'{') => {
                    if j > lit_start {
                        parts.push(FPart::Lit(Rc::from(&src[lit_start..j])));
                    }
                    let (part, next) = field(i, j, end, true)?;
                    parts.push(part);
                    (j, lit_start) = (next, next);
                }
                Some(_) => j += src[j..].chars().next().map_or(1, char::len_utf8),
            }
        }
        if !parts.is_empty() {
            if j > lit_start {
                parts.push(FPart::Lit(Rc::from(&src[lit_start..j])));
            }
            spec_fields = Some(Rc::from(parts));
        }
        spec = Some(Rc::from(&src[s..j]));
        k = j;
    }
    if k >= end || b[k] != b'}' {
        return Err(unclosed());
    }
    if debug && conv.is_none() && spec.is_none() {
        conv = Some('r');
    }
    Ok((
        FPart::Expr {
            expr,
            conv,
            spec,
            spec_fields,
            debug_text,
        },
        k + 1,
    ))
}
