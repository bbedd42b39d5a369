-- A composite primary key SQLite lets hold NULLs: two rows with an all-NULL key, one with a partial key.
create table u (a text, b text, v int, primary key (a, b));
insert into u values (null, null, 1), (null, null, 2), ('x', null, 3), ('y', 'z', 4);
