db.reflect()
class BlogArticle(db.Model):
    __table__ = db.metadata.tables['post']

class Tag(db.Model):
    __tablename__ = 'ignored'
    __table__ = db.metadata.tables['blog_tag']

class Entry(db.Model):
    __table__ = db.Table('post', db.metadata, autoload_with=db.engine, extend_existing=True)

print(repr((BlogArticle.__tablename__, BlogArticle.__table__.name)))
print(repr((BlogArticle(title='x').__tablename__)))
print(repr((Tag.__tablename__, Tag.__table__.name)))
print(repr((Entry.__tablename__, Entry.__table__.name)))
print(repr((db.session.get(Entry, 1).__tablename__)))
