//! A line at column 0 after a block's body, in a real terminal (a PTY)
//! (issue 16, round 2: it was added to the block until an empty line,
//! then the whole block failed and was lost). Typed, it ends the entry at
//! once with `SyntaxError: invalid syntax` on that line, as CPython's
//! console does (`python3 -i`: the block is not run either); a clause
//! (`else:`) goes on with the block. In a bracketed paste — a script, as
//! a file is read — it closes the block, which runs, and starts the next
//! statement: a pasted models.py whose last class has no empty line after
//! it, followed by statements, runs them all.

mod pty_support;

use std::io::Write;

use pty_support::{Type, shell, temp};
use rexpect::session::PtySession;

/// Write `bytes` to the terminal in one write, as a terminal's paste does.
fn burst(p: &PtySession, bytes: &str) {
    let mut tty = p.process().get_file_handle().expect("the pty");
    tty.write_all(bytes.as_bytes())
        .expect("one write to the pty");
    tty.flush().expect("flush the pty");
}

#[test]
fn a_typed_line_at_column_0_after_a_block_is_invalid_at_once() {
    let mut p = shell(&temp("dedent-typed"), &[]);
    p.enter("def f():").unwrap();
    p.enter("    return 1").unwrap();
    p.enter("y = f()").unwrap();
    p.exp_string("SyntaxError: invalid syntax")
        .expect("reported on that line, no empty line needed");
    p.exp_string("3 | y = f()").unwrap();
    p.exp_string("ormsh> ").unwrap();
    // As in CPython, nothing of the entry ran.
    p.enter("f").unwrap();
    p.exp_string("NameError: name 'f' is not defined").unwrap();
    p.exp_string("ormsh> ").unwrap();
    // A clause at column 0 goes on with the block.
    p.enter("if 1:").unwrap();
    p.enter("    x = 'then'").unwrap();
    p.enter("else:").unwrap();
    p.enter("    x = 'else'").unwrap();
    p.enter("").unwrap();
    p.enter("x").unwrap();
    p.exp_string("'then'\r\n")
        .expect("the if statement ran whole");
}

#[test]
fn a_pasted_class_without_an_empty_line_after_it_runs_then_the_next_lines() {
    let mut p = shell(&temp("dedent-paste"), &[]);
    let script = "class Category(db.Model):\r\
                  \x20   id = db.Column(db.Integer, primary_key=True)\r\
                  \x20   name = db.Column(db.String(50))\r\
                  \r\
                  \x20   def __repr__(self):\r\
                  \x20       return '<Category %r>' % self.name\r\
                  db.create_all()\r\
                  db.session.add(Category(name='tools'))\r\
                  Category.query.all()\r";
    burst(&p, &format!("\x1b[200~{script}\x1b[201~"));
    let seen = p
        .exp_string("[<Category 'tools'>]\r\n")
        .expect("the class was defined and every line after it ran");
    assert!(!seen.contains("Error"), "{seen}");
    p.exp_string("ormsh> ").unwrap();
    // The last line of a paste ended by an Enter typed after it.
    burst(
        &p,
        "\x1b[200~class Tag(db.Model):\r    id = db.Column(db.Integer, primary_key=True)\rdb.create_all()\x1b[201~",
    );
    p.exp_string("db.create_all()").unwrap();
    p.enter("").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("Tag.query.count()").unwrap();
    let seen = p.exp_string("0\r\n").expect("Tag's table was made");
    assert!(!seen.contains("Error"), "{seen}");
}
