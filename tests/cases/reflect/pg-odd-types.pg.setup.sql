CREATE TYPE mood AS ENUM ('happy', 'sad', 'so-so');
CREATE TABLE odd (id smallserial PRIMARY KEY, m money, x xml, ip inet, cidr_ cidr, mac macaddr, ts tsvector, pt point, o oid, c "char", nm name, meta jsonb, feel mood);
INSERT INTO odd (m, x, ip, cidr_, mac, ts, pt, o, c, nm, meta, feel) VALUES ('1234.5', '<a/>', '10.0.0.1', '10.0.0.0/8', '08:00:2b:01:02:03', 'a fat cat', '(1,2.5)', 42, 'x', 'nm', '{"k": [1, 2], "s": "t"}', 'so-so'), ('-0.05', NULL, '192.168.1.5/24', '::1/128', NULL, 'cat:2A,3 dog', '(-1e20,0)', 0, NULL, NULL, '[true, null]', 'happy');
