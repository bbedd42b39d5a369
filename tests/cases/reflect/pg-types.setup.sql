CREATE TABLE token (id INTEGER NOT NULL PRIMARY KEY, key uuid NOT NULL, ttl interval, at timestamp with time zone, price numeric(8, 2));
