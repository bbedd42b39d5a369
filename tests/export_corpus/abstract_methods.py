from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class CRUDMixin(object):
    @classmethod
    def create(cls, **kwargs):
        instance = cls(**kwargs)
        db.session.add(instance)
        return instance


class Model(CRUDMixin, db.Model):
    __abstract__ = True


class Base(Model):
    __abstract__ = True
    id = db.Column(db.Integer, primary_key=True)

    def save(self):
        db.session.add(self)
        db.session.commit()
        return self


class Sub(Base):
    __abstract__ = True


class User(Sub):
    name = db.Column(db.String(10))


class Tag(Model):
    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(10))
