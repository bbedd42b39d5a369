//! W1 (insert), W2 (lookup) and W5 (output) on the `user` table.

use std::fmt::Write as _;
use std::io::Write;

use rusqlite::Connection;

use crate::{Out, Res, repr_str};

/// A `user` row.
struct User {
    id: i64,
    username: String,
    email: String,
}

const SELECT: &str = "SELECT user.id AS user_id, user.username AS user_username, \
                      user.email AS user_email FROM user";

/// The DDL SQLAlchemy emits for the User model.
const DDL: &str = "CREATE TABLE user (
	id INTEGER NOT NULL,
	username VARCHAR(80) NOT NULL,
	email VARCHAR(120) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (username),
	UNIQUE (email)
)";

/// W1: the table made, `n` users inserted in one transaction, counted.
/// With `returning`, each row is SQLAlchemy 2's statement on SQLite,
/// `INSERT … RETURNING id` (its insertmanyvalues), and its id is read:
/// what SQLite's part of the flush costs when sent as SQLAlchemy sends it.
pub fn insert(c: &Connection, n: usize, returning: bool, out: &mut Out) -> Res {
    c.execute_batch(DDL)?;
    c.execute_batch("BEGIN")?;
    {
        let sql = "INSERT INTO user (username, email) VALUES (?, ?)";
        let mut st = c.prepare(&if returning {
            format!("{sql} RETURNING id")
        } else {
            sql.to_string()
        })?;
        let (mut name, mut email) = (String::new(), String::new());
        let mut ids = 0i64;
        for i in 0..n {
            name.clear();
            email.clear();
            write!(name, "user{i}")?;
            write!(email, "user{i}@example.com")?;
            if returning {
                ids += st.query_row((&name, &email), |r| r.get::<_, i64>(0))?;
            } else {
                st.execute((&name, &email))?;
            }
        }
        // The ids RETURNING read are 1..=n.
        if returning && ids != (n as i64) * (n as i64 + 1) / 2 {
            return Err("RETURNING read other ids".into());
        }
    }
    c.execute_batch("COMMIT")?;
    let count: i64 = c.query_row(
        "SELECT count(*) AS count_1 FROM (SELECT user.id AS user_id, user.username AS \
         user_username, user.email AS user_email FROM user) AS anon_1",
        [],
        |r| r.get(0),
    )?;
    writeln!(out, "{count}")?;
    Ok(())
}

/// W2: `m` users looked up by name, one SELECT each, printed as their repr.
pub fn lookup(c: &Connection, m: usize, out: &mut Out) -> Res {
    let mut st = c.prepare(&format!(
        "{SELECT} WHERE user.username = ? LIMIT 1 OFFSET 0"
    ))?;
    let mut name = String::new();
    for i in 0..m {
        name.clear();
        write!(name, "user{i}")?;
        let mut rows = st.query([&name])?;
        match rows.next()? {
            Some(r) => {
                let u = User {
                    id: r.get(0)?,
                    username: r.get(1)?,
                    email: r.get(2)?,
                };
                let _ = (u.id, &u.email);
                out.write_all(b"<User ")?;
                repr_str(out, &u.username)?;
                out.write_all(b">\n")?;
            }
            None => out.write_all(b"None\n")?,
        }
    }
    Ok(())
}

/// W5: every user, as ormsh prints `User.query.all()` in `mode`: the list's
/// repr (streamed), or a grid (rows read first, then widths, then lines).
pub fn all(c: &Connection, mode: Option<&str>, out: &mut Out) -> Res {
    let mut st = c.prepare(SELECT)?;
    let mut rows = st.query([])?;
    if mode == Some("table") {
        let mut users = Vec::new();
        while let Some(r) = rows.next()? {
            users.push(User {
                id: r.get(0)?,
                username: r.get(1)?,
                email: r.get(2)?,
            });
        }
        return table(&users, out);
    }
    out.write_all(b"[")?;
    let mut first = true;
    while let Some(r) = rows.next()? {
        let u = User {
            id: r.get(0)?,
            username: r.get(1)?,
            email: r.get(2)?,
        };
        let _ = (u.id, &u.email);
        out.write_all(if first { b"<User " } else { b", <User " })?;
        first = false;
        repr_str(out, &u.username)?;
        out.write_all(b">")?;
    }
    out.write_all(b"]\n")?;
    Ok(())
}

/// The grid of `.mode table` (comfy-table's ASCII preset, as ormsh draws it).
fn table(users: &[User], out: &mut Out) -> Res {
    let mut ids = Vec::with_capacity(users.len());
    let mut w = [2, 8, 5];
    for u in users {
        let id = u.id.to_string();
        w[0] = w[0].max(id.len());
        w[1] = w[1].max(u.username.chars().count());
        w[2] = w[2].max(u.email.chars().count());
        ids.push(id);
    }
    let rule = format!(
        "+{}+{}+{}+\n",
        "-".repeat(w[0] + 2),
        "-".repeat(w[1] + 2),
        "-".repeat(w[2] + 2)
    );
    out.write_all(rule.as_bytes())?;
    out.write_all(b"|")?;
    for (name, w) in ["id", "username", "email"].iter().zip(w) {
        // Headers centred, the odd space on the left (as comfy-table does).
        let room = w - name.len();
        write!(
            out,
            " {:l$}{name}{:r$} |",
            "",
            "",
            l = room - room / 2,
            r = room / 2
        )?;
    }
    out.write_all(b"\n")?;
    out.write_all(rule.as_bytes())?;
    for (u, id) in users.iter().zip(&ids) {
        writeln!(
            out,
            "| {:<a$} | {:<b$} | {:<c$} |",
            id,
            u.username,
            u.email,
            a = w[0],
            b = w[1],
            c = w[2]
        )?;
    }
    out.write_all(rule.as_bytes())?;
    writeln!(out, "({} rows)", users.len())?;
    Ok(())
}
