"""models.py as tutorials write it: db = SQLAlchemy() with no app, the
models, and a __main__ block that makes the app and the tables
(tests/roundtrip.rs runs it with -f and .read; python3 prints the same)."""
from datetime import datetime

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import func

db = SQLAlchemy()


class User(db.Model):
    """Someone who writes posts."""
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    email = db.Column(db.String(120), unique=True, nullable=False)
    joined = db.Column(db.DateTime, default=datetime.utcnow)
    posts = db.relationship('Post', backref='author', lazy=True)

    def __repr__(self):
        return f'<User {self.username}>'


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    created = db.Column(db.DateTime, server_default=func.now())
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'), nullable=False)

    def __repr__(self):
        return '<Post %r>' % self.title


# The module's own name when run: python3 models.py gives '__main__'.
print(__name__)

if __name__ == '__main__':
    app = Flask(__name__)
    app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///blog.db'
    db.init_app(app)
    with app.app_context():
        db.create_all()
        ada = User(username='ada', email='ada@example.com')
        db.session.add(ada)
        db.session.add(Post(title='Hello', author=ada))
        db.session.commit()
        User.query.all()
        print(User.query.all(), Post.query.first().author)
        print([p.title for p in ada.posts], type(ada.joined).__name__)
