P = lambda v: print(repr(v))
i = Ipk(v='j')
db.session.add(i)
db.session.commit()
try:
    P(i.id)
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
b = Big(v='c')
db.session.add(b)
db.session.commit()
try:
    P(db.session.execute(db.text('select id, v from big order by v')).all())
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
try:
    P(b.id)
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
