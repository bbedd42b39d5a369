-- TIME text as other programs write it: a Z, UTC offsets, a T prefix, fractions, basic format.
create table ev (id integer primary key, t TIME);
insert into ev values (1, '16:41:43Z'), (2, '16:41:43+01:00'), (3, '09:30:00-05:00'), (4, 'T16:41'), (5, '16:41:43.5'), (6, '16:41:43,5'), (7, '16:41:43.013+00:00'), (8, null);
