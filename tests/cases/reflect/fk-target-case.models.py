"""Flask-SQLAlchemy models exported by ormsh from sqlite:///n.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Author(db.Model):
    __tablename__ = 'Author'
    Id = db.Column(db.INTEGER, primary_key=True)
    name = db.Column(db.TEXT)


class Book(db.Model):
    __tablename__ = 'book'
    id = db.Column(db.INTEGER, primary_key=True)
    author_id = db.Column(db.INTEGER, db.ForeignKey('Author.Id'))
    title = db.Column(db.TEXT)
    author = db.relationship('Author', foreign_keys=[author_id], backref='books')


class Review(db.Model):
    __tablename__ = 'review'
    id = db.Column(db.INTEGER, primary_key=True)
    book_id = db.Column(db.INTEGER, db.ForeignKey('book.id'))
    stars = db.Column(db.INTEGER)
    book = db.relationship('Book', foreign_keys=[book_id], backref='reviews')
