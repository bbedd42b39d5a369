CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE wish (person_id INTEGER REFERENCES person(id), product_id INTEGER REFERENCES product(id));
INSERT INTO person VALUES (1,'Ann'); INSERT INTO product VALUES (1,'Lamp'),(2,'Desk');
INSERT INTO wish VALUES (1,1),(1,1),(1,2);
