"""Flask-SQLAlchemy models exported by ormsh from sqlite:///x.db."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Doc(db.Model):
    __tablename__ = 'doc'
    id = db.Column(db.INTEGER, primary_key=True)
    title = db.Column(db.TEXT)
    body = db.Column(db.TEXT)


class DocFts(db.Model):
    __tablename__ = 'doc_fts'
    rowid = db.Column('rowid', db.Integer, primary_key=True)
    title = db.Column()
    body = db.Column()


class DocFtsConfig(db.Model):
    __tablename__ = 'doc_fts_config'
    k = db.Column(primary_key=True)
    v = db.Column()


class DocFtsData(db.Model):
    __tablename__ = 'doc_fts_data'
    id = db.Column(db.INTEGER, primary_key=True)
    block = db.Column(db.BLOB)


class DocFtsDocsize(db.Model):
    __tablename__ = 'doc_fts_docsize'
    id = db.Column(db.INTEGER, primary_key=True)
    sz = db.Column(db.BLOB)


class DocFtsIdx(db.Model):
    __tablename__ = 'doc_fts_idx'
    segid = db.Column(primary_key=True)
    term = db.Column(primary_key=True)
    pgno = db.Column()


class NotesFts(db.Model):
    __tablename__ = 'notes_fts'
    rowid = db.Column('rowid', db.Integer, primary_key=True)
    body = db.Column()
    tag = db.Column()


class NotesFtsConfig(db.Model):
    __tablename__ = 'notes_fts_config'
    k = db.Column(primary_key=True)
    v = db.Column()


class NotesFtsContent(db.Model):
    __tablename__ = 'notes_fts_content'
    id = db.Column(db.INTEGER, primary_key=True)
    c0 = db.Column()
    c1 = db.Column()


class NotesFtsData(db.Model):
    __tablename__ = 'notes_fts_data'
    id = db.Column(db.INTEGER, primary_key=True)
    block = db.Column(db.BLOB)


class NotesFtsDocsize(db.Model):
    __tablename__ = 'notes_fts_docsize'
    id = db.Column(db.INTEGER, primary_key=True)
    sz = db.Column(db.BLOB)


class NotesFtsIdx(db.Model):
    __tablename__ = 'notes_fts_idx'
    segid = db.Column(primary_key=True)
    term = db.Column(primary_key=True)
    pgno = db.Column()


class OldFts(db.Model):
    __tablename__ = 'old_fts'
    rowid = db.Column('rowid', db.Integer, primary_key=True)
    content = db.Column()


class OldFtsContent(db.Model):
    __tablename__ = 'old_fts_content'
    docid = db.Column(db.INTEGER, primary_key=True)
    c0content = db.Column()


class OldFtsDocsize(db.Model):
    __tablename__ = 'old_fts_docsize'
    docid = db.Column(db.INTEGER, primary_key=True)
    size = db.Column(db.BLOB)


class OldFtsSegdir(db.Model):
    __tablename__ = 'old_fts_segdir'
    level = db.Column(db.INTEGER, primary_key=True)
    idx = db.Column(db.INTEGER, primary_key=True)
    start_block = db.Column(db.INTEGER)
    leaves_end_block = db.Column(db.INTEGER)
    end_block = db.Column(db.INTEGER)
    root = db.Column(db.BLOB)


class OldFtsSegment(db.Model):
    __tablename__ = 'old_fts_segments'
    blockid = db.Column(db.INTEGER, primary_key=True)
    block = db.Column(db.BLOB)


class OldFtsStat(db.Model):
    __tablename__ = 'old_fts_stat'
    id = db.Column(db.INTEGER, primary_key=True)
    value = db.Column(db.BLOB)


class Place(db.Model):
    __tablename__ = 'places'
    rowid = db.Column('rowid', db.Integer, primary_key=True)
    id = db.Column(db.INTEGER)
    minx = db.Column(db.REAL)
    maxx = db.Column(db.REAL)
    miny = db.Column(db.REAL)
    maxy = db.Column(db.REAL)


class PlacesNode(db.Model):
    __tablename__ = 'places_node'
    nodeno = db.Column(db.INTEGER, primary_key=True)
    data = db.Column()


class PlacesParent(db.Model):
    __tablename__ = 'places_parent'
    nodeno = db.Column(db.INTEGER, primary_key=True)
    parentnode = db.Column()


class PlacesRowid(db.Model):
    __tablename__ = 'places_rowid'
    rowid = db.Column(db.INTEGER, primary_key=True)
    nodeno = db.Column()
