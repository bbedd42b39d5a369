//! `__file__` while a script file runs (`-f models.py`, `.read
//! config.py`): the path Python gives a script run as `python3 PATH` —
//! the working directory joined with a relative path, unnormalised — so
//! the classic config line `basedir = os.path.abspath(os.path.dirname(__file__))`
//! works. At the prompt there is none (Python's console: `NameError`);
//! after the script the previous value (a nested `.read`'s caller's) is
//! back.

use std::rc::Rc;

use crate::eval::Interp;
use crate::value::Value;

/// What `__file__` was before a script began.
pub struct SavedFile(Option<Value>);

impl Interp {
    /// A script file `file` begins (a name in angle brackets, such as
    /// `<stdin>`, is no file).
    pub fn script_file_begin(&mut self, file: &str) -> Option<SavedFile> {
        if file.starts_with('<') {
            return None;
        }
        let path = if file.starts_with('/') {
            file.to_string()
        } else {
            match std::env::current_dir() {
                Ok(cwd) => format!("{}/{file}", cwd.to_string_lossy().trim_end_matches('/')),
                Err(_) => file.to_string(),
            }
        };
        let before = self.globals.insert(Rc::from("__file__"), Value::str(&path));
        Some(SavedFile(before))
    }

    /// The script begun with `script_file_begin` ended.
    pub fn script_file_end(&mut self, saved: Option<SavedFile>) {
        let Some(SavedFile(before)) = saved else {
            return;
        };
        match before {
            Some(v) => {
                self.globals.insert(Rc::from("__file__"), v);
            }
            None => {
                self.globals.shift_remove("__file__");
            }
        }
    }
}
