-- Generated columns, stored and virtual (PRAGMA table_info hides them; table_xinfo shows them).
create table line (id integer primary key, price integer, qty integer,
  total integer generated always as (price * qty) stored,
  label text as ('#' || id || ' (' || qty || ')'));
insert into line (id, price, qty) values (1, 3, 4), (2, 5, 1);
