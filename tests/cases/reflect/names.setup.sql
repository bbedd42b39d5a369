-- Table names that are not plurals, names in other scripts, and an FTS5 index with its shadow tables.
create table crs (id integer primary key, name text);
create table spatial_ref_sys (srid integer primary key, auth_name text);
create table "café" (id integer primary key, "naïve" text, crs_id integer references crs(id));
create virtual table searchable_fts using fts5(title, body);
insert into crs values (1, 'WGS 84');
insert into spatial_ref_sys values (4326, 'EPSG');
insert into "café" values (1, 'oui', 1);
insert into searchable_fts values ('Solaris', 'a planet that thinks'), ('Dune', 'a desert planet');
