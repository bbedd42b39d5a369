-- A table keyed by bytes.
create table k (id blob primary key not null, v text);
insert into k values (x'0102', 'a'), (x'41', 'b');
