//! The text `prefix_with(...)` puts after a statement's keyword
//! (`INSERT OR IGNORE INTO …`, `SELECT DISTINCT …`), as SQLAlchemy's
//! `_generate_prefixes` writes it: each prefix meant for any dialect
//! (`*`) or for the one compiling, followed by a space.

use std::rc::Rc;

use super::compile::Compiler;

impl Compiler {
    /// The prefixes for this compiler's dialect, each with a space after.
    pub(super) fn prefixes(&mut self, prefixes: &[(Rc<str>, Rc<str>)]) {
        let dialect = self.dialect.name;
        for (text, only) in prefixes {
            if &**only == "*" || &**only == dialect {
                self.push(text);
                self.push(" ");
            }
        }
    }
}
