
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class AuthGroup(db.Model):
    __tablename__ = 'auth_group'
    id = db.Column(db.INTEGER, primary_key=True)
    name = db.Column(db.VARCHAR(150), nullable=False, unique=True)
    auth_permissions = db.relationship('AuthPermission', secondary='auth_group_permissions', overlaps='auth_group_permissions,group,permission', backref=db.backref('auth_groups', overlaps='auth_group_permissions,group,permission'))


class AuthGroupPermission(db.Model):
    __tablename__ = 'auth_group_permissions'
    __table_args__ = (
        db.Index('auth_group_permissions_group_id_permission_id_0cd325b0_uniq', 'group_id', 'permission_id', unique=True),
        db.Index('auth_group_permissions_group_id_b120cbf9', 'group_id'),
        db.Index('auth_group_permissions_permission_id_84c5c92e', 'permission_id'),
    )
    id = db.Column(db.INTEGER, primary_key=True)
    group_id = db.Column(db.INTEGER, db.ForeignKey('auth_group.id'), nullable=False)
    permission_id = db.Column(db.INTEGER, db.ForeignKey('auth_permission.id'), nullable=False)
    group = db.relationship('AuthGroup', foreign_keys=[group_id], backref='auth_group_permissions')
    permission = db.relationship('AuthPermission', foreign_keys=[permission_id], backref='auth_group_permissions')


class AuthPermission(db.Model):
    __tablename__ = 'auth_permission'
    __table_args__ = (
        db.Index('auth_permission_content_type_id_codename_01ab375a_uniq', 'content_type_id', 'codename', unique=True),
        db.Index('auth_permission_content_type_id_2f476e4b', 'content_type_id'),
    )
    id = db.Column(db.INTEGER, primary_key=True)
    content_type_id = db.Column(db.INTEGER, db.ForeignKey('django_content_type.id'), nullable=False)
    codename = db.Column(db.VARCHAR(100), nullable=False)
    name = db.Column(db.VARCHAR(255), nullable=False)
    content_type = db.relationship('DjangoContentType', foreign_keys=[content_type_id], backref='auth_permissions')


class AuthUser(db.Model):
    __tablename__ = 'auth_user'
    id = db.Column(db.INTEGER, primary_key=True)
    password = db.Column(db.VARCHAR(128), nullable=False)
    last_login = db.Column(db.DATETIME)
    is_superuser = db.Column(db.BOOLEAN, nullable=False)
    username = db.Column(db.VARCHAR(150), nullable=False, unique=True)
    last_name = db.Column(db.VARCHAR(150), nullable=False)
    email = db.Column(db.VARCHAR(254), nullable=False)
    is_staff = db.Column(db.BOOLEAN, nullable=False)
    is_active = db.Column(db.BOOLEAN, nullable=False)
    date_joined = db.Column(db.DATETIME, nullable=False)
    first_name = db.Column(db.VARCHAR(150), nullable=False)
    auth_groups = db.relationship('AuthGroup', secondary='auth_user_groups', overlaps='auth_user_groups,group,user', backref=db.backref('auth_users', overlaps='auth_user_groups,group,user'))
    auth_permissions = db.relationship('AuthPermission', secondary='auth_user_user_permissions', overlaps='auth_user_user_permissions,permission,user', backref=db.backref('auth_users', overlaps='auth_user_user_permissions,permission,user'))


class AuthUserGroup(db.Model):
    __tablename__ = 'auth_user_groups'
    __table_args__ = (
        db.Index('auth_user_groups_user_id_group_id_94350c0c_uniq', 'user_id', 'group_id', unique=True),
        db.Index('auth_user_groups_user_id_6a12ed8b', 'user_id'),
        db.Index('auth_user_groups_group_id_97559544', 'group_id'),
    )
    id = db.Column(db.INTEGER, primary_key=True)
    user_id = db.Column(db.INTEGER, db.ForeignKey('auth_user.id'), nullable=False)
    group_id = db.Column(db.INTEGER, db.ForeignKey('auth_group.id'), nullable=False)
    user = db.relationship('AuthUser', foreign_keys=[user_id], backref='auth_user_groups')
    group = db.relationship('AuthGroup', foreign_keys=[group_id], backref='auth_user_groups')


class AuthUserUserPermission(db.Model):
    __tablename__ = 'auth_user_user_permissions'
    __table_args__ = (
        db.Index('auth_user_user_permissions_user_id_permission_id_14a6b632_uniq', 'user_id', 'permission_id', unique=True),
        db.Index('auth_user_user_permissions_user_id_a95ead1b', 'user_id'),
        db.Index('auth_user_user_permissions_permission_id_1fbb5f2c', 'permission_id'),
    )
    id = db.Column(db.INTEGER, primary_key=True)
    user_id = db.Column(db.INTEGER, db.ForeignKey('auth_user.id'), nullable=False)
    permission_id = db.Column(db.INTEGER, db.ForeignKey('auth_permission.id'), nullable=False)
    user = db.relationship('AuthUser', foreign_keys=[user_id], backref='auth_user_user_permissions')
    permission = db.relationship('AuthPermission', foreign_keys=[permission_id], backref='auth_user_user_permissions')


class DjangoAdminLog(db.Model):
    __tablename__ = 'django_admin_log'
    __table_args__ = (
        db.Index('django_admin_log_content_type_id_c4bce8eb', 'content_type_id'),
        db.Index('django_admin_log_user_id_c564eba6', 'user_id'),
    )
    id = db.Column(db.INTEGER, primary_key=True)
    object_id = db.Column(db.TEXT)
    object_repr = db.Column(db.VARCHAR(200), nullable=False)
    action_flag = db.Column(db.INTEGER, nullable=False)
    change_message = db.Column(db.TEXT, nullable=False)
    content_type_id = db.Column(db.INTEGER, db.ForeignKey('django_content_type.id'))
    user_id = db.Column(db.INTEGER, db.ForeignKey('auth_user.id'), nullable=False)
    action_time = db.Column(db.DATETIME, nullable=False)
    content_type = db.relationship('DjangoContentType', foreign_keys=[content_type_id], backref='django_admin_logs')
    user = db.relationship('AuthUser', foreign_keys=[user_id], backref='django_admin_logs')


class DjangoContentType(db.Model):
    __tablename__ = 'django_content_type'
    __table_args__ = (
        db.Index('django_content_type_app_label_model_76bd3d3b_uniq', 'app_label', 'model', unique=True),
    )
    id = db.Column(db.INTEGER, primary_key=True)
    app_label = db.Column(db.VARCHAR(100), nullable=False)
    model = db.Column(db.VARCHAR(100), nullable=False)
    auth_users = db.relationship('AuthUser', secondary='django_admin_log', viewonly=True, backref=db.backref('django_content_types', viewonly=True))


class DjangoMigration(db.Model):
    __tablename__ = 'django_migrations'
    id = db.Column(db.INTEGER, primary_key=True)
    app = db.Column(db.VARCHAR(255), nullable=False)
    name = db.Column(db.VARCHAR(255), nullable=False)
    applied = db.Column(db.DATETIME, nullable=False)


class DjangoSession(db.Model):
    __tablename__ = 'django_session'
    __table_args__ = (
        db.Index('django_session_expire_date_a5c62663', 'expire_date'),
    )
    session_key = db.Column(db.VARCHAR(40), primary_key=True)
    session_data = db.Column(db.TEXT, nullable=False)
    expire_date = db.Column(db.DATETIME, nullable=False)


class MusicArtist(db.Model):
    __tablename__ = 'music_artist'
    id = db.Column(db.INTEGER, primary_key=True)
    name = db.Column(db.VARCHAR(100), nullable=False)


class MusicPlaylist(db.Model):
    __tablename__ = 'music_playlist'
    id = db.Column(db.INTEGER, primary_key=True)
    name = db.Column(db.VARCHAR(100), nullable=False)
    music_tracks = db.relationship('MusicTrack', secondary='music_playlist_tracks', overlaps='music_playlist_tracks,playlist,track', backref=db.backref('music_playlists', overlaps='music_playlist_tracks,playlist,track'))


class MusicPlaylistTrack(db.Model):
    __tablename__ = 'music_playlist_tracks'
    __table_args__ = (
        db.Index('music_playlist_tracks_playlist_id_track_id_41c5f695_uniq', 'playlist_id', 'track_id', unique=True),
        db.Index('music_playlist_tracks_playlist_id_e61336ba', 'playlist_id'),
        db.Index('music_playlist_tracks_track_id_6c41fa83', 'track_id'),
    )
    id = db.Column(db.INTEGER, primary_key=True)
    playlist_id = db.Column(db.BIGINT, db.ForeignKey('music_playlist.id'), nullable=False)
    track_id = db.Column(db.BIGINT, db.ForeignKey('music_track.id'), nullable=False)
    playlist = db.relationship('MusicPlaylist', foreign_keys=[playlist_id], backref='music_playlist_tracks')
    track = db.relationship('MusicTrack', foreign_keys=[track_id], backref='music_playlist_tracks')


class MusicTrack(db.Model):
    __tablename__ = 'music_track'
    __table_args__ = (
        db.Index('music_track_artist_id_a65d07d5', 'artist_id'),
    )
    id = db.Column(db.INTEGER, primary_key=True)
    title = db.Column(db.VARCHAR(100), nullable=False)
    released = db.Column(db.DATETIME)
    artist_id = db.Column(db.BIGINT, db.ForeignKey('music_artist.id'), nullable=False)
    artist = db.relationship('MusicArtist', foreign_keys=[artist_id], backref='music_tracks')
