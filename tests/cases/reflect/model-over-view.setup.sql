-- A view with no INSTEAD OF triggers, over a table.
CREATE TABLE city (country_code TEXT NOT NULL, name TEXT NOT NULL, pop INTEGER, PRIMARY KEY (country_code, name));
INSERT INTO city VALUES ('FR','Paris',2100000),('FR','Lyon',520000),('JP','Osaka',2700000);
CREATE VIEW big_city AS SELECT country_code, name, pop FROM city WHERE pop > 1000000;
