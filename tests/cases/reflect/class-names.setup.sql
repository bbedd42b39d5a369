-- Singular table names ending in s, plurals whose singular ends in -ie, plurals in other scripts.
create table alias (id integer primary key, name text);
create table status (id integer primary key, label text);
create table address (id integer primary key, street text);
create table news (id integer primary key, headline text);
create table series (id integer primary key, title text);
create table movies (id integer primary key, title text, series_id integer references series(id), status_id integer references status(id));
create table cookies (id integer primary key, value text);
create table "cafés" (id integer primary key, address_id integer references address(id));
create table "niños" (id integer primary key, alias_id integer references alias(id));
insert into alias values (1, 'al');
insert into status values (1, 'released');
insert into address values (1, 'rue Mouffetard');
insert into news values (1, 'hello');
insert into series values (1, 'Dune');
insert into movies values (1, 'Dune', 1, 1), (2, 'Dune: Part Two', 1, 1);
insert into cookies values (1, 'c');
insert into "cafés" values (1, 1);
insert into "niños" values (1, 1);
