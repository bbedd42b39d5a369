"""Names a model takes from the session: constraint classes imported
bare, an Annotated alias, and a model named like a built-in type."""
from typing import Annotated, Optional
from sqlalchemy import UniqueConstraint, CheckConstraint, Index
from sqlalchemy.orm import Mapped, mapped_column

intpk = Annotated[int, mapped_column(primary_key=True)]
str30 = Annotated[str, mapped_column(db.String(30))]


class Booking(db.Model):
    __table_args__ = (
        UniqueConstraint('room', 'day'),
        CheckConstraint('room > 0', name='room_positive'),
        Index('ix_booking_day', 'day'),
    )
    id: Mapped[intpk]
    room: Mapped[int]
    day: Mapped[int]
    who: Mapped[Optional[str30]]


class Interval(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    start = db.Column(db.Integer, nullable=False)
    end = db.Column(db.Integer, nullable=False)
    gap = db.Column(db.Interval)

    def length(self):
        return self.end - self.start
