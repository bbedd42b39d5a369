//! The tables a step of a lesson needs that this database lacks: those
//! its earlier steps define and make with `db.create_all()` (a jump to a
//! step past them on another database, after `.open :memory:`, would meet
//! `no such table` there), each with the steps that define and make it.

use crate::engine::Engine;
use crate::persist::introspect::table_exists;
use crate::schema::registry::Registry;
use crate::tutorial::Lesson;
use crate::tutorial::in_the_way::layouts;

/// A table step `pos` needs and this database lacks.
#[derive(Debug, PartialEq)]
pub struct Needed {
    pub table: String,
    /// The step (0 for the first) that defines its model or `db.Table`.
    pub defined: usize,
    /// The step whose `db.create_all()` makes it (the first after
    /// `defined`).
    pub created: usize,
    /// Its model or `db.Table` is defined now (`.open` keeps the models
    /// typed in): going back to `created` makes it again.
    pub known: bool,
}

/// The tables made by a `db.create_all()` before step `pos` (0 for the
/// first) that this database does not have.
pub fn needed(engine: &Engine, registry: &Registry, lesson: &Lesson, pos: usize) -> Vec<Needed> {
    let creates: Vec<usize> = lesson
        .steps()
        .iter()
        .enumerate()
        .take(pos)
        .filter(|(_, s)| s.statement.contains("db.create_all()"))
        .map(|(i, _)| i)
        .collect();
    layouts(lesson)
        .into_iter()
        .filter_map(|l| {
            let created = *creates.iter().find(|&&c| c > l.step)?;
            if table_exists(engine, &l.table).unwrap_or(false) {
                return None;
            }
            let known = registry.by_table(&l.table).is_some() || registry.table(&l.table).is_some();
            Some(Needed {
                table: l.table,
                defined: l.step,
                created,
                known,
            })
        })
        .collect()
}

/// The step to go back to (0 for the first) that makes every table in
/// `gone` again: the earliest `db.create_all()` when their models are
/// defined now, else the earliest step defining one that is not.
pub fn way_back(gone: &[Needed]) -> usize {
    gone.iter()
        .map(|n| if n.known { n.created } else { n.defined })
        .min()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Interp;
    use crate::orm::session::Session;
    use crate::tutorial::find;

    /// quickstart defines `User` at step 1 and makes its table at step 2:
    /// a later step needs it; with the model defined, step 2 makes it
    /// again, and once made nothing is needed.
    #[test]
    fn quickstart_past_its_create_all_needs_user() {
        let engine = Engine::open(None, false).expect("memory database");
        let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
        let lesson = find("quickstart").expect("lesson");
        assert_eq!(needed(&me.session.engine, &me.registry, lesson, 1), []);
        let gone = needed(&me.session.engine, &me.registry, lesson, 10);
        let user = |known| Needed {
            table: "user".into(),
            defined: 0,
            created: 1,
            known,
        };
        assert_eq!(gone, [user(false)]);
        assert_eq!(way_back(&gone), 0, "the model must be defined first");
        let steps = lesson.steps();
        let run = |me: &mut Interp, src: String| {
            let stmts = crate::syntax::parse_chunk(&src).expect("parses");
            me.source = std::rc::Rc::from(src.as_str());
            me.run(&stmts).expect("runs");
        };
        run(&mut me, steps[0].statement.clone() + "\n");
        let gone = needed(&me.session.engine, &me.registry, lesson, 10);
        assert_eq!(gone, [user(true)]);
        assert_eq!(way_back(&gone), 1, "its create_all makes it again");
        run(&mut me, steps[1].statement.clone() + "\n");
        assert_eq!(needed(&me.session.engine, &me.registry, lesson, 10), []);
    }
}
