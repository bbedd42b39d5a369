User = _user
Post = _post
for u in db.session.query(User).order_by(User.id): print(u.id, u.username, u.email, u.active)
print(repr([(p.title, p.user.username) for p in db.session.query(Post).order_by(Post.id)]))
print(repr([p.title for p in db.session.query(User).filter_by(username='ann').one().post_collection]))
print(repr(db.session.query(Post).filter(Post.body.is_(None)).count()))
u = db.session.get(User, 2)
u.email = 'bob@example.com'
db.session.commit()
print(repr(db.session.query(User).filter_by(email='bob@example.com').one().username))
db.session.delete(db.session.query(Post).filter_by(title='Mine').one())
db.session.commit()
print(repr(db.session.query(Post).count()))
