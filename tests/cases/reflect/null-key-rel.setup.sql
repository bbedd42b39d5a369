-- Children whose TEXT primary key is NULL (SQLite lets a non-INTEGER key hold NULLs): two rows with NULL keys, one with a key.
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE line (code TEXT PRIMARY KEY, parent_id INT REFERENCES parent(id), v INT);
INSERT INTO parent VALUES (1, 'p'), (2, 'q');
INSERT INTO line VALUES (NULL, 1, 10), ('a', 1, 20), (NULL, 1, 30), ('b', 2, 40);
