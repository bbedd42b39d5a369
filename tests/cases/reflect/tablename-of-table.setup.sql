-- Tables mapped with __table__ = ... by hand.
CREATE TABLE post (id INTEGER PRIMARY KEY, title TEXT);
INSERT INTO post VALUES (1, 'a');
CREATE TABLE blog_tag (id INTEGER PRIMARY KEY, name TEXT);
