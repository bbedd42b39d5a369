-- What a model's DDL cannot say: a WITHOUT ROWID table, an FTS5 index (its shadow tables made by it), a view, triggers on a table and on a view, a partial index, a generated column.
create table item (id integer primary key, name text not null, price real, total real generated always as (price * 2) stored);
create index ix_item_name on item (name) where price > 0;
create table kv (k text primary key, v blob) without rowid;
create virtual table item_fts using fts5(name);
create view cheap as select id, name from item where price < 10;
create table log (at text default current_timestamp, what text);
create trigger item_logged after insert on item begin insert into log (what) values ('item ' || new.name); end;
create trigger cheap_insert instead of insert on cheap begin insert into item (name, price) values (new.name, 1); end;
insert into item (name, price) values ('a', 1.5);
insert into item_fts values ('a');
