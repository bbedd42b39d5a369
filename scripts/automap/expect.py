"""The reference for reflection cases (tests/cases/reflect/NAME.orm): what
Flask-SQLAlchemy with SQLAlchemy's automap prints for the same file.

    ~/.cache/ormsh-reference/bin/python scripts/automap/expect.py \
        SETUP.sql tests/cases/reflect/NAME.automap.py > NAME.out

SETUP.sql is the case's setup SQL (NAME.setup.sql, after the files its
`# setup: OTHER.setup.sql` lines name; scripts/regen-golden.sh joins them).
Runs the setup SQL into a fresh database file, reflects it with
automap_base().prepare(autoload_with=db.engine) inside a Flask app context,
and runs NAME.automap.py (the .orm script written in Python, each echoed
expression printed with print(repr(...))) with every automapped class bound
as _<table name>, and db, text, date, time, timedelta, Decimal at hand.
With a third argument NAME.models.py (what ormsh's `.export python` writes
for the file), its models are used instead of automap: for what automap
cannot map (views, tables without a primary key).

On PostgreSQL (issue 19; scripts/pg-reference.sh calls it so):

    expect.py --url=postgresql+psycopg2://… PG_SETUP.sql NAME.automap.py [NAME.models.py]

runs PG_SETUP.sql (the case's NAME.pg.setup.sql) on that database (a
schema of the run's own, named by the URL's search_path) instead of a
fresh SQLite file, and reflects it there.
"""
import sys, sqlite3, os, tempfile
from datetime import datetime, date, time, timedelta
from decimal import Decimal
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.ext.automap import automap_base
url = None
if sys.argv[1].startswith('--url='):
    url = sys.argv.pop(1)[len('--url='):]
if url is None:
    d = tempfile.mkdtemp(prefix='ormsh-automap-')
    path = os.path.join(d, 'x.db')
    con = sqlite3.connect(path); con.executescript(open(sys.argv[1]).read()); con.commit(); con.close()
    url = 'sqlite:///' + path
else:
    import sqlalchemy
    d = path = None
    with sqlalchemy.create_engine(url).begin() as conn:
        conn.exec_driver_sql(open(sys.argv[1]).read().replace('%', '%%'))
app = Flask(__name__); app.config['SQLALCHEMY_DATABASE_URI'] = url
g = dict(globals())
if len(sys.argv) > 3:
    # Where automap maps nothing (a view, a table without a key): the
    # models ormsh's `.export python` writes for the file, run in Flask.
    exec(compile(open(sys.argv[3]).read(), sys.argv[3], 'exec'), g)
    db = g['db']
    db.init_app(app)
    ctx = app.app_context(); ctx.push()
else:
    db = SQLAlchemy(app)
    ctx = app.app_context(); ctx.push()
    Base = automap_base()
    Base.prepare(autoload_with=db.engine)
    for name in Base.classes.keys():
        g['_' + name] = Base.classes[name]
g['db'] = db
g['text'] = db.text
try:
    exec(compile(open(sys.argv[2]).read(), sys.argv[2], 'exec'), g)
finally:
    ctx.pop()
    if path is not None:
        os.remove(path)
        os.rmdir(d)
