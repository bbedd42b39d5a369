//! The interpreter's module namespace and output switches: globals read,
//! set and listed, and the quiet mode a `.py` file runs in (Python prints
//! values only at its interactive prompt).

use super::{Interp, output_error};
use crate::error::Result;
use crate::value::Value;
use std::io::Write;
use std::rc::Rc;

impl Interp {
    /// Expression statements print nothing until `python_file_end`: a
    /// `.py` file runs as `python3 FILE.py` runs it (Python prints values
    /// only at its interactive prompt). Nested files count.
    pub fn python_file_begin(&mut self) {
        self.quiet += 1;
    }

    /// The end of a `.py` file begun with `python_file_begin`.
    pub fn python_file_end(&mut self) {
        self.quiet = self.quiet.saturating_sub(1);
    }

    pub fn write_line(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{text}").map_err(output_error)
    }

    pub fn get_global(&self, name: &str) -> Option<&Value> {
        self.globals.get(name)
    }

    pub fn set_global(&mut self, name: Rc<str>, v: Value) {
        self.globals.insert(name, v);
    }

    pub fn global_names(&self) -> Vec<Rc<str>> {
        self.globals.keys().cloned().collect()
    }
}
