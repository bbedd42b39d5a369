-- SQLAlchemy's Inspector on a file: inline and table constraints, named and not, options, a generated column, a partial index, a view, a WITHOUT ROWID table, a key naming no column.
CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE, born DATE DEFAULT '2000-01-01', code TEXT UNIQUE);
CREATE TABLE book (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, author_id INTEGER REFERENCES author(id) ON DELETE CASCADE, price NUMERIC(10,2), editor_id INTEGER,
    title_len INTEGER GENERATED ALWAYS AS (length(title)) VIRTUAL, upper_title TEXT GENERATED ALWAYS AS (upper(title)) STORED,
    CONSTRAINT uq_title_author UNIQUE (title, author_id),
    CONSTRAINT fk_editor FOREIGN KEY (editor_id) REFERENCES author (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX ix_book_price ON book (price);
CREATE UNIQUE INDEX ix_book_cheap ON book (title) WHERE price < 10;
CREATE TABLE tag (a TEXT, b INT, note, CONSTRAINT pk_tag PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE TABLE book_tag (book_id INTEGER REFERENCES book, tag_a TEXT, tag_b INT, FOREIGN KEY (tag_a, tag_b) REFERENCES tag (a, b));
CREATE VIEW cheap AS SELECT id, title, price FROM book WHERE price < 10;
