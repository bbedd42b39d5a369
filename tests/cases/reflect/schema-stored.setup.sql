-- A view, WITHOUT ROWID and STRICT tables, AUTOINCREMENT (sqlite_sequence), a generated column, triggers on a table and on a view, a partial index, an FTS5 index: what sqlite3 3.40's .schema showed for this file
CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE city (country_code TEXT NOT NULL REFERENCES country(code), name TEXT NOT NULL, pop INTEGER, PRIMARY KEY (country_code, name)) WITHOUT ROWID;
CREATE TABLE item (id INTEGER PRIMARY KEY, price REAL NOT NULL, qty INTEGER NOT NULL DEFAULT 1,
  total REAL GENERATED ALWAYS AS (price * qty) STORED) STRICT;
CREATE INDEX ix_item_cheap ON item (price) WHERE price < 10;
CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT);
CREATE TRIGGER item_ins AFTER INSERT ON item BEGIN INSERT INTO audit (op) VALUES ('insert ' || NEW.id); END;
CREATE VIEW big_city AS SELECT country_code, name, pop FROM city WHERE pop > 1000000;
CREATE VIEW "order view" AS SELECT id, total AS "the total" FROM item;
CREATE TRIGGER order_view_ins INSTEAD OF INSERT ON "order view" BEGIN INSERT INTO item (id, price) VALUES (NEW.id, 1); END;
CREATE VIRTUAL TABLE item_fts USING fts5(name);
