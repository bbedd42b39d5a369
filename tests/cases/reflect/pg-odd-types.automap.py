Odd = _odd
print(repr([[(c, getattr(r, c)) for c in ['m', 'x', 'ip', 'cidr_', 'mac', 'ts', 'pt', 'o', 'c', 'nm', 'meta', 'feel']] for r in db.session.query(Odd).order_by(Odd.id).all()]))
print(repr(db.session.query(Odd).filter_by(feel='happy').count()))
