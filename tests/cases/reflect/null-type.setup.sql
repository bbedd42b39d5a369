-- Columns declared with no type, or a name with BLOB in it: SQLAlchemy's NullType, values as stored.
create table reading (id integer primary key, raw, kind MYBLOB, note TEXT);
insert into reading values (1, 5, 'a', 'x');
insert into reading values (2, '6', x'01', 'y');
insert into reading values (3, 1.5, null, null);
