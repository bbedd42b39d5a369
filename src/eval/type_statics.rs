//! Class and static methods read from a built-in type: `str.maketrans`
//! (the value layer's `str_methods::translate`, run on an empty string,
//! which it does not read) and `bytes.fromhex` / `bytearray.fromhex`
//! (`builtins_bytes`).

use crate::eval::Interp;
use crate::value::Value;

/// `class.name` for the built-in type `class`, when it is one of these.
pub fn class_attr(class: &str, name: &str) -> Option<Value> {
    if class == "str" && name == "maketrans" {
        return Some(Interp::native("maketrans", |me, a| {
            me.call_method(&Value::str(""), "maketrans", a)
        }));
    }
    crate::eval::builtins_bytes::class_attr(class, name)
}
