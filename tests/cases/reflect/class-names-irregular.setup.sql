-- Plurals the suffix rules alone would cut wrong: -oes, -lves, -zzes, -us, axes; and photos, shoes, valves, taxes, which they cut right.
create table heroes (id integer primary key, name text);
create table potatoes (id integer primary key, hero_id integer references heroes(id));
create table echoes (id integer primary key);
create table wolves (id integer primary key);
create table shelves (id integer primary key);
create table quizzes (id integer primary key);
create table menus (id integer primary key);
create table axes (id integer primary key);
create table photos (id integer primary key, hero_id integer references heroes(id));
create table shoes (id integer primary key);
create table valves (id integer primary key);
create table taxes (id integer primary key);
insert into heroes values (1, 'Ada');
insert into potatoes values (1, 1), (2, 1);
insert into photos values (1, 1);
