//! The table is the only way in: every listed command dispatches to its
//! own function, and a name the table does not list is an unknown command.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use super::{COMMANDS, run};
use crate::app::{App, Flow};
use crate::engine::Engine;
use crate::error::ErrorKind;
use crate::eval::Interp;
use crate::orm::session::Session;

/// Output kept for the test to read.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn app(out: &Shared) -> App {
    let engine = Engine::open(None, false).expect("memory database");
    let interp = Interp::new(Session::new(engine), Box::new(out.clone()));
    App::new(interp, Box::new(std::io::sink()))
}

#[test]
fn the_table_is_well_formed() {
    for (i, c) in COMMANDS.iter().enumerate() {
        assert!(
            c.name.starts_with('.') && c.name[1..].bytes().all(|b| b.is_ascii_lowercase()),
            "{}",
            c.name
        );
        assert!(
            !COMMANDS[..i].iter().any(|d| d.name == c.name),
            "{} twice",
            c.name
        );
        assert!(!c.help.is_empty() && !c.help.contains('\n'), "{}", c.name);
        assert!(!c.details.is_empty(), "{} has no details", c.name);
    }
}

/// Each command runs its own function: with no argument (nothing here
/// touches a file: those that need one say their usage) none is unknown.
#[test]
fn every_listed_command_dispatches() {
    for c in COMMANDS {
        let out = Shared::default();
        let mut app = app(&out);
        match run(&mut app, c.name) {
            Ok(Flow::Exit(0)) => assert!(matches!(c.name, ".quit" | ".exit")),
            Ok(flow) => assert_eq!(flow, Flow::Continue, "{}", c.name),
            Err(e) => {
                assert_ne!(e.kind, ErrorKind::UnknownCommand, "{}: {e:?}", c.name);
                assert!(
                    e.message.starts_with("Usage: ") || c.name == ".sql",
                    "{}: {}",
                    c.name,
                    e.message
                );
                // sqlite3's wording, no Python class before it.
                if e.message.starts_with("Usage: ") {
                    assert_eq!(e.kind, ErrorKind::Command, "{}", c.name);
                }
            }
        }
    }
}

/// What dispatch knows is what the table lists: anything else is unknown,
/// with the nearest listed name suggested.
#[test]
fn every_dispatched_command_is_listed() {
    let out = Shared::default();
    let mut app = app(&out);
    for (name, near) in [
        (".bogus", None),
        (".opn", Some(".open")),
        (".exprot", Some(".export")),
        (".", None),
    ] {
        let e = run(&mut app, name).expect_err(name);
        assert_eq!(e.kind, ErrorKind::UnknownCommand, "{name}");
        assert!(e.message.starts_with(&format!("'{name}'")), "{name}: {e:?}");
        if let Some(n) = near {
            assert!(e.message.contains(&format!("did you mean '{n}'")), "{e:?}");
        }
    }
    // .help lists exactly the table, in its order, and explains each.
    run(&mut app, ".help").unwrap();
    let text = String::from_utf8(out.0.take()).unwrap();
    let listed: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    assert_eq!(listed, names);
    for c in COMMANDS {
        run(&mut app, &format!(".help {}", &c.name[1..])).unwrap();
        let text = String::from_utf8(out.0.take()).unwrap();
        assert!(text.starts_with(c.name), "{text}");
        assert!(text.lines().count() > 1, ".help {}: {text}", c.name);
    }
}

/// `.timer`'s line comes after what the statement printed and after its
/// error, with sub-millisecond digits; `.sql` is timed, other commands not.
#[test]
fn the_timer_line_follows_output_and_errors() {
    let out = Shared::default();
    let engine = Engine::open(None, false).expect("memory database");
    let interp = Interp::new(Session::new(engine), Box::new(out.clone()));
    let mut app = App::new(interp, Box::new(out.clone()));
    let origin = crate::render::diagnostic::Origin {
        file: None,
        first_line: 1,
    };
    for line in [
        ".timer on",
        "print('x')",
        "1 / 0",
        ".sql SELECT 1",
        ".tables",
    ] {
        app.run_chunk(line, &origin);
    }
    let text = String::from_utf8(out.0.take()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let timed: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("Run Time: real "))
        .collect();
    assert_eq!(timed.len(), 3, "{text}");
    assert_eq!(lines[timed[0] - 1], "x", "{text}");
    assert!(lines[timed[1] - 1].contains('^'), "after the error: {text}");
    assert_eq!(lines[timed[2] - 1], "[(1,)]", "{text}");
    let digits = lines[timed[0]].trim_start_matches("Run Time: real ");
    assert_eq!(
        digits.split_once('.').map(|(_, f)| f.len()),
        Some(6),
        "{text}"
    );
}

/// Another lesson's models are set aside when a lesson starts (it defines
/// its own), as a definition would replace them: not while the session
/// holds their changes.
#[test]
fn a_lesson_sets_aside_other_models_unless_their_changes_wait() {
    let out = Shared::default();
    let mut app = app(&out);
    app.interp.interactive = true;
    let origin = crate::render::diagnostic::Origin {
        file: None,
        first_line: 1,
    };
    let steps = crate::tutorial::find("users-posts").unwrap().steps();
    for s in &steps[..2] {
        assert_eq!(app.run_chunk(&s.statement, &origin), Flow::Continue);
    }
    assert_eq!(
        app.run_chunk("db.session.add(User(username='x'))", &origin),
        Flow::Continue
    );
    let e = run(&mut app, ".tutorial quickstart").expect_err("changes wait");
    assert!(e.message.contains("not yet committed"), "{}", e.message);
    assert!(app.tutorial.is_none());
    assert!(app.interp.registry.get("User").is_some());
    app.run_chunk("db.session.rollback()", &origin);
    run(&mut app, ".tutorial quickstart").expect("set aside");
    assert!(app.interp.registry.get("User").is_none());
    let said = String::from_utf8(out.0.borrow().clone()).unwrap();
    assert!(said.contains("Set aside the models User, Post"), "{said}");
}
