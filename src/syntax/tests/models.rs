//! Model blocks: multi-line, one-line, `;`-separated, and the pasted
//! `def __repr__(self): return …` forms.

use super::table;

const USER: &str = "(model User (id (call (. db Column) (. db Integer) primary_key=True)) \
(username (call (. db Column) (call (. db String) 80) unique=True nullable=False)) \
(__repr__ (% \"<User %r>\" (. self username))))";

#[test]
fn model_blocks() {
    table(&[
        (
            "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    \
             username = db.Column(db.String(80), unique=True, nullable=False)\n    \
             __repr__ = '<User %r>' % self.username\n>",
            USER,
        ),
        (
            "model User <\n  id = db.Column(db.Integer, primary_key=True)\n\n  # comment\n  \
             username = db.Column(db.String(80),\n        unique=True, nullable=False)\n  \
             def __repr__(self):\n      return '<User %r>' % self.username\n>",
            USER,
        ),
        (
            "model User < id = db.Column(db.Integer, primary_key=True); \
             username = db.Column(db.String(80), unique=True, nullable=False); \
             def __repr__(self): return '<User %r>' % self.username >",
            USER,
        ),
        (
            "model Tag < id = db.Column(db.Integer, primary_key=True) >",
            "(model Tag (id (call (. db Column) (. db Integer) primary_key=True)))",
        ),
        (
            "model Tag <\nid = Column(Integer, primary_key=True)>",
            "(model Tag (id (call Column Integer primary_key=True)))",
        ),
        (
            "model Role <\n  __tablename__ = 'roles'\n  name = Column(String(64))\n  \
             __repr__ = f'<Role {self.name}>'\n>",
            "(model Role (__tablename__ \"roles\") (name (call Column (call String 64))) \
             (__repr__ (f \"<Role \" {(. self name)} \">\")))",
        ),
        (
            "model A < x = a > b >",
            "ERROR expected an operator or the end of the statement at Some(Span { start: 18, end: 19 })",
        ),
        ("model A < x = (a > b) >", "(model A (x (cmp a > b)))"),
        ("model A < x = [a > b] >", "(model A (x [(cmp a > b)]))"),
        ("model A < x = '>' >", "(model A (x \">\"))"),
        ("model A < x = 1 >; y = 2", "(model A (x 1)) (= y 2)"),
        (
            "model A < d = Column(DateTime, default=lambda: datetime.utcnow()) >",
            "(model A (d (call Column DateTime default=(lambda () (call (. datetime utcnow))))))",
        ),
        ("model A < x = a < b >", "(model A (x (cmp a < b)))"),
    ]);
}

/// `model` is a soft keyword: a model block only before a name that is
/// no keyword; an ordinary name everywhere else.
#[test]
fn model_soft_keyword() {
    table(&[
        ("model = 'User'", "(= model \"User\")"),
        ("model", "model"),
        ("model < 3", "(cmp model < 3)"),
        ("model<x", "(cmp model < x)"),
        ("model.query", "(. model query)"),
        ("f(model, x=model)", "(call f model x=model)"),
        ("for model in ms: model", "(for (model) ms model)"),
        ("[model for model in ms]", "(comp model for (model) ms)"),
        ("x = a if model else b", "(= x (if model a b))"),
        ("model and model", "(and model model)"),
        ("model in ms", "(cmp model in ms)"),
        (
            "model M < model = db.Column(db.String(20)) >",
            "(model M (model (call (. db Column) (call (. db String) 20))))",
        ),
    ]);
}
