CREATE TABLE product (id integer PRIMARY KEY, sku text NOT NULL, price numeric(10,2) NOT NULL CHECK (price >= 0), qty int DEFAULT 0, total numeric GENERATED ALWAYS AS (price * qty) STORED, active boolean DEFAULT true, created timestamp(0) DEFAULT now(), nums int[], v varchar, c char(4), CONSTRAINT qty_small CHECK (qty < 1000));
CREATE UNIQUE INDEX product_sku_lower ON product (lower(sku));
CREATE INDEX product_active_partial ON product (qty) WHERE active;
CREATE TABLE "user" (id serial PRIMARY KEY, "userName" varchar(40) UNIQUE NOT NULL);
CREATE TABLE line (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, product_id int REFERENCES product(id) ON DELETE CASCADE, user_id int NOT NULL REFERENCES "user"(id));
CREATE VIEW cheap AS SELECT id, price FROM product WHERE price < 10;
CREATE MATERIALIZED VIEW pv AS SELECT id, price FROM product;
