//! The end of a session: dropping it breaks the reference cycles
//! relationships make; a process about to exit abandons its objects to the
//! OS instead of freeing them one by one.

use crate::orm::session::Session;

impl Session {
    /// The process is about to exit: leave the objects to the OS instead of
    /// freeing them one by one (100 000 of them take tens of milliseconds).
    /// Nothing unflushed is written, as when Python exits; the engine is
    /// untouched and still closes the database normally when dropped.
    pub fn abandon_objects(&mut self) {
        std::mem::forget(std::mem::take(&mut self.identity));
        std::mem::forget(std::mem::take(&mut self.with_rels));
        for list in self.lists() {
            list.forget();
        }
    }
}

impl Drop for Session {
    /// Break the reference cycles relationships make (a parent's collection
    /// holds its children, each child its parent).
    fn drop(&mut self) {
        for inst in self.with_rels.alive() {
            Session::expire_rels(&inst);
        }
    }
}
