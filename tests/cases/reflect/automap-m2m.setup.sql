-- An association table of two foreign keys and nothing else, a NOT NULL foreign key, a table without a primary key and a view.
CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER NOT NULL REFERENCES author(id));
CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE book_tag (book_id INTEGER REFERENCES book(id), tag_id INTEGER REFERENCES tag(id), PRIMARY KEY (book_id, tag_id));
CREATE TABLE note (body TEXT);
CREATE VIEW book_title AS SELECT id, title FROM book;
INSERT INTO author VALUES (1, 'Ann'), (2, 'Bob');
INSERT INTO book VALUES (1, 'Rust', 1), (2, 'SQL', 1), (3, 'Go', 2);
INSERT INTO tag VALUES (1, 'lang'), (2, 'db');
INSERT INTO book_tag VALUES (1, 1), (2, 2), (3, 1);
INSERT INTO note VALUES ('x');
