-- Three foreign keys from one table to the same table, named after what they mean (start_id, via_id, end_id) and not (f1, f2, f3).
create table point (id integer primary key, name text);
create table route (id integer primary key, start_id integer references point(id), via_id integer references point(id), end_id integer references point(id));
create table leg (id integer primary key, f1 integer references point(id), f2 integer references point(id), f3 integer references point(id));
insert into point values (1, 'a'), (2, 'b'), (3, 'c');
insert into route values (1, 1, 2, 3), (2, 3, 2, 1);
insert into leg values (1, 1, 2, 3);
