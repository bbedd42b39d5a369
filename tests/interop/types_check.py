"""Each column's type as Flask-SQLAlchemy sees it: `table column repr(type)`.

usage: types_check.py automap DB            the tables reflected by automap
       types_check.py models MODELS_DIR DB  the models ormsh's `.export python` wrote
"""
import sys
import warnings

warnings.simplefilter("ignore")

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.ext.automap import automap_base

app = Flask("types")
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + sys.argv[-1]
if sys.argv[1] == "models":
    sys.path.insert(0, sys.argv[2])
    import models  # noqa: E402
    db = models.db
    db.init_app(app)
else:
    db = SQLAlchemy(app)
with app.app_context():
    if sys.argv[1] == "automap":
        base = automap_base()
        base.prepare(autoload_with=db.engine)
        tables = base.metadata.tables
    else:
        tables = db.metadata.tables
    for name in sorted(tables):
        for c in tables[name].columns:
            print(name, c.name, repr(c.type))
