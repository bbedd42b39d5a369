//! The history as the line editor sees it: entries are kept (and saved)
//! as code, and a recalled block comes back with the `  ...> ` of each
//! later line, as it was shown when typed (`block::dress`); searches are
//! made on the code.

use std::borrow::Cow;
use std::path::Path;

use rustyline::Result;
use rustyline::history::{DefaultHistory, History, SearchDirection, SearchResult};

use crate::repl::block::{dress, raw_pos, strip};

/// rustyline's history, its blocks shown with their prompts.
pub struct BlockHistory(pub DefaultHistory);

/// An entry as shown, with a position in its code moved along.
fn dressed(r: Option<SearchResult<'_>>) -> Option<SearchResult<'_>> {
    r.map(|r| {
        if !r.entry.contains('\n') {
            return r;
        }
        let shown = dress(&r.entry);
        let pos = raw_pos(&shown, r.pos);
        SearchResult {
            entry: Cow::Owned(shown),
            idx: r.idx,
            pos,
        }
    })
}

impl History for BlockHistory {
    fn get(&self, index: usize, dir: SearchDirection) -> Result<Option<SearchResult<'_>>> {
        Ok(dressed(self.0.get(index, dir)?))
    }

    fn add(&mut self, line: &str) -> Result<bool> {
        self.0.add(&strip(line))
    }

    fn add_owned(&mut self, line: String) -> Result<bool> {
        self.0.add_owned(strip(&line))
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn set_max_len(&mut self, len: usize) -> Result<()> {
        self.0.set_max_len(len)
    }

    fn ignore_dups(&mut self, yes: bool) -> Result<()> {
        self.0.ignore_dups(yes)
    }

    fn ignore_space(&mut self, yes: bool) {
        self.0.ignore_space(yes);
    }

    fn save(&mut self, path: &Path) -> Result<()> {
        self.0.save(path)
    }

    fn append(&mut self, path: &Path) -> Result<()> {
        self.0.append(path)
    }

    fn load(&mut self, path: &Path) -> Result<()> {
        self.0.load(path)
    }

    fn clear(&mut self) -> Result<()> {
        self.0.clear()
    }

    fn search(
        &self,
        term: &str,
        start: usize,
        dir: SearchDirection,
    ) -> Result<Option<SearchResult<'_>>> {
        Ok(dressed(self.0.search(&strip(term), start, dir)?))
    }

    fn starts_with(
        &self,
        term: &str,
        start: usize,
        dir: SearchDirection,
    ) -> Result<Option<SearchResult<'_>>> {
        Ok(dressed(self.0.starts_with(&strip(term), start, dir)?))
    }
}
