//! The plain value types (`str`, `list`, `tuple`, `dict`) as classes: each
//! is a method table of the value layer (`value::methods`), whose entries
//! bind their own arguments with CPython's wording (`value::args::Call`).
//! This adapter gives those tables the interpreter's face: `obj.name` is a
//! bound method or an `AttributeError` with the nearest name, and a call
//! hands the arguments to the value layer with the interpreter as host.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::BoundMethod;
use crate::eval::suggest::did_you_mean;
use crate::eval::surface::Surface;
use crate::value::Value;
use crate::value::methods::{Methods, Receiver};

pub use crate::value::methods::{DICT, LIST, STR, TUPLE};

impl<R: ?Sized + Receiver> Methods<R> {
    fn no_attr(&self, name: &str) -> Error {
        Error::attr(format!(
            "'{}' object has no attribute '{name}'{}",
            self.type_name,
            did_you_mean(name, self.names())
        ))
    }
}

impl<R: ?Sized + Receiver> Surface for Methods<R> {
    fn type_name(&self) -> &'static str {
        self.type_name
    }

    fn names(&self) -> Vec<&'static str> {
        Methods::names(self).collect()
    }

    fn describe(&self, name: &str) -> Option<(bool, &'static str)> {
        self.find(name).map(|m| (true, m.doc))
    }

    fn get(&self, _: &mut Interp, recv: &Value, name: &Rc<str>) -> Result<Value> {
        match self.find(name) {
            Some(_) => Ok(Value::obj(BoundMethod {
                recv: recv.clone(),
                name: name.clone(),
            })),
            None => Err(self.no_attr(name)),
        }
    }

    fn call(&self, me: &mut Interp, recv: &Value, name: &str, a: Args) -> Result<Value> {
        let kw: Vec<(Rc<str>, Value)> = a.kw.into_iter().map(|(k, v, _)| (k, v)).collect();
        Methods::call(self, recv, name, &a.pos, &kw, me).unwrap_or_else(|| Err(self.no_attr(name)))
    }
}
