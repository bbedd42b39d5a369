//! `.tutorial NAME STEP` checked as a resume is: the tables the steps
//! before STEP make with `db.create_all()` must be in this database. When
//! those steps ran (on another database, before a `.open`), the jump is
//! refused, naming each table, the step that makes it and how to make it
//! again; when they never ran (a jump past them), the jump goes on and
//! its note names the tables and that step.

use crate::app::App;
use crate::error::{Error, Result};
use crate::tutorial::Lesson;
use crate::tutorial::needed::{Needed, needed, way_back};

/// The tables step `pos` (0 for the first) needs that this database
/// lacks, for the jump's note; an error when the steps that make them
/// ran before (`reached`: the step the lesson had come to, `skipped`:
/// the steps an earlier jump skipped, which made nothing).
pub(super) fn check(
    app: &App,
    lesson: &Lesson,
    pos: usize,
    reached: usize,
    skipped: &[usize],
) -> Result<Vec<Needed>> {
    let gone = needed(
        &app.interp.session.engine,
        &app.interp.registry,
        lesson,
        pos,
    );
    let ran = gone
        .iter()
        .any(|n| n.created < reached && !skipped.contains(&n.created));
    if !ran {
        return Ok(gone);
    }
    let name = lesson.name;
    let back = way_back(&gone);
    let mut help = match back {
        0 => format!(
            "start it over here, where its steps make {}: .tutorial {name} 1",
            them(&gone)
        ),
        _ => format!(
            "go back to step {}, which makes {} again from the models defined now: .tutorial {name} {}",
            back + 1,
            them(&gone),
            back + 1
        ),
    };
    let walking = app.tutorial.as_ref().filter(|w| w.lesson == name);
    let ran_on = match walking {
        Some(w) => w.ran_on.as_deref(),
        None => app.lessons_left.ran_on(name),
    };
    let here = app.interp.session.engine.url.as_str();
    if let Some(url) = ran_on.filter(|url| *url != here) {
        help.push_str(&format!(
            "; or .open the database it ran on ({url}), then .tutorial {name} {}",
            pos + 1
        ));
    }
    Err(Error::value(format!(
        "the lesson '{name}' at step {} needs {}, and this database does not have {}",
        pos + 1,
        named(&gone),
        them(&gone)
    ))
    .with_help(help))
}

/// The note of a jump to step `pos` whose `gone` tables are missing:
/// empty when none are.
pub(super) fn note(name: &str, pos: usize, gone: &[Needed]) -> String {
    if gone.is_empty() {
        return String::new();
    }
    let back = way_back(gone) + 1;
    format!(
        "Step {} needs {}, and this database does not have {} ('.tutorial {name} {back}' goes back).",
        pos + 1,
        named(gone),
        them(gone)
    )
}

/// `the table user, which step 2 makes` / `the tables user, post, which
/// steps 2, 5 make`.
fn named(gone: &[Needed]) -> String {
    let tables: Vec<&str> = gone.iter().map(|n| n.table.as_str()).collect();
    let mut steps: Vec<usize> = gone.iter().map(|n| n.created + 1).collect();
    steps.sort_unstable();
    steps.dedup();
    let steps: Vec<String> = steps.iter().map(usize::to_string).collect();
    format!(
        "the table{} {}, which step{} {} make{}",
        if tables.len() == 1 { "" } else { "s" },
        tables.join(", "),
        if steps.len() == 1 { "" } else { "s" },
        steps.join(", "),
        if steps.len() == 1 { "s" } else { "" },
    )
}

/// `it` or `them`.
fn them(gone: &[Needed]) -> &'static str {
    if gone.len() == 1 { "it" } else { "them" }
}
