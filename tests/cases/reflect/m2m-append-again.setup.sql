-- A many-to-many association table whose key refuses the same link twice.
create table post (id integer primary key, title text);
create table tag (id integer primary key, name text);
create table post_tag (post_id integer not null references post(id), tag_id integer not null references tag(id), primary key (post_id, tag_id));
insert into post values (1, 'hello');
insert into tag values (1, 'a'), (2, 'b');
insert into post_tag values (1, 1);
