-- A Chinook-style music store (the layout of the SQLite Chinook sample:
-- plural table names, CamelCase columns, NVARCHAR, NUMERIC, DATETIME).
CREATE TABLE artists (ArtistId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Name NVARCHAR(120));
CREATE TABLE albums (AlbumId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Title NVARCHAR(160) NOT NULL,
    ArtistId INTEGER NOT NULL, FOREIGN KEY (ArtistId) REFERENCES artists (ArtistId));
CREATE INDEX IFK_AlbumArtistId ON albums (ArtistId);
CREATE TABLE genres (GenreId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Name NVARCHAR(120));
CREATE TABLE media_types (MediaTypeId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Name NVARCHAR(120));
CREATE TABLE tracks (TrackId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Name NVARCHAR(200) NOT NULL,
    AlbumId INTEGER, MediaTypeId INTEGER NOT NULL, GenreId INTEGER, Composer NVARCHAR(220),
    Milliseconds INTEGER NOT NULL, Bytes INTEGER, UnitPrice NUMERIC(10,2) NOT NULL,
    FOREIGN KEY (AlbumId) REFERENCES albums (AlbumId),
    FOREIGN KEY (GenreId) REFERENCES genres (GenreId),
    FOREIGN KEY (MediaTypeId) REFERENCES media_types (MediaTypeId));
CREATE TABLE playlists (PlaylistId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Name NVARCHAR(120));
CREATE TABLE playlist_track (PlaylistId INTEGER NOT NULL, TrackId INTEGER NOT NULL,
    CONSTRAINT PK_PlaylistTrack PRIMARY KEY (PlaylistId, TrackId),
    FOREIGN KEY (PlaylistId) REFERENCES playlists (PlaylistId),
    FOREIGN KEY (TrackId) REFERENCES tracks (TrackId));
CREATE TABLE employees (EmployeeId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, LastName NVARCHAR(20) NOT NULL,
    FirstName NVARCHAR(20) NOT NULL, Title NVARCHAR(30), ReportsTo INTEGER, BirthDate DATETIME, HireDate DATETIME,
    Email NVARCHAR(60),
    FOREIGN KEY (ReportsTo) REFERENCES employees (EmployeeId));
CREATE TABLE customers (CustomerId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, FirstName NVARCHAR(40) NOT NULL,
    LastName NVARCHAR(20) NOT NULL, Company NVARCHAR(80), Country NVARCHAR(40), Email NVARCHAR(60) NOT NULL,
    SupportRepId INTEGER, FOREIGN KEY (SupportRepId) REFERENCES employees (EmployeeId));
CREATE TABLE invoices (InvoiceId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, CustomerId INTEGER NOT NULL,
    InvoiceDate DATETIME NOT NULL, BillingCountry NVARCHAR(40), Total NUMERIC(10,2) NOT NULL,
    FOREIGN KEY (CustomerId) REFERENCES customers (CustomerId));
CREATE TABLE invoice_items (InvoiceLineId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, InvoiceId INTEGER NOT NULL,
    TrackId INTEGER NOT NULL, UnitPrice NUMERIC(10,2) NOT NULL, Quantity INTEGER NOT NULL,
    FOREIGN KEY (InvoiceId) REFERENCES invoices (InvoiceId),
    FOREIGN KEY (TrackId) REFERENCES tracks (TrackId));

INSERT INTO artists VALUES (1, 'AC/DC'), (2, 'Accept'), (3, 'Aerosmith');
INSERT INTO albums VALUES (1, 'For Those About To Rock We Salute You', 1), (2, 'Balls to the Wall', 2),
    (3, 'Restless and Wild', 2), (4, 'Let There Be Rock', 1);
INSERT INTO genres VALUES (1, 'Rock'), (2, 'Jazz');
INSERT INTO media_types VALUES (1, 'MPEG audio file'), (2, 'Protected AAC audio file');
INSERT INTO tracks VALUES
    (1, 'For Those About To Rock (We Salute You)', 1, 1, 1, 'Angus Young, Malcolm Young, Brian Johnson', 343719, 11170334, 0.99),
    (2, 'Balls to the Wall', 2, 2, 1, NULL, 342562, 5510424, 0.99),
    (3, 'Fast As a Shark', 3, 2, 1, 'F. Baltes, S. Kaufman, U. Dirkscneider & W. Hoffman', 230619, 3990994, 0.99),
    (4, 'Go Down', 4, 1, 1, 'AC/DC', 331180, 10847611, 0.99);
INSERT INTO playlists VALUES (1, 'Music'), (2, 'Heavy Metal Classic'), (3, 'Empty');
INSERT INTO playlist_track VALUES (1, 1), (1, 2), (1, 3), (2, 3), (2, 4);
INSERT INTO employees VALUES (1, 'Adams', 'Andrew', 'General Manager', NULL, '1962-02-18 00:00:00', '2002-08-14 00:00:00', 'andrew@chinookcorp.com'),
    (2, 'Edwards', 'Nancy', 'Sales Manager', 1, '1958-12-08 00:00:00', '2002-05-01 00:00:00', 'nancy@chinookcorp.com'),
    (3, 'Peacock', 'Jane', 'Sales Support Agent', 2, '1973-08-29 00:00:00', '2002-04-01 00:00:00', 'jane@chinookcorp.com');
INSERT INTO customers VALUES (1, 'Luís', 'Gonçalves', 'Embraer', 'Brazil', 'luisg@embraer.com.br', 3),
    (2, 'Leonie', 'Köhler', NULL, 'Germany', 'leonekohler@surfeu.de', 3),
    (3, 'François', 'Tremblay', NULL, 'Canada', 'ftremblay@gmail.com', 2);
INSERT INTO invoices VALUES (1, 2, '2009-01-01 00:00:00', 'Germany', 1.98), (2, 1, '2009-01-02 00:00:00', 'Brazil', 3.96),
    (3, 2, '2009-02-11 00:00:00', 'Germany', 0.99);
INSERT INTO invoice_items VALUES (1, 1, 2, 0.99, 1), (2, 1, 3, 0.99, 1), (3, 2, 1, 0.99, 2), (4, 2, 4, 0.99, 2), (5, 3, 3, 0.99, 1);
