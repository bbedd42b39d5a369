-- WITHOUT ROWID and STRICT tables, a composite foreign key with an action, a partial index, an expression index, a descending term, a named single-column index, a multi-column unique index, a UNIQUE column, an index on a column whose name is no identifier
CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE region (country_code TEXT NOT NULL REFERENCES country(code), code TEXT NOT NULL, name TEXT, PRIMARY KEY (country_code, code)) WITHOUT ROWID;
CREATE TABLE place (id INTEGER PRIMARY KEY, country_code TEXT NOT NULL, region_code TEXT NOT NULL, name TEXT NOT NULL, email TEXT, price REAL, code TEXT UNIQUE, "unit price" REAL,
  FOREIGN KEY (country_code, region_code) REFERENCES region (country_code, code) ON DELETE CASCADE) STRICT;
CREATE INDEX ix_place_cheap ON place (price) WHERE price < 10;
CREATE UNIQUE INDEX ux_place_email ON place (lower(email));
CREATE INDEX idx_place_name ON place (name);
CREATE INDEX ix_place_region_name ON place (region_code, name DESC);
CREATE UNIQUE INDEX ux_place_name2 ON place (name, price);
CREATE INDEX ix_place_unit_price ON place ("unit price", name);
