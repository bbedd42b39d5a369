User = _user
print(repr([(u.userName, u.m, u.meta) for u in db.session.query(User).all()]))
print(repr(User.__table__.c.m.type.enums))
print(repr(User.__table__.c.m.type.name))
db.session.add(User(userName='bob', m='sad', meta=[1]))
db.session.commit()
print(repr(db.session.query(User).filter_by(m='sad').count()))
