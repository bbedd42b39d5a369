P = lambda v: print(repr(v))
try:
    db.session.add(Code(code=None, label='none3'))
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
try:
    db.session.commit()
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
try:
    db.session.rollback()
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
P(db.session.execute(db.text('select count(*) from code')).scalar())
try:
    db.session.add(Pair(a=3, b=None, v=5))
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
try:
    db.session.commit()
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
P(db.session.execute(db.text('select a, b, v from pair order by v')).all())
try:
    db.session.add(Pair(a=None, b=None, v=6))
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
try:
    db.session.commit()
except Exception as e:
    print("error: %s" % type(e).__name__, file=sys.stderr)
