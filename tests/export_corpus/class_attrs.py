"""What a tutorial's class body holds besides columns: a uuid4 default,
JSON columns typed dict/Any, an enum named only in an annotation, a private
column, reprs reading __class__ and format fields, class attributes."""
import enum
import uuid
from typing import Any, ClassVar, Optional
from sqlalchemy.orm import Mapped, mapped_column


class Priority(enum.Enum):
    LOW = 1
    HIGH = 2


class Doc(db.Model):
    id = db.Column(db.Uuid, primary_key=True, default=uuid.uuid4)
    title = db.Column(db.String(50))


class Blob(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[dict] = mapped_column(db.JSON)
    extra: Mapped[dict[str, Any]] = mapped_column(db.JSON)
    maybe: Mapped[Optional[dict]] = mapped_column(db.JSON)
    anything: Mapped[Any] = mapped_column(db.JSON, default=list)


class Task(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    prio: Mapped[Priority]


class Acct(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    _secret = db.Column('secret', db.String(9))

    def __repr__(self):
        return f'<Acct {self._secret}>'


class Post(db.Model):
    __searchable__ = ['body']
    MAX: ClassVar[int] = 5
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.Text)

    def __repr__(self):
        return '<%s %r>' % (self.__class__.__name__, self.body)


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(20))

    def __repr__(self):
        return '<Note {0.text}>'.format(self)
