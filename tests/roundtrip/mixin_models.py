"""Models taking columns from mixins and an abstract base (tests/roundtrip.rs)."""
from datetime import datetime

from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class TimestampMixin:
    created = db.Column(db.DateTime, nullable=False, default=datetime(2024, 1, 2))
    updated: Mapped[datetime] = mapped_column(default=datetime(2024, 1, 3))


class OwnedMixin:
    @declared_attr
    def owner_id(cls):
        return db.Column(db.Integer, db.ForeignKey('owner.id'))

    @declared_attr
    def owner(cls):
        return db.relationship('Owner')


class BaseModel(db.Model):
    __abstract__ = True
    id = db.Column(db.Integer, primary_key=True)


class Owner(BaseModel):
    name = db.Column(db.String(20))


class Post(TimestampMixin, OwnedMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))

    def __repr__(self):
        return f'<Post {self.title}>'


class Tag(TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
