-- A trigger that writes into a table dropped after the trigger was made (SQLite keeps the trigger).
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
CREATE TABLE logt (x);
CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN INSERT INTO logt VALUES (NEW.v); END;
DROP TABLE logt;
