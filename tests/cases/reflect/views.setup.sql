-- Views over two tables: one with an id column, one without.
create table author (id integer primary key, name text not null);
create table book (id integer primary key, title text not null, author_id integer references author(id), year int);
insert into author values (1, 'Le Guin'), (2, 'Lem');
insert into book values (1, 'The Dispossessed', 1, 1974), (2, 'Solaris', 2, 1961), (3, 'Lathe of Heaven', 1, 1971);
create view book_list as select b.id, b.title, a.name as author from book b join author a on a.id = b.author_id;
create view author_stats as select a.name, count(*) as books, min(b.year) as first_year from author a join book b on b.author_id = a.id group by a.name;
