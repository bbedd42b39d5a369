"""Flask-SQLAlchemy models exported by ormsh from sqlite:///x.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class AuthorTitle(db.Model):
    __tablename__ = 'author_title'
    author = db.Column(db.TEXT, primary_key=True)
    title = db.Column(db.TEXT, primary_key=True)


class Book(db.Model):
    __tablename__ = 'book'
    id = db.Column(db.INTEGER, primary_key=True)
    title = db.Column(db.TEXT)
    author = db.Column(db.TEXT)
    year = db.Column(db.INTEGER)


class BookAuthor(db.Model):
    __tablename__ = 'book_author'
    id = db.Column(db.INTEGER, primary_key=True)
    title = db.Column(db.TEXT)
    coauthor = db.Column(db.TEXT)


class Pair(db.Model):
    __tablename__ = 'pair'
    a = db.Column(db.TEXT, primary_key=True)
    b = db.Column(db.TEXT, primary_key=True)
    v = db.Column(db.INTEGER)
