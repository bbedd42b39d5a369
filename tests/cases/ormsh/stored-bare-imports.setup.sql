CREATE TABLE _ormsh_models (
	kind TEXT NOT NULL, 
	name TEXT NOT NULL, 
	source TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (kind, name)
);
INSERT INTO _ormsh_models VALUES('import','Annotated','from typing import Annotated',1);
INSERT INTO _ormsh_models VALUES('import','CheckConstraint','from sqlalchemy import CheckConstraint',2);
INSERT INTO _ormsh_models VALUES('import','Index','from sqlalchemy import Index',3);
INSERT INTO _ormsh_models VALUES('import','UniqueConstraint','from sqlalchemy import UniqueConstraint',4);
INSERT INTO _ormsh_models VALUES('alias','intpk','intpk = Annotated[int, mapped_column(primary_key=True)]',5);
INSERT INTO _ormsh_models VALUES('alias','str30','str30 = Annotated[str, mapped_column(db.String(30))]',6);
INSERT INTO _ormsh_models VALUES('model','Booking',replace('class Booking(db.Model):\n    __table_args__ = (\n        UniqueConstraint(''room'', ''day''),\n        CheckConstraint(''room > 0'', name=''room_positive''),\n        Index(''ix_booking_day'', ''day''),\n    )\n    id: Mapped[intpk]\n    room: Mapped[int]\n    day: Mapped[int]\n    who: Mapped[Optional[str30]]','\n',char(10)),7);
INSERT INTO _ormsh_models VALUES('model','Interval',replace('class Interval(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    start = db.Column(db.Integer, nullable=False)\n    end = db.Column(db.Integer, nullable=False)\n    gap = db.Column(db.Interval)\n\n    def length(self):\n        return self.end - self.start','\n',char(10)),8);
CREATE TABLE booking (
	id INTEGER NOT NULL, 
	room INTEGER NOT NULL, 
	day INTEGER NOT NULL, 
	who VARCHAR(30), 
	PRIMARY KEY (id), 
	UNIQUE (room, day), 
	CONSTRAINT room_positive CHECK (room > 0)
);
CREATE TABLE interval (
	id INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	gap DATETIME, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_booking_day ON booking (day);
