-- A BLOB column and a table keyed by bytes.
CREATE TABLE doc (id INTEGER PRIMARY KEY, data BLOB, sig BLOB);
INSERT INTO doc VALUES (1, x'0102', x'ff'), (2, x'', NULL);
CREATE TABLE blobkey (k BLOB PRIMARY KEY NOT NULL, v TEXT);
INSERT INTO blobkey VALUES (x'0102', 'one-two'), (x'ff', 'ff');
