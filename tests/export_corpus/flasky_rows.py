db.create_all()
Role.insert_roles()
print(Role.query.all())
print([(r.name, r.permissions, r.default) for r in Role.query.order_by(Role.id)])
u = User(email='john@example.com', username='john', password='cat')
a = User(email='admin@x.org', username='admin', password='dog')
db.session.add_all([u, a])
db.session.commit()
print(u.role, a.role)
print(u.can(Permission.WRITE), u.can(Permission.MODERATE), a.is_administrator())
print(Role.query.filter_by(name='User').first().users.all())
print(u.verify_password('cat'), u.verify_password('dog'))
try:
    u.password
except AttributeError as e:
    print('AttributeError:', e)
