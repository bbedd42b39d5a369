//! The class tables of the standard-library modules a Flask app's config
//! and helpers use besides `hashlib`: `os` and `os.path`
//! (`eval::pymod::os`), `json` (`eval::pymod::json`) and `functools`
//! (`eval::pymod::functools`). Like every module's table, a name Python's
//! module has and ormsh lacks is a `NotImplementedError` naming it.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pymod::os::{self as pyos, pair, path_arg, text};
use crate::eval::pymod::{Module, functools, json};
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

type R = Rc<Module>;

/// A module's table (the shared dynamic part, as `modules::module`).
const fn module(members: &'static [Member<R>]) -> Class<R> {
    Class::new("module", members)
        .with_dynamic(
            |me, m, name| crate::eval::pymod::dynamic(me, m, name),
            |me, m| crate::eval::pymod::dynamic_names(me, m),
        )
        .with_missing(|_, m, name, hint| crate::eval::pymod::missing(m, name, hint))
}

/// One path argument, by position or by its name.
fn one_path(a: &mut Args, name: &str, func: &str) -> Result<Rc<str>> {
    let v = a.arg(0, name);
    a.count(0, 1)?;
    match v {
        Some(v) => path_arg(&v, func),
        None => Err(Error::type_(format!(
            "{func}() missing 1 required positional argument: '{name}'"
        ))),
    }
}

fn getenv(_: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let key = a.arg(0, "key");
    let default = a.arg(1, "default").unwrap_or(Value::None);
    a.count(0, 2)?;
    let key = match key {
        Some(k @ Value::Str(_)) => k,
        Some(other) => {
            return Err(Error::type_(format!(
                "str expected, not {}",
                other.type_name()
            )));
        }
        None => {
            return Err(Error::type_(
                "getenv() missing 1 required positional argument: 'key'",
            ));
        }
    };
    let env = pyos::environ();
    let Value::Dict(d) = &env else {
        return Ok(default);
    };
    let found = d.borrow().get(&key).cloned();
    Ok(found.unwrap_or(default))
}

/// `os`'s names.
pub static OS_MODULE: Class<R> = module(&[
    Member::attr(
        "environ",
        |_, _| Ok(pyos::environ()),
        "the environment as a dict: os.environ.get('DATABASE_URL', 'sqlite:///app.db')",
    ),
    Member::method(
        "getenv",
        getenv,
        Sig::kw(&["key", "default"]),
        "an environment variable, or the default: os.getenv('SECRET_KEY', 'dev')",
    ),
    Member::method(
        "getcwd",
        |_, _, a| {
            a.count(0, 0)?;
            Ok(text(&pyos::getcwd()?))
        },
        Sig::NONE,
        "the current working directory",
    ),
    Member::attr("sep", |_, _| Ok(text("/")), "the path separator: '/'"),
    Member::attr(
        "name",
        |_, _| Ok(text("posix")),
        "the operating system's family: 'posix'",
    ),
    Member::attr(
        "linesep",
        |_, _| Ok(text("\n")),
        "the line separator: '\\n'",
    ),
]);

fn join(_: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.no_more_kw()?;
    if a.pos.is_empty() {
        return Err(Error::type_(
            "join() missing 1 required positional argument: 'a'",
        ));
    }
    let parts = (a.pos.iter())
        .map(|v| path_arg(v, "join() argument"))
        .collect::<Result<Vec<_>>>()?;
    Ok(text(&pyos::join(&parts)))
}

/// `os.path`'s functions (`posixpath`).
pub static OS_PATH_MODULE: Class<R> = module(&[
    Member::method(
        "join",
        join,
        Sig::NONE,
        "paths joined with '/': os.path.join(basedir, 'app.db')",
    ),
    Member::method(
        "abspath",
        |_, _, mut a| Ok(text(&pyos::abspath(&one_path(&mut a, "path", "abspath")?)?)),
        Sig::kw(&["path"]),
        "the absolute, normalised path",
    ),
    Member::method(
        "dirname",
        |_, _, mut a| Ok(text(&pyos::split(&one_path(&mut a, "p", "dirname")?).0)),
        Sig::kw(&["p"]),
        "the directory part of a path",
    ),
    Member::method(
        "basename",
        |_, _, mut a| Ok(text(&pyos::split(&one_path(&mut a, "p", "basename")?).1)),
        Sig::kw(&["p"]),
        "the last part of a path",
    ),
    Member::method(
        "split",
        |_, _, mut a| Ok(pair(pyos::split(&one_path(&mut a, "p", "split")?))),
        Sig::kw(&["p"]),
        "(directory, last part)",
    ),
    Member::method(
        "splitext",
        |_, _, mut a| Ok(pair(pyos::splitext(&one_path(&mut a, "p", "splitext")?))),
        Sig::kw(&["p"]),
        "(root, extension)",
    ),
    Member::method(
        "normpath",
        |_, _, mut a| {
            Ok(text(&pyos::normpath(&one_path(
                &mut a, "path", "normpath",
            )?)))
        },
        Sig::kw(&["path"]),
        "the path with '.', '..' and doubled slashes resolved",
    ),
    Member::method(
        "isabs",
        |_, _, mut a| {
            Ok(Value::Bool(
                one_path(&mut a, "s", "isabs")?.starts_with('/'),
            ))
        },
        Sig::kw(&["s"]),
        "whether the path is absolute",
    ),
    Member::method(
        "expanduser",
        |_, _, mut a| {
            Ok(text(&pyos::expanduser(&one_path(
                &mut a,
                "path",
                "expanduser",
            )?)))
        },
        Sig::kw(&["path"]),
        "the path with ~ replaced by the home directory",
    ),
    Member::attr("sep", |_, _| Ok(text("/")), "the path separator: '/'"),
]);

/// `json`'s functions.
pub static JSON_MODULE: Class<R> = module(&[
    Member::method(
        "dumps",
        |me, _, a| json::dumps(me, a),
        Sig::kw(&[
            "obj",
            "indent",
            "separators",
            "sort_keys",
            "ensure_ascii",
            "default",
        ]),
        "a value as JSON text: json.dumps(d, indent=2, sort_keys=True)",
    ),
    Member::method(
        "loads",
        |me, _, a| json::loads(me, a),
        Sig::kw(&["s"]),
        "JSON text as Python values: json.loads('{\"a\": 1}')",
    ),
]);

/// `functools`'s helpers.
pub static FUNCTOOLS_MODULE: Class<R> = module(&[
    Member::method(
        "wraps",
        |me, _, a| functools::wraps(me, a),
        Sig::kw(&["wrapped"]),
        "a decorator's @wraps(f): the wrapper keeps f's __name__ and __doc__",
    ),
    Member::method(
        "partial",
        |me, _, a| functools::partial(me, a),
        Sig {
            kw: &[],
            ignored: &[],
            any_kw: true,
        },
        "a function with some arguments given: partial(f, 1, key=2)",
    ),
    Member::method(
        "reduce",
        |me, _, a| functools::reduce(me, a),
        Sig::NONE,
        "fold an iterable with a two-argument function: reduce(f, items, initial)",
    ),
]);
