CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE "user" (id serial PRIMARY KEY, "userName" varchar(40) UNIQUE NOT NULL, m mood, meta jsonb);
INSERT INTO "user" ("userName", m, meta) VALUES ('ann', 'happy', '{"k": [1, 2]}');
