"""The Flask-SQLAlchemy side of tests/flask_interop.rs.

usage: flask_side.py COMMAND DB_PATH_OR_URL
  check-ormsh   read the rows ormsh wrote, check every value, add rows, dump
  create        create the schema with db.create_all(), add rows, dump
  check-after   read the rows ormsh added to the database made by 'create', dump

A dump is one repr() line per event, ordered by id, exactly as the ormsh side
prints it. A database URL (postgresql+psycopg2://...) is used as it is
(tests/flask_interop_pg.rs); a path is a SQLite file.
"""
import sys
import warnings
from datetime import date, datetime, time

warnings.simplefilter("ignore")

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Category(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.Text, nullable=False)


class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.Text, nullable=False)
    code = db.Column(db.String(20), unique=True)
    at = db.Column(db.DateTime)
    day = db.Column(db.Date)
    clock = db.Column(db.Time)
    done = db.Column(db.Boolean)
    score = db.Column(db.Float)
    data = db.Column(db.JSON)
    blob = db.Column(db.LargeBinary)
    category_id = db.Column(db.Integer, db.ForeignKey("category.id"))
    category = db.relationship("Category", backref="events")


UNICODE = "h\u00e9llo \u2603 \u65e5\u672c\u8a9e \U0001f389 \"quotes\" 'single'\nnew line\ttab \\ backslash"

# What each side writes, by code: (name, at, day, clock, done, score, data, blob, category name)
ORMSH_ROWS = {
    "O1": (UNICODE, datetime(2024, 1, 2, 3, 4, 5, 678901), date(2024, 2, 29), time(23, 59, 58, 123456),
           True, 0.1, {"a": [1, 2.5, None, True, "\u00fc"], "b": {"c": "d"}}, b"\x00\xffabc", "Caf\u00e9"),
    "O2": ("", datetime(1999, 12, 31, 23, 59, 59), date(1970, 1, 1), time(0, 0), False, -2.5e100,
           [], b"", None),
    "O3": ("nulls", None, None, None, None, None, None, None, "Caf\u00e9"),
}
FLASK_ROWS = {
    "F1": ("\u0394\u03b5\u03bb\u03c4\u03b1 \u2014 \u00bd \U0001f600", datetime(2001, 2, 3, 4, 5, 6, 7),
           date(2000, 1, 1), time(12, 30, 15, 500000), True, 1e-05,
           {"list": [1, 2, 3], "unicode": "\u2603", "nested": {"x": None}}, bytes(range(256)), "B\u00fccher"),
    "F2": ("second", datetime(2020, 6, 15), date(2020, 6, 15), time(6, 7, 8), False, 3.0, [1, "two", 3.5],
           b"\n\r\t", None),
}


def app_for(path):
    app = Flask("interop")
    app.config["SQLALCHEMY_DATABASE_URI"] = path if "://" in path else "sqlite:///" + path
    db.init_app(app)
    return app


def add_rows(rows):
    cats = {c.name: c for c in Category.query.all()}
    for code, (name, at, day, clock, done, score, data, blob, cat) in rows.items():
        if cat is not None and cat not in cats:
            cats[cat] = Category(name=cat)
        db.session.add(Event(code=code, name=name, at=at, day=day, clock=clock, done=done,
                             score=score, data=data, blob=blob,
                             category=cats[cat] if cat else None))
    db.session.commit()


def check(rows):
    for code, want in rows.items():
        e = Event.query.filter_by(code=code).one()
        got = (e.name, e.at, e.day, e.clock, e.done, e.score, e.data, e.blob,
               e.category.name if e.category else None)
        for field, g, w in zip("name at day clock done score data blob category".split(), got, want):
            assert g == w and type(g) is type(w), "%s.%s: got %r, want %r" % (code, field, g, w)
    for c in Category.query.all():
        assert all(e.category is c for e in c.events)


def dump():
    for e in Event.query.order_by(Event.id).all():
        print(repr((e.id, e.code, e.name, e.at, e.day, e.clock, e.done, e.score, e.data, e.blob,
                    e.category.name if e.category else None)))


def main():
    command, path = sys.argv[1], sys.argv[2]
    with app_for(path).app_context():
        if command == "check-ormsh":
            check(ORMSH_ROWS)
            add_rows(FLASK_ROWS)
            check(FLASK_ROWS)
        elif command == "create":
            db.create_all()
            add_rows(FLASK_ROWS)
        elif command == "check-after":
            check(FLASK_ROWS)
            check(ORMSH_ROWS)
        else:
            sys.exit("unknown command " + command)
        dump()


if __name__ == "__main__":
    main()
