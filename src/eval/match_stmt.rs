//! The `match` statement run as PEP 634 says: the subject is evaluated
//! once, each `case`'s pattern tried in order; the first that matches
//! binds its names, then its guard decides (names stay bound if it is
//! false) and its body runs. Patterns are `syntax::pattern`'s.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::syntax::ast::{CmpOp, ExprKind, Stmt};
use crate::syntax::pattern::{MatchStmt, PatKind, Pattern};
use crate::value::Value;

/// Names a pattern binds, in order, set only once it has matched.
type Binds = Vec<(Rc<str>, Value)>;

/// Built-in classes whose one positional sub-pattern matches the subject
/// itself (`case int(n):`), as CPython's `_Py_TPFLAGS_MATCH_SELF`.
const MATCH_SELF: &[&str] = &[
    "bool",
    "bytearray",
    "bytes",
    "dict",
    "float",
    "frozenset",
    "int",
    "list",
    "set",
    "str",
    "tuple",
];

/// Is `v` a sequence a sequence pattern may match (not str, bytes or dict)?
fn sequence_items(me: &mut Interp, v: &Value) -> Result<Option<Vec<Value>>> {
    let seq = matches!(v, Value::List(_) | Value::Tuple(_) | Value::Range(..))
        || v.is::<crate::orm::relation::Collection>();
    if !seq {
        return Ok(None);
    }
    me.to_vec(v).map(Some)
}

impl Interp {
    /// `match subject: case …`.
    pub(crate) fn exec_match(&mut self, m: &MatchStmt) -> Result<()> {
        match self.match_case(m)? {
            Some(body) => self.exec_block(body),
            None => Ok(()),
        }
    }

    /// The body of the first case that matches the subject (its captures
    /// bound, its guard true), if any.
    pub(crate) fn match_case<'m>(&mut self, m: &'m MatchStmt) -> Result<Option<&'m [Stmt]>> {
        let subject = self.eval(&m.subject)?;
        for c in &m.cases {
            let mut binds = Binds::new();
            if !self.matches(&c.pattern, &subject, &mut binds)? {
                continue;
            }
            for (n, v) in binds {
                self.set_name(n, v);
            }
            if let Some(g) = &c.guard {
                let ok = self.eval(g)?;
                if !self.truthy(&ok).map_err(|e| e.at(g.span))? {
                    continue;
                }
            }
            return Ok(Some(&c.body));
        }
        Ok(None)
    }

    /// Does `v` match `p`? Captured names are pushed to `binds`.
    fn matches(&mut self, p: &Pattern, v: &Value, binds: &mut Binds) -> Result<bool> {
        crate::interrupt::check()?;
        match &p.kind {
            PatKind::Wildcard => Ok(true),
            PatKind::Capture(n) => {
                binds.push((n.clone(), v.clone()));
                Ok(true)
            }
            PatKind::Value(e) => {
                let want = self.eval(e)?;
                if matches!(e.kind, ExprKind::None | ExprKind::Bool(_)) {
                    return Ok(match (v, &want) {
                        (Value::None, Value::None) => true,
                        (Value::Bool(a), Value::Bool(b)) => a == b,
                        _ => false,
                    });
                }
                let eq = self
                    .compare(CmpOp::Eq, v, &want)
                    .map_err(|e| e.at(p.span))?;
                self.truthy(&eq).map_err(|e| e.at(p.span))
            }
            PatKind::Or(alts) => {
                for alt in alts {
                    let mut mine = Binds::new();
                    if self.matches(alt, v, &mut mine)? {
                        binds.extend(mine);
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            PatKind::As(inner, name) => {
                if !self.matches(inner, v, binds)? {
                    return Ok(false);
                }
                binds.push((name.clone(), v.clone()));
                Ok(true)
            }
            PatKind::Sequence { items, star } => self.match_sequence(items, star, v, binds),
            PatKind::Mapping { items, rest } => {
                let Value::Dict(d) = v else {
                    return Ok(false);
                };
                let mut seen = Vec::with_capacity(items.len());
                for (k, sub) in items {
                    let key = self.eval(k)?;
                    let got = d.borrow().get(&key).cloned();
                    let Some(got) = got else {
                        return Ok(false);
                    };
                    if !self.matches(sub, &got, binds)? {
                        return Ok(false);
                    }
                    seen.push(key);
                }
                if let Some(name) = rest {
                    let mut left = d.borrow().clone();
                    for k in &seen {
                        left.remove(k);
                    }
                    binds.push((name.clone(), Value::Dict(Rc::new(RefCell::new(left)))));
                }
                Ok(true)
            }
            PatKind::Class {
                class,
                args,
                kwargs,
            } => {
                let cls = self.eval(class)?;
                self.match_class(&cls, p, args, kwargs, v, binds)
            }
        }
    }

    /// `[a, *rest, b]` against a list, tuple, range or collection.
    fn match_sequence(
        &mut self,
        items: &[Pattern],
        star: &Option<(usize, Option<Rc<str>>)>,
        v: &Value,
        binds: &mut Binds,
    ) -> Result<bool> {
        let Some(got) = sequence_items(self, v)? else {
            return Ok(false);
        };
        let (before, after) = match star {
            None if got.len() != items.len() => return Ok(false),
            None => (items.len(), 0),
            Some(_) if got.len() < items.len() => return Ok(false),
            Some((at, _)) => (*at, items.len() - at),
        };
        for (p, x) in items[..before].iter().zip(&got) {
            if !self.matches(p, x, binds)? {
                return Ok(false);
            }
        }
        let tail = &got[got.len() - after..];
        for (p, x) in items[before..].iter().zip(tail) {
            if !self.matches(p, x, binds)? {
                return Ok(false);
            }
        }
        if let Some((_, Some(name))) = star {
            let middle = got[before..got.len() - after].to_vec();
            binds.push((name.clone(), Value::list(middle)));
        }
        Ok(true)
    }

    /// `Cls(p, key=p)`: an instance of `Cls` whose attributes match.
    fn match_class(
        &mut self,
        cls: &Value,
        p: &Pattern,
        args: &[Pattern],
        kwargs: &[(crate::syntax::ast::Ident, Pattern)],
        v: &Value,
        binds: &mut Binds,
    ) -> Result<bool> {
        let test = Args::new("isinstance", vec![v.clone(), cls.clone()]);
        let is = crate::eval::pytypes::isinstance(self, test).map_err(|e| {
            if e.kind == ErrorKind::TypeError {
                Error::type_("called match pattern must be a class").at(p.span)
            } else {
                e
            }
        })?;
        if !is.truthy() {
            return Ok(false);
        }
        if !args.is_empty() {
            let self_match = cls
                .downcast::<crate::eval::objects::Native>()
                .is_some_and(|n| MATCH_SELF.contains(&n.name));
            if self_match && args.len() == 1 {
                if !self.matches(&args[0], v, binds)? {
                    return Ok(false);
                }
            } else {
                let names = self.match_args(cls, p, args.len(), self_match)?;
                for (name, sub) in names.iter().zip(args) {
                    let got = match self.get_attr(v, name) {
                        Ok(x) => x,
                        Err(e) if e.kind == ErrorKind::AttributeError => return Ok(false),
                        Err(e) => return Err(e.at(sub.span)),
                    };
                    if !self.matches(sub, &got, binds)? {
                        return Ok(false);
                    }
                }
            }
        }
        for (key, sub) in kwargs {
            let got = match self.get_attr(v, &key.name) {
                Ok(x) => x,
                Err(e) if e.kind == ErrorKind::AttributeError => return Ok(false),
                Err(e) => return Err(e.at(key.span)),
            };
            if !self.matches(sub, &got, binds)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The attribute names `Cls(a, b)`'s positional sub-patterns match:
    /// the class's `__match_args__`, which must name at least `given`.
    fn match_args(
        &mut self,
        cls: &Value,
        p: &Pattern,
        given: usize,
        self_match: bool,
    ) -> Result<Vec<Rc<str>>> {
        let name = match &self.get_attr(cls, &Rc::from("__name__")) {
            Ok(Value::Str(s)) => s.to_string(),
            _ => "class".to_string(),
        };
        let listed = match &self.get_attr(cls, &Rc::from("__match_args__")) {
            Ok(Value::Tuple(t)) => t
                .iter()
                .map(|x| x.as_str().map(Rc::from))
                .collect::<Option<Vec<Rc<str>>>>()
                .ok_or_else(|| Error::type_("__match_args__ elements must be strings"))?,
            Ok(_) => {
                return Err(Error::type_(format!(
                    "{name}.__match_args__ must be a tuple"
                )));
            }
            Err(_) => Vec::new(),
        };
        let allowed = if self_match { 1 } else { listed.len() };
        if given > allowed {
            return Err(Error::type_(format!(
                "{name}() accepts {allowed} positional sub-pattern{} ({given} given)",
                if allowed == 1 { "" } else { "s" },
            ))
            .at(p.span)
            .with_help(format!(
                "match attributes by name: case {name}(attr=pattern)"
            )));
        }
        Ok(listed)
    }
}
