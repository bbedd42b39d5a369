//! The declaration check on its own: each refusal, and the shapes ormsh
//! itself stores and reflection writes.

use super::{Declaration, names, shape};

fn builtin(n: &str) -> bool {
    crate::eval::builtins::lookup(n).is_some()
}

fn known(n: &str) -> bool {
    ["Victim", "Post", "tags", "Tag"].contains(&n)
}

fn check(kind: &str, name: &str, src: &str) -> Result<Declaration, String> {
    let d = shape(kind, name, src, &builtin)?;
    names(&d, &known)?;
    Ok(d)
}

const GOOD_MODEL: &str = "model Post <
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(String(80), nullable=False, default=lambda: 'untitled')
    created = db.Column(db.DateTime, default=datetime.utcnow, server_default=db.text('CURRENT_TIMESTAMP'))
    victim_id = db.Column(db.Integer, db.ForeignKey('victim.id'))
    victim = db.relationship('Victim', backref=db.backref('posts', lazy='dynamic'), foreign_keys=[victim_id], order_by='Victim.id.desc()')
    tags = db.relationship('Tag', secondary=tags, backref='posts')
    __repr__ = f'<Post {self.title!r:>10}>' + '<{} {}>'.format(self.id, len([t for t in self.tags if t]))
>";

#[test]
fn what_ormsh_stores_and_reflects_is_accepted() {
    let d = check("model", "Post", GOOD_MODEL).expect("a plain model");
    assert_eq!(&*d.binds, "Post");
    let t = "tags = db.Table('tags',\r\n    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id'), primary_key=True),\n    db.Column('post_id', db.Integer, db.ForeignKey('post.id'), primary_key=True))";
    assert_eq!(&*check("table", "tags", t).expect("a table").binds, "tags");
    let reflected = "model Customer <\n    __tablename__ = 'customers'\n    id = db.Column(db.Integer, primary_key=True)\n    n = db.Column('Unit Price', db.Numeric(10, 2), server_default=db.text('(0)'))\n    support = db.relationship('Tag', secondary='tags', backref='customers')\n>";
    check("model", "Customer", reflected).expect("reflection's shape");
}

/// What tutorials' class bodies hold besides columns (issue 15): class
/// attributes, `ClassVar` members, a private column read in `__repr__`,
/// the class's name, attribute fields of a format template.
#[test]
fn class_attributes_and_reprs_reading_the_instance_are_accepted() {
    let src = "class Acct(db.Model):
    __searchable__ = ['body']
    MAX: ClassVar[int] = 5
    id = db.Column(db.Integer, primary_key=True)
    _secret = db.Column('secret', db.String(9))
    def __repr__(self):
        return f'<{self.__class__.__name__} {self._secret}>' + '<{0.id}>'.format(self)
";
    check("model", "Acct", src).expect("accepted");
}

#[test]
fn each_trick_is_refused_with_its_reason() {
    let m = |body: &str| {
        format!("model Evil <\n    id = db.Column(db.Integer, primary_key=True)\n    {body}\n>")
    };
    let cases: Vec<(String, &str, &str, &str)> = vec![
        (
            m("") + "\ndb.drop_all()",
            "model",
            "Evil",
            "holds 2 statements",
        ),
        (
            m("x = db.Column(db.Integer, default=db.drop_all())"),
            "model",
            "Evil",
            "db.drop_all",
        ),
        (
            m("x = db.Column(db.Integer, default=lambda: db.session.commit())"),
            "model",
            "Evil",
            "db.session",
        ),
        (
            m("__repr__ = str(Victim.query.delete())"),
            "model",
            "Evil",
            ".query",
        ),
        (
            m("__repr__ = str(self.posts.clear())"),
            "model",
            "Evil",
            ".clear",
        ),
        (m("__repr__ = print(self)"), "model", "Evil", "name print"),
        (
            m("__repr__ = getattr(self, 'id')"),
            "model",
            "Evil",
            "name getattr",
        ),
        (
            m("x = db.Column(db.Integer, default=lambda: __import__('os'))"),
            "model",
            "Evil",
            "name __import__",
        ),
        (
            m("__repr__ = self.__class__"),
            "model",
            "Evil",
            "attribute __class__",
        ),
        (
            m("__repr__ = '{0.__init__}'.format(self)"),
            "model",
            "Evil",
            "template reads",
        ),
        (
            m("__repr__ = '{0.session}'.format(self)"),
            "model",
            "Evil",
            "template reads",
        ),
        (
            m("__repr__ = str(self._sa_instance_state)"),
            "model",
            "Evil",
            "attribute _sa_instance_state",
        ),
        (
            m("__repr__ = self.__class__.__mro__"),
            "model",
            "Evil",
            "attribute __class__",
        ),
        (
            m("__repr__ = f'{self.id:{self.id}}'"),
            "model",
            "Evil",
            "nested field",
        ),
        (m("__repr__ = secret"), "model", "Evil", "name secret"),
        (
            m("x = db.Column(db.Integer, server_default=db.text('0); DROP TABLE victim; --'))"),
            "model",
            "Evil",
            "text() SQL",
        ),
        (
            m("x = db.Column(db.Integer, server_default=db.text(sql))"),
            "model",
            "Evil",
            "one literal string",
        ),
        (
            m("v = db.relationship('Victim', order_by=\"__import__('os').system('id')\")"),
            "model",
            "Evil",
            "name __import__",
        ),
        (
            m("v = db.relationship('Victim; import os')"),
            "model",
            "Evil",
            "not an identifier",
        ),
        (m("__init__ = 1"), "model", "Evil", "member __init__"),
        (
            m("x = db.Column(db.Integer, doc='a') # \r) ; import os ; y = ("),
            "model",
            "Evil",
            "U+000D",
        ),
        (m(""), "model", "Other", "defines the model Evil"),
        (
            m("").replace("Evil", "db"),
            "model",
            "db",
            "hide the built-in db",
        ),
        (
            m("").replace("Evil", "func"),
            "model",
            "func",
            "hide the built-in func",
        ),
        (
            "db = db.Table('x', db.Column('a', db.Integer))".into(),
            "table",
            "x",
            "hide the built-in db",
        ),
        (
            "t = db.Table('y', db.Column('a', db.Integer))".into(),
            "table",
            "x",
            "db.Table('x'",
        ),
        (
            "t = db.session.execute(text('ATTACH'))".into(),
            "table",
            "x",
            "db.Table",
        ),
        (
            "for i in range(10): pass".into(),
            "model",
            "x",
            "not a model block",
        ),
        (m(""), "view", "Evil", "neither 'model' nor 'table'"),
        (
            "x".repeat(super::MAX_SOURCE_BYTES + 1),
            "model",
            "x",
            "more than the 262144",
        ),
    ];
    for (src, kind, name, want) in cases {
        let got = match check(kind, name, &src) {
            Ok(_) => panic!("accepted: {src:?}"),
            Err(why) => why,
        };
        assert!(got.contains(want), "{src:?}: {got}");
        assert!(!got.contains('\n'), "one line: {got}");
    }
}
