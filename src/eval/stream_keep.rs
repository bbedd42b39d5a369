//! `_` after a streamed result (`User.query.all()` printed as its rows
//! arrive, `eval::stream`): Python's console sets `_` to the list it
//! showed. The objects are kept for it as they print, up to
//! `STREAM_KEEP`; a longer result is not kept (streaming is there so that
//! a million rows print in flat memory), and reading `_` then says so.

use std::rc::Rc;

use crate::error::Error;
use crate::eval::Interp;
use crate::orm::instance::Instance;
use crate::value::Value;

/// The most objects a streamed result keeps for `_`.
pub const STREAM_KEEP: usize = 10_000;

/// The objects a streamed result has shown so far, while they are few
/// enough to keep.
pub struct Kept {
    items: Option<Vec<Value>>,
    count: usize,
}

impl Kept {
    pub fn new() -> Kept {
        Kept {
            items: Some(Vec::new()),
            count: 0,
        }
    }

    /// One more object shown (None for a row whose key is all NULL).
    pub fn push(&mut self, inst: Option<&Rc<Instance>>) {
        self.count += 1;
        if self.count > STREAM_KEEP {
            self.items = None;
        } else if let Some(items) = &mut self.items {
            items.push(inst.map_or(Value::None, |i| Value::Obj(i.clone())));
        }
    }
}

impl Default for Kept {
    fn default() -> Kept {
        Kept::new()
    }
}

impl Interp {
    /// A streamed result has been shown whole: `_` is its list, or, past
    /// `STREAM_KEEP` objects, not kept (`streamed_name_error` says why).
    pub(crate) fn keep_streamed(&mut self, kept: Kept) {
        match kept.items {
            Some(items) => self.set_last_result(Some(Value::list(items)), None),
            None => self.set_last_result(None, Some(kept.count)),
        }
    }

    /// `_` read after a result too long to keep.
    pub(crate) fn streamed_name_error(&self, n: &str) -> Option<Error> {
        let count = self.last_not_kept().filter(|_| n == "_")?;
        Some(
            Error::name(format!(
                "name '_' is not defined: the last result streamed {count} objects, more than the {STREAM_KEEP} ormsh keeps for _"
            ))
            .with_help("assign the result to keep it: users = User.query.all()"),
        )
    }
}
