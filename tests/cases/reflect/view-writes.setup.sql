-- A view with INSTEAD OF triggers for INSERT, UPDATE and DELETE over a table.
CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO note VALUES (1,'a'),(2,'b');
CREATE VIEW note_v AS SELECT id, body FROM note;
CREATE TRIGGER note_v_ins INSTEAD OF INSERT ON note_v BEGIN INSERT INTO note (id, body) VALUES (NEW.id, NEW.body); END;
CREATE TRIGGER note_v_upd INSTEAD OF UPDATE ON note_v BEGIN UPDATE note SET body = NEW.body WHERE id = OLD.id; END;
CREATE TRIGGER note_v_del INSTEAD OF DELETE ON note_v BEGIN DELETE FROM note WHERE id = OLD.id; END;
