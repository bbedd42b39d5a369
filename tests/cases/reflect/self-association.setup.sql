-- An association table whose two foreign keys both reference one table (followers).
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE follows (follower_id INTEGER NOT NULL REFERENCES people(id), followed_id INTEGER NOT NULL REFERENCES people(id), PRIMARY KEY (follower_id, followed_id));
INSERT INTO people VALUES (1, 'ada'), (2, 'bob');
INSERT INTO follows VALUES (1, 2);
