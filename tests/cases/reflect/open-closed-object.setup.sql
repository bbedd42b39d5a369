-- One reflected table.
create table post (id integer primary key, title text);
insert into post values (1, 'hello');
