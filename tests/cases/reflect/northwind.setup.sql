-- A Northwind-style trading company: TEXT primary keys, a table whose
-- name has a space ("Order Details", composite primary key), tables named
-- with SQL keywords ("group", "order"), a column with a space, a column
-- named with a Python keyword, a table without a primary key, a
-- self-referential reports_to, a composite unique constraint.
CREATE TABLE Categories (CategoryID INTEGER PRIMARY KEY, CategoryName TEXT NOT NULL, Description TEXT, Picture BLOB);
CREATE TABLE Suppliers (SupplierID INTEGER PRIMARY KEY, CompanyName TEXT NOT NULL, Country TEXT);
CREATE TABLE Shippers (ShipperID INTEGER PRIMARY KEY, CompanyName TEXT NOT NULL, Phone TEXT);
CREATE TABLE Customers (CustomerID TEXT PRIMARY KEY, CompanyName TEXT NOT NULL, ContactName TEXT,
    Country TEXT DEFAULT 'USA', "class" TEXT);
CREATE TABLE Employees (EmployeeID INTEGER PRIMARY KEY, LastName TEXT NOT NULL, FirstName TEXT NOT NULL,
    reports_to INTEGER REFERENCES Employees (EmployeeID), HireDate DATETIME, Active BOOLEAN NOT NULL DEFAULT 1);
CREATE TABLE Products (ProductID INTEGER PRIMARY KEY, ProductName TEXT NOT NULL UNIQUE,
    SupplierID INTEGER REFERENCES Suppliers, CategoryID INTEGER REFERENCES Categories (CategoryID),
    UnitPrice NUMERIC DEFAULT 0, UnitsInStock SMALLINT DEFAULT 0, Discontinued BOOLEAN NOT NULL DEFAULT 0);
CREATE TABLE Orders (OrderID INTEGER PRIMARY KEY, CustomerID TEXT REFERENCES Customers (CustomerID),
    EmployeeID INTEGER REFERENCES Employees (EmployeeID), OrderDate DATETIME, RequiredDate DATE,
    ShipVia INTEGER REFERENCES Shippers (ShipperID), Freight REAL DEFAULT 0, "Ship Address" VARCHAR(60),
    ShipCountry TEXT);
CREATE INDEX idx_orders_customer ON Orders (CustomerID);
CREATE TABLE "Order Details" (OrderID INTEGER NOT NULL REFERENCES Orders (OrderID),
    ProductID INTEGER NOT NULL REFERENCES Products (ProductID), UnitPrice NUMERIC NOT NULL DEFAULT 0,
    Quantity SMALLINT NOT NULL DEFAULT 1, Discount REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (OrderID, ProductID));
CREATE TABLE "group" (id INTEGER PRIMARY KEY, "select" TEXT, "order" INTEGER);
CREATE TABLE "order" (id INTEGER PRIMARY KEY, group_id INTEGER REFERENCES "group" (id), label TEXT,
    UNIQUE (group_id, label));
CREATE TABLE "audit log" (at DATETIME, message TEXT);

INSERT INTO Categories VALUES (1, 'Beverages', 'Soft drinks, coffees, teas, beers, and ales', NULL),
    (2, 'Condiments', 'Sweet and savory sauces', x'00ff');
INSERT INTO Suppliers VALUES (1, 'Exotic Liquids', 'UK'), (2, 'New Orleans Cajun Delights', 'USA');
INSERT INTO Shippers VALUES (1, 'Speedy Express', '(503) 555-9831'), (2, 'United Package', '(503) 555-3199');
INSERT INTO Customers VALUES ('ALFKI', 'Alfreds Futterkiste', 'Maria Anders', 'Germany', 'A'),
    ('ANATR', 'Ana Trujillo Emparedados y helados', 'Ana Trujillo', 'Mexico', NULL);
INSERT INTO Customers (CustomerID, CompanyName) VALUES ('BOLID', 'Bólido Comidas preparadas');
INSERT INTO Employees VALUES (2, 'Fuller', 'Andrew', NULL, '1992-08-14 00:00:00', 1),
    (1, 'Davolio', 'Nancy', 2, '1992-05-01 00:00:00', 1), (5, 'Buchanan', 'Steven', 2, '1993-10-17', 0);
INSERT INTO Products VALUES (1, 'Chai', 1, 1, 18, 39, 0), (2, 'Chang', 1, 1, 19.0, 17, 0),
    (3, 'Aniseed Syrup', 1, 2, 10, 13, 0), (4, 'Chef Anton''s Cajun Seasoning', 2, 2, 22, 53, 1);
INSERT INTO Orders VALUES (10248, 'ALFKI', 5, '1996-07-04 00:00:00', '1996-08-01', 1, 32.38, 'Obere Str. 57', 'Germany'),
    (10249, 'ANATR', 1, '1996-07-05 00:00:00', '1996-08-16', 2, 11.61, 'Avda. de la Constitución 2222', 'Mexico'),
    (10250, 'ALFKI', 1, '1996-07-08 00:00:00', NULL, 2, 65.83, NULL, 'Germany');
INSERT INTO "Order Details" VALUES (10248, 1, 14, 12, 0), (10248, 2, 9.8, 10, 0), (10249, 3, 34.8, 5, 0.15),
    (10250, 1, 18, 3, 0), (10250, 4, 22, 1, 0.05);
INSERT INTO "group" VALUES (1, 'all', 2), (2, 'none', 1);
INSERT INTO "order" VALUES (1, 1, 'first'), (2, 1, 'second'), (3, 2, 'third');
INSERT INTO "audit log" VALUES ('2024-01-02 03:04:05', 'created'), ('2024-01-03 00:00:00', 'updated');
