"""Methods ending in nested blocks, decorators after them, validators,
a parenthesised return over two lines, and __str__ = __repr__."""
from sqlalchemy.orm import validates, column_property
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.exc import IntegrityError


class Account(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(50), unique=True)
    n = db.Column(db.Integer, default=0)
    name = db.Column(db.String(30))
    label = column_property(name + '!')

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.email:
            self.email = self.email.strip()

    @validates('email')
    def check_email(self, key, v):
        if '@' not in v:
            raise ValueError('no @ in ' + v)
        return v.lower()

    def bump(self, times):
        for i in range(times):
            if i % 2:
                self.n = (self.n or 0) + i
            else:
                self.n = (self.n or 0) + 1

    @staticmethod
    def make(email):
        return Account(email=email, name='made')

    @classmethod
    def by_email(cls, email):
        return cls.query.filter_by(email=email).first()

    @property
    def double(self):
        return (self.n or 0) * 2

    @hybrid_property
    def big(self):
        return self.n > 3

    def more_than(self, k):
        return self.n > k

    def save(self):
        try:
            db.session.add(self)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return False
        return True

    def __repr__(self):
        return ('<Account '
                + str(self.email) + '>')

    __str__ = __repr__
    describe = __repr__
