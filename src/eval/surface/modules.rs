//! The class tables of Python's modules as ormsh provides them
//! (`eval::pymod`): each module's own functions (`hashlib.sha256`,
//! `werkzeug.security.generate_password_hash`, `flask.Flask`,
//! `flask_sqlalchemy.SQLAlchemy`, …), then, for every module, its
//! submodules and the names it lends from ormsh's built-ins and `db`
//! (`sqlalchemy.select`, `sqlalchemy.orm.relationship`, …) as dynamic
//! attributes; a name Python's module has and ormsh lacks is a
//! `NotImplementedError` naming it. Also `hashlib`'s hash objects (`HASH`).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyenum::{self, EnumKind};
use crate::eval::pymod::hashlib::{Algo, Hash, algo_named, buffer, hex};
use crate::eval::pymod::{Module, dynamic, dynamic_names, flask, missing, plain, werkzeug};
use crate::eval::surface::{Class, Member, Sig, Surface};
use crate::value::{PyStr, Value};

type R = Rc<Module>;

fn dyn_get(me: &mut Interp, m: &R, name: &str) -> Option<Result<Value>> {
    dynamic(me, m, name)
}

fn dyn_names(me: &mut Interp, m: &R) -> Vec<Rc<str>> {
    dynamic_names(me, m)
}

fn miss(_: &mut Interp, m: &R, name: &str, hint: &str) -> crate::error::Error {
    missing(m, name, hint)
}

/// A module's table: its own members, then the shared dynamic part.
pub(super) const fn module(members: &'static [Member<R>]) -> Class<R> {
    Class::new("module", members)
        .with_dynamic(dyn_get, dyn_names)
        .with_missing(miss)
}

/// Modules whose names are all submodules or lent (`sqlalchemy`, …).
pub static MODULE: Class<R> = module(&[]);

/// `hashlib.NAME(data=b'')`'s keywords (3.11 calls it `string`).
const HASH_SIG: Sig = Sig {
    kw: &["string", "data"],
    ignored: &[("usedforsecurity", "ormsh hashes the same either way")],
    any_kw: false,
};

fn hash_of(algo: Algo, mut a: Args) -> Result<Value> {
    let data = a.take_kw("string").or_else(|| a.take_kw("data"));
    let data = data.or_else(|| a.pos.first().cloned());
    a.pos.truncate(a.pos.len().min(1));
    Ok(Value::obj(Hash::new(algo, data.as_ref())?))
}

macro_rules! hash_fn {
    ($name:literal, $algo:expr) => {
        Member::method(
            $name,
            |_, _, a| hash_of($algo, a),
            HASH_SIG,
            concat!(
                "a new ",
                $name,
                " hash object: hashlib.",
                $name,
                "(b'data')"
            ),
        )
    };
}

/// `hashlib.new(name, data=b'')`
fn new_hash(_: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let name = a.arg(0, "name");
    let data = a.take_kw("data").or_else(|| a.take_kw("string"));
    let data = data.or_else(|| a.pos.get(1).cloned());
    let Some(Value::Str(name)) = &name else {
        return Err(crate::error::Error::type_(
            "new() argument 'name' must be str",
        ));
    };
    Ok(Value::obj(Hash::new(algo_named(name)?, data.as_ref())?))
}

/// `hashlib.pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)`
fn pbkdf2_hmac(_: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let names = ["hash_name", "password", "salt", "iterations"];
    let got: Vec<Option<Value>> = names.iter().enumerate().map(|(i, n)| a.arg(i, n)).collect();
    let dklen = a.arg(4, "dklen");
    let [Some(Value::Str(h)), Some(pw), Some(salt), Some(it)] = got.as_slice() else {
        return Err(crate::error::Error::type_(
            "pbkdf2_hmac() takes hash_name (a str), password, salt and iterations",
        ));
    };
    let iterations = crate::eval::args::as_int(it, "iterations")?;
    let dklen = match dklen {
        None | Some(Value::None) => None,
        Some(v) => Some(usize::try_from(crate::eval::args::as_int(&v, "dklen")?).unwrap_or(0)),
    };
    let key = werkzeug::pbkdf2_key(
        algo_named(h)?,
        buffer(pw)?,
        buffer(salt)?,
        u64::try_from(iterations).unwrap_or(0),
        dklen,
    )?;
    Ok(Value::Bytes(Rc::from(key)))
}

/// `sqlalchemy.dialects.sqlite`'s own `insert` (SQLite's `Insert`, with
/// ON CONFLICT); its other names are lent (`JSON`, …).
pub static SQLITE_DIALECT: Class<R> = module(&[Member::method(
    "insert",
    |_, _, a| super::dml_sqlite::insert(a),
    Sig::NONE,
    "SQLite's INSERT, with on_conflict_do_nothing/on_conflict_do_update: insert(User)",
)]);

/// `hashlib`'s functions.
pub static HASHLIB: Class<R> = module(&[
    hash_fn!("md5", Algo::Md5),
    hash_fn!("sha1", Algo::Sha1),
    hash_fn!("sha224", Algo::Sha224),
    hash_fn!("sha256", Algo::Sha256),
    hash_fn!("sha384", Algo::Sha384),
    hash_fn!("sha512", Algo::Sha512),
    Member::method(
        "new",
        new_hash,
        Sig {
            kw: &["name", "data", "string"],
            ignored: &[("usedforsecurity", "ormsh hashes the same either way")],
            any_kw: false,
        },
        "a hash object by name: hashlib.new('sha256', b'data')",
    ),
    Member::method(
        "pbkdf2_hmac",
        pbkdf2_hmac,
        Sig::kw(&["hash_name", "password", "salt", "iterations", "dklen"]),
        "PBKDF2 with HMAC: hashlib.pbkdf2_hmac('sha256', b'pw', b'salt', 100000)",
    ),
]);

fn text_arg(a: &mut Args, i: usize, name: &str) -> Result<Option<Rc<str>>> {
    match &a.arg(i, name) {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(Rc::from(&**s))),
        Some(v) => Err(crate::error::Error::attr(format!(
            "'{}' object has no attribute 'encode'",
            v.type_name()
        ))
        .with_help(format!("{}() takes {name} as a str", a.name))),
    }
}

/// `generate_password_hash(password, method='scrypt', salt_length=16)`
fn generate_password_hash(_: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let Some(pw) = text_arg(&mut a, 0, "password")? else {
        return Err(crate::error::Error::type_(
            "generate_password_hash() missing 1 required positional argument: 'password'",
        ));
    };
    let method = text_arg(&mut a, 1, "method")?.unwrap_or_else(|| Rc::from("scrypt"));
    let salt_length = match a.arg(2, "salt_length") {
        None => 16,
        Some(v) => crate::eval::args::as_int(&v, "salt_length")?,
    };
    a.count(0, 3)?;
    Ok(Value::Str(PyStr::from(&*werkzeug::generate(
        &pw,
        &method,
        salt_length,
    )?)))
}

/// `check_password_hash(pwhash, password)`
fn check_password_hash(_: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let h = text_arg(&mut a, 0, "pwhash")?;
    let pw = text_arg(&mut a, 1, "password")?;
    a.count(0, 2)?;
    let (Some(h), Some(pw)) = (h, pw) else {
        return Err(crate::error::Error::type_(
            "check_password_hash() missing required positional arguments: 'pwhash' and 'password'",
        ));
    };
    Ok(Value::Bool(werkzeug::check(&h, &pw)?))
}

/// `gen_salt(length)`
fn gen_salt(_: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let n = a.arg(0, "length");
    a.count(0, 1)?;
    let n = match n {
        Some(v) => crate::eval::args::as_int(&v, "length")?,
        None => {
            return Err(crate::error::Error::type_(
                "gen_salt() missing 1 required positional argument: 'length'",
            ));
        }
    };
    Ok(Value::Str(PyStr::from(&*werkzeug::gen_salt(n)?)))
}

/// `werkzeug.security`'s password hashes.
pub static WERKZEUG_SECURITY: Class<R> = module(&[
    Member::method(
        "generate_password_hash",
        generate_password_hash,
        Sig::kw(&["password", "method", "salt_length"]),
        "a salted hash of a password, as Werkzeug writes it (scrypt:32768:8:1$salt$hex)",
    ),
    Member::method(
        "check_password_hash",
        check_password_hash,
        Sig::kw(&["pwhash", "password"]),
        "whether a password matches a hash generate_password_hash made",
    ),
    Member::method(
        "gen_salt",
        gen_salt,
        Sig::kw(&["length"]),
        "a random salt of letters and digits",
    ),
]);

/// `flask`'s application class and `current_app`.
pub static FLASK_MODULE: Class<R> = module(&[
    Member::method(
        "Flask",
        |me, _, a| flask::flask(me, a),
        flask::FLASK_SIG,
        "the application: app = Flask(__name__)",
    ),
    Member::attr(
        "current_app",
        |_, _| Ok(Value::obj(flask::CurrentApp)),
        "the app of the application context pushed",
    ),
]);

/// `flask_sqlalchemy.SQLAlchemy`
pub static FLASK_SQLALCHEMY: Class<R> = module(&[Member::method(
    "SQLAlchemy",
    |me, _, a| flask::sqlalchemy(me, a),
    flask::SQLALCHEMY_SIG,
    "ormsh's db, registered on the app given: db = SQLAlchemy(app)",
)]);

/// `sqlalchemy.create_engine` (plain SQLAlchemy, `pymod::plain`); the
/// rest of `sqlalchemy` is lent.
pub static SQLALCHEMY_MODULE: Class<R> = module(&[Member::method(
    "create_engine",
    |me, _, a| plain::create_engine(me, a),
    plain::CREATE_ENGINE_SIG,
    "open a SQLite database and give ormsh's engine (db.engine)",
)]);

/// `sqlalchemy.orm.Session` and `sessionmaker`; the rest is lent.
pub static SQLALCHEMY_ORM_MODULE: Class<R> = module(&[
    Member::method(
        "Session",
        |me, _, a| plain::session(me, a),
        plain::SESSION_SIG,
        "ormsh's one session (db.session): with Session(engine) as session: …",
    ),
    Member::method(
        "sessionmaker",
        |me, _, a| plain::sessionmaker(me, a),
        plain::SESSIONMAKER_SIG,
        "refused: ormsh has one session; write Session(engine)",
    ),
]);

/// `flask_login`'s `UserMixin` (`pymod::flask_login`).
pub static FLASK_LOGIN_MODULE: Class<R> = module(&[Member::attr(
    "UserMixin",
    |me, _| crate::eval::pymod::flask_login::user_mixin(me),
    "Flask-Login's mixin for a User model: is_authenticated, is_active, is_anonymous, get_id()",
)]);

/// `sqlalchemy.event`: mapper events on model classes (`mapper_events`).
pub static EVENT_MODULE: Class<R> = module(&[
    Member::method(
        "listens_for",
        |me, _, a| crate::eval::mapper_events::listens_for(me, a),
        Sig::kw(&[
            "target",
            "identifier",
            "propagate",
            "once",
            "named",
            "retval",
        ]),
        "a decorator: @event.listens_for(User, 'before_insert') def f(mapper, connection, target)",
    ),
    Member::method(
        "listen",
        |me, _, a| crate::eval::mapper_events::listen(me, a),
        Sig::kw(&[
            "target",
            "identifier",
            "fn",
            "propagate",
            "once",
            "named",
            "retval",
        ]),
        "event.listen(User, 'before_update', f): f(mapper, connection, target) at each flush",
    ),
    Member::method(
        "remove",
        |me, _, a| crate::eval::mapper_events::remove(me, a),
        Sig::kw(&["target", "identifier", "fn"]),
        "event.remove(User, 'before_update', f): f no longer runs",
    ),
]);

/// `datetime`'s constants (its classes are lent).
pub static DATETIME_MODULE: Class<R> = module(&[
    Member::attr("MINYEAR", |_, _| Ok(Value::Int(1)), "the smallest year: 1"),
    Member::attr(
        "MAXYEAR",
        |_, _| Ok(Value::Int(9999)),
        "the largest year: 9999",
    ),
]);

/// `enum`'s base classes and `auto` (`eval::pyenum`).
pub static ENUM_MODULE: Class<R> = module(&[
    Member::attr(
        "Enum",
        |_, _| Ok(pyenum::root(EnumKind::Enum)),
        "the base of an enum class: class Status(enum.Enum): ACTIVE = 'active'",
    ),
    Member::attr(
        "IntEnum",
        |_, _| Ok(pyenum::root(EnumKind::IntEnum)),
        "the base of an enum class whose values are ints",
    ),
    Member::attr(
        "StrEnum",
        |_, _| Ok(pyenum::root(EnumKind::StrEnum)),
        "the base of an enum class whose values are strs",
    ),
    Member::attr(
        "auto",
        |_, _| Ok(Interp::native("auto", pyenum::auto)),
        "the next value of an enum member: ACTIVE = auto()",
    ),
    Member::attr(
        "unique",
        |_, _| Ok(Interp::native("unique", pyenum::unique)),
        "a class decorator: ValueError if two names share a value (@enum.unique)",
    ),
]);

/// `sqlalchemy.ext.hybrid`'s `hybrid_property` and `hybrid_method`
/// (`eval::hybrid`).
pub static HYBRID_MODULE: Class<R> = module(&[
    Member::attr(
        "hybrid_property",
        |_, _| {
            Ok(Interp::native(
                "hybrid_property",
                crate::eval::hybrid::hybrid_property,
            ))
        },
        "a model method read as a property from an object and as a SQL expression from the model",
    ),
    Member::attr(
        "hybrid_method",
        |_, _| {
            Ok(Interp::native(
                "hybrid_method",
                crate::eval::hybrid::hybrid_method,
            ))
        },
        "a model method run in Python on an object and building SQL on the model",
    ),
]);

/// The table of a module object.
pub fn module_class(m: &Module) -> &'static dyn Surface {
    match m.def.name {
        "hashlib" => &HASHLIB,
        "sqlalchemy.dialects.sqlite" => &SQLITE_DIALECT,
        "sqlalchemy.dialects.postgresql" => &super::dialect_pg::PG_DIALECT,
        "werkzeug.security" => &WERKZEUG_SECURITY,
        "flask" => &FLASK_MODULE,
        "flask_sqlalchemy" => &FLASK_SQLALCHEMY,
        "datetime" => &DATETIME_MODULE,
        "enum" => &ENUM_MODULE,
        "os" => &super::modules_std::OS_MODULE,
        "os.path" => &super::modules_std::OS_PATH_MODULE,
        "json" => &super::modules_std::JSON_MODULE,
        "functools" => &super::modules_std::FUNCTOOLS_MODULE,
        "sqlalchemy" => &SQLALCHEMY_MODULE,
        "sqlalchemy.orm" => &SQLALCHEMY_ORM_MODULE,
        "sqlalchemy.ext.hybrid" => &HYBRID_MODULE,
        "sqlalchemy.event" => &EVENT_MODULE,
        "flask_login" => &FLASK_LOGIN_MODULE,
        "sqlalchemy.orm.attributes" => &super::flag_modified::SQLALCHEMY_ORM_ATTRIBUTES_MODULE,
        _ => &MODULE,
    }
}

/// Every name `from M import *` binds: the module's own and its dynamic
/// ones (Python's `*` takes the public names).
pub fn module_names(me: &mut Interp, module: &Value) -> Vec<Rc<str>> {
    let Some(m) = module.downcast::<Module>() else {
        return Vec::new();
    };
    let class = module_class(&m);
    let mut out: Vec<Rc<str>> = class.names().into_iter().map(Rc::from).collect();
    out.extend(class.dynamic_names(me, module));
    out
}

type H = Rc<Hash>;

/// A hash object's table (`_hashlib.HASH`).
pub static HASH: Class<H> = Class::new(
    "HASH",
    &[
        Member::method(
            "update",
            |_, h, a| {
                a.count(1, 1)?;
                h.update(&a.pos[0])?;
                Ok(Value::None)
            },
            Sig::NONE,
            "add bytes to what is hashed",
        ),
        Member::method(
            "digest",
            |_, h, a| {
                a.count(0, 0)?;
                Ok(Value::Bytes(Rc::from(h.digest())))
            },
            Sig::NONE,
            "the digest, as bytes",
        ),
        Member::method(
            "hexdigest",
            |_, h, a| {
                a.count(0, 0)?;
                Ok(Value::Str(PyStr::from(&*hex(&h.digest()))))
            },
            Sig::NONE,
            "the digest, as hexadecimal text",
        ),
        Member::method(
            "copy",
            |_, h, a| {
                a.count(0, 0)?;
                Ok(Value::obj(h.copy()))
            },
            Sig::NONE,
            "a copy of the hash object, to go on separately",
        ),
        Member::attr(
            "name",
            |_, h| Ok(Value::str(h.algo.name())),
            "the algorithm's name",
        ),
        Member::attr(
            "digest_size",
            |_, h| Ok(Value::Int(h.algo.digest_size())),
            "the digest's length in bytes",
        ),
        Member::attr(
            "block_size",
            |_, h| Ok(Value::Int(h.algo.block_size())),
            "the algorithm's block length in bytes",
        ),
    ],
);
