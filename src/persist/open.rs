//! Opening a database: the stored definitions run again, then every table
//! still without a model is reflected (also `db.reflect()`); `.open FILE`
//! switches to another file keeping the models defined so far.

use std::rc::Rc;

use crate::engine::Engine;
use crate::error::Result;
use crate::eval::Interp;
use crate::orm::session::Session;
use crate::persist::introspect::{describe, user_tables, user_views};
use crate::schema::model::Retired;
use crate::schema::reflect::{ItemKind, KnownModel, KnownRel, plan};
use crate::schema::relationship::RelSpec;
use crate::schema::table::Table;
use crate::syntax::parse_chunk;
use crate::value::Value;

/// The most reflected model names the banner lists, and the most notes
/// it prints; past them, a summary line.
const BANNER_NAMES: usize = 20;
const BANNER_NOTES: usize = 5;

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

impl Interp {
    /// Run a definition derived from the database (reflection) in
    /// declaration mode, with output discarded and without recording it.
    fn run_definition(&mut self, src: &str) -> Result<()> {
        let stmts = parse_chunk(src)?;
        self.run_declaration(src, &stmts)
    }

    /// After opening a file: define the stored models again (as
    /// declarations, `load`), then reflect the tables still without one.
    /// What happened goes to the banner lines; what was refused to
    /// `store.refused` (see `report_refusals`); what failed to the
    /// warnings. `load: false` (`--no-models`) does neither.
    pub fn open_models(&mut self, load: bool) {
        self.store.notes.clear();
        if !load {
            return;
        }
        let loaded = self.load_stored();
        if !loaded.is_empty() {
            self.store.banner.push(format!(
                "{} loaded: {}",
                count(loaded.len(), "model"),
                loaded.join(", ")
            ));
        }
        match self.reflect_tables() {
            Ok((names, notes)) => {
                // An index's data tables have their note instead.
                let names: Vec<String> = (names.into_iter())
                    .filter(|n| !self.store.is_index_data(n))
                    .collect();
                // A file of many tables gets a summary; `.models` and
                // `.notes` give the rest.
                if names.len() > BANNER_NAMES {
                    self.store.banner.push(format!(
                        "{} reflected from the database: .models lists them",
                        count(names.len(), "model"),
                    ));
                } else if !names.is_empty() {
                    self.store.banner.push(format!(
                        "{} reflected from the database: {}",
                        count(names.len(), "model"),
                        names.join(", ")
                    ));
                }
                if notes.len() > BANNER_NOTES {
                    self.store.banner.push(format!(
                        "{} on what reflection left out or changed: .notes lists them",
                        count(notes.len(), "note"),
                    ));
                } else {
                    (self.store.banner).extend(notes.iter().map(|n| format!("note: {n}")));
                }
            }
            Err(e) => self
                .store
                .warnings
                .push(format!("warning: reflection failed: {}", e.message)),
        }
        // Names in the file reach the terminal only as printable text.
        for l in self
            .store
            .banner
            .iter_mut()
            .chain(self.store.warnings.iter_mut())
            .chain(self.store.refused.iter_mut())
        {
            *l = crate::render::diagnostic::printable(l).into_owned();
        }
    }

    /// Reflect every table that no model or `db.Table` covers (not
    /// `_ormsh_models`): the new model names and notes on what could not
    /// be mapped.
    pub fn reflect_tables(&mut self) -> Result<(Vec<String>, Vec<String>)> {
        let (names, notes) = self.reflect_uncovered(None)?;
        (self.store.notes).extend(
            notes
                .iter()
                .map(|n| crate::render::diagnostic::printable(n).into_owned()),
        );
        Ok((names, notes))
    }

    /// `reflect_tables`, or only those of `only` among them.
    pub(crate) fn reflect_uncovered(
        &mut self,
        only: Option<&[Rc<str>]>,
    ) -> Result<(Vec<String>, Vec<String>)> {
        let mut names = user_tables(&self.session.engine)?;
        names.extend(user_views(&self.session.engine)?);
        let all: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        let mut infos = Vec::new();
        // A table or view SQLite cannot describe (a view over a dropped
        // table, a virtual table of a module this build lacks) is left out
        // with a note; the rest of the file still opens.
        let mut unreadable = Vec::new();
        let catalog = crate::persist::introspect::Catalog::of_sqlite(&self.session.engine)?;
        for t in names {
            if only.is_some_and(|o| !o.iter().any(|x| **x == *t)) {
                continue;
            }
            if self.registry.by_table(&t).is_none() && self.registry.table(&t).is_none() {
                let described = match &catalog {
                    Some(c) => crate::persist::introspect::describe_in(&self.session.engine, &t, c),
                    None => describe(&self.session.engine, &t),
                };
                match described {
                    Ok(info) => infos.push(info),
                    Err(e) if e.kind == crate::error::ErrorKind::Interrupted => return Err(e),
                    Err(e) => unreadable.push(format!(
                        "{t} has no model: SQLite cannot read its columns ({}); `.sql` still reaches what it can",
                        e.message
                    )),
                }
            }
        }
        if infos.is_empty() {
            return Ok((Vec::new(), unreadable));
        }
        let model_tables: Vec<String> = (self.registry.models().iter())
            .map(|m| m.table.to_string())
            .collect();
        crate::schema::reflect::match_fk_case(&mut infos, &model_tables);
        let known = self.known_models();
        let globals: Vec<Rc<str>> = self.global_names();
        let taken = |n: &str| {
            crate::eval::builtins::lookup(n).is_some() || globals.iter().any(|g| &**g == n)
        };
        let p = plan(&infos, &known, &taken);
        self.store.repeating_keys = (infos.iter())
            .filter(|t| t.view || crate::schema::reflect_source::key_admits_nulls(t))
            .map(|t| t.name.clone())
            .collect();
        self.store.rowid_keys = (infos.iter())
            .filter(|t| !t.view && !t.columns.iter().any(|c| c.pk > 0))
            .filter_map(|t| {
                Some((
                    t.name.clone(),
                    crate::schema::reflect_source::rowid_name(t)?,
                ))
            })
            .collect();
        let mut notes = p.notes;
        notes.extend(unreadable);
        notes.extend(missing_targets(&infos, &all));
        notes.extend(crate::persist::index_data::notes(&infos, &p.items));
        let mut made = Vec::new();
        let index_data: std::collections::HashSet<&str> = (infos.iter())
            .filter(|t| t.index_of.is_some())
            .map(|t| t.name.as_str())
            .collect();
        for item in p.items {
            self.store.reflecting = true;
            let ran = self.run_definition(&item.source);
            self.store.reflecting = false;
            match ran {
                Ok(()) => match item.kind {
                    ItemKind::Model => {
                        self.store.reflected.push(Rc::from(item.name.as_str()));
                        if index_data.contains(item.table.as_str()) {
                            self.store.index_data.push(Rc::from(item.name.as_str()));
                        }
                        made.push(item.name);
                    }
                    ItemKind::Table => self
                        .store
                        .reflected_tables
                        .push(Rc::from(item.name.as_str())),
                },
                Err(e) if e.kind == crate::error::ErrorKind::Interrupted => {
                    crate::interrupt::clear();
                    notes.push(format!(
                        "reflection was interrupted at table {}; it and the tables after it have no model",
                        item.table
                    ));
                    break;
                }
                Err(e) => notes.push(format!(
                    "table {} could not be reflected: {}",
                    item.table, e.message
                )),
            }
        }
        // Configure the relationships now, so a problem shows here rather
        // than at the first query.
        if let Err(e) = self.mapping() {
            notes.push(format!(
                "the reflected relationships do not configure: {}",
                e.message
            ));
        }
        Ok((made, notes))
    }

    /// The defined models as reflection sees them: attribute names include
    /// the back-references other models give them.
    fn known_models(&self) -> Vec<KnownModel> {
        let mut known: Vec<KnownModel> = self
            .registry
            .models()
            .iter()
            .map(|m| KnownModel {
                name: m.name.to_string(),
                table: m.table.to_string(),
                attrs: m
                    .columns
                    .iter()
                    .map(|c| c.attr.to_string())
                    .chain(m.rels.iter().map(|(n, _)| n.to_string()))
                    .collect(),
                pk: m
                    .pk
                    .iter()
                    .map(|&i| m.columns[i].name.to_string())
                    .collect(),
                rels: m.rels.iter().map(|(n, s)| known_rel(n, s)).collect(),
            })
            .collect();
        for m in self.registry.models() {
            for (_, spec) in &m.rels {
                let back = spec
                    .backref
                    .as_ref()
                    .map(|b| b.name.to_string())
                    .or_else(|| spec.back_populates.as_ref().map(|b| b.to_string()));
                if let Some(b) = back
                    && let Some(k) = known.iter_mut().find(|k| *k.name == *spec.target)
                {
                    k.attrs.push(b);
                }
            }
        }
        known
    }

    /// `.open FILE`: save what is pending in the current file, open the new
    /// one, keep the models typed in (the ones reflected from the old file
    /// go), then load and reflect as on start. Returns the banner lines.
    pub fn open_file(&mut self, path: &str) -> Result<Vec<String>> {
        // A file name or a sqlite:// URL, as on the command line.
        let mut target = crate::db_url::parse(std::ffi::OsStr::new(path))?;
        // Opening waits on a locked file as long as the session does
        // (--busy-timeout); a URL's ?timeout= still wins.
        target
            .busy_timeout_ms
            .get_or_insert(self.session.engine.busy_timeout());
        target.check_directory()?;
        // --readonly holds for every database the session opens.
        let engine = Engine::open_target(&target, self.session.engine.readonly_asked())?;
        engine.set_echo_flag(self.session.engine.echo_flag());
        engine.set_echo_logging(self.session.engine.echo_logging());
        self.store_finish(false);
        // sqlite3's .open drops an open transaction too; ormsh says so.
        if self.session.has_changes() || self.session.engine.has_writes() {
            self.store.warnings.push(
                "warning: the changes not yet committed were discarded with the old database (db.session.commit() before .open keeps them)"
                    .to_string(),
            );
        }
        let _ = self.session.rollback();
        // The objects stay with the old database: detached, as when a
        // SQLAlchemy session closes, so none reloads from the new file.
        // Its objects are marked with it, so their errors say why.
        let closed: Rc<str> = match self.session.engine.url.as_str() {
            "sqlite://" => Rc::from("the in-memory database"),
            url => Rc::from(url.trim_start_matches("sqlite:///")),
        };
        let objects = self.session.identity.alive();
        for inst in &objects {
            inst.st.borrow_mut().set_closed_db(closed.clone());
        }
        self.session.expunge_all();
        self.store.index_data.clear();
        for name in std::mem::take(&mut self.store.reflected) {
            self.registry.remove(&name, Retired::Closed);
        }
        for name in std::mem::take(&mut self.store.reflected_tables) {
            self.registry.remove_table(&name);
        }
        // The session's settings are db's (`session_options`), not the file's.
        let expire_on_commit = self.session.expire_on_commit;
        let autoflush = self.session.autoflush.clone();
        self.session = Session::new(engine);
        self.session.expire_on_commit = expire_on_commit;
        self.session.autoflush = autoflush;
        self.store.banner.clear();
        self.open_models(true);
        self.report_refusals(self.interactive);
        self.store_requeue_all();
        if !objects.is_empty() {
            let n = objects.len();
            self.store.banner.push(format!(
                "{n} object{} loaded from {closed} {} now detached: {} no more and {} no session",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" },
                if n == 1 { "it loads" } else { "they load" },
                if n == 1 { "joins" } else { "join" }
            ));
        }
        Ok(std::mem::take(&mut self.store.banner))
    }
}

/// A relationship defined by hand as reflection sees it; `secondary=` by
/// its table's name (a `db.Table` or the name as written).
fn known_rel(name: &str, s: &RelSpec) -> KnownRel {
    let secondary = s.secondary.as_ref().map(|v| match v {
        Value::Str(t) => t.to_string(),
        v => v
            .downcast::<Table>()
            .map_or_else(String::new, |t| t.name.to_string()),
    });
    KnownRel {
        name: name.to_string(),
        target: s.target.to_string(),
        secondary,
        backref: s.backref.as_ref().map(|b| b.name.to_string()),
        back_populates: s.back_populates.as_ref().map(|b| b.to_string()),
    }
}

/// A note per foreign key naming a table the file does not have (SQLite
/// accepts such a constraint; SQLAlchemy's reflection stops at it with
/// `NoSuchTableError`): the table is mapped without that relationship,
/// and its writes fail while SQLite checks foreign keys.
fn missing_targets(infos: &[crate::schema::reflect::TableInfo], all: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    let all: std::collections::HashSet<&String> = all.iter().collect();
    for t in infos {
        for fk in &t.foreign_keys {
            if all.contains(&fk.ref_table.to_lowercase()) {
                continue;
            }
            notes.push(format!(
                "{}: the foreign key ({cols}) references table {}, which the file does not have: it gets no relationship; reading works, but while SQLite checks foreign keys (ormsh has it do) adding or deleting rows of {} or changing {cols} fails with 'no such table: main.{}'",
                t.name,
                fk.ref_table,
                t.name,
                fk.ref_table,
                cols = fk.columns.join(", "),
            ));
        }
    }
    notes
}
