//! PostgreSQL types psycopg2 hands to SQLAlchemy as strings, read from
//! their binary form into the text the server's output function writes
//! (issue 19): `money` (`$1,234.56`), `inet`/`cidr` (`10.0.0.1`,
//! `10.0.0.0/8`), `macaddr`, `bit`/`varbit` (`101`), `tsvector` (`'a'
//! 'cat':2A`), `point` (`(1,2)`), the integer ranges (`[1,5)`), and
//! `jsonb`'s JSON text after its version byte. Their binary layouts are
//! PostgreSQL's `*_send` functions'.

use postgres::types::Type;

type Fail = Box<dyn std::error::Error + Sync + Send>;

/// The text of `raw`, a value of type `ty`, when it is one of these types.
pub(super) fn text_form(ty: &Type, raw: &[u8]) -> Option<Result<String, Fail>> {
    Some(match *ty {
        Type::JSONB => match raw.split_first() {
            Some((1, json)) => Ok(String::from_utf8_lossy(json).into_owned()),
            _ => Err("jsonb: unknown version".into()),
        },
        Type::MONEY => int8(raw).map(money),
        Type::INET | Type::CIDR => inet(raw, *ty == Type::CIDR),
        Type::MACADDR => Ok(raw
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(":")),
        Type::BIT | Type::VARBIT => bits(raw),
        Type::TS_VECTOR => tsvector(raw),
        Type::POINT => match (f8(raw, 0), f8(raw, 8)) {
            (Some(x), Some(y)) => Ok(format!("({},{})", float8(x), float8(y))),
            _ => Err("point: short value".into()),
        },
        Type::INT4_RANGE | Type::INT8_RANGE => range(raw),
        _ => return None,
    })
}

fn int8(raw: &[u8]) -> Result<i64, Fail> {
    let b: [u8; 8] = raw.get(..8).ok_or("short int8")?.try_into()?;
    Ok(i64::from_be_bytes(b))
}

fn int4(raw: &[u8], at: usize) -> Result<i32, Fail> {
    let b: [u8; 4] = raw.get(at..at + 4).ok_or("short int4")?.try_into()?;
    Ok(i32::from_be_bytes(b))
}

fn f8(raw: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_be_bytes(raw.get(at..at + 8)?.try_into().ok()?))
}

/// `cash_out` in the C locale: `$`, thousands by `,`, two decimals.
pub(crate) fn money(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}${grouped}.{:02}", abs % 100)
}

/// `inet_out`/`cidr_out`: the address, and `/bits` for a cidr or a
/// network narrower than the whole address.
pub(crate) fn inet(raw: &[u8], cidr: bool) -> Result<String, Fail> {
    let [family, bits, _, n, addr @ ..] = raw else {
        return Err("inet: short value".into());
    };
    let (text, max) = match (family, usize::from(*n)) {
        (2, 4) => {
            let a: [u8; 4] = addr.get(..4).ok_or("inet: short")?.try_into()?;
            (std::net::Ipv4Addr::from(a).to_string(), 32)
        }
        (3, 16) => {
            let a: [u8; 16] = addr.get(..16).ok_or("inet: short")?.try_into()?;
            (std::net::Ipv6Addr::from(a).to_string(), 128)
        }
        _ => return Err("inet: unknown family".into()),
    };
    Ok(if cidr || *bits != max {
        format!("{text}/{bits}")
    } else {
        text
    })
}

/// `bit_out`: one `0`/`1` per bit, the first bit the high one.
fn bits(raw: &[u8]) -> Result<String, Fail> {
    let len = usize::try_from(int4(raw, 0)?)?;
    let data = raw.get(4..).unwrap_or_default();
    Ok((0..len)
        .map(|i| match data.get(i / 8) {
            Some(b) if b & (0x80 >> (i % 8)) != 0 => '1',
            _ => '0',
        })
        .collect())
}

/// `tsvectorout`: each lexeme quoted (`'` and `\` doubled), its positions
/// after `:` with their weight letter (D, the default, unwritten).
fn tsvector(raw: &[u8]) -> Result<String, Fail> {
    let count = usize::try_from(int4(raw, 0)?)?;
    let mut at = 4;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let end = raw[at..]
            .iter()
            .position(|b| *b == 0)
            .ok_or("tsvector: unterminated lexeme")?;
        let word = String::from_utf8_lossy(&raw[at..at + end]);
        at += end + 1;
        let mut s = format!("'{}'", word.replace('\\', "\\\\").replace('\'', "''"));
        let npos = u16::from_be_bytes(raw.get(at..at + 2).ok_or("tsvector: short")?.try_into()?);
        at += 2;
        let mut positions = Vec::new();
        for _ in 0..npos {
            let p = u16::from_be_bytes(raw.get(at..at + 2).ok_or("tsvector: short")?.try_into()?);
            at += 2;
            let weight = match p >> 14 {
                3 => "A",
                2 => "B",
                1 => "C",
                _ => "",
            };
            positions.push(format!("{}{weight}", p & 0x3fff));
        }
        if !positions.is_empty() {
            s.push(':');
            s.push_str(&positions.join(","));
        }
        out.push(s);
    }
    Ok(out.join(" "))
}

/// `float8out`'s shortest text: `1`, `1.5`, `1e+20`, `-inf` as `-Infinity`.
fn float8(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let abs = x.abs();
    if abs != 0.0 && !(1e-4..1e15).contains(&abs) {
        let e = format!("{x:e}");
        if let Some((m, exp)) = e.split_once('e') {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            return format!("{m}e{sign}{digits:0>2}");
        }
    }
    x.to_string()
}

/// `range_out` of an integer range: `empty`, or its bounds with `[`/`(`
/// and `]`/`)`, an unbounded side left empty.
fn range(raw: &[u8]) -> Result<String, Fail> {
    let flags = *raw.first().ok_or("range: empty value")?;
    if flags & 0x01 != 0 {
        return Ok("empty".into());
    }
    let mut at = 1;
    let mut bound = |present: bool| -> Result<String, Fail> {
        if !present {
            return Ok(String::new());
        }
        let len = usize::try_from(int4(raw, at)?)?;
        let v = raw.get(at + 4..at + 4 + len).ok_or("range: short bound")?;
        at += 4 + len;
        Ok(match len {
            4 => int4(v, 0)?.to_string(),
            _ => int8(v)?.to_string(),
        })
    };
    let lower = bound(flags & 0x08 == 0)?;
    let upper = bound(flags & 0x10 == 0)?;
    let open = if flags & 0x02 != 0 { '[' } else { '(' };
    let close = if flags & 0x04 != 0 { ']' } else { ')' };
    Ok(format!("{open}{lower},{upper}{close}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_as_cash_out_writes_it() {
        assert_eq!(money(1234), "$12.34");
        assert_eq!(money(123_456_789), "$1,234,567.89");
        assert_eq!(money(-5), "-$0.05");
    }

    #[test]
    fn addresses_bits_points() {
        assert_eq!(
            inet(&[2, 32, 0, 4, 10, 0, 0, 1], false).unwrap(),
            "10.0.0.1"
        );
        assert_eq!(
            inet(&[2, 8, 1, 4, 10, 0, 0, 0], true).unwrap(),
            "10.0.0.0/8"
        );
        assert_eq!(
            inet(&[2, 24, 0, 4, 10, 0, 0, 1], false).unwrap(),
            "10.0.0.1/24"
        );
        assert_eq!(bits(&[0, 0, 0, 3, 0xa0]).unwrap(), "101");
        assert_eq!(float8(1.0), "1");
        assert_eq!(float8(-2.5), "-2.5");
        assert_eq!(float8(1e20), "1e+20");
        assert_eq!(float8(1.5e-5), "1.5e-05");
    }

    #[test]
    fn tsvector_and_range_text() {
        // 'a' 'cat':2A
        let raw = [
            0, 0, 0, 2, b'a', 0, 0, 0, b'c', b'a', b't', 0, 0, 1, 0xc0, 2,
        ];
        assert_eq!(tsvector(&raw).unwrap(), "'a' 'cat':2A");
        let r = [2, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 5];
        assert_eq!(range(&r).unwrap(), "[1,5)");
        assert_eq!(range(&[1]).unwrap(), "empty");
        assert_eq!(range(&[0x12, 0, 0, 0, 4, 0, 0, 0, 7]).unwrap(), "[7,)");
    }
}
