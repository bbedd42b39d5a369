-- A table without a primary key whose columns take all three of SQLite's names for the rowid, beside a table that maps.
CREATE TABLE s3 (rowid INT, _rowid_ INT, oid INT, name TEXT);
INSERT INTO s3 VALUES (1,1,1,'only'),(1,1,1,'twin');
CREATE TABLE ok (id INTEGER PRIMARY KEY);
INSERT INTO ok VALUES (1);
