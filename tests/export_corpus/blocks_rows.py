db.create_all()
a = Account(email='  Ann@Example.COM ', name='ann')
print(a, str(a), a.describe())
a.bump(4)
print(a.n, a.double, a.big, a.more_than(2))
print(a.save(), Account.make('b@x.org').save(), Account(email='ann@example.com').save())
print(Account.by_email('ann@example.com'), Account.by_email('b@x.org').label)
print(Account.query.filter(Account.big).all(), Account.query.count())
try:
    Account(email='nobody')
except ValueError as e:
    print('ValueError:', e)
