# Rows through the models of mixin_models.py (tests/roundtrip.rs).
o = Owner(name='ann')
db.session.add_all([Post(title='hi', owner=o), Tag()])
db.session.commit()
p = Post.query.first()
print(p, p.owner.name, p.owner_id, p.created, p.updated)
print(Tag.query.first().created, Post.__table__.c.keys(), Owner.__table__.c.keys())
