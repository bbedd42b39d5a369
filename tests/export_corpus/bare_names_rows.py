from datetime import timedelta
from sqlalchemy.exc import IntegrityError
db.create_all()
db.session.add_all([Booking(room=1, day=2, who='ann'), Interval(start=2, end=7, gap=timedelta(days=1))])
db.session.commit()
print(Booking.query.all(), Interval.query.first().length(), Interval.query.first().gap)
db.session.add(Booking(room=1, day=2))
try:
    db.session.commit()
except IntegrityError as e:
    db.session.rollback()
    print('IntegrityError', 'UNIQUE' in str(e))
print(sorted(c.name for c in Booking.__table__.constraints if c.name))
print(Booking.__table__.c.who.type, Booking.__table__.c.who.nullable)
