-- A reflected table, a table no model maps (its columns take every rowid name), an index and a trigger on it.
CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO item VALUES (1, 'a');
CREATE TABLE "odd log" (rowid INT, _rowid_ INT, oid INT, msg TEXT);
INSERT INTO "odd log" VALUES (1, 2, 3, 'it''s'), (NULL, NULL, NULL, 'x');
CREATE INDEX odd_msg ON "odd log" (msg);
CREATE TRIGGER odd_tr AFTER INSERT ON "odd log" BEGIN UPDATE item SET name = new.msg WHERE id = 1; END;
