-- Foreign keys naming their target table and column in another case than the file does (SQLite matches them without regard to case).
CREATE TABLE Author (Id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author(id), title TEXT);
CREATE TABLE review (id INTEGER PRIMARY KEY, book_id INTEGER REFERENCES BOOK(ID), stars INT);
INSERT INTO Author VALUES (1, 'Le Guin');
INSERT INTO book VALUES (1, 1, 'The Dispossessed'), (2, 1, 'The Lathe of Heaven');
INSERT INTO review VALUES (1, 1, 5), (2, 2, 4);
