-- A view over a table dropped since (SQLite keeps it; reading it fails with 'no such table'), beside two tables that are fine.
create table base (id integer primary key, v text);
insert into base values (1, 'a');
create table gone (id integer primary key);
create view broken_v as select * from gone;
drop table gone;
create table other (id integer primary key, base_id integer references base(id));
insert into other values (1, 1);
