SearchableFtsContent, SearchableFtsConfig, DocsContent, PlacesRowid, DocsSegdir = _searchable_fts_content, _searchable_fts_config, _docs_content, _places_rowid, _docs_segdir
P = lambda v: print(repr(v))
P([(c.name, str(c.type), c.primary_key) for c in SearchableFtsContent.__table__.columns])
P(db.session.execute(db.select(SearchableFtsContent.id, SearchableFtsContent.c0, SearchableFtsContent.c1).order_by(SearchableFtsContent.id)).all())
P(db.session.get(SearchableFtsContent, 2).c0)
P(db.session.scalars(db.select(SearchableFtsConfig.k)).all())
P(db.session.execute(db.select(DocsContent.docid, DocsContent.c0content)).all())
P(db.session.execute(db.select(PlacesRowid.rowid, PlacesRowid.nodeno).order_by(PlacesRowid.rowid)).all())
P([c.name for c in DocsSegdir.__table__.primary_key])
