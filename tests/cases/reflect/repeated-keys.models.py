"""Flask-SQLAlchemy models exported by ormsh from sqlite:///x.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class AuthorTitle(db.Model):
    __tablename__ = 'author_title'
    author = db.Column(db.Text, primary_key=True)
    title = db.Column(db.Text, primary_key=True)


class Book(db.Model):
    __tablename__ = 'book'
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Text)
    author = db.Column(db.Text)
    year = db.Column(db.Integer)


class BookAuthor(db.Model):
    __tablename__ = 'book_author'
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Text)
    coauthor = db.Column(db.Text)


class Pair(db.Model):
    __tablename__ = 'pair'
    a = db.Column(db.Text, primary_key=True)
    b = db.Column(db.Text, primary_key=True)
    v = db.Column(db.Integer)
