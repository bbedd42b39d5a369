-- Tables whose names share a prefix, with an index and a trigger on each, one named after its table.
CREATE TABLE t (a);
CREATE INDEX ix ON t (a);
CREATE TABLE t_x (b);
CREATE INDEX t_b ON t_x (b);
CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;
CREATE VIEW tv AS SELECT * FROM t;
CREATE TABLE tab (z);
INSERT INTO t VALUES (1);
INSERT INTO t_x VALUES ('x');
