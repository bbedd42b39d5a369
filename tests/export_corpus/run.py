"""Run ROWS with the models of MODELS (a file `.export python` wrote)
imported as Flask-SQLAlchemy imports them, in an in-memory database:
python run.py MODELS ROWS. The names of MODELS are the rows' globals,
as `.read MODELS` makes them ormsh's."""
import importlib.util
import sys

from flask import Flask

spec = importlib.util.spec_from_file_location("models", sys.argv[1])
models = importlib.util.module_from_spec(spec)
spec.loader.exec_module(models)
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
models.db.init_app(app)
with app.app_context():
    names = dict(vars(models))
    with open(sys.argv[2]) as f:
        exec(compile(f.read(), sys.argv[2], "exec"), names)
