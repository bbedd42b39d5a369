-- Join tables with an id of their own, as Django's migrations write them: one whose links need only the two keys, one with a NOT NULL column of its own (read-only as a many-to-many).
CREATE TABLE "app_playlist" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
CREATE TABLE "app_track" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(50) NOT NULL);
CREATE TABLE "app_playlist_tracks" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "playlist_id" bigint NOT NULL REFERENCES "app_playlist" ("id") DEFERRABLE INITIALLY DEFERRED, "track_id" bigint NOT NULL REFERENCES "app_track" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "app_playlist_tracks_playlist_id_track_id_uniq" ON "app_playlist_tracks" ("playlist_id", "track_id");
CREATE INDEX "app_playlist_tracks_playlist_id" ON "app_playlist_tracks" ("playlist_id");
CREATE INDEX "app_playlist_tracks_track_id" ON "app_playlist_tracks" ("track_id");
CREATE TABLE "app_member" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
CREATE TABLE "app_band" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
CREATE TABLE "app_membership" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "member_id" bigint NOT NULL REFERENCES "app_member" ("id"), "band_id" bigint NOT NULL REFERENCES "app_band" ("id"), "role" varchar(20) NOT NULL);
INSERT INTO app_playlist VALUES (1, 'mix'), (2, 'calm');
INSERT INTO app_track VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO app_playlist_tracks (playlist_id, track_id) VALUES (1, 1), (1, 2), (2, 3);
INSERT INTO app_member VALUES (1, 'ann'), (2, 'bob');
INSERT INTO app_band VALUES (1, 'the as');
INSERT INTO app_membership (member_id, band_id, role) VALUES (1, 1, 'bass'), (2, 1, 'drums');
