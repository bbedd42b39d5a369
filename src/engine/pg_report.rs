//! A server error as libpq writes it and psycopg2 gives it to Python
//! (`str(e.orig)`, `e.orig.pgerror` less its severity): the message, then
//! the statement's line with a caret under the error's position (`LINE 1:
//! selec 1` / `        ^`), then its `DETAIL:`, `HINT:`, `QUERY:` and
//! `CONTEXT:` lines — libpq's `pqBuildErrorMessage3` and
//! `reportErrorPosition` (fe-protocol3.c) at the default verbosity.

use postgres::error::{DbError, ErrorPosition};

use crate::sql::ast::Param;
use unicode_width::UnicodeWidthChar;

/// libpq's widest `LINE` shown, in screen columns, and how far from the
/// line's end it keeps the caret when it cuts one.
const DISPLAY_SIZE: usize = 60;
const MIN_RIGHT_CUT: usize = 10;

/// The statement as the server got it, for the `LINE` of an error's
/// position: psycopg2 sends a statement with its values written in, so
/// ormsh's text is psycopg2's only up to its first `$n` placeholder.
#[derive(Clone, Copy)]
pub struct Sent<'a> {
    pub sql: &'a str,
    /// Its values went apart, as `$1`, `$2`…
    pub bound: bool,
    /// The values of its `?` placeholders, when `sql` is written with
    /// them (a statement that failed binding its values).
    pub values: &'a [Param],
}

/// libpq's report of `db` (no severity, no final newline); `sent`, the
/// statement that failed, when known.
pub fn report(db: &DbError, sent: Option<Sent<'_>>) -> String {
    let mut out = message(db);
    let cursor = match db.position() {
        Some(ErrorPosition::Original(at)) => sent
            .filter(|s| s.values.is_empty())
            .filter(|s| !s.bound || !placeholder_before(s.sql, *at as usize))
            .and_then(|s| error_position(s.sql, *at as usize)),
        Some(ErrorPosition::Internal { position, query }) => {
            error_position(query, *position as usize)
        }
        None => sent
            .zip(db.where_())
            .and_then(|(s, c)| value_position(s, c)),
    };
    if let Some(c) = cursor {
        out.push('\n');
        out.push_str(&c);
    }
    let internal = match db.position() {
        Some(ErrorPosition::Internal { query, .. }) => Some(query.as_str()),
        _ => None,
    };
    // A value bound apart (`$n`) that the server cannot read is named by
    // a CONTEXT psycopg2 never sees: it writes the value into the text.
    let context = db
        .where_()
        .filter(|c| !c.starts_with("unnamed portal parameter $"));
    for (label, value) in [
        ("DETAIL", db.detail()),
        ("HINT", db.hint()),
        ("QUERY", internal),
        ("CONTEXT", context),
    ] {
        if let Some(v) = value {
            out.push_str(&format!("\n{label}:  {v}"));
        }
    }
    out
}

/// The server's message, as psycopg2's text makes it: an integer too
/// large for its column, bound apart, is `value "…" is out of range for
/// type integer` where psycopg2's literal, cast, is `integer out of range`.
fn message(db: &DbError) -> String {
    let bound = db
        .where_()
        .is_some_and(|c| c.starts_with("unnamed portal parameter $"));
    if bound && db.code().code() == "22003" {
        let ty = db
            .message()
            .strip_prefix("value \"")
            .and_then(|m| m.split_once("\" is out of range for type "))
            .map(|(_, ty)| ty);
        if let Some(ty @ ("smallint" | "integer" | "bigint")) = ty {
            return format!("{ty} out of range");
        }
    }
    db.message().to_owned()
}

/// The `LINE` psycopg2 gets for a value the server cannot read (it names
/// it `unnamed portal parameter $n` when bound apart): psycopg2 writes
/// the values into the text, so the error points at the value's literal.
/// Only for a string (the server reads a quoted literal as the column's
/// type and fails there; other literals fail later, at no place), and
/// when every value's literal is psycopg2's own (NULL, booleans,
/// integers not negative, strings).
fn value_position(sent: Sent<'_>, context: &str) -> Option<String> {
    let n: usize = context
        .strip_prefix("unnamed portal parameter $")?
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    let own = |p: &Param| match p {
        Param::Null | Param::Bool(_) | Param::Text(_) => true,
        Param::Int(i) => *i >= 0,
        _ => false,
    };
    let is_text = matches!(sent.values.get(n.wrapping_sub(1)), Some(Param::Text(_)));
    if !is_text || !sent.values.iter().all(own) {
        return None;
    }
    let mut at = None;
    let text = super::pg_lex::each_placeholder(sent.sql, |k, out| {
        if k == n {
            at = Some(out.chars().count() + 1);
        }
        let value = sent.values.get(k - 1).unwrap_or(&Param::Null);
        out.push_str(&super::pg_lex::inline_placeholders(
            "?",
            std::slice::from_ref(value),
        ));
    });
    error_position(&text, at?)
}

/// Is there a `$n` placeholder before the end of the line holding
/// character `at` (1-based) of `sql`? Past one, psycopg2's text (the value
/// written in) and ormsh's differ.
fn placeholder_before(sql: &str, at: usize) -> bool {
    let chars: Vec<char> = sql.chars().collect();
    let end = (at.saturating_sub(1)..chars.len())
        .find(|&i| matches!(chars[i], '\n' | '\r'))
        .unwrap_or(chars.len());
    chars[..end]
        .windows(2)
        .any(|w| w[0] == '$' && w[1].is_ascii_digit())
}

/// libpq's `reportErrorPosition`: the line of `query` holding character
/// `loc` (1-based), cut to 60 columns around it, and a caret under it.
fn error_position(query: &str, loc: usize) -> Option<String> {
    let loc = loc.checked_sub(1)?;
    let chars: Vec<char> = query
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    // scr[i]: the screen column character i starts at.
    let mut scr = Vec::with_capacity(chars.len() + 1);
    let (mut col, mut line, mut ibeg, mut iend) = (0usize, 1usize, 0usize, None);
    let mut cno = 0;
    while cno < chars.len() {
        let ch = chars[cno];
        scr.push(col);
        if ch == '\r' || ch == '\n' {
            if cno < loc {
                if ch == '\r' || cno == 0 || chars[cno - 1] != '\r' {
                    line += 1;
                }
                ibeg = cno + 1;
            } else {
                iend = Some(cno);
                break;
            }
        }
        col += ch.width().filter(|w| *w > 0).unwrap_or(1);
        cno += 1;
    }
    let mut iend = match iend {
        Some(i) => i,
        None => {
            scr.push(col);
            cno
        }
    };
    if loc > cno {
        return None;
    }
    let (mut beg_trunc, mut end_trunc) = (false, false);
    if scr[iend] - scr[ibeg] > DISPLAY_SIZE {
        if scr[ibeg] + DISPLAY_SIZE >= scr[loc] + MIN_RIGHT_CUT {
            while scr[iend] - scr[ibeg] > DISPLAY_SIZE {
                iend -= 1;
            }
            end_trunc = true;
        } else {
            while scr[loc] + MIN_RIGHT_CUT < scr[iend] {
                iend -= 1;
                end_trunc = true;
            }
            while scr[iend] - scr[ibeg] > DISPLAY_SIZE {
                ibeg += 1;
                beg_trunc = true;
            }
        }
    }
    let mut out = format!("LINE {line}: ");
    if beg_trunc {
        out.push_str("...");
    }
    let prefix = out.chars().count();
    out.extend(&chars[ibeg..iend]);
    if end_trunc {
        out.push_str("...");
    }
    out.push('\n');
    out.push_str(&" ".repeat(prefix + scr[loc] - scr[ibeg]));
    out.push('^');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{error_position, placeholder_before};

    #[test]
    fn caret_under_the_position() {
        // psycopg2: 'LINE 1: selec 1\n        ^'
        assert_eq!(
            error_position("selec 1", 1).as_deref(),
            Some("LINE 1: selec 1\n        ^")
        );
        assert_eq!(
            error_position("select nosuch from t\nwhere id = 1", 8).as_deref(),
            Some("LINE 1: select nosuch from t\n               ^")
        );
        assert_eq!(
            error_position("select 1\nfrom t\nwhere x", 23).as_deref(),
            Some("LINE 3: where x\n              ^")
        );
        assert_eq!(error_position("select 1", 20), None);
    }

    #[test]
    fn long_lines_cut_as_libpq_cuts_them() {
        // psycopg2's message of this statement (case
        // python/pg-error-line-caret-hint).
        let q = "select id, name, id + 1 as a, id + 2 as b, id + 3 as c, id + 4 as d, upper(name) as e, nosuch, id + 5 as f, id + 6 as g, id + 7 as h from t";
        let at = q.find("nosuch").unwrap() + 1;
        assert_eq!(
            error_position(q, at).as_deref(),
            Some(concat!(
                "LINE 1: ...as b, id + 3 as c, id + 4 as d, upper(name) as e, nosuch, id...\n",
                "                                                             ^"
            ))
        );
        // Near the end: cut on the left only.
        let q = format!("select {} from t", "a, ".repeat(40));
        let shown = error_position(&q, q.find("from").unwrap() + 1).unwrap();
        assert!(
            shown.starts_with("LINE 1: ...") && shown.contains("a,  from t\n"),
            "{shown}"
        );
    }

    #[test]
    fn placeholders_before_the_line_end() {
        assert!(!placeholder_before("SELECT x\nFROM t WHERE id = $1", 8));
        assert!(placeholder_before("SELECT x FROM t WHERE id = $1", 8));
        assert!(placeholder_before("SELECT $1\nFROM t", 12));
    }
}
