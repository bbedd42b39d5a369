//! Import statements: `import`, `from … import`, aliases, brackets, `*`,
//! relative modules, and the errors Python gives for the bad forms.

use super::table;

#[test]
fn imports() {
    table(&[
        ("import hashlib", "(import (hashlib))"),
        ("import sqlalchemy as sa", "(import (sqlalchemy sa))"),
        (
            "import sqlalchemy.orm, datetime as dt",
            "(import (sqlalchemy.orm) (datetime dt))",
        ),
        ("from sqlalchemy import func", "(from sqlalchemy (func))"),
        (
            "from sqlalchemy.exc import IntegrityError as IE, NoResultFound",
            "(from sqlalchemy.exc (IntegrityError IE) (NoResultFound))",
        ),
        (
            "from sqlalchemy import (select,\n    func,\n)",
            "(from sqlalchemy (select) (func))",
        ),
        ("from flask import *", "(from flask *)"),
        ("from . import db", "(from . (db))"),
        (
            "from ..app.models import User",
            "(from ..app.models (User))",
        ),
        ("import uuid; x = 1", "(import (uuid)) (= x 1)"),
        ("importer = 1", "(= importer 1)"),
        ("from_ = 2", "(= from_ 2)"),
    ]);
}

#[test]
fn bad_imports() {
    table(&[
        (
            "import a,",
            "ERROR trailing comma not allowed without surrounding parentheses at Some(Span { start: 9, end: 9 })",
        ),
        (
            "from x import a,",
            "ERROR trailing comma not allowed without surrounding parentheses at Some(Span { start: 16, end: 16 })",
        ),
        (
            "from x y",
            "ERROR expected 'import' after the module name at Some(Span { start: 7, end: 8 })",
        ),
        (
            "import for",
            "ERROR 'for' is a keyword and cannot be a module or a name here at Some(Span { start: 7, end: 10 })",
        ),
        (
            "from x import (a, b",
            "ERROR '(' was never closed at Some(Span { start: 14, end: 15 })",
        ),
    ]);
}
