//! `.tutorial [NAME [STEP] | stop]`: list the lessons, walk one (resuming
//! where it was stopped, or from STEP), or stop. A lesson is refused on a
//! read-only database, pointing to a writable in-memory one. A lesson whose tables
//! already hold rows (from its first step) or have other columns is
//! refused, naming them and how to clear them (its INSERTs would fail or
//! its counts be wrong); models of another layout over its tables (another
//! lesson's `User`) are set aside when it starts from its first step, as
//! its own definitions would replace them. A lesson resumed after a
//! `.open` that took away the tables its earlier steps made is refused,
//! naming them and how to make them again, and so is a lesson walking
//! when a `.open` takes them away (`after_open`); starting another lesson
//! says the one walking was put aside. A jump past steps that did not
//! run says so, and the walk keeps the steps it skipped; a jump is
//! checked for the tables its earlier steps make as a resume is
//! (`tutorial_jump`). On a terminal, the
//! lines break between words.

use crate::app::{App, Flow};
use crate::dot::Call;
use crate::error::{Error, Result};
use crate::eval::suggest::did_you_mean;
use crate::schema::model::Retired;
use crate::tutorial::in_the_way::{Obstacle, in_the_way, missing, set_aside};
use crate::tutorial::{LESSONS, Lesson, Walk, find};

/// `.tutorial [NAME [STEP] | stop]`
pub fn run(app: &mut App, call: &Call) -> Result<Flow> {
    match call.args.as_slice() {
        [] => list(app)?,
        ["stop"] => stop(app)?,
        [name] => {
            let lesson = lesson(name)?;
            walkable(app, name)?;
            writable(app, name)?;
            match app.tutorial.as_ref().filter(|w| w.lesson == lesson.name) {
                Some(w) => {
                    let line = format!("Already walking '{}' ({}).", w.lesson, w.progress());
                    say(app, &line)?;
                }
                None => match app.lessons_left.at(lesson.name) {
                    Some(pos) => {
                        tables_kept(app, lesson, pos)?;
                        clear_the_way(app, lesson, pos)?;
                        let skipped = app.lessons_left.skipped(lesson.name);
                        begin(app, lesson, pos)?;
                        if let Some(w) = &mut app.tutorial {
                            w.skipped = skipped;
                        }
                        let line = format!(
                            "Resuming '{}' at step {} ('.tutorial {} 1' starts it over).",
                            lesson.name,
                            pos + 1,
                            lesson.name
                        );
                        let width = super::commands::terminal_width(app);
                        super::commands::hanging(app, &line, 0, width)?;
                    }
                    None => {
                        clear_the_way(app, lesson, 0)?;
                        begin(app, lesson, 0)?;
                    }
                },
            }
        }
        [name, step] => {
            let lesson = lesson(name)?;
            walkable(app, name)?;
            writable(app, name)?;
            let count = lesson.steps().len();
            let pos = match step.parse::<usize>() {
                Ok(n) if (1..=count).contains(&n) => n - 1,
                _ => {
                    return Err(Error::value(format!(
                        "'{name}' has steps 1 to {count}, not {step}"
                    ))
                    .at(call.span_of(step)));
                }
            };
            let walking = app.tutorial.as_ref().filter(|w| w.lesson == lesson.name);
            let skipped_before = match walking {
                Some(w) => w.skipped.clone(),
                None => app.lessons_left.skipped(lesson.name),
            };
            let reached = match walking {
                Some(w) => w.pos,
                None => app.lessons_left.at(lesson.name).unwrap_or(0),
            };
            let gone = super::tutorial_jump::check(app, lesson, pos, reached, &skipped_before)?;
            clear_the_way(app, lesson, pos)?;
            begin(app, lesson, pos)?;
            if let Some(w) = &mut app.tutorial {
                w.jumped(reached, &skipped_before);
            }
            let note = super::tutorial_jump::note(name, pos, &gone);
            if pos > reached && !note.is_empty() {
                let skipped = match pos - reached {
                    1 => format!("Step {pos} did not run."),
                    _ => format!("Steps {} to {pos} did not run.", reached + 1),
                };
                let width = super::commands::terminal_width(app);
                super::commands::hanging(app, &format!("{skipped} {note}"), 0, width)?;
            } else if !note.is_empty() {
                let width = super::commands::terminal_width(app);
                super::commands::hanging(app, &note, 0, width)?;
            } else if pos > reached {
                let skipped = match pos - reached {
                    1 => format!(
                        "Step {pos} did not run: step {} may need what it makes",
                        pos + 1
                    ),
                    _ => format!(
                        "Steps {} to {pos} did not run: step {} may need what they make",
                        reached + 1,
                        pos + 1
                    ),
                };
                let line = format!("{skipped} ('.tutorial {name} {}' goes back).", reached + 1);
                let width = super::commands::terminal_width(app);
                super::commands::hanging(app, &line, 0, width)?;
            }
        }
        _ => return Err(Error::value("usage: .tutorial [NAME [STEP] | stop]")),
    }
    Ok(Flow::Continue)
}

/// The lessons, with where stopped ones were left.
fn list(app: &mut App) -> Result<()> {
    let width = crate::dot::commands::terminal_width(app);
    for l in LESSONS {
        let walking = app.tutorial.as_ref().filter(|w| w.lesson == l.name);
        let left = match (walking, app.lessons_left.at(l.name)) {
            (Some(w), _) => format!(" (walking: step {})", w.pos + 1),
            (None, Some(pos)) => format!(" (stopped at step {})", pos + 1),
            (None, None) => String::new(),
        };
        let line = format!("{:<14} {}{left}", l.name, l.summary());
        crate::dot::commands::hanging(app, &line, 15, width)?;
    }
    crate::dot::commands::hanging(
        app,
        "Start one with .tutorial NAME (it resumes where you stopped), or at a step: .tutorial NAME 3",
        0,
        width,
    )
}

/// `.tutorial stop`: leave the lesson, remembering the step.
fn stop(app: &mut App) -> Result<()> {
    match app.tutorial.take() {
        Some(w) => {
            app.lessons_left.stop(&w);
            let line = format!(
                "Tutorial stopped at {}; '.tutorial {}' resumes it.",
                w.progress(),
                w.lesson
            );
            say(app, &line)
        }
        None => app.interp.write_line("No tutorial is running."),
    }
}

/// The lesson named `name`, or a NameError listing them.
fn lesson(name: &str) -> Result<&'static Lesson> {
    find(name).ok_or_else(|| {
        let names = LESSONS.iter().map(|l| l.name);
        Error::name(format!(
            "no lesson named '{name}'{}",
            did_you_mean(name, names)
        ))
        .with_help("type .tutorial to list the lessons")
    })
}

/// Lessons are walked at the interactive prompt only.
fn walkable(app: &App, name: &str) -> Result<()> {
    if app.interp.interactive {
        return Ok(());
    }
    Err(
        Error::value("a tutorial is walked at the interactive prompt")
            .with_help(format!("run: ormsh --tutorial {name}")),
    )
}

/// A lesson writes (its `db.create_all()`, its commits): on a database
/// opened read-only (`--readonly`, kept by `.open`) its second step would
/// fail. Refuse it, with the way to a database it can write: `.open
/// :memory:` is writable even under `--readonly`.
fn writable(app: &App, name: &str) -> Result<()> {
    if !app.interp.session.engine.is_readonly() {
        return Ok(());
    }
    Err(Error::value(format!(
        "the lesson '{name}' writes (db.create_all(), commits), and this database is read-only"
    ))
    .with_help(format!(
        "walk it on a writable in-memory database: .open :memory: then .tutorial {name}"
    )))
}

/// Walk `lesson` from step `pos`, remembering where the lesson walked
/// until now (if another) stopped.
fn begin(app: &mut App, lesson: &'static Lesson, pos: usize) -> Result<()> {
    if let Some(w) = app.tutorial.take() {
        app.lessons_left.stop(&w);
        if w.lesson != lesson.name {
            let line = format!(
                "Put '{}' aside at {}; '.tutorial {}' resumes it.",
                w.lesson,
                w.progress(),
                w.lesson
            );
            let width = super::commands::terminal_width(app);
            super::commands::hanging(app, &line, 0, width)?;
        }
    }
    app.lessons_left.forget(lesson.name);
    let mut walk = Walk::at(lesson, pos);
    walk.ran_on = ran_on(app);
    app.tutorial = Some(walk);
    Ok(())
}

/// The database file a lesson walks on: `db.engine.url`, or None for an
/// in-memory database (gone once another is opened).
fn ran_on(app: &App) -> Option<String> {
    let engine = &app.interp.session.engine;
    (engine.is_file() || engine.url.starts_with("postgres")).then(|| engine.url.clone())
}

/// After a `.open`: the lesson walking needs the tables its earlier
/// steps made, as a resumed one does (`tables_kept`); when this database
/// does not have them, its next steps would fail on them, so the lesson
/// stops here (remembered, as `.tutorial stop` does), saying why and how
/// to go on.
pub fn after_open(app: &mut App) -> Result<()> {
    let Some(walk) = app.tutorial.as_ref() else {
        return Ok(());
    };
    let Some(lesson) = find(walk.lesson) else {
        return Ok(());
    };
    let gone = missing(&app.interp.session.engine, lesson, walk.pos, &walk.skipped);
    if gone.is_empty() {
        return Ok(());
    }
    let Some(walk) = app.tutorial.take() else {
        return Ok(());
    };
    app.lessons_left.stop(&walk);
    let name = lesson.name;
    let line = format!(
        "Tutorial '{name}' stopped at {}: its earlier steps made the table{} {}, and this database does not have {}. {}",
        walk.progress(),
        if gone.len() == 1 { "" } else { "s" },
        gone.join(", "),
        if gone.len() == 1 { "it" } else { "them" },
        how_to_go_on(name, walk.ran_on.as_deref(), gone.len()),
    );
    let width = super::commands::terminal_width(app);
    super::commands::hanging(app, &line, 0, width)
}

/// How to go on with a lesson whose `gone` tables this database lacks:
/// start it over here, or (when it walked on a file) open that file again.
fn how_to_go_on(name: &str, ran_on: Option<&str>, gone: usize) -> String {
    let them = if gone == 1 { "it" } else { "them" };
    match ran_on {
        Some(url) => format!(
            "Start it over here, where its steps make {them} again: .tutorial {name} 1; or .open the database it ran on ({url}), then .tutorial {name}"
        ),
        None => format!(
            "It ran on an in-memory database, now gone: start it over here, where its steps make {them} again: .tutorial {name} 1"
        ),
    }
}

/// A lesson resumed needs the tables its earlier steps made: after a
/// `.open` they are gone, and its next steps would fail on them. Refuse
/// it, naming them, with the ways to make them again.
fn tables_kept(app: &mut App, lesson: &Lesson, from: usize) -> Result<()> {
    let skipped = app.lessons_left.skipped(lesson.name);
    let gone = missing(&app.interp.session.engine, lesson, from, &skipped);
    if gone.is_empty() {
        return Ok(());
    }
    let name = lesson.name;
    Err(Error::value(format!(
        "the lesson '{name}' stopped at step {} after making the table{} {}, and this database does not have {} (another database was opened since)",
        from + 1,
        if gone.len() == 1 { "" } else { "s" },
        gone.join(", "),
        if gone.len() == 1 { "it" } else { "them" },
    ))
    .with_help(lower_first(&how_to_go_on(
        name,
        app.lessons_left.ran_on(name),
        gone.len(),
    ))))
}

/// `text` with its first letter lower-case (a help line's start).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// A lesson needs its tables absent, or made by its own earlier steps
/// (empty from its first step), and the models over them its own: refuse
/// it, naming what is in the way and how to clear it, or (from the first
/// step, when only models are in the way) set those models aside.
fn clear_the_way(app: &mut App, lesson: &Lesson, from: usize) -> Result<()> {
    let found = in_the_way(
        &app.interp.session.engine,
        &app.interp.registry,
        lesson,
        from,
    );
    let tables: Vec<String> = found
        .iter()
        .filter_map(|o| match o {
            Obstacle::Rows { table, rows } => Some(format!(
                "\n  {table} holds {rows} row{}",
                if *rows == 1 { "" } else { "s" }
            )),
            Obstacle::Table {
                table,
                has,
                class,
                wants,
            } => Some(format!(
                "\n  {table} has the columns {}; the lesson's {} has {}",
                has.join(", "),
                class.as_deref().unwrap_or("table"),
                wants.join(", ")
            )),
            Obstacle::Model { .. } => None,
        })
        .collect();
    let name = lesson.name;
    if !tables.is_empty() {
        return Err(Error::value(format!(
            "the lesson '{name}' makes its own tables, and this database has them already:{}",
            tables.concat()
        ))
        .with_help(format!(
            "walk it on a database of its own: .open :memory: then .tutorial {name} (or a new shell: ormsh --tutorial {name}); or drop the tables first: db.drop_all() drops those of the models defined now"
        )));
    }
    let models = set_aside(&app.interp.registry, &found);
    if models.is_empty() {
        return Ok(());
    }
    if from > 0 {
        return Err(Error::value(format!(
            "the lesson '{name}' at step {} needs its own models, and {} defined now {} another layout",
            from + 1,
            models.join(", "),
            if models.len() == 1 { "has" } else { "have" }
        ))
        .with_help(format!(
            "start it over: .tutorial {name} 1 (it sets the other models aside)"
        )));
    }
    // As a definition would replace them: refused while the session holds
    // their changes, and their objects leave it (`orm::retire`).
    let ids: Vec<u32> = (models.iter())
        .filter_map(|m| app.interp.registry.get(m).map(|m| m.id))
        .collect();
    if let Some(what) = app.interp.session.uncommitted(&ids) {
        return Err(Error::value(format!(
            "the lesson '{name}' defines its own {}, and the session holds changes to the ones defined now not yet committed ({what})",
            models.join(", ")
        ))
        .with_help(format!(
            "db.session.commit() saves them, db.session.rollback() discards them; then .tutorial {name}"
        )));
    }
    app.interp.session.retire_models(&ids);
    for m in &models {
        app.interp.registry.remove(m, Retired::Redefined);
    }
    // The models in the lesson's way come first in `models` (over its
    // tables, or of a name it defines on another table); the rest are set
    // aside because their relationships point at those.
    let tables = crate::tutorial::in_the_way::tables(lesson);
    let mut over = Vec::new();
    let mut named = Vec::new();
    for o in &found {
        if let Obstacle::Model { name, table } = o {
            match tables.contains(table) {
                true => over.push(name.clone()),
                false => named.push(name.clone()),
            }
        }
    }
    let linked: Vec<&String> = models
        .iter()
        .filter(|m| !over.contains(m) && !named.contains(m))
        .collect();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let list = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    let mut parts = Vec::new();
    if !over.is_empty() {
        parts.push(format!(
            "the model{} {} (another layout over the lesson's tables)",
            plural(over.len()),
            over.join(", ")
        ));
    }
    if !named.is_empty() {
        parts.push(format!(
            "the model{} {} ({})",
            plural(named.len()),
            named.join(", "),
            match named.len() {
                1 => "the lesson's model of that name maps another table",
                _ => "the lesson's models of those names map other tables",
            }
        ));
    }
    if !linked.is_empty() {
        parts.push(format!(
            "the model{} {} (relationships to {})",
            plural(linked.len()),
            list(&linked),
            if over.len() + named.len() == 1 {
                "it"
            } else {
                "them"
            }
        ));
    }
    let last = parts.pop().unwrap_or_default();
    let all = match parts.is_empty() {
        true => last,
        false => format!("{}, and {last}", parts.join(", ")),
    };
    say(app, &format!("Set aside {all}: '{name}' defines its own."))
}

/// A line of the lesson's, broken between words on a terminal
/// (`tutorial::wrap`, as its narration is).
fn say(app: &mut App, line: &str) -> Result<()> {
    let width = super::commands::terminal_width(app);
    super::commands::hanging(app, line, 0, width)
}

#[cfg(test)]
mod tests {
    use super::how_to_go_on;

    /// One table lost is "it", more are "them" (the tryout read "make
    /// them again" after one table, `user`).
    #[test]
    fn the_way_back_names_one_table_as_it() {
        let one = how_to_go_on("quickstart", None, 1);
        assert!(one.contains("where its steps make it again"), "{one}");
        let two = how_to_go_on("quickstart", Some("sqlite:///app.db"), 2);
        assert!(two.contains("where its steps make them again"), "{two}");
    }
}
