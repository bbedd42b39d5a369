-- Keys SQLite lets hold NULL (not an INTEGER PRIMARY KEY): a TEXT key and a composite one, rows already NULL in them.
CREATE TABLE code (code TEXT PRIMARY KEY, label TEXT);
INSERT INTO code VALUES (NULL,'none1'),(NULL,'none2'),('a','A'),('b','B');
CREATE TABLE pair (a INT, b TEXT, v INT, PRIMARY KEY (a, b));
INSERT INTO pair VALUES (1,NULL,10),(NULL,NULL,20),(2,'z',30);
