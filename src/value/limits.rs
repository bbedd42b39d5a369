//! How big a value ormsh builds: the longest string or sequence
//! (`MAX_LEN`), and the checks that refuse more with a `MemoryError`
//! before memory is taken, where Python would try and run out.

use super::{Value, range_len};

/// The longest string or sequence ormsh will build (Python would try and
/// run out of memory; ormsh refuses at once with a MemoryError).
pub const MAX_LEN: usize = 100_000_000;

/// Refuse a result of `n` items (characters, bytes, elements) longer than
/// [`MAX_LEN`]; `noun` names them in the message ("a string of 200,000,000
/// characters is longer than ormsh builds (at most 100,000,000)").
pub fn check_len(n: usize) -> crate::error::Result<()> {
    check_len_of(n, "a result", "items")
}

fn check_len_of(n: usize, what: &str, unit: &str) -> crate::error::Result<()> {
    if n > MAX_LEN {
        return Err(crate::error::Error::new(
            crate::error::ErrorKind::MemoryError,
            format!(
                "{what} of {} {unit} is longer than ormsh builds (at most {})",
                grouped(n),
                grouped(MAX_LEN)
            ),
        ));
    }
    Ok(())
}

/// Before building a string of `len` bytes: refuse one longer than
/// [`MAX_LEN`] or one that does not fit in memory. Counts it twice: a
/// string is built, then copied into the value that shares it.
pub fn reserve_str(len: usize) -> crate::error::Result<()> {
    check_len_of(len, "a string", "characters")?;
    crate::memory::reserve(len.saturating_mul(2), || {
        format!("a string of {} characters", grouped(len))
    })
}

/// Before building a list or tuple of `n` items: refuse one longer than
/// [`MAX_LEN`] or one that does not fit in memory.
pub fn reserve_items(n: usize) -> crate::error::Result<()> {
    check_len_of(n, "a sequence", "items")?;
    crate::memory::reserve(n.saturating_mul(std::mem::size_of::<Value>()), || {
        format!("a list of {} items", grouped(n))
    })
}

/// Make room for `additional` more bytes in a string being built, refusing
/// one longer than [`MAX_LEN`] or beyond memory (instead of aborting).
pub fn grow_str(out: &mut String, additional: usize) -> crate::error::Result<()> {
    let len = out.len().saturating_add(additional);
    check_len_of(len, "a string", "characters")?;
    crate::memory::grow_string(out, additional, || {
        format!("a string of {} characters", grouped(len))
    })
}

/// `list.append` and the like: push `item`, refusing to grow the list past
/// [`MAX_LEN`] items or beyond memory (checked when the list would double).
pub fn push_item(items: &mut Vec<Value>, item: Value) -> crate::error::Result<()> {
    room_for_one(items)?;
    items.push(item);
    Ok(())
}

/// Room for one more item in a list (see [`push_item`]).
pub fn room_for_one(items: &mut Vec<Value>) -> crate::error::Result<()> {
    if items.len() == items.capacity() {
        let n = items.len() + 1;
        check_len_of(n, "a list", "items")?;
        // Doubling, as `push` would, but never past the longest list.
        let cap = (items.capacity() * 2).clamp(n.max(4), MAX_LEN.max(n));
        crate::memory::grow_to(items, cap, || {
            format!("a list growing to {} items", grouped(cap))
        })?;
    }
    Ok(())
}

/// Before the items of the iterable `v` are put in a vector (`list(v)`,
/// `for`, `join`, `extend`): refuse when there would be too many. A
/// string's characters are strings of their own, a header and text each.
pub fn reserve_iter(v: &Value) -> crate::error::Result<()> {
    match v {
        Value::List(l) => reserve_items(l.borrow().len()),
        Value::Tuple(t) => reserve_items(t.len()),
        Value::Dict(d) => reserve_items(d.borrow().len()),
        Value::Bytes(b) => reserve_items(b.len()),
        Value::Range(r) => reserve_items(range_len(r.0, r.1, r.2).max(0) as usize),
        Value::Str(s) => {
            let n = s.chars().count();
            reserve_items(n)?;
            crate::memory::reserve(n.saturating_mul(32), || {
                format!("the {} characters of a string", grouped(n))
            })
        }
        _ => Ok(()),
    }
}

/// `1234567` as `1,234,567`, for messages.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod size_tests {
    use crate::value::Value;

    /// A `Value` is 24 bytes: every column value of a loaded object and
    /// every list slot is one (issue 17, scripts/BENCHMARKS.md "bytes per
    /// loaded instance"). A variant whose payload is larger than 16 bytes
    /// or aligned to 16 (a `u128`) would make it 32 again.
    #[test]
    fn a_value_is_24_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 24);
    }
}
