-- Integer keys that are not SQLite's rowid (only a column declared exactly INTEGER PRIMARY KEY is): BIGINT and INT keys, and an INTEGER PRIMARY KEY that is.
CREATE TABLE big (id BIGINT PRIMARY KEY, v TEXT);
INSERT INTO big VALUES (10, 'b');
CREATE TABLE ipk (id INTEGER PRIMARY KEY, v TEXT);
INSERT INTO ipk VALUES (3, 'i');
