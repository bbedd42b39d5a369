-- Tables without a primary key: reflection maps their rowid as the key.
create table people (name text, age integer);
insert into people values ('ann', 31), ('bob', 25);
create table s (rowid text, v int);
insert into s values ('x', 1);
