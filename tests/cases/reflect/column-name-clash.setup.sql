-- A column whose name is no identifier ("a b") beside the identifier its cleaned name would be (a_b), in both orders.
CREATE TABLE ol (id INTEGER PRIMARY KEY, "a b" INT, a_b INT);
CREATE TABLE lo (id INTEGER PRIMARY KEY, x_y INT, "x y" INT);
INSERT INTO ol VALUES (1, 4, 5);
INSERT INTO lo VALUES (1, 6, 7);
