//! Running Python's compound statements: `for`/`while` with `else`,
//! `break` and `continue`, `if`/`elif`/`else`, `try`/`except`/`else`/
//! `finally`, `with`, `def` and `return`, `del`, `assert` and annotated
//! assignment. `break`, `continue` and `return` travel as `Interp::flow`,
//! set by the statement and read by the loop or call that ends it; a block
//! stops running as soon as it is set.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::exceptions::ExceptionValue;
use crate::syntax::ast::{Expr, ExprKind, Handler, Stmt, StmtKind, TryStmt};
use crate::value::Value;

/// A jump out of the statements being run.
pub enum Flow {
    Break,
    Continue,
    Return(Value),
}

impl Interp {
    /// Run a block's statements until one fails or jumps.
    pub fn exec_block(&mut self, body: &[Stmt]) -> Result<()> {
        for st in body {
            self.exec(st)?;
            if self.flow.is_some() {
                break;
            }
        }
        Ok(())
    }

    /// The statements `Interp::exec` hands here (every compound statement
    /// but the model definition, and the jumps).
    pub(crate) fn exec_flow(&mut self, s: &Stmt) -> Result<()> {
        match &s.kind {
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.exec_for(target, iter, body, orelse),
            StmtKind::While { cond, body, orelse } => self.exec_while(cond, body, orelse),
            StmtKind::If { branches, orelse } => {
                for (cond, body) in branches {
                    let c = self.eval(cond)?;
                    if self.truthy(&c).map_err(|e| e.at(cond.span))? {
                        return self.exec_block(body);
                    }
                }
                self.exec_block(orelse)
            }
            StmtKind::Try(t) => self.exec_try(t),
            StmtKind::Match(m) => self.exec_match(m),
            StmtKind::With { items, body } => self.exec_with(items, body),
            StmtKind::Def(def) => self.exec_def(def),
            StmtKind::Return(v) => {
                let v = match v {
                    Some(e) => self.eval(e)?,
                    None => Value::None,
                };
                self.flow = Some(Flow::Return(v));
                Ok(())
            }
            StmtKind::Break => {
                self.flow = Some(Flow::Break);
                Ok(())
            }
            StmtKind::Continue => {
                self.flow = Some(Flow::Continue);
                Ok(())
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
                Ok(())
            }
            StmtKind::Assert { test, msg } => {
                let v = self.eval(test)?;
                if self.truthy(&v).map_err(|e| e.at(test.span))? {
                    return Ok(());
                }
                let text = match msg {
                    Some(m) => {
                        let v = self.eval(m)?;
                        self.str_of_value(&v)?
                    }
                    None => String::new(),
                };
                Err(Error::new(ErrorKind::AssertionError, text).at(s.span))
            }
            StmtKind::Raise { exc, cause } => self
                .exec_raise(exc.as_ref(), cause.as_ref())
                .map_err(|e| e.at(s.span)),
            StmtKind::Global(names) => {
                let depth = self.locals.len();
                for n in names {
                    self.global_decl.push((depth, n.name.clone()));
                }
                Ok(())
            }
            StmtKind::Nonlocal(names) => {
                let depth = self.locals.len();
                for n in names {
                    self.nonlocal_decl.push((depth, n.name.clone()));
                }
                Ok(())
            }
            StmtKind::AnnAssign {
                target,
                value: Some(v),
                ..
            } => {
                let v = self.eval(v)?;
                self.assign(target, v)
            }
            StmtKind::Yield { .. } => Err(Error::new(
                ErrorKind::NotImplementedError,
                "ormsh does not support yield here: only in the body of a def",
            )
            .at(s.span)),
            _ => Ok(()),
        }
    }

    /// The loop's jump, taken: true when the loop goes on.
    fn after_iteration(&mut self) -> bool {
        match self.flow {
            Some(Flow::Continue) => {
                self.flow = None;
                true
            }
            Some(Flow::Break) | Some(Flow::Return(_)) => false,
            None => true,
        }
    }

    /// `for`: the body for each item; `else` unless a `break` ended it.
    fn exec_for(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> Result<()> {
        let it = self.eval(iter)?;
        let r = self.for_each(&it, iter.span, &mut |me, item| {
            me.bind_target(target, item, iter.span)?;
            me.exec_block(body)?;
            Ok(me.after_iteration())
        });
        // A generator made for the loop is closed as it is let go
        // (`gen_fn_close`): its `finally` runs, its `with` exits.
        let flow = self.flow.take();
        let closed = crate::eval::gen_fn_close::close_if_dropped(self, &it);
        self.flow = flow;
        r?;
        closed?;
        self.end_loop(orelse)
    }

    /// After a loop: a `break` is spent and skips `else`; a `return` goes on.
    fn end_loop(&mut self, orelse: &[Stmt]) -> Result<()> {
        match self.flow {
            Some(Flow::Break) => {
                self.flow = None;
                Ok(())
            }
            Some(_) => Ok(()),
            None => self.exec_block(orelse),
        }
    }

    /// `while`: each turn is a step (Ctrl-C and the step budget stop it).
    fn exec_while(&mut self, cond: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Result<()> {
        loop {
            self.enter().map_err(|e| e.at(cond.span))?;
            self.leave();
            let c = self.eval(cond)?;
            if !self.truthy(&c).map_err(|e| e.at(cond.span))? {
                break;
            }
            self.exec_block(body)?;
            if !self.after_iteration() {
                break;
            }
        }
        self.end_loop(orelse)
    }

    /// `try`: a failure a handler names runs that handler; `else` runs
    /// when nothing failed; `finally` always runs, and a jump in it wins.
    fn exec_try(&mut self, t: &TryStmt) -> Result<()> {
        let mut r = self.exec_block(&t.body);
        if let Err(e) = r {
            r = match self.handler_for(&e, &t.handlers)? {
                Some(h) => self.run_handler(h, e),
                None => Err(e),
            };
        } else if self.flow.is_none() {
            r = self.exec_block(&t.orelse);
        }
        if t.finalbody.is_empty() {
            return r;
        }
        let pending = self.flow.take();
        self.exec_block(&t.finalbody)?;
        if self.flow.is_none() {
            self.flow = pending;
            return r;
        }
        // A `break`/`return` in `finally` drops what was pending, as in Python.
        Ok(())
    }

    /// The first handler whose class catches `e`.
    pub(crate) fn handler_for<'h>(
        &mut self,
        e: &Error,
        handlers: &'h [Handler],
    ) -> Result<Option<&'h Handler>> {
        if !catchable(e.kind) {
            return Ok(None);
        }
        for h in handlers {
            let Some(class) = &h.class else {
                return Ok(Some(h));
            };
            let v = self.eval(class)?;
            if crate::eval::user_exc::catches_error(&v, e).map_err(|err| err.at(class.span))? {
                return Ok(Some(h));
            }
        }
        Ok(None)
    }

    fn run_handler(&mut self, h: &Handler, e: Error) -> Result<()> {
        if let Some(n) = &h.name {
            self.set_name(n.name.clone(), ExceptionValue::from_error(&e));
        }
        self.handling.push(e);
        let r = self.exec_block(&h.body);
        self.handling.pop();
        // Python unbinds the name when the handler ends.
        if let Some(n) = &h.name {
            self.unbind(&n.name);
        }
        r
    }

    /// Remove a name from the innermost scope that has it.
    pub(crate) fn unbind(&mut self, name: &str) -> bool {
        if let Some(frame) = self.locals.last() {
            let mut frame = frame.borrow_mut();
            if let Some(k) = frame.iter().rposition(|(n, _)| &**n == name) {
                frame.remove(k);
                return true;
            }
            return false;
        }
        self.globals.shift_remove(name).is_some()
    }

    /// `del target`: a name, an item of a list or dict.
    fn delete(&mut self, t: &Expr) -> Result<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                if self.unbind(n) {
                    Ok(())
                } else {
                    Err(Error::name(format!("name '{n}' is not defined")).at(t.span))
                }
            }
            ExprKind::Index { value, index } => {
                let obj = self.eval(value)?;
                if let ExprKind::Slice { lo, hi, step } = &index.kind {
                    let s = self.slice_args(lo, hi, step)?;
                    return self.delete_slice(&obj, &s).map_err(|e| e.at(t.span));
                }
                let key = self.eval(index)?;
                self.delete_item(&obj, key).map_err(|e| e.at(t.span))
            }
            _ => Err(Error::new(
                ErrorKind::NotImplementedError,
                "ormsh deletes names and items (del x, del d[k], del xs[i]); deleting an attribute is not supported",
            )
            .at(t.span)),
        }
    }

    fn delete_item(&mut self, obj: &Value, key: Value) -> Result<()> {
        match obj {
            Value::Dict(d) => {
                let removed = d.borrow_mut().remove(&key);
                match removed {
                    Some(_) => Ok(()),
                    None => {
                        let shown = self.repr_value(&key)?;
                        Err(crate::value::exc_args::key_error(key, shown))
                    }
                }
            }
            Value::List(l) => {
                let Value::Int(i) = key else {
                    return Err(Error::type_(format!(
                        "list indices must be integers, not {}",
                        key.type_name()
                    )));
                };
                let mut l = l.borrow_mut();
                let n = l.len() as i64;
                let k = if i < 0 { i + n } else { i };
                if k < 0 || k >= n {
                    return Err(Error::new(
                        ErrorKind::IndexError,
                        "list assignment index out of range",
                    ));
                }
                l.remove(k as usize);
                Ok(())
            }
            other => match other.downcast::<crate::orm::relation::Collection>() {
                // `del parent.kids[i]`: the item leaves with its remove
                // event, as `InstrumentedList.__delitem__` fires it.
                Some(c) => {
                    let Value::Int(i) = key else {
                        return Err(Error::type_(format!(
                            "list indices must be integers, not {}",
                            key.type_name()
                        ))
                        .with_help("delete one item at a time: del parent.kids[0]"));
                    };
                    let n = c.values().len() as i64;
                    let k = if i < 0 { i + n } else { i };
                    if k < 0 || k >= n {
                        return Err(Error::new(
                            ErrorKind::IndexError,
                            "list assignment index out of range",
                        ));
                    }
                    self.session.pop_at(&c, k as usize)?;
                    Ok(())
                }
                None => Err(Error::type_(format!(
                    "'{}' object doesn't support item deletion",
                    other.type_name()
                ))),
            },
        }
    }
}

/// What `except` may catch: not Ctrl-C or the step budget (so a loop
/// stays interruptible), not running out of memory, not a closed output.
fn catchable(kind: ErrorKind) -> bool {
    !matches!(
        kind,
        ErrorKind::Interrupted | ErrorKind::MemoryError | ErrorKind::BrokenPipeError
    )
}

impl Interp {
    /// Python's truth of a condition. A SQL expression has none, as
    /// SQLAlchemy says (`if User.id == 1:` is a mistake, not a test).
    pub(crate) fn truthy(&mut self, v: &Value) -> Result<bool> {
        if v.is::<crate::orm::expr::ColumnElement>() {
            return Err(
                Error::type_("Boolean value of this clause is not defined").with_help(
                    "a comparison of columns builds SQL; compare values (user.id == 1) to test",
                ),
            );
        }
        Ok(v.truthy())
    }
}
