-- Rows that share a key: a view without an id column (every column is the key), a view whose id repeats, a composite key admitting NULLs.
create table book (id integer primary key, title text, author text, year integer);
insert into book values (1, 'Solaris', 'Lem', 1961), (2, 'The Dispossessed', 'Le Guin', 1974), (3, 'Lathe of Heaven', 'Le Guin', 1971), (4, 'Solaris', 'Lem', 1961);
create view author_title as select author, title from book;
create view book_author as select b.id as id, b.title as title, a.author as coauthor from book b join book a on a.author = b.author;
create table pair (a text, b text, v int, primary key (a, b));
insert into pair values ('x', null, 1), ('x', null, 2), ('y', 'z', 3);
