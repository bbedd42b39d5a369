T = _t
for c in T.__table__.columns: print(c.name, repr(c.type), str(c.type))
r = db.session.scalars(db.select(T)).first()
print(repr([(c.name, getattr(r, c.name)) for c in T.__table__.columns]))
