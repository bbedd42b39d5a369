-- Tables without a primary key whose columns take SQLite's rowid names.
create table s (rowid text, v int);
insert into s values ('x', 1), ('x', 2), (null, 3);
create table s2 (rowid text, _rowid_ text, v int);
insert into s2 values ('a', 'b', 1), ('a', 'b', 2);
