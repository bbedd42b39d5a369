-- WITHOUT ROWID tables, generated columns, triggers on tables and on a view (INSTEAD OF), views (one with a column of no type): the issue-17 tryout's kinds.sql
CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO country VALUES ('FR','France'),('DE','Germany'),('JP','Japan');
CREATE TABLE city (country_code TEXT NOT NULL REFERENCES country(code), name TEXT NOT NULL, pop INTEGER, PRIMARY KEY (country_code, name)) WITHOUT ROWID;
INSERT INTO city VALUES ('FR','Paris',2100000),('FR','Lyon',520000),('JP','Osaka',2700000);
CREATE TABLE item (id INTEGER PRIMARY KEY, price NUMERIC(10,2) NOT NULL, qty INTEGER NOT NULL DEFAULT 1,
  total NUMERIC GENERATED ALWAYS AS (price * qty) STORED,
  label TEXT GENERATED ALWAYS AS ('x' || qty) VIRTUAL,
  updated_at DATETIME);
INSERT INTO item (id, price, qty) VALUES (1, 2.50, 4), (2, 10, 1);
CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT, op TEXT, at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TRIGGER item_ins AFTER INSERT ON item BEGIN INSERT INTO audit (tbl, op) VALUES ('item', 'insert ' || NEW.id); END;
CREATE TRIGGER item_upd AFTER UPDATE OF qty ON item BEGIN INSERT INTO audit (tbl, op) VALUES ('item', 'update ' || NEW.id); END;
CREATE TRIGGER item_touch AFTER UPDATE OF price ON item BEGIN UPDATE item SET updated_at = '2025-01-01 00:00:00' WHERE id = NEW.id; END;
CREATE VIEW big_city AS SELECT country_code, name, pop FROM city WHERE pop > 1000000;
CREATE VIEW item_summary AS SELECT id, total, label FROM item;
CREATE VIEW country_stats AS SELECT c.code, c.name, count(ci.name) AS n FROM country c LEFT JOIN city ci ON ci.country_code = c.code GROUP BY c.code;
CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO note VALUES (1,'a'),(2,'b');
CREATE VIEW note_v AS SELECT id, body FROM note;
CREATE TRIGGER note_v_ins INSTEAD OF INSERT ON note_v BEGIN INSERT INTO note (id, body) VALUES (NEW.id, NEW.body); END;
CREATE TRIGGER note_v_upd INSTEAD OF UPDATE ON note_v BEGIN UPDATE note SET body = NEW.body WHERE id = OLD.id; END;
CREATE TRIGGER note_v_del INSTEAD OF DELETE ON note_v BEGIN DELETE FROM note WHERE id = OLD.id; END;
