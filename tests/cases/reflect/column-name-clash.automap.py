P = lambda v: print(repr(v))
o = Ol.query.first()
P((o.a_b, o.a_b_2))
l = Lo.query.first()
P((l.x_y, l.x_y_2))
o.a_b = 50
db.session.commit()
P(db.session.execute(db.text('select "a b", a_b from ol')).all())
