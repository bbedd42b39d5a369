T = _t
for r in db.session.scalars(db.select(T).order_by(T.id)): print([(c.name, getattr(r, c.name)) for c in T.__table__.columns])
