//! The abstract syntax tree of ormsh statements. Every node carries its span.
//! Produced by the parser; consumed by `eval`. Knows nothing of models or SQL.

use std::rc::Rc;

use crate::syntax::span::Span;

/// An identifier with the place it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: Rc<str>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `model NAME < member; member … >`
    Model(ModelDef),
    /// `target = value`; target is a Name, Attr or Index expression, or a
    /// Tuple of those (`a, b = 1, 2`).
    Assign { target: Expr, value: Expr },
    /// `a = b = value`: the value made once, then bound to each target
    /// from left to right (Python's chained assignment).
    ChainAssign { targets: Vec<Expr>, value: Expr },
    /// `target += value` (and `-= *= /= //= %=`).
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `for a, (b, c) in iter: body` with an optional `else:` run when
    /// the loop ends without `break`; the target is a Name, or a Tuple or
    /// List of targets (nested, one `Starred`), as an assignment's.
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `if c: … elif c: … else: …` — one (condition, body) per branch.
    If {
        branches: Vec<(Expr, Vec<Stmt>)>,
        orelse: Vec<Stmt>,
    },
    /// `while c: body [else: …]`
    While {
        cond: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `try: … except E as e: … else: … finally: …`
    Try(Box<TryStmt>),
    /// `with a as x, b: body`
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    /// `def name(params): body`
    Def(Rc<FuncDef>),
    /// `return [value]`
    Return(Option<Expr>),
    /// `yield [value]` and `yield from iterable` as a statement in a `def`
    /// (which makes it a generator function, `eval::gen_fn`).
    /// `target = yield [value]` keeps the target: it is given what
    /// `send()` sends (None for `next()`).
    Yield {
        value: Option<Expr>,
        from: bool,
        target: Option<Expr>,
    },
    /// `del target, …`
    Del(Vec<Expr>),
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `assert test[, message]`
    Assert { test: Expr, msg: Option<Expr> },
    /// `target: annotation [= value]` (a class body's typed declarative
    /// member; elsewhere the annotation is not evaluated, as in a function).
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    /// `class Base(DeclarativeBase): pass` — SQLAlchemy 2.0's declarative
    /// base, for `SQLAlchemy(model_class=Base)` (read in `typed_class`),
    /// with its `type_annotation_map`, `metadata` and `MappedAsDataclass`.
    DeclarativeBase(Box<DeclarativeBaseDef>),
    /// `class Name[(bases)]: body` that is not a model: a plain Python
    /// class or an enum class (`eval::pyclass`), its bases evaluated when
    /// it runs.
    Class(Rc<ClassDef>),
    /// An expression whose value is printed (unless None).
    Expr(Expr),
    /// `pass` — does nothing (accepted because people paste it).
    Pass,
    /// `match subject: case pattern: …` (`syntax::pattern`).
    Match(Box<crate::syntax::pattern::MatchStmt>),
    /// `raise [exc [from cause]]`
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `global a, b` — accepted: a function's assignments to these names
    /// set the session's names.
    Global(Vec<Ident>),
    /// `nonlocal a, b` — a nested function's assignments to these names
    /// rebind the enclosing function's.
    Nonlocal(Vec<Ident>),
    /// `import a.b as c` / `from a.b import x as y` (parsed in `import`).
    Import(Import),
}

/// A class statement that is not a model (`StmtKind::Class`).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    pub name: Ident,
    pub bases: Vec<Expr>,
    pub body: Vec<Stmt>,
    /// `@enum.unique` and other decorators above the class, outermost
    /// first.
    pub decorators: Vec<Expr>,
}

/// An import statement: `import M [as n], …` when `from` is None, else
/// `from M import a [as b], …` (or `*`, an empty `names`).
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub from: Option<ModulePath>,
    pub names: Vec<ImportName>,
}

/// A dotted module name, with the leading dots of a relative import.
#[derive(Clone, Debug, PartialEq)]
pub struct ModulePath {
    pub level: usize,
    pub parts: Vec<Ident>,
    pub span: Span,
}

/// One name imported: a dotted path after `import`, a single name after
/// `from … import`; with its `as` alias.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportName {
    pub path: Vec<Ident>,
    pub alias: Option<Ident>,
    pub span: Span,
}

/// The clauses of a `try` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct TryStmt {
    pub body: Vec<Stmt>,
    pub handlers: Vec<Handler>,
    pub orelse: Vec<Stmt>,
    pub finalbody: Vec<Stmt>,
}

/// `except [CLASS [as NAME]]: body` — CLASS may be a tuple of classes.
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    pub class: Option<Expr>,
    pub name: Option<Ident>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// `EXPR [as TARGET]` in a `with` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

/// A function made by `def`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncDef {
    pub name: Ident,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    /// `@decorator` lines above the `def`, outermost first.
    pub decorators: Vec<Expr>,
    /// Its body yields (not counting nested `def`s and classes): a call
    /// makes a generator (CPython's `CO_GENERATOR`).
    pub generator: bool,
}

/// `class NAME(DeclarativeBase[, MappedAsDataclass]):` as read.
#[derive(Clone, Debug, PartialEq)]
pub struct DeclarativeBaseDef {
    pub name: Ident,
    /// The value of its `type_annotation_map = {...}`, if any.
    pub type_map: Option<Expr>,
    /// The value of its `metadata = MetaData(...)`, if any.
    pub metadata: Option<Expr>,
    /// `MappedAsDataclass` is among its bases.
    pub dataclass: bool,
}

/// A parameter of a `def`, with its default (evaluated when the function
/// is defined, as in Python) and its kind (where it stands in the list).
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Ident,
    pub default: Option<Expr>,
    pub kind: ParamKind,
}

/// Python's parameter kinds (`inspect.Parameter.kind`), in the order a
/// `def` lists them: `def f(a, /, b, *args, c, **kw)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Before a `/`.
    PositionalOnly,
    /// A plain parameter.
    PositionalOrKeyword,
    /// `*args`: the extra positional arguments as a tuple.
    VarPositional,
    /// After `*` or `*args`.
    KeywordOnly,
    /// `**kwargs`: the extra keywords as a dict.
    VarKeyword,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ModelDef {
    pub name: Ident,
    pub members: Vec<Member>,
    /// Methods of a `class` body ormsh does not run, with why (the class
    /// is defined without them and a note says so).
    pub skipped: Vec<(Ident, String)>,
    /// The other `def`s of a `class` body (methods, properties, static and
    /// class methods), run by `eval::methods`.
    pub methods: Vec<Rc<FuncDef>>,
    /// A base named by a plain name (`class User(Base):`), the span of the
    /// bases: SQLAlchemy's declarative base (`class Base(DeclarativeBase)`)
    /// when the class is defined, else refused then (`eval::declarative_subclass`).
    pub base: Option<(Ident, Span)>,
    /// With `base`: the same statement as a plain class (`eval::pyclass`),
    /// defined instead when the base turns out to be a plain class.
    pub plain: Option<Rc<ClassDef>>,
    /// Mixins before `db.Model` (`class Post(TimestampMixin, db.Model):`):
    /// plain classes whose columns each model gets a copy of
    /// (`eval::mixins`).
    pub mixins: Vec<Ident>,
    /// The base is the bare name `Model` (read as `db.Model`): an
    /// abstract model of that name when one is defined (cookiecutter-
    /// flask's `class Model(CRUDMixin, db.Model): __abstract__ = True`,
    /// then `class User(Model):`), else `db.Model`.
    pub bare_model: Option<Ident>,
    /// The Flask-SQLAlchemy extension's name when it is not `db`
    /// (`database = SQLAlchemy(app)`, then `class X(database.Model):`):
    /// the `NAME` of `NAME.Model`, kept so the stored source and
    /// `.export python` keep the person's name.
    pub extension: Option<Ident>,
}

/// `name = expr` inside a model block. The paste form
/// `def __repr__(self): return expr` becomes `__repr__ = expr`.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub name: Ident,
    pub value: Expr,
    pub span: Span,
    /// SQLAlchemy 2.0's typed declarative: the annotation of
    /// `name: Mapped[int] = mapped_column(...)` (a member written
    /// `name: Mapped[int]` alone has the value `mapped_column()`, as
    /// SQLAlchemy reads it).
    pub annotation: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Name(Rc<str>),
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string literal (adjacent literals already concatenated, escapes decoded).
    Str(Rc<str>),
    /// A bytes literal `b'..'` (adjacent bytes literals concatenated).
    Bytes(Rc<[u8]>),
    /// An f-string (adjacent plain literals folded into its parts).
    FString(Vec<FPart>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    /// `{k: v, **m}`: each `**m` is the pair (`Starred(m)`, `None`) — a
    /// key no display can write otherwise — merged in place, in order.
    Dict(Vec<(Expr, Expr)>),
    /// `{a, b}` — a set display (never empty: `{}` is a dict).
    Set(Vec<Expr>),
    /// `{x for … in … if …}`
    SetComp {
        elt: Box<Expr>,
        clauses: Vec<CompFor>,
    },
    /// `*xs` — in an assignment target (`a, *rest = xs`) or spliced into
    /// a tuple, list or set display (`[*a, *b]`).
    Starred(Box<Expr>),
    /// `(name := value)` — Python's assignment expression.
    NamedExpr {
        target: Ident,
        value: Box<Expr>,
    },
    /// `[elt for t1, t2 in iter if cond …]`
    ListComp {
        elt: Box<Expr>,
        clauses: Vec<CompFor>,
    },
    /// `(elt for … in … if …)`: a lazy generator (`eval::generator`).
    GenExp {
        elt: Box<Expr>,
        clauses: Vec<CompFor>,
    },
    /// `{key: value for … in … if …}`; `pair` is the tuple `(key, value)`
    /// each round makes.
    DictComp {
        pair: Box<Expr>,
        clauses: Vec<CompFor>,
    },
    Attr {
        value: Box<Expr>,
        attr: Ident,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
    },
    Index {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    /// Only as the `index` of an Index: `a[lo:hi:step]`.
    Slice {
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `a and b`, `a or b` (short-circuit on plain values).
    BoolOp {
        op: BoolOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `a < b <= c` — Python's chained comparison; one op is the usual case.
    Compare {
        left: Box<Expr>,
        rest: Vec<(CmpOp, Expr)>,
    },
    /// `body if cond else orelse`
    IfElse {
        body: Box<Expr>,
        cond: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `lambda a, b: expr` (used for `default=lambda: …` and `sorted(key=…)`).
    Lambda {
        params: Vec<Param>,
        body: Rc<Expr>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompFor {
    /// The loop target: a Name, or a (nested) Tuple of targets.
    pub target: Expr,
    pub iter: Expr,
    pub conds: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    Lit(Rc<str>),
    Expr {
        expr: Expr,
        /// `!r`, `!s` or `!a`
        conv: Option<char>,
        /// The format spec after `:` (e.g. `>10`, `.2f`), literal text.
        spec: Option<Rc<str>>,
        /// A spec with nested fields (`{x:>{w}.2f}`): its literal text and
        /// fields, formatted first to give the spec (`spec` is then the
        /// source text, for messages).
        spec_fields: Option<Rc<[FPart]>>,
        /// `{x=}` self-documenting form: the source text of `x=`.
        debug_text: Option<Rc<str>>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Pos(Expr),
    Kw(Ident, Expr),
    /// `*xs`
    Star(Expr),
    /// `**kw`
    StarStar(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Is,
    IsNot,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}
