# Models with methods, properties (also property(fset=...)), static and class methods and helpers
# from werkzeug.security and hashlib: .export python writes them, and the
# export read back with .read has them.
from werkzeug.security import generate_password_hash, check_password_hash
from hashlib import md5


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(80))
    password_hash = db.Column(db.String(200))
    posts = db.relationship('Post', backref='author')

    def __repr__(self):
        return f'<User {self.email}>'

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    # password = '...' sets the hash (property() of the methods above)
    password = property(fset=set_password)

    def avatar(self, size):
        digest = md5(self.email.lower().encode('utf-8')).hexdigest()
        return f'https://www.gravatar.com/avatar/{digest}?s={size}'

    @property
    def domain(self):
        """The part after the @."""
        return self.email.split('@')[1]

    @staticmethod
    def kind():
        return 'user'

    @classmethod
    def make(cls, email):
        return cls(email=email)


class Post(db.Model):
  id = db.Column(db.Integer, primary_key=True)
  body = db.Column(db.String(140))
  user_id = db.Column(db.Integer, db.ForeignKey('user.id'))

  def summary(self, n=5):
    if len(self.body) > n:
      return self.body[:n] + '...'
    return self.body
