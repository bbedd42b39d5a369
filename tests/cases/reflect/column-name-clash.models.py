"""Flask-SQLAlchemy models exported by ormsh from sqlite:///n.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Lo(db.Model):
    __tablename__ = 'lo'
    id = db.Column(db.INTEGER, primary_key=True)
    x_y = db.Column(db.INTEGER)
    x_y_2 = db.Column('x y', db.INTEGER)


class Ol(db.Model):
    __tablename__ = 'ol'
    id = db.Column(db.INTEGER, primary_key=True)
    a_b_2 = db.Column('a b', db.INTEGER)
    a_b = db.Column(db.INTEGER)
