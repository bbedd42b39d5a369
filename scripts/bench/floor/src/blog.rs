//! W4: categories with their posts, made and read the three ways the ORM
//! loads them (one SELECT per category, one LEFT OUTER JOIN, 500 keys per
//! `IN`), printed as `print(c, c.posts)` prints them.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

use rusqlite::Connection;

use crate::{Out, Res, repr_str};

struct Category {
    id: i64,
    name: String,
}

struct Post {
    id: i64,
    title: String,
}

const DDL: &str = "CREATE TABLE category (
	id INTEGER NOT NULL,
	name VARCHAR(50) NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE post (
	id INTEGER NOT NULL,
	title VARCHAR(80) NOT NULL,
	category_id INTEGER NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(category_id) REFERENCES category (id)
)";

const CATEGORIES: &str = "SELECT category.id AS category_id, category.name AS category_name \
                          FROM category";

/// The W4 setup: `cats` categories with `posts` posts each, one transaction;
/// `indexed`: with an index on `post.category_id` (`index=True`), without
/// which every lazy load scans the whole post table.
pub fn setup(c: &Connection, cats: usize, posts: usize, indexed: bool, out: &mut Out) -> Res {
    c.execute_batch(DDL)?;
    if indexed {
        c.execute_batch("CREATE INDEX ix_post_category_id ON post (category_id)")?;
    }
    c.execute_batch("BEGIN")?;
    {
        let mut cat = c.prepare("INSERT INTO category (name) VALUES (?)")?;
        let mut post = c.prepare("INSERT INTO post (title, category_id) VALUES (?, ?)")?;
        let mut text = String::new();
        for i in 0..cats {
            text.clear();
            write!(text, "c{i}")?;
            let id = cat.insert([&text])?;
            for j in 0..posts {
                text.clear();
                write!(text, "p{i}-{j}")?;
                post.execute((&text, id))?;
            }
        }
    }
    c.execute_batch("COMMIT")?;
    let n: i64 = c.query_row("SELECT count(*) FROM post", [], |r| r.get(0))?;
    writeln!(out, "{n}")?;
    Ok(())
}

/// Every category with its posts, loaded the `way` SQLAlchemy's loader does.
pub fn load(c: &Connection, way: Option<&str>, out: &mut Out) -> Res {
    let cats = match way {
        Some("lazy") => lazy(c)?,
        Some("joined") => joined(c)?,
        Some("selectin") => selectin(c)?,
        _ => return Err("w4 takes lazy, joined or selectin".into()),
    };
    for (cat, posts) in &cats {
        out.write_all(b"<Category ")?;
        repr_str(out, &cat.name)?;
        out.write_all(b"> [")?;
        for (i, p) in posts.iter().enumerate() {
            out.write_all(if i == 0 { b"<Post " } else { b", <Post " })?;
            repr_str(out, &p.title)?;
            out.write_all(b">")?;
            let _ = p.id;
        }
        out.write_all(b"]\n")?;
    }
    Ok(())
}

type Loaded = Vec<(Category, Vec<Post>)>;

fn categories(c: &Connection) -> rusqlite::Result<Loaded> {
    let mut st = c.prepare(CATEGORIES)?;
    let rows = st.query_map([], |r| {
        Ok((
            Category {
                id: r.get(0)?,
                name: r.get(1)?,
            },
            Vec::new(),
        ))
    })?;
    rows.collect()
}

/// One SELECT per category, as the lazy loader sends them.
fn lazy(c: &Connection) -> rusqlite::Result<Loaded> {
    let mut cats = categories(c)?;
    let mut st = c.prepare(
        "SELECT post.id AS post_id, post.title AS post_title, post.category_id AS \
         post_category_id FROM post WHERE ? = post.category_id",
    )?;
    for (cat, posts) in &mut cats {
        let mut rows = st.query([cat.id])?;
        while let Some(r) = rows.next()? {
            posts.push(Post {
                id: r.get(0)?,
                title: r.get(1)?,
            });
        }
    }
    Ok(cats)
}

/// One LEFT OUTER JOIN, each category's posts gathered by its key.
fn joined(c: &Connection) -> rusqlite::Result<Loaded> {
    let mut st = c.prepare(
        "SELECT category.id AS category_id, category.name AS category_name, post_1.id AS \
         post_1_id, post_1.title AS post_1_title, post_1.category_id AS post_1_category_id \
         FROM category LEFT OUTER JOIN post AS post_1 ON category.id = post_1.category_id",
    )?;
    let mut rows = st.query([])?;
    let mut cats: Loaded = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let i = *at.entry(id).or_insert_with(|| cats.len());
        if i == cats.len() {
            cats.push((
                Category {
                    id,
                    name: r.get(1)?,
                },
                Vec::new(),
            ));
        }
        if let Some(pid) = r.get::<_, Option<i64>>(2)? {
            cats[i].1.push(Post {
                id: pid,
                title: r.get(3)?,
            });
        }
    }
    Ok(cats)
}

/// The categories, then their posts 500 keys per `IN (…)`.
fn selectin(c: &Connection) -> rusqlite::Result<Loaded> {
    let mut cats = categories(c)?;
    let at: HashMap<i64, usize> = cats
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.id, i))
        .collect();
    for chunk in (0..cats.len()).collect::<Vec<_>>().chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut st = c.prepare_cached(&format!(
            "SELECT post.category_id AS post_category_id, post.id AS post_id, post.title AS \
             post_title FROM post WHERE post.category_id IN ({marks})"
        ))?;
        let keys: Vec<i64> = chunk.iter().map(|&i| cats[i].0.id).collect();
        let mut rows = st.query(rusqlite::params_from_iter(keys))?;
        while let Some(r) = rows.next()? {
            let owner: i64 = r.get(0)?;
            if let Some(&i) = at.get(&owner) {
                cats[i].1.push(Post {
                    id: r.get(1)?,
                    title: r.get(2)?,
                });
            }
        }
    }
    Ok(cats)
}
