Member = _member
u = [c for c in Member.__table__.constraints if type(c).__name__ == 'UniqueConstraint'][0]
print(repr(len(u.columns)))
print(repr([c.name for c in u.columns]))
print(repr(u.columns.keys()))
print(repr(u.columns.a.name))
