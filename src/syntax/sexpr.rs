//! A compact s-expression printer for the AST, so parser tests read like
//! documentation: `a + b * c` → `(+ a (* b c))`.

use crate::syntax::ast::*;

pub fn stmts(ss: &[Stmt]) -> String {
    ss.iter().map(stmt).collect::<Vec<_>>().join(" ")
}

pub fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Model(m) => {
            let members: Vec<String> = m
                .members
                .iter()
                .map(|m| match &m.annotation {
                    Some(a) => format!("({}: {} {})", m.name.name, expr(a), expr(&m.value)),
                    None => format!("({} {})", m.name.name, expr(&m.value)),
                })
                .collect();
            format!("(model {} {})", m.name.name, members.join(" "))
        }
        StmtKind::Assign { target, value } => format!("(= {} {})", expr(target), expr(value)),
        StmtKind::ChainAssign { targets, value } => format!(
            "(= {} {})",
            targets.iter().map(expr).collect::<Vec<_>>().join(" "),
            expr(value)
        ),
        StmtKind::AugAssign { target, op, value } => {
            format!("({}= {} {})", op.symbol(), expr(target), expr(value))
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => format!(
            "(for ({}) {} {}{})",
            loop_target(target),
            expr(iter),
            stmts(body),
            orelse_s(orelse)
        ),
        StmtKind::If { branches, orelse } => {
            let bs: Vec<String> = branches
                .iter()
                .map(|(c, b)| format!("({} {})", expr(c), stmts(b)))
                .collect();
            format!("(if {}{})", bs.join(" "), orelse_s(orelse))
        }
        StmtKind::While { cond, body, orelse } => {
            format!("(while {} {}{})", expr(cond), stmts(body), orelse_s(orelse))
        }
        StmtKind::Try(t) => {
            let mut out = format!("(try {}", stmts(&t.body));
            for h in &t.handlers {
                out.push_str(" (except");
                if let Some(c) = &h.class {
                    out.push_str(&format!(" {}", expr(c)));
                }
                if let Some(n) = &h.name {
                    out.push_str(&format!(" as {}", n.name));
                }
                out.push_str(&format!(" {})", stmts(&h.body)));
            }
            out.push_str(&orelse_s(&t.orelse));
            if !t.finalbody.is_empty() {
                out.push_str(&format!(" (finally {})", stmts(&t.finalbody)));
            }
            out.push(')');
            out
        }
        StmtKind::With { items, body } => {
            let its: Vec<String> = items
                .iter()
                .map(|it| match &it.target {
                    Some(t) => format!("({} as {})", expr(&it.context), expr(t)),
                    None => format!("({})", expr(&it.context)),
                })
                .collect();
            format!("(with {} {})", its.join(" "), stmts(body))
        }
        StmtKind::Def(f) => {
            let ps: Vec<String> = f
                .params
                .iter()
                .map(|p| {
                    let star = match p.kind {
                        ParamKind::VarPositional => "*",
                        ParamKind::VarKeyword => "**",
                        ParamKind::PositionalOnly => "/",
                        ParamKind::KeywordOnly => "kw:",
                        ParamKind::PositionalOrKeyword => "",
                    };
                    match &p.default {
                        Some(d) => format!("{star}{}={}", p.name.name, expr(d)),
                        None => format!("{star}{}", p.name.name),
                    }
                })
                .collect();
            let ds: String = f
                .decorators
                .iter()
                .map(|d| format!("@{} ", expr(d)))
                .collect();
            format!(
                "(def {ds}{} ({}) {})",
                f.name.name,
                ps.join(" "),
                stmts(&f.body)
            )
        }
        StmtKind::Return(v) => match v {
            Some(v) => format!("(return {})", expr(v)),
            None => "(return)".into(),
        },
        StmtKind::Yield {
            value,
            from,
            target,
        } => {
            let head = if *from { "yield-from" } else { "yield" };
            let y = match value {
                Some(v) => format!("({head} {})", expr(v)),
                None => format!("({head})"),
            };
            match target {
                Some(t) => format!("(= {} {y})", expr(t)),
                None => y,
            }
        }
        StmtKind::Del(ts) => format!("(del {})", list(ts)),
        StmtKind::Break => "break".into(),
        StmtKind::Continue => "continue".into(),
        StmtKind::Assert { test, msg } => match msg {
            Some(m) => format!("(assert {} {})", expr(test), expr(m)),
            None => format!("(assert {})", expr(test)),
        },
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => match value {
            Some(v) => format!("(: {} {} {})", expr(target), expr(annotation), expr(v)),
            None => format!("(: {} {})", expr(target), expr(annotation)),
        },
        StmtKind::Expr(e) => expr(e),
        StmtKind::Pass => "pass".into(),
        StmtKind::Match(m) => {
            let cs: Vec<String> = m
                .cases
                .iter()
                .map(|c| match &c.guard {
                    Some(g) => format!(
                        "(case {} if {} {})",
                        pattern(&c.pattern),
                        expr(g),
                        stmts(&c.body)
                    ),
                    None => format!("(case {} {})", pattern(&c.pattern), stmts(&c.body)),
                })
                .collect();
            format!("(match {} {})", expr(&m.subject), cs.join(" "))
        }
        StmtKind::Raise { exc, cause } => match (exc, cause) {
            (None, _) => "(raise)".into(),
            (Some(e), None) => format!("(raise {})", expr(e)),
            (Some(e), Some(c)) => format!("(raise {} {})", expr(e), expr(c)),
        },
        StmtKind::Global(ns) => format!("(global {})", names(ns)),
        StmtKind::Nonlocal(ns) => format!("(nonlocal {})", names(ns)),
        StmtKind::DeclarativeBase(d) => format!("(declarative-base {})", d.name.name),
        StmtKind::Class(c) => format!(
            "(class {} ({}) {})",
            c.name.name,
            c.bases.iter().map(expr).collect::<Vec<_>>().join(" "),
            stmts(&c.body)
        ),
        StmtKind::Import(imp) => import(imp),
    }
}

/// `(import (a.b c))` / `(from ..m (x y) (z))`
fn import(imp: &Import) -> String {
    let path = |p: &[Ident]| p.iter().map(|i| &*i.name).collect::<Vec<_>>().join(".");
    let items: Vec<String> = (imp.names.iter())
        .map(|n| match &n.alias {
            Some(a) => format!("({} {})", path(&n.path), a.name),
            None => format!("({})", path(&n.path)),
        })
        .collect();
    match &imp.from {
        None => format!("(import {})", items.join(" ")),
        Some(m) => format!(
            "(from {}{} {})",
            ".".repeat(m.level),
            path(&m.parts),
            if items.is_empty() {
                "*".into()
            } else {
                items.join(" ")
            }
        ),
    }
}

/// A `case` pattern: `_`, names, values as expressions, `[...]`,
/// `{k: p}`, `(Cls p k=p)`, `(| …)`, `(as p n)`.
fn pattern(p: &crate::syntax::pattern::Pattern) -> String {
    use crate::syntax::pattern::PatKind;
    match &p.kind {
        PatKind::Wildcard => "_".into(),
        PatKind::Capture(n) => n.to_string(),
        PatKind::Value(e) => format!("={}", expr(e)),
        PatKind::Sequence { items, star } => {
            let mut parts: Vec<String> = items.iter().map(pattern).collect();
            if let Some((at, name)) = star {
                parts.insert(*at, format!("*{}", name.as_deref().unwrap_or("_")));
            }
            format!("[{}]", parts.join(" "))
        }
        PatKind::Mapping { items, rest } => {
            let mut parts: Vec<String> = items
                .iter()
                .map(|(k, v)| format!("{}: {}", expr(k), pattern(v)))
                .collect();
            if let Some(r) = rest {
                parts.push(format!("**{r}"));
            }
            format!("{{{}}}", parts.join(", "))
        }
        PatKind::Class {
            class,
            args,
            kwargs,
        } => {
            let mut parts = vec![expr(class)];
            parts.extend(args.iter().map(pattern));
            parts.extend(
                kwargs
                    .iter()
                    .map(|(k, v)| format!("{}={}", k.name, pattern(v))),
            );
            format!("({})", parts.join(" "))
        }
        PatKind::Or(alts) => {
            let parts: Vec<String> = alts.iter().map(pattern).collect();
            format!("(| {})", parts.join(" "))
        }
        PatKind::As(inner, n) => format!("(as {} {n})", pattern(inner)),
    }
}

fn orelse_s(orelse: &[Stmt]) -> String {
    if orelse.is_empty() {
        String::new()
    } else {
        format!(" (else {})", stmts(orelse))
    }
}

/// A lambda's parameter: `x`, `(= x default)`, `*a`, `**k`.
fn lambda_param(p: &crate::syntax::ast::Param) -> String {
    use crate::syntax::ast::ParamKind;
    let name = match p.kind {
        ParamKind::VarPositional => format!("*{}", p.name.name),
        ParamKind::VarKeyword => format!("**{}", p.name.name),
        _ => p.name.name.to_string(),
    };
    match &p.default {
        Some(d) => format!("(= {name} {})", expr(d)),
        None => name,
    }
}

fn names(ids: &[Ident]) -> String {
    ids.iter().map(|i| &*i.name).collect::<Vec<_>>().join(" ")
}

/// A loop target inside `( )`: its names, a nested tuple as `(tuple …)`.
fn loop_target(t: &Expr) -> String {
    match &t.kind {
        ExprKind::Tuple(xs) => list(xs),
        _ => expr(t),
    }
}

fn list(xs: &[Expr]) -> String {
    xs.iter().map(expr).collect::<Vec<_>>().join(" ")
}

pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.to_string(),
        ExprKind::None => "None".into(),
        ExprKind::Bool(b) => if *b { "True" } else { "False" }.into(),
        ExprKind::Int(i) => i.to_string(),
        ExprKind::Float(f) => format!("{f:?}"),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        ExprKind::FString(parts) => {
            let ps: Vec<String> = parts
                .iter()
                .map(|p| match p {
                    FPart::Lit(s) => format!("{s:?}"),
                    FPart::Expr {
                        expr: x,
                        conv,
                        spec,
                        debug_text,
                        ..
                    } => {
                        let mut out = format!("{{{}", expr(x));
                        if let Some(d) = debug_text {
                            out.push_str(&format!(" ={d:?}"));
                        }
                        if let Some(c) = conv {
                            out.push_str(&format!(" !{c}"));
                        }
                        if let Some(s) = spec {
                            out.push_str(&format!(" :{s}"));
                        }
                        out.push('}');
                        out
                    }
                })
                .collect();
            format!("(f {})", ps.join(" "))
        }
        ExprKind::List(xs) => format!("[{}]", list(xs)),
        ExprKind::Tuple(xs) => format!("(tuple {})", list(xs)).replace("tuple )", "tuple)"),
        ExprKind::Dict(kv) => {
            let ps: Vec<String> = kv
                .iter()
                .map(|(k, v)| format!("{}: {}", expr(k), expr(v)))
                .collect();
            format!("{{{}}}", ps.join(", "))
        }
        ExprKind::Set(xs) => format!("(set {})", list(xs)),
        ExprKind::Starred(x) => format!("*{}", expr(x)),
        ExprKind::NamedExpr { target, value } => format!("(:= {} {})", target.name, expr(value)),
        ExprKind::ListComp { elt, clauses }
        | ExprKind::DictComp { pair: elt, clauses }
        | ExprKind::SetComp { elt, clauses }
        | ExprKind::GenExp { elt, clauses } => {
            let kind = if matches!(e.kind, ExprKind::SetComp { .. }) {
                "setcomp"
            } else if matches!(e.kind, ExprKind::GenExp { .. }) {
                "genexp"
            } else {
                "comp"
            };
            let cs: Vec<String> = clauses
                .iter()
                .map(|c| {
                    let mut s = format!("for ({}) {}", loop_target(&c.target), expr(&c.iter));
                    for cond in &c.conds {
                        s.push_str(&format!(" if {}", expr(cond)));
                    }
                    s
                })
                .collect();
            format!("({kind} {} {})", expr(elt), cs.join(" "))
        }
        ExprKind::Attr { value, attr } => format!("(. {} {})", expr(value), attr.name),
        ExprKind::Call { func, args } => {
            let mut s = format!("(call {}", expr(func));
            for a in args {
                s.push(' ');
                s.push_str(&match a {
                    Arg::Pos(e) => expr(e),
                    Arg::Kw(k, e) => format!("{}={}", k.name, expr(e)),
                    Arg::Star(e) => format!("*{}", expr(e)),
                    Arg::StarStar(e) => format!("**{}", expr(e)),
                });
            }
            s.push(')');
            s
        }
        ExprKind::Index { value, index } => format!("([] {} {})", expr(value), expr(index)),
        ExprKind::Slice { lo, hi, step } => {
            let f = |x: &Option<Box<Expr>>| x.as_ref().map_or("_".to_string(), |e| expr(e));
            format!("(slice {} {} {})", f(lo), f(hi), f(step))
        }
        ExprKind::Unary { op, operand } => {
            let o = match op {
                UnaryOp::Neg => "neg",
                UnaryOp::Pos => "pos",
                UnaryOp::Invert => "~",
                UnaryOp::Not => "not",
            };
            format!("({o} {})", expr(operand))
        }
        ExprKind::Binary { op, left, right } => {
            format!("({} {} {})", op.symbol(), expr(left), expr(right))
        }
        ExprKind::BoolOp { op, left, right } => {
            let o = match op {
                BoolOp::And => "and",
                BoolOp::Or => "or",
            };
            format!("({o} {} {})", expr(left), expr(right))
        }
        ExprKind::Compare { left, rest } => {
            let mut s = format!("(cmp {}", expr(left));
            for (op, e) in rest {
                s.push_str(&format!(" {} {}", op.symbol(), expr(e)));
            }
            s.push(')');
            s
        }
        ExprKind::IfElse { body, cond, orelse } => {
            format!("(if {} {} {})", expr(cond), expr(body), expr(orelse))
        }
        ExprKind::Lambda { params, body } => format!(
            "(lambda ({}) {})",
            params
                .iter()
                .map(lambda_param)
                .collect::<Vec<_>>()
                .join(" "),
            expr(body)
        ),
    }
}
