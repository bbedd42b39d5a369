-- An FTS5, an FTS4 and an R*Tree index with their shadow tables (x_content, x_data, x_idx, x_segments, x_node, x_rowid, …).
create virtual table searchable_fts using fts5(title, body);
create virtual table docs using fts4(content);
create virtual table places using rtree(id, minx, maxx, miny, maxy);
insert into searchable_fts values ('Solaris', 'a planet that thinks'), ('Dune', 'a desert planet');
insert into docs values ('hello world');
insert into places values (1, 0, 1, 0, 1), (7, 2, 3, 2, 3);
