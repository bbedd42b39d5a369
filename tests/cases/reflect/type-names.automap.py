T = _t
for c in T.__table__.columns: print(c.name, repr(c.type), str(c.type))
print(repr(T.__table__.c.f.type))
