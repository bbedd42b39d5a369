"""Import a models.py written by ormsh's `.export python` and use it.

usage: export_check.py MODELS_DIR schema DB   create the tables in DB, print their DDL
       export_check.py MODELS_DIR chinook DB  query the Chinook-style database through the models
       export_check.py MODELS_DIR links DB    Django-style link tables, any SQLAlchemy warning an error
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
    else:
        sys.exit("unknown mode " + mode)
