Token = _token
print(repr([(t.key, t.ttl, t.at, t.price) for t in db.session.query(Token).all()]))
print(repr(db.session.query(Token).filter(Token.price > 3).count()))
