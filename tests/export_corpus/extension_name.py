from flask_sqlalchemy import SQLAlchemy

database = SQLAlchemy()


class Author(database.Model):
    """Someone who writes."""
    id = database.Column(database.Integer, primary_key=True)
    name = database.Column(database.String(40), nullable=False)
    books = database.relationship('Book', backref='author')

    def shout(self):
        return self.name.upper()


class Book(database.Model):
    id = database.Column(database.Integer, primary_key=True)
    title = database.Column(database.String(80))
    author_id = database.Column(database.Integer, database.ForeignKey('author.id'))
