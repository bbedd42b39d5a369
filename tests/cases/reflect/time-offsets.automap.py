Ev = _ev
P = lambda v: print(repr(v))
P([e.t for e in db.session.scalars(db.select(Ev).order_by(Ev.id))])
P(db.session.get(Ev, 3).t.utcoffset())
e = db.session.get(Ev, 2)
e.t = e.t.replace(hour=10)
db.session.commit()
P(db.session.execute(db.text("select id, t from ev where id in (2, 3) order by id")).all())
P(db.session.execute(db.select(Ev.t).where(Ev.id == 1)).scalar())
