//! Python's `bytearray`, as ormsh has it: the bytes a `bytearray(…)` call
//! made, which print as `bytearray(b'…')`, compare equal to the same
//! `bytes`, measure, index, slice and iterate as bytes do, and bind as a
//! BLOB (SQLAlchemy's `LargeBinary` and pysqlite take any bytes-like
//! object). Its contents are fixed: the methods that change a bytearray in
//! place are refused (`eval::builtins_bytes`).

use crate::value::{Object, Value};

/// A `bytearray`: its bytes as a `Value::Bytes`, which `==`, hashing and
/// binding read through [`Object::mixin_value`].
pub struct ByteArray(pub Value);

impl ByteArray {
    /// A bytearray holding `bytes`.
    pub fn of(bytes: std::rc::Rc<[u8]>) -> Value {
        Value::obj(ByteArray(Value::Bytes(bytes)))
    }

    /// Its bytes.
    pub fn bytes(&self) -> &[u8] {
        match &self.0 {
            Value::Bytes(b) => b,
            _ => &[],
        }
    }
}

impl Object for ByteArray {
    fn type_name(&self) -> &str {
        "bytearray"
    }

    fn py_len(&self) -> Option<usize> {
        Some(self.bytes().len())
    }

    fn mixin_value(&self) -> Option<&Value> {
        Some(&self.0)
    }

    fn value_hash(&self) -> Option<crate::error::Result<i64>> {
        Some(Err(crate::error::Error::type_(
            "unhashable type: 'bytearray'",
        )))
    }
}

/// `repr(bytearray)`: `bytearray(b'\x01\x02')`.
pub fn repr(b: &ByteArray) -> String {
    format!("bytearray({})", crate::value::repr::bytes_repr(b.bytes()))
}
