_v = (db.reflect())
if _v is not None: print(repr(_v))
class Comment(db.Model):
    __table__ = db.metadata.tables['blog_comment']
    extra = db.Column(db.Integer)

