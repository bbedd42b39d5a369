"""Import a models.py written by ormsh's `.export python` and use it.

usage: export_check.py MODELS_DIR schema DB   create the tables in DB, print their DDL
       export_check.py MODELS_DIR chinook DB  query the Chinook-style database through the models
       export_check.py MODELS_DIR links DB    Django-style link tables, any SQLAlchemy warning an error
       export_check.py MODELS_DIR pragmas DB  create the tables in DB (create_all, drop_all, create_all twice), print what SQLite's PRAGMAs say of them
       export_check.py MODELS_DIR pragmas-of DB  the same of DB as it is (the file the models came from)
       export_check.py MODELS_DIR virtual DB  write and query the FTS and R*Tree tables create_all made in DB
       export_check.py MODELS_DIR nokey DB  read, add, change and delete rows of tables without a primary key, by rowid
"""
import sys
import warnings

warnings.simplefilter("ignore")

from flask import Flask

sys.path.insert(0, sys.argv[1])
import models  # noqa: E402

mode, path = sys.argv[2], sys.argv[3]
app = Flask("export")
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + path
models.db.init_app(app)
with app.app_context():
    if mode == "schema":
        models.db.create_all()
        with models.db.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").fetchall()
        for (sql,) in rows:
            print(sql + ";\n")
    elif mode == "chinook":
        m = models
        album = m.Album.query.first()
        print(album.Title, "by", album.artist.Name, [a.AlbumId for a in album.artist.albums])
        print(sorted(p.Name for p in m.Track.query.get(3).playlists))
        print([t.TrackId for t in m.Playlist.query.get(1).tracks])
        boss = m.Employee.query.get(3).reports_to.reports_to
        print(boss.FirstName, [e.EmployeeId for e in boss.employees])
        print([i.InvoiceId for i in m.Customer.query.get(2).invoices])
        print(repr(m.Invoice.query.get(1).InvoiceDate))
    elif mode == "links":
        warnings.simplefilter("error")
        m = models
        mix = m.db.session.get(m.AppPlaylist, 1)
        print([t.title for t in mix.app_tracks], [p.name for p in m.db.session.get(m.AppTrack, 3).app_playlists])
        print([(x.member.name, x.role) for x in m.db.session.get(m.AppBand, 1).app_memberships])
    elif mode in ("pragmas", "pragmas-of"):
        if mode == "pragmas":
            # Again and again, as an application starting up does.
            models.db.create_all()
            models.db.drop_all()
            models.db.create_all()
            models.db.create_all()
        with models.db.engine.connect() as conn:
            q = lambda sql, *a: conn.exec_driver_sql(sql, a).fetchall()
            for name, kind, ncol, wr, strict in q(
                "SELECT name, type, ncol, wr, strict FROM pragma_table_list "
                "WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND name <> '_ormsh_models' ORDER BY name"):
                print(name, kind, ncol, "without rowid" if wr else "", "strict" if strict else "")
                for row in q("SELECT * FROM pragma_table_xinfo(?) ORDER BY cid", name):
                    # SQLAlchemy writes NOT NULL on every primary key column
                    # (an INTEGER PRIMARY KEY is NOT NULL in SQLite anyway).
                    cid, col, ty, notnull, default, pk, hidden = row
                    # ...and `NUMERIC(10, 2)` for the file's `NUMERIC(10,2)`.
                    ty = ty.replace(", ", ",")
                    print("  column", (cid, col, ty, "key" if pk else notnull, default, pk, hidden))
                for row in q("SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq", name):
                    print("  foreign key", tuple(row))
                for ix, unique, origin, partial in q(
                    'SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY name', name):
                    shown = ix if not ix.startswith("sqlite_autoindex_") else "(automatic)"
                    print("  index", shown, unique, origin, partial)
                    for row in q("SELECT * FROM pragma_index_xinfo(?) ORDER BY seqno", ix):
                        print("    ", tuple(row))
    elif mode == "views":
        m = models
        print(sorted((c.name, c.pop) for c in m.BigCity.query.all()))
        print(sorted((s.code, s.n) for s in m.CountryStat.query.all()))
        m.db.session.add(m.NoteV(id=3, body="c"))
        m.db.session.commit()
        print([(n.id, n.body) for n in m.Note.query.order_by(m.Note.id)])
    elif mode == "virtual":
        m = models
        m.db.session.add_all([m.Doc(id=1, title="SQLite", body="small fast"), m.Doc(id=2, title="Rust", body="safe")])
        m.db.session.add(m.NotesFts(rowid=7, body="hello world", tag="a"))
        m.db.session.add(m.Place(id=1, minx=0, maxx=1, miny=0, maxy=1))
        m.db.session.commit()
        # An external-content index is filled by its 'rebuild' command.
        m.db.session.execute(m.db.text("INSERT INTO doc_fts(doc_fts) VALUES ('rebuild')"))
        m.db.session.add(m.OldFts(content="fts four text"))
        m.db.session.commit()
        print([d.rowid for d in m.DocFts.query.filter(m.DocFts.body.match("fast"))])
        print([(n.rowid, n.tag) for n in m.NotesFts.query.filter(m.NotesFts.body.match("hello"))])
        print([o.content for o in m.OldFts.query.filter(m.OldFts.content.match("four"))])
        print([p.id for p in m.Place.query.filter(m.Place.minx < 0.5)])
    elif mode == "nokey":
        m = models
        rows = lambda: [(p.rowid, p.name, p.age) for p in m.Person.query.order_by(m.Person.rowid)]
        print(rows())
        dan = m.Person(name="dan", age=40)
        m.db.session.add(dan)
        m.db.session.add(m.S(rowid="y", v=2))
        m.db.session.commit()
        print(dan.rowid, [(s._rowid_, s.rowid, s.v) for s in m.S.query.order_by(m.S._rowid_)])
        m.db.session.get(m.Person, 1).age = 32
        for bob in m.Person.query.filter_by(name="bob"):
            m.db.session.delete(bob)
        m.db.session.commit()
        print(rows())
    else:
        sys.exit("unknown mode " + mode)
