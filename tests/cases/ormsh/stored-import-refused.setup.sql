CREATE TABLE _ormsh_models (
	kind TEXT NOT NULL, 
	name TEXT NOT NULL, 
	source TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (kind, name)
);
INSERT INTO _ormsh_models VALUES('table','followers',replace('followers = sa.Table(\n    ''followers'',\n    db.metadata,\n    sa.Column(''follower_id'', sa.Integer, sa.ForeignKey(''user.id''), primary_key=True),\n    sa.Column(''followed_id'', sa.Integer, sa.ForeignKey(''user.id''), primary_key=True)\n)','\n',char(10)),2);
INSERT INTO _ormsh_models VALUES('import','sa','import os as sa',3);
INSERT INTO _ormsh_models VALUES('import','so','import sqlalchemy.orm as so',4);
INSERT INTO _ormsh_models VALUES('enum','Status',replace('class Status(enum.Enum):\n    DRAFT = ''draft''\n    SENT = ''sent''','\n',char(10)),5);
INSERT INTO _ormsh_models VALUES('mixin','TimestampMixin',replace('class TimestampMixin:\n    created: so.Mapped[str] = so.mapped_column(sa.String(10), default=''today'')','\n',char(10)),6);
INSERT INTO _ormsh_models VALUES('model','User',replace('class User(TimestampMixin, db.Model):\n    id: so.Mapped[int] = so.mapped_column(primary_key=True)\n    username: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)\n    status: so.Mapped[Status] = so.mapped_column(default=Status.DRAFT)\n    following: so.WriteOnlyMapped[''User''] = so.relationship(\n        secondary=followers, primaryjoin=(followers.c.follower_id == id),\n        secondaryjoin=(followers.c.followed_id == id),\n        back_populates=''followers'')\n    followers: so.WriteOnlyMapped[''User''] = so.relationship(\n        secondary=followers, primaryjoin=(followers.c.followed_id == id),\n        secondaryjoin=(followers.c.follower_id == id),\n        back_populates=''following'')\n\n    def __repr__(self):\n        return ''<User {}>''.format(self.username)\n\n','\n',char(10)),7);
CREATE TABLE user (
	id INTEGER NOT NULL, 
	username VARCHAR(64) NOT NULL, 
	status VARCHAR(5) NOT NULL, 
	created VARCHAR(10) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (username)
);
CREATE TABLE followers (
	follower_id INTEGER NOT NULL, 
	followed_id INTEGER NOT NULL, 
	PRIMARY KEY (follower_id, followed_id), 
	FOREIGN KEY(follower_id) REFERENCES user (id), 
	FOREIGN KEY(followed_id) REFERENCES user (id)
);
