-- A table with a stored and a virtual generated column, as sqlite3 3.40's .dump writes its rows: INSERT INTO item VALUES(1,2.5,4);
CREATE TABLE item (id INTEGER PRIMARY KEY, price REAL, qty INT, total REAL GENERATED ALWAYS AS (price * qty) STORED, v2 AS (qty+1));
INSERT INTO item (id, price, qty) VALUES (1, 2.5, 4);
