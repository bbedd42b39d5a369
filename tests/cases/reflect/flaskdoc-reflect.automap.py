_v = (db.reflect())
if _v is not None: print(repr(_v))
_v = (sorted(db.metadata.tables)[:3])
if _v is not None: print(repr(_v))
class User(db.Model):
    __table__ = db.Model.metadata.tables['auth_user']

class Post(db.Model):
    __table__ = db.metadata.tables["blog_post"]
    author = db.relationship('User', foreign_keys='Post.author_id', backref='posts')

class Tag(db.Model):
    __tablename__ = 'ignored'
    __table__ = db.metadata.tables["blog_tag"]
    def __repr__(self):
        return f'<Tag {self.name}>'

_v = (Post.query.count())
if _v is not None: print(repr(_v))
p = db.session.get(Post, 1)
_v = ((p.title, p.rating, p.created, p.author.username))
if _v is not None: print(repr(_v))
_v = ([c.name for c in Post.__table__.columns])
if _v is not None: print(repr(_v))
_v = ([q.title for q in db.session.get(User, 2).posts])
if _v is not None: print(repr(_v))
_v = (Tag.query.order_by(Tag.name).all())
if _v is not None: print(repr(_v))
_v = (db.session.add(Tag(name='C', slug='c')))
if _v is not None: print(repr(_v))
_v = (db.session.commit())
if _v is not None: print(repr(_v))
_v = (Tag.query.count())
if _v is not None: print(repr(_v))
print(Post.query.filter(Post.author.has(username='ann')))
_v = (hasattr(Post, 'auth_user'), hasattr(Post, 'blog_category'))
if _v is not None: print(repr(_v))
