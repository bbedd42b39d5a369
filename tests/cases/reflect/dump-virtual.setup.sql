-- An FTS5 index, an R*Tree index, an index ending in a comment: the file sqlite3 3.40's .dump was checked on
CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO note VALUES (1, 'hello world'), (2, 'it''s late');
CREATE VIRTUAL TABLE note_fts USING fts5(body);
INSERT INTO note_fts (rowid, body) SELECT id, body FROM note;
CREATE VIRTUAL TABLE box USING rtree(id, x0, x1);
INSERT INTO box VALUES (1, 0, 5);
CREATE INDEX ix_note_body ON note (body) -- by body
;
