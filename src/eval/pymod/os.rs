//! Python's `os` and `os.path` as a Flask config file uses them:
//! `os.environ` (the environment read once, a dict from then on),
//! `os.getenv`, `os.getcwd`, and `os.path`'s pure path arithmetic with
//! `posixpath`'s rules (`join`, `abspath`, `dirname`, …). The
//! interpreter touches no files: `os.path.exists` and the functions that
//! read or write files or start processes are refused by name.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::value::{Dict, PyStr, Value};

/// `os.environ`: the process environment as a dict, made on first use
/// (assignments to it stay in this session, as they would in Python's
/// process).
pub fn environ() -> Value {
    thread_local! {
        static MADE: RefCell<Option<Value>> = const { RefCell::new(None) };
    }
    MADE.with_borrow_mut(|made| {
        made.get_or_insert_with(|| {
            let mut d = Dict::default();
            let mut vars: Vec<(String, String)> = std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect();
            vars.sort();
            for (k, v) in vars {
                d.insert_str(&k, Value::str(&v));
            }
            Value::Dict(Rc::new(RefCell::new(d)))
        })
        .clone()
    })
}

/// A path argument: a str (Python also takes bytes and path objects).
pub fn path_arg(v: &Value, func: &str) -> Result<Rc<str>> {
    match v {
        Value::Str(s) => Ok(Rc::from(&**s)),
        other => Err(Error::type_(format!(
            "{func}: expected str, bytes or os.PathLike object, not {}",
            other.type_name()
        ))),
    }
}

/// `posixpath.join(a, *p)`
pub fn join(parts: &[Rc<str>]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if p.starts_with('/') || i == 0 {
            out = p.to_string();
        } else if out.is_empty() || out.ends_with('/') {
            out.push_str(p);
        } else {
            out.push('/');
            out.push_str(p);
        }
    }
    out
}

/// `posixpath.split(p)`: (head, tail), the head without trailing slashes
/// unless it is all slashes.
pub fn split(p: &str) -> (String, String) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let trimmed = head.trim_end_matches('/');
    let head = if trimmed.is_empty() { head } else { trimmed };
    (head.to_string(), tail.to_string())
}

/// `posixpath.splitext(p)`: the extension is the last dot's part of the
/// last component, unless that component is only dots before it.
pub fn splitext(p: &str) -> (String, String) {
    let sep = p.rfind('/').map_or(0, |i| i + 1);
    let name = &p[sep..];
    if let Some(dot) = name.rfind('.') {
        let before = &name[..dot];
        if !before.is_empty() && !before.chars().all(|c| c == '.') {
            let at = sep + dot;
            return (p[..at].to_string(), p[at..].to_string());
        }
    }
    (p.to_string(), String::new())
}

/// `posixpath.normpath(p)`
pub fn normpath(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let initial = if p.starts_with("//") && !p.starts_with("///") {
        2
    } else if p.starts_with('/') {
        1
    } else {
        0
    };
    let mut comps: Vec<&str> = Vec::new();
    for c in p.split('/') {
        if c.is_empty() || c == "." {
            continue;
        }
        if c != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(c);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let body = comps.join("/");
    let out = format!("{}{body}", "/".repeat(initial));
    if out.is_empty() { ".".into() } else { out }
}

/// `os.getcwd()`
pub fn getcwd() -> Result<String> {
    std::env::current_dir()
        .map(|d| d.to_string_lossy().into_owned())
        .map_err(|e| Error::new(crate::error::ErrorKind::Raised("OSError"), e.to_string()))
}

/// `posixpath.abspath(p)`
pub fn abspath(p: &str) -> Result<String> {
    if p.starts_with('/') {
        return Ok(normpath(p));
    }
    Ok(normpath(&join(&[Rc::from(getcwd()?), Rc::from(p)])))
}

/// `posixpath.expanduser(p)`: `~` and `~/…` from `$HOME`.
pub fn expanduser(p: &str) -> String {
    if (p == "~" || p.starts_with("~/"))
        && let Ok(home) = std::env::var("HOME")
    {
        let home = home.trim_end_matches('/');
        let home = if home.is_empty() { "/" } else { home };
        return format!("{home}{}", &p[1..]);
    }
    p.to_string()
}

/// A str value.
pub fn text(s: &str) -> Value {
    Value::Str(PyStr::from(s))
}

/// A pair of strs as a tuple.
pub fn pair((a, b): (String, String)) -> Value {
    Value::tuple(vec![text(&a), text(&b)])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answers of Python 3.11's posixpath.
    #[test]
    fn paths_as_posixpath() {
        let j = |p: &[&str]| join(&p.iter().map(|s| Rc::from(*s)).collect::<Vec<_>>());
        assert_eq!(j(&["a", "b", "c.db"]), "a/b/c.db");
        assert_eq!(j(&["/srv/", "app.db"]), "/srv/app.db");
        assert_eq!(j(&["a", "/abs", "x"]), "/abs/x");
        assert_eq!(j(&["", "x"]), "x");
        assert_eq!(split("/a/b/c.py"), ("/a/b".into(), "c.py".into()));
        assert_eq!(split("c.py"), ("".into(), "c.py".into()));
        assert_eq!(split("//x"), ("//".into(), "x".into()));
        assert_eq!(splitext("a/b.tar.gz"), ("a/b.tar".into(), ".gz".into()));
        assert_eq!(splitext(".bashrc"), (".bashrc".into(), "".into()));
        assert_eq!(splitext("a.d/b"), ("a.d/b".into(), "".into()));
        for (p, want) in [
            ("/a/b/../c/./d", "/a/c/d"),
            ("../x/..", ".."),
            ("", "."),
            ("//a//b/", "//a/b"),
            ("///a", "/a"),
            ("/..", "/"),
            ("a/../..", ".."),
        ] {
            assert_eq!(normpath(p), want, "{p}");
        }
    }
}
