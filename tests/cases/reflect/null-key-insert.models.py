"""Flask-SQLAlchemy models exported by ormsh from sqlite:///n.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Code(db.Model):
    __tablename__ = 'code'
    code = db.Column(db.TEXT, primary_key=True)
    label = db.Column(db.TEXT)


class Pair(db.Model):
    __tablename__ = 'pair'
    a = db.Column(db.INTEGER, primary_key=True)
    b = db.Column(db.TEXT, primary_key=True)
    v = db.Column(db.INTEGER)
