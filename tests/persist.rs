//! A database file written in one ormsh run is fully usable, models and
//! all, in the next (issue 7): `_ormsh_models` round trips, redefinitions,
//! definitions made while a transaction is open, `--no-models`,
//! `--readonly`, `.open`, the banner, and reflection alongside stored models.

mod run_ormsh;
mod scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Where this run's files live; also the working directory of every ormsh
/// a test starts, so nothing is written into the checkout.
fn work_dir() -> PathBuf {
    let dir = scratch::dir("persist");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn temp_db(name: &str) -> PathBuf {
    let p = work_dir().join(format!("{name}.db"));
    let _ = std::fs::remove_file(&p);
    p
}

/// Run ormsh on `db` with `script` on standard input.
fn ormsh(db: &Path, args: &[&str], script: &str) -> Output {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    all.push(db.as_os_str());
    run_ormsh::with_stdin(&work_dir(), &all, script)
}

fn ok(o: &Output) -> String {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "ormsh failed: {err}");
    assert_eq!(err, "", "unexpected stderr");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const BLOG: &str = "
tags = db.Table('tags',
    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id'), primary_key=True),
    db.Column('post_id', db.Integer, db.ForeignKey('post.id'), primary_key=True))
model Category <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    __repr__ = '<Category %r>' % self.name
>
model Post <
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'))
    category = db.relationship('Category', backref=db.backref('posts', lazy=True))
    tags = db.relationship('Tag', secondary=tags, backref='posts')
    __repr__ = '<Post %r>' % self.title
>
model Tag <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20), unique=True)
    __repr__ = '<Tag %r>' % self.name
>
db.create_all()
py = Category(name='Python')
p = Post(title='Hello', category=py)
p.tags.append(Tag(name='intro'))
db.session.add(p)
db.session.commit()
";

#[test]
fn models_come_back_in_the_next_run() {
    let db = temp_db("blog");
    assert_eq!(ok(&ormsh(&db, &[], BLOG)), "", "a script stays quiet");
    let out = ok(&ormsh(
        &db,
        &[],
        ".models\nPost.query.first()\nPost.query.first().tags\nTag.query.first().posts\nCategory.query.first().posts\n.tables\n",
    ));
    assert_eq!(
        out,
        "Category (table category): id, name\n\
         Post (table post): id, title, category_id\n\
         Tag (table tag): id, name\n\
         <Post 'Hello'>\n[<Tag 'intro'>]\n[<Post 'Hello'>]\n[<Post 'Hello'>]\n\
         category  post  tag  tags\n"
    );
    // Writing through the loaded models works too.
    ok(&ormsh(
        &db,
        &[],
        "db.session.add(Post(title='Again', category=Category.query.first(), tags=[Tag(name='more')]))\ndb.session.commit()\n",
    ));
    let out = ok(&ormsh(
        &db,
        &["-c", "Category.query.first().posts; Tag.query.all()"],
        "",
    ));
    assert_eq!(
        out,
        "[<Post 'Hello'>, <Post 'Again'>]\n[<Tag 'intro'>, <Tag 'more'>]\n"
    );
}

#[test]
fn a_redefinition_replaces_the_stored_source() {
    let db = temp_db("redefine");
    ok(&ormsh(
        &db,
        &[],
        "model User <\n    id = db.Column(db.Integer, primary_key=True)\n>\ndb.create_all()\n",
    ));
    ok(&ormsh(
        &db,
        &[],
        "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20))\n    __repr__ = '<U %s>' % self.name\n>\n.migrate User\n",
    ));
    let out = ok(&ormsh(
        &db,
        &[],
        "db.session.add(User(name='ann'))\ndb.session.commit()\nUser.query.all()\n",
    ));
    assert_eq!(out, "[<U ann>]\n");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM _ormsh_models", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 1, "one row per model");
}

#[test]
fn a_definition_made_inside_a_transaction_is_saved_at_exit() {
    let db = temp_db("in-tx");
    ok(&ormsh(
        &db,
        &[],
        "model A <\n    id = db.Column(db.Integer, primary_key=True)\n>\ndb.create_all()\nA.query.all()\nmodel B <\n    id = db.Column(db.Integer, primary_key=True)\n>\n",
    ));
    let out = ok(&ormsh(&db, &[], ".models\n"));
    assert_eq!(out, "A (table a): id\nB (table b): id\n");
}

#[test]
fn create_all_in_a_rolled_back_transaction_still_saves_the_models() {
    let db = temp_db("rolled-back");
    ok(&ormsh(
        &db,
        &[],
        "model A <\n    id = db.Column(db.Integer, primary_key=True)\n>\ndb.create_all()\ndb.session.add(A())\ndb.session.flush()\nmodel B <\n    id = db.Column(db.Integer, primary_key=True)\n>\ndb.create_all()\ndb.session.rollback()\n",
    ));
    // B's table went with the rollback, its model did not.
    let out = ok(&ormsh(&db, &[], ".models\n.tables\nA.query.count()\n"));
    assert_eq!(out, "A (table a): id\nB (table b): id\na\n0\n");
}

#[test]
fn no_models_opens_bare() {
    let db = temp_db("bare");
    ok(&ormsh(&db, &[], BLOG));
    assert_eq!(ok(&ormsh(&db, &["--no-models"], ".models\n")), "");
    // db.reflect() then maps the tables without using the stored sources.
    let out = ok(&ormsh(
        &db,
        &["--no-models"],
        "db.reflect()\n.models\nPost.query.first().tags\n",
    ));
    assert_eq!(
        out,
        "Category (table category, reflected): id, name\n\
         Post (table post, reflected): id, title, category_id\n\
         Tag (table tag, reflected): id, name\n\
         [<Tag 1>]\n"
    );
}

#[test]
fn readonly_files_are_not_written() {
    let db = temp_db("ro");
    ok(&ormsh(
        &db,
        &[],
        "model A <\n    id = db.Column(db.Integer, primary_key=True)\n>\ndb.create_all()\n",
    ));
    ok(&ormsh(
        &db,
        &["--readonly"],
        "model C <\n    id = db.Column(db.Integer, primary_key=True)\n>\n",
    ));
    assert_eq!(ok(&ormsh(&db, &[], ".models\n")), "A (table a): id\n");
}

#[test]
fn stored_and_reflected_models_side_by_side() {
    let db = temp_db("mixed");
    ok(&ormsh(&db, &[], BLOG));
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "CREATE TABLE comments (id INTEGER PRIMARY KEY, body TEXT, post_id INTEGER REFERENCES post (id));
         INSERT INTO comments VALUES (1, 'Nice', 1), (2, 'Thanks', 1);",
    )
    .expect("setup");
    drop(conn);
    let out = ok(&ormsh(
        &db,
        &[],
        ".models\nPost.query.first().comments\nComment.query.first().post\n",
    ));
    assert_eq!(
        out,
        "Category (table category): id, name\n\
         Post (table post): id, title, category_id\n\
         Tag (table tag): id, name\n\
         Comment (table comments, reflected): id, body, post_id\n\
         [<Comment 1>, <Comment 2>]\n<Post 'Hello'>\n"
    );
}

#[test]
fn the_banner_says_what_was_loaded() {
    let db = temp_db("banner");
    ok(&ormsh(&db, &[], BLOG));
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);")
        .expect("setup");
    drop(conn);
    let engine = ormsh::engine::Engine::open(Some(&db), false).expect("open");
    let mut interp = ormsh::eval::Interp::new(
        ormsh::orm::session::Session::new(engine),
        Box::new(std::io::sink()),
    );
    interp.open_models(true);
    assert_eq!(
        interp.store.banner,
        vec![
            "3 models loaded: Category, Post, Tag".to_string(),
            "1 model reflected from the database: Person".to_string(),
        ]
    );
}

#[test]
fn the_banner_summarises_many_tables_and_notes() {
    let db = temp_db("banner-many");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let mut sql = String::new();
    for i in 0..25 {
        // Tables without a primary key: one note each.
        sql.push_str(&format!("CREATE TABLE t{i:02} (v TEXT);"));
    }
    conn.execute_batch(&sql).expect("setup");
    drop(conn);
    let engine = ormsh::engine::Engine::open(Some(&db), false).expect("open");
    let mut interp = ormsh::eval::Interp::new(
        ormsh::orm::session::Session::new(engine),
        Box::new(std::io::sink()),
    );
    interp.open_models(true);
    assert_eq!(
        interp.store.banner,
        vec![
            "25 models reflected from the database: .models lists them".to_string(),
            "25 notes on what reflection left out or changed: .notes lists them".to_string(),
        ]
    );
    assert_eq!(interp.store.notes.len(), 25);
    assert_eq!(
        interp.store.notes[0],
        "t00: no primary key; SQLite's rowid is mapped as the primary key"
    );
}

#[test]
fn open_switches_files_and_keeps_the_models() {
    let first = temp_db("open-first");
    let second = temp_db("open-second");
    ok(&ormsh(
        &second,
        &[],
        "model Note <\n    id = db.Column(db.Integer, primary_key=True)\n    text = db.Column(db.Text)\n>\ndb.create_all()\ndb.session.add(Note(text='kept'))\ndb.session.commit()\n",
    ));
    let script = format!(
        "model A <\n    id = db.Column(db.Integer, primary_key=True)\n>\n.open {}\n.models\nNote.query.first().text\ndb.create_all()\n",
        second.display()
    );
    let out = ok(&ormsh(&first, &[], &script));
    assert_eq!(
        out,
        "A (table a): id\nNote (table note): id, text\n'kept'\n"
    );
    // A is now stored in the second file too, and its table exists there.
    let out = ok(&ormsh(&second, &[], ".models\n.tables\n"));
    assert_eq!(
        out,
        "Note (table note): id, text\nA (table a): id\na  note\n"
    );
}

#[test]
fn open_says_when_uncommitted_changes_are_discarded() {
    let first = temp_db("open-discard-first");
    let second = temp_db("open-discard-second");
    let script = format!(
        "model N <\n    id = db.Column(db.Integer, primary_key=True)\n>\ndb.create_all()\ndb.session.add(N())\n.open {}\n.open {}\nN.query.count()\n",
        second.display(),
        first.display()
    );
    let o = ormsh(&first, &[], &script);
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout), "0\n");
    // Said once, at the .open that dropped the change; the second has none.
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "warning: the changes not yet committed were discarded with the old database (db.session.commit() before .open keeps them)\n"
    );
}

/// Artists, their albums (a foreign key) and genres (an association
/// table), all reflected.
fn music(name: &str) -> PathBuf {
    let db = temp_db(name);
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "CREATE TABLE artists (id INTEGER PRIMARY KEY, name TEXT);
         CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT, artist_id INTEGER REFERENCES artists(id));
         CREATE TABLE genres (id INTEGER PRIMARY KEY, name TEXT);
         CREATE TABLE artist_genres (artist_id INTEGER REFERENCES artists(id), genre_id INTEGER REFERENCES genres(id), PRIMARY KEY (artist_id, genre_id));
         INSERT INTO artists VALUES (1, 'Ann'), (2, 'Bo');
         INSERT INTO albums VALUES (1, 'x', 1), (2, 'y', 1), (3, 'z', 2);
         INSERT INTO genres VALUES (1, 'rock'), (2, 'jazz');
         INSERT INTO artist_genres VALUES (1, 1), (1, 2), (2, 2);",
    )
    .expect("setup");
    db
}

const AROUND_SINGER: &str = "Album.query.first().artist\nSinger.query.get(1).albums\nGenre.query.first().singers\nSinger.query.get(2).genres\n";

#[test]
fn a_model_over_a_reflected_table_answers_as_the_reopened_file_does() {
    let db = music("replace-reflected");
    let define = "model Singer <\n    __tablename__ = 'artists'\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.Text)\n    __repr__ = '<Singer %r>' % self.name\n>\n";
    let o = ormsh(
        &db,
        &[],
        &format!("Album.query.first().artist\n{define}{AROUND_SINGER}"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "note: Singer takes the place of the model Artist reflected from table artists; reflected again to relate to it: Album, Genre\n"
    );
    let expected = "<Singer 'Ann'>\n[<Album 1>, <Album 2>]\n[<Singer 'Ann'>]\n[<Genre 2>]\n";
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("<Artist 1>\n{expected}")
    );
    // Singer is stored; reopened, the reflected models relate to it the same way.
    assert_eq!(ok(&ormsh(&db, &[], AROUND_SINGER)), expected);
}

/// A model typed over a reflected table, with a relationship to a
/// reflected class: each combination (which side, backref or
/// back_populates, many-to-many through a reflected association table)
/// answers in the session and, stored, after reopening the file.
#[test]
fn a_model_relating_to_reflected_classes_works_now_and_reopened() {
    let cases = [
        (
            "Artist",
            "albums = db.relationship('Album', backref='artist')",
            "Album.query.first().artist\nArtist.query.get(1).albums\n",
        ),
        (
            "Artist",
            "albums = db.relationship('Album', back_populates='artist')",
            "Album.query.first().artist\nArtist.query.get(1).albums\n",
        ),
        (
            "Artist",
            "records = db.relationship('Album', backref='maker')",
            "Album.query.first().maker\nArtist.query.get(1).records\n",
        ),
        (
            "Genre",
            "artists = db.relationship('Artist', secondary='artist_genres', backref='genres')",
            "Genre.query.get(2).artists\nArtist.query.get(1).genres\n",
        ),
        (
            "Genre",
            "artists = db.relationship('Artist', secondary='artist_genres', back_populates='styles')",
            "Genre.query.get(2).artists\nArtist.query.get(1).styles\n",
        ),
    ];
    let fk_side = "model Album <\n    __tablename__ = 'albums'\n    id = db.Column(db.Integer, primary_key=True)\n    title = db.Column(db.Text)\n    artist_id = db.Column(db.Integer, db.ForeignKey('artists.id'))\n    band = db.relationship('Artist', back_populates='records')\n>\n";
    let mut scripts: Vec<(String, &str)> = cases
        .iter()
        .map(|(model, rel, uses)| {
            let table = if *model == "Artist" { "artists" } else { "genres" };
            (format!("model {model} <\n    __tablename__ = '{table}'\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.Text)\n    {rel}\n>\n"), *uses)
        })
        .collect();
    scripts.push((
        fk_side.to_string(),
        "Album.query.first().band\nArtist.query.get(1).records\n",
    ));
    for (i, (define, uses)) in scripts.iter().enumerate() {
        let db = music(&format!("user-rels-{i}"));
        let o = ormsh(&db, &[], &format!("Album.query.all()\n{define}{uses}"));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{define}: {err}");
        assert!(!err.contains("error"), "{define}: {err}");
        let now = String::from_utf8_lossy(&o.stdout).into_owned();
        let now = now.split_once('\n').expect("two lines").1;
        assert_eq!(ok(&ormsh(&db, &[], uses)), now, "{define}");
        assert!(
            !now.contains("None") && !now.contains("[]"),
            "{define}: {now}"
        );
    }
}

#[test]
fn open_leaves_the_old_files_objects_detached() {
    let first = music("open-detach-first");
    let second = temp_db("open-detach-second");
    ok(&ormsh(
        &second,
        &[],
        "model Album <\n    __tablename__ = 'albums'\n    id = db.Column(db.Integer, primary_key=True)\n    title = db.Column(db.Text)\n>\ndb.create_all()\ndb.session.add(Album(id=1, title='other'))\ndb.session.commit()\n",
    ));
    // `a` is an object of the first file's reflected Album (the second
    // file has a typed Album, with a row 1 of its own); `g` one of its
    // Genre, which the second file does not have.
    let script = format!(
        "a = Album.query.first()\ng = Genre.query.first()\n.open {}\na.title\ng.name\nAlbum.query.first().title\ndb.session.add(g)\n",
        second.display()
    );
    let o = ormsh(&first, &["--keep-going"], &script);
    // `a` does not reload the second file's row 1 as if it were its own.
    assert_eq!(String::from_utf8_lossy(&o.stdout), "'other'\n");
    let err = String::from_utf8_lossy(&o.stderr);
    for line in [
        "4:3: error: InvalidRequestError: this Album object belongs to model Album, reflected from a database that .open has closed",
        "5:3: error: InvalidRequestError: this Genre object belongs to model Genre, reflected from a database that .open has closed",
        "7:16: error: InvalidRequestError: this Genre object belongs to model Genre",
    ] {
        assert!(err.contains(line), "{line} not in:\n{err}");
    }
}

/// `.open` takes names as the command line does: `sqlite://` is a new
/// in-memory database (it once made a file named `sqlite:` in the working
/// directory, which tests then left in the checkout), `sqlite:///PATH` a file.
#[test]
fn open_understands_sqlite_urls() {
    let dir = work_dir().join("open-urls");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a directory of its own");
    let file = dir.join("by-url.db");
    let script = format!(
        "model N <\n    id = db.Column(db.Integer, primary_key=True)\n>\n.open sqlite://\n.tables\ndb.create_all()\ndb.session.add(N())\ndb.session.commit()\n.open sqlite:///{}\ndb.create_all()\nN.query.count()\n",
        file.display()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .current_dir(&dir)
        .args(["-c", &script])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run ormsh");
    assert_eq!(ok(&out), "0\n");
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["by-url.db"]);
}

#[test]
fn a_model_with_aware_defaults_comes_back() {
    let db = temp_db("aware");
    let script = "model Stamp <\n    id = db.Column(db.Integer, primary_key=True)\n    \
                  fixed = db.Column(db.DateTime(timezone=True), default=datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=2))))\n    \
                  made = db.Column(db.DateTime(timezone=True), default=lambda: datetime.now(timezone.utc))\n>\n\
                  db.create_all()\n";
    assert_eq!(ok(&ormsh(&db, &[], script)), "");
    let out = ok(&ormsh(
        &db,
        &[],
        "db.session.add(Stamp())\ndb.session.commit()\nStamp.query.first().fixed\nStamp.query.first().made.tzinfo is None\n",
    ));
    assert_eq!(out, "datetime.datetime(2024, 1, 1, 0, 0)\nTrue\n");
}
