-- A foreign key to a table the file does not have (SQLite accepts it at CREATE; SQLAlchemy's reflection stops at it with NoSuchTableError).
PRAGMA foreign_keys=OFF;
create table parent (id integer primary key, name text);
create table child (id integer primary key, name text, parent_id integer references parent(id), gone_id integer references gone(id));
insert into parent values (1, 'p');
insert into child values (1, 'c', 1, 7);
