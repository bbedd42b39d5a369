//! `.tutorial [NAME [STEP] | stop]`: list the lessons, walk one (resuming
//! where it was stopped, or from STEP), or stop. A lesson started from its
//! first step on a database whose tables it makes already hold rows is
//! refused, naming them (its INSERTs would fail or its counts be wrong).

use crate::app::{App, Flow};
use crate::dot::Call;
use crate::error::{Error, Result};
use crate::eval::suggest::did_you_mean;
use crate::tutorial::{LESSONS, Lesson, Walk, find, in_the_way::in_the_way};

/// `.tutorial [NAME [STEP] | stop]`
pub fn run(app: &mut App, call: &Call) -> Result<Flow> {
    match call.args.as_slice() {
        [] => list(app)?,
        ["stop"] => stop(app)?,
        [name] => {
            let lesson = lesson(name)?;
            walkable(app, name)?;
            match app.tutorial.as_ref().filter(|w| w.lesson == lesson.name) {
                Some(w) => app.interp.write_line(&format!(
                    "Already walking '{}' ({}).",
                    w.lesson,
                    w.progress()
                ))?,
                None => match app.lessons_left.at(lesson.name) {
                    Some(pos) => {
                        begin(app, lesson, pos)?;
                        app.interp.write_line(&format!(
                            "Resuming '{}' at step {} ('.tutorial {} 1' starts it over).",
                            lesson.name,
                            pos + 1,
                            lesson.name
                        ))?;
                    }
                    None => {
                        refuse_in_the_way(app, lesson)?;
                        begin(app, lesson, 0)?;
                    }
                },
            }
        }
        [name, step] => {
            let lesson = lesson(name)?;
            walkable(app, name)?;
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
            if pos == 0 {
                refuse_in_the_way(app, lesson)?;
            }
            begin(app, lesson, pos)?;
        }
        _ => return Err(Error::value("usage: .tutorial [NAME [STEP] | stop]")),
    }
    Ok(Flow::Continue)
}

/// The lessons, with where stopped ones were left.
fn list(app: &mut App) -> Result<()> {
    for l in LESSONS {
        let walking = app.tutorial.as_ref().filter(|w| w.lesson == l.name);
        let left = match (walking, app.lessons_left.at(l.name)) {
            (Some(w), _) => format!(" (walking: step {})", w.pos + 1),
            (None, Some(pos)) => format!(" (stopped at step {})", pos + 1),
            (None, None) => String::new(),
        };
        app.interp
            .write_line(&format!("{:<14} {}{left}", l.name, l.summary()))?;
    }
    app.interp.write_line(
        "Start one with .tutorial NAME (it resumes where you stopped), or at a step: .tutorial NAME 3",
    )
}

/// `.tutorial stop`: leave the lesson, remembering the step.
fn stop(app: &mut App) -> Result<()> {
    match app.tutorial.take() {
        Some(w) => {
            app.lessons_left.stop(&w);
            app.interp.write_line(&format!(
                "Tutorial stopped at {}; '.tutorial {}' resumes it.",
                w.progress(),
                w.lesson
            ))
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

/// Walk `lesson` from step `pos`, remembering where the lesson walked
/// until now (if another) stopped.
fn begin(app: &mut App, lesson: &'static Lesson, pos: usize) -> Result<()> {
    if let Some(w) = app.tutorial.take() {
        app.lessons_left.stop(&w);
    }
    app.lessons_left.forget(lesson.name);
    app.tutorial = Some(Walk::at(lesson, pos));
    Ok(())
}

/// A lesson from its first step needs its tables empty or absent.
fn refuse_in_the_way(app: &App, lesson: &Lesson) -> Result<()> {
    let found = in_the_way(&app.interp.session.engine, lesson);
    if found.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = found
        .iter()
        .map(|(t, n)| format!("{t} ({n} row{})", if *n == 1 { "" } else { "s" }))
        .collect();
    Err(Error::value(format!(
        "the lesson '{}' makes its own tables, and this database already has rows in {}",
        lesson.name,
        list.join(", ")
    ))
    .with_help(format!(
        "walk it on an empty database: .open :memory: then .tutorial {0} (or start a new shell: ormsh --tutorial {0})",
        lesson.name
    )))
}
