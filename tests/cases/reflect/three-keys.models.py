"""Flask-SQLAlchemy models exported by ormsh from sqlite:///x.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Leg(db.Model):
    __tablename__ = 'leg'
    id = db.Column(db.INTEGER, primary_key=True)
    f1 = db.Column(db.INTEGER, db.ForeignKey('point.id'))
    f2 = db.Column(db.INTEGER, db.ForeignKey('point.id'))
    f3 = db.Column(db.INTEGER, db.ForeignKey('point.id'))
    point = db.relationship('Point', foreign_keys=[f1], backref='point_legs')
    f2_point = db.relationship('Point', foreign_keys=[f2], backref='f2_point_legs')
    f3_point = db.relationship('Point', foreign_keys=[f3], backref='f3_point_legs')


class Point(db.Model):
    __tablename__ = 'point'
    id = db.Column(db.INTEGER, primary_key=True)
    name = db.Column(db.TEXT)


class Route(db.Model):
    __tablename__ = 'route'
    id = db.Column(db.INTEGER, primary_key=True)
    start_id = db.Column(db.INTEGER, db.ForeignKey('point.id'))
    via_id = db.Column(db.INTEGER, db.ForeignKey('point.id'))
    end_id = db.Column(db.INTEGER, db.ForeignKey('point.id'))
    start = db.relationship('Point', foreign_keys=[start_id], backref='start_routes')
    via = db.relationship('Point', foreign_keys=[via_id], backref='via_routes')
    end = db.relationship('Point', foreign_keys=[end_id], backref='end_routes')
