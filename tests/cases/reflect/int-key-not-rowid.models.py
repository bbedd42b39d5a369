"""Flask-SQLAlchemy models exported by ormsh from sqlite:///n.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Big(db.Model):
    __tablename__ = 'big'
    id = db.Column(db.BIGINT, primary_key=True)
    v = db.Column(db.TEXT)


class Ipk(db.Model):
    __tablename__ = 'ipk'
    id = db.Column(db.INTEGER, primary_key=True)
    v = db.Column(db.TEXT)
