-- Values SQLite took that the declared types do not describe: a made-up type name, a string in an INTEGER column, a date SQLAlchemy cannot parse, no type at all.
create table minor (id integer primary key, code INTEGER_OR_TEXT, n INTEGER, born DATE, price MONEY, raw, label VARCHAR(3));
insert into minor values (1, '1_Ceres', 'abc', 'May 2022', '12.5', x'00ff', 'toolong');
insert into minor values (2, 2, 3, '2022-05-09', 7, 1.5, 'ok');
