-- Timestamps as other programs write them: a Z, UTC offsets, a T separator, milliseconds, no seconds.
create table ev (id integer primary key, at DATETIME, d DATE, t TIME);
insert into ev values (1, '2022-05-09T16:41:43.013Z', '2022-05-09', '16:41:43.013');
insert into ev values (2, '2022-05-09 16:41:43+02:00', '2022-W19-1', '16:41');
insert into ev values (3, '2022-05-09T16:41', '2022-05-09', null);
insert into ev values (4, '2022-05-09 16:41:43.123456-05:30', null, null);
insert into ev values (5, '2022-05-09', null, null);
insert into ev values (6, '2022-05-09T16:41:43.5', null, null);
insert into ev values (7, 'yesterday', 'soon', 'later');
