"""Flask-SQLAlchemy models exported by ormsh from sqlite:///null-key-rel.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Line(db.Model):
    __tablename__ = 'line'
    code = db.Column(db.TEXT, primary_key=True)
    parent_id = db.Column(db.INTEGER, db.ForeignKey('parent.id'))
    v = db.Column(db.INTEGER)
    parent = db.relationship('Parent', foreign_keys=[parent_id], backref='lines')


class Parent(db.Model):
    __tablename__ = 'parent'
    id = db.Column(db.INTEGER, primary_key=True)
    name = db.Column(db.TEXT)
