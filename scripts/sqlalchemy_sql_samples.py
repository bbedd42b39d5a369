"""Print the SQL text SQLAlchemy 2.x writes for SQLite, for the statements
pinned in src/sql tests. Run with the reference venv:

    ~/.cache/ormsh-reference/bin/python scripts/sqlalchemy_sql_samples.py

Each sample prints as `name: "json string"`; the JSON string is also a valid
Rust string literal (ASCII only), ready to paste into a test table.
"""
import json
import logging

from sqlalchemy import (
    BigInteger, Boolean, CheckConstraint, Column, Date, DateTime, Enum, Float,
    ForeignKey, Integer, JSON, LargeBinary, MetaData, Numeric, PrimaryKeyConstraint,
    SmallInteger, String, Table, Text, Time, Unicode, UnicodeText, and_, asc, case,
    cast, create_engine, delete, desc, distinct, exists, func, insert, literal,
    literal_column, not_, or_,
    select, text, update, Index, UniqueConstraint,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session, aliased, declarative_base, relationship
from sqlalchemy.schema import CreateIndex, CreateTable, DropIndex, DropTable

D = sqlite.dialect()
Base = declarative_base()


class User(Base):
    __tablename__ = "user"
    id = Column(Integer, primary_key=True)
    username = Column(String(80), unique=True, nullable=False)
    email = Column(String(120), unique=True, nullable=False)


class Category(Base):
    __tablename__ = "category"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False)


class Post(Base):
    __tablename__ = "post"
    id = Column(Integer, primary_key=True)
    title = Column(String(80), nullable=False)
    body = Column(Text, nullable=False)
    category_id = Column(Integer, ForeignKey("category.id", ondelete="CASCADE"), nullable=False)
    category = relationship("Category", backref="posts")


class Order(Base):
    __tablename__ = "order"
    id = Column(Integer, primary_key=True)
    group = Column("group", String(10))
    UserName = Column("UserName", String(10))


def out(name, s):
    print(f"{name}: {json.dumps(str(s))}")


def c(stmt):
    return stmt.compile(dialect=D)


def lit(stmt):
    return stmt.compile(dialect=D, compile_kwargs={"literal_binds": True})


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
s = Session(engine)
q = s.query(User)

# --- legacy Query ---
out("legacy_filter_by", q.filter_by(username="admin"))
out("legacy_all", q)
out("legacy_count_inner", q.filter(User.id > 1).statement)
out("select_2_0", c(select(User).where(User.username == "admin")))
out("cmp_all", c(select(User.id).where(User.id == 1, User.id != 2, User.id < 3, User.id <= 4, User.id > 5, User.id >= 6)))
out("and_or_not", c(select(User.id).where(or_(and_(User.id == 1, User.username == "a"), not_(User.email == "b")))))
out("or_inside_and", c(select(User.id).where(and_(or_(User.id == 1, User.id == 2), User.username == "a"))))
out("not_and", c(select(User.id).where(not_(and_(User.id == 1, User.username == "a")))))
out("not_or", c(select(User.id).where(~or_(User.id == 1, User.username == "a"))))
out("not_like", c(select(User.id).where(~User.username.like("a%"))))
out("not_in_neg", c(select(User.id).where(~User.id.in_([1, 2]))))
out("like", c(select(User.id).where(User.username.like("a%"), User.username.notlike("b%"))))
out("ilike", c(select(User.id).where(User.username.ilike("a%"), User.username.notilike("b%"))))
out("startswith", c(select(User.id).where(User.username.startswith("a"), User.username.endswith("b"), User.username.contains("c"))))
out("in_display", c(select(User.id).where(User.id.in_([1, 2, 3]), User.username.not_in(["a", "b"]))))
out("in_counter", c(select(User.id).where(User.id == 5, User.id.in_([1, 2]), User.id.in_([3]))))
out("in_literal", lit(select(User.id).where(User.id.in_([1, 2, 3]), User.username.not_in(["a", "b"]))))
out("between", c(select(User.id).where(User.id.between(1, 5), ~User.id.between(7, 9))))
out("is_null", c(select(User.id).where(User.email == None, User.email != None, User.email.is_(None), User.email.is_not(None))))
out("order", c(select(User.id).order_by(User.username.desc(), asc(User.id), User.email)))
out("limit", c(select(User.id).limit(5)))
out("offset", c(select(User.id).offset(5)))
out("limit_offset", c(select(User.id).limit(5).offset(10)))
out("limit_literal", lit(select(User.id).limit(5)))
out("offset_literal", lit(select(User.id).offset(3)))
out("legacy_limit", q.limit(5))
out("legacy_slice", q.slice(1, 3))
out("legacy_first", q.limit(1))
out("distinct", c(select(User.username).distinct()))
out("legacy_distinct", q.distinct())
out("group_having", c(select(User.username, func.count(User.id)).group_by(User.username).having(func.count(User.id) > 1)))
out("group_having_label", c(select(User.username, func.count(User.id).label("n")).group_by(User.username).having(func.count(User.id) > 1).order_by(desc("n"))))
out("join", c(select(Post).join(Category).where(Category.name == "x")))
out("legacy_join", s.query(Post).join(Post.category).filter(Category.name == "x"))
out("legacy_outerjoin", s.query(Category).outerjoin(Category.posts))
ca = aliased(Category)
out("join_alias", c(select(Post.id).join(ca, Post.category_id == ca.id).where(ca.name == "x")))
out("legacy_alias", s.query(ca).filter(ca.id == 1))
out("exists", c(select(User.id).where(exists().where(Post.category_id == User.id))))
out("exists_legacy", s.query(q.filter(User.id == 1).exists()))
out("any", c(select(Category.id).where(Category.posts.any(Post.title == "x"))))
out("has", c(select(Post.id).where(Post.category.has(name="x"))))
out("subquery", c(select(User.id).where(User.id.in_(select(Post.category_id).where(Post.id > 1)))))
sq = select(Post.category_id, func.count(Post.id).label("cnt")).group_by(Post.category_id).subquery()
out("from_subquery", c(select(Category.name, sq.c.cnt).join(sq, Category.id == sq.c.category_id)))
out("scalar_subq", c(select(Category.name, select(func.count(Post.id)).where(Post.category_id == Category.id).scalar_subquery().label("n"))))
out("case", c(select(case((User.id > 1, "big"), else_="small"))))
out("case2", c(select(case((User.id > 1, "big"), (User.id > 0, "pos")).label("k"))))
out("cast", c(select(cast(User.id, String))))
out("concat", c(select(User.username + "@" + User.email)))
out("arith", c(select(User.id + 1, User.id - 1, User.id * 2, User.id / 2, User.id % 2, -User.id)))
out("arith_nest", c(select((User.id + 1) * 2, User.id - (User.id - 1))))
out("func_lower", c(select(func.lower(User.username)).where(func.lower(User.username) == "a")))
out("func_in", c(select(User.id).where(func.lower(User.username).in_(["a"]))))
out("text", c(select(User.id).where(text("id > :x and username = :y")).params(x=1, y="a")))
out("text_escape", c(text(r"select '\:x', :y")))
out("text_full", c(text("SELECT * FROM user WHERE id = :id")))
out("label", c(select(User.id.label("uid"))))
out("count_star", c(select(func.count()).select_from(User)))
out("legacy_count", q.filter(User.username == "a").limit(3).with_entities(User.id) )

# legacy count: capture the SQL it runs
stmts = []
from sqlalchemy import event
@event.listens_for(engine, "before_cursor_execute")
def _cap(conn, cursor, statement, parameters, context, executemany):
    stmts.append((statement, parameters))
q.filter(User.username == "a").count()
out("legacy_count_sql", stmts[-1][0]); print("  params", stmts[-1][1])
s.query(User).filter(User.id.in_([1, 2, 3])).all()
out("exec_in", stmts[-1][0]); print("  params", stmts[-1][1])
s.query(User).filter(User.id.in_([])).all()
out("exec_in_empty", stmts[-1][0]); print("  params", stmts[-1][1])
s.query(User).filter(User.id.not_in([])).all()
out("exec_notin_empty", stmts[-1][0]); print("  params", stmts[-1][1])
out("display_in_empty", q.filter(User.id.in_([])))
s.query(User).offset(2).all()
out("exec_offset", stmts[-1][0]); print("  params", stmts[-1][1])
s.query(User).limit(2).all()
out("exec_limit", stmts[-1][0]); print("  params", stmts[-1][1])
s.query(User).first()
out("exec_first", stmts[-1][0]); print("  params", stmts[-1][1])
s.query(q.filter(User.id == 1).exists()).scalar()
out("exec_exists", stmts[-1][0]); print("  params", stmts[-1][1])
s.add_all([User(username="a", email="a"), User(username="b", email="b"), User(username="c", email="c")])
s.flush()
out("exec_insert_multi", stmts[-1][0]); print("  params", stmts[-1][1])
s.add(User(username="d", email="d"))
s.flush()
out("exec_insert_one", stmts[-1][0]); print("  params", stmts[-1][1])
u = s.get(User, 1); u.username = "z"; s.flush()
out("exec_update", stmts[-1][0]); print("  params", stmts[-1][1])
s.delete(u); s.flush()
out("exec_delete", stmts[-1][0]); print("  params", stmts[-1][1])
s.query(User).filter(User.id > 100).delete()
out("exec_bulk_delete", stmts[-1][0]); print("  params", stmts[-1][1])
s.query(User).filter(User.id > 100).update({"username": "q"})
out("exec_bulk_update", stmts[-1][0]); print("  params", stmts[-1][1])

# --- DML ---
ut = User.__table__
out("insert", c(insert(ut).values(username="a", email="b")))
out("insert_multi", c(insert(ut).values([{"username": "a", "email": "b"}, {"username": "c", "email": "d"}])))
out("insert_returning", c(insert(ut).values(username="a", email="b").returning(ut.c.id)))
out("update", c(update(ut).where(ut.c.id == 1).values(username="x")))
out("update_expr", c(update(ut).where(ut.c.id == 1).values(id=ut.c.id + 1)))
out("delete", c(delete(ut).where(ut.c.id == 1)))
out("delete_all", c(delete(ut)))
ot = Order.__table__
out("insert_reserved", c(insert(ot).values(group="g", UserName="u")))
out("select_reserved", s.query(Order).filter(Order.group == "x"))
out("legacy_literal_reserved", lit(select(Order).where(Order.group == "it's", Order.id == None)))
out("literal_values", lit(select(literal(1.5), literal("it's"), literal(None), literal(True), literal(7))))

# --- DDL ---
md = MetaData()
for t in list(Base.metadata.sorted_tables):
    out("ddl_" + t.name, CreateTable(t).compile(dialect=D))
alltypes = Table(
    "all_types", md,
    Column("id", Integer, primary_key=True),
    Column("a", BigInteger), Column("b", SmallInteger), Column("c", Float),
    Column("d", Numeric(10, 2)), Column("e", String(20)), Column("f", Unicode(30)),
    Column("g", String), Column("h", Text), Column("i", UnicodeText),
    Column("j", Boolean), Column("k", Date), Column("l", DateTime), Column("m", Time),
    Column("n", LargeBinary), Column("o", JSON), Column("p", Enum("a", "bbb", "cc")),
    Column("q", Integer, server_default="0"), Column("r", String(5), server_default="x"),
    Column("s", DateTime, server_default=func.now()),
    Column("t", Boolean, nullable=False, server_default=text("1")),
)
out("ddl_all_types", CreateTable(alltypes).compile(dialect=D))
tags = Table(
    "tags", md,
    Column("tag_id", Integer, ForeignKey("tag.id"), primary_key=True),
    Column("page_id", Integer, ForeignKey("page.id"), primary_key=True),
)
Table("tag", md, Column("id", Integer, primary_key=True))
Table("page", md, Column("id", Integer, primary_key=True))
out("ddl_tags", CreateTable(tags).compile(dialect=D))
everything = Table(
    "order", md,
    Column("id", Integer, primary_key=True),
    Column("UserName", String(10), unique=True),
    Column("group", Integer, ForeignKey("tag.id", ondelete="SET NULL", onupdate="CASCADE")),
    Column("x y", Integer, ForeignKey("page.id")),
    Column('we"ird', Integer),
    CheckConstraint("id > 0"),
    UniqueConstraint("group", "x y"),
)
out("ddl_everything", CreateTable(everything).compile(dialect=D))
ix = Index("ix_user_email", ut.c.email, unique=True)
out("ddl_index_unique", CreateIndex(ix).compile(dialect=D))
ix2 = Index("ix_order_group", everything.c.group)
out("ddl_index_reserved", CreateIndex(ix2).compile(dialect=D))
ix3 = Index("ix_multi", everything.c.group, everything.c["x y"])
out("ddl_index_multi", CreateIndex(ix3).compile(dialect=D))
out("drop_table", DropTable(everything).compile(dialect=D))
out("drop_table_user", DropTable(ut).compile(dialect=D))
out("drop_index", DropIndex(ix2).compile(dialect=D))
# autoincrement=True on an Integer PK
ai = Table("ai", md, Column("id", Integer, primary_key=True, autoincrement=True), Column("v", Integer, index=True, unique=True))
out("ddl_ai", CreateTable(ai).compile(dialect=D))
ai2 = Table("ai2", md, Column("id", Integer, primary_key=True), sqlite_autoincrement=True)
out("ddl_ai_sqlite", CreateTable(ai2).compile(dialect=D))


# --- precedence and negation probes (printed whole) ---
def p(n, st): out(n, st.compile(dialect=D))
def w(n, *crit): p(n, select(User.id).where(*crit))
U = User
w("notin_sub", U.id.not_in(select(U.id)))
w("startswith_alone", U.username.startswith('a'))
w("not_startswith", ~U.username.startswith('a'))
w("not_eq", ~(U.id == 1))
w("notnot", ~~(U.id == 1))
w("not_exists", ~exists().where(U.id == 1))
w("not_isnull", ~(U.username == None))
w("not_between", not_(U.id.between(1, 2)))
w("neg_lt", ~(U.id < 1), ~(U.id > 1), ~(U.id <= 1), ~(U.id >= 1), ~U.username.like('x'), ~(U.username.is_not(None)))
w("and_nested", and_(U.id == 1, and_(U.id == 2, U.id == 3)))
w("or_then_and", or_(U.id == 1, U.id == 2), U.id == 3)
w("not_or_and", not_(or_(U.id == 1, and_(U.id == 2, U.id == 3))))
w("not_not_or", not_(not_(or_(U.id == 1, U.id == 2))))
w("cmp_arith", U.id + 1 > U.id * 2)
w("concat_cmp", U.username + 'x' == 'ax')
w("concat_nest", U.username + (U.username + 'x') == 'y')
w("in_and_or", or_(U.id.in_([1]), U.id.not_in([2])))
w("between_expr", U.id.between(U.id + 1, 5))
w("cmp_sub", U.id == select(func.max(U.id)).scalar_subquery())
w("neg_expr", -(U.id + 1) < 0)
w("div_int", U.id / 2 > 1)
w("floordiv", U.id // 2 > 1)
w("case_in_where", case((U.id > 1, 1), else_=0) == 1)
w("not_func", not_(func.f(U.id)))
w("like_in_and_not", not_(U.username.like('a') & (U.id == 1)))
p("in_sub_func", select(U.id).where(U.id.in_(select(func.max(U.id)))))
p("auto_labels", select(-U.id, U.id.label('x'), literal(1), literal_column('1'), text('2'), func.count(), func.count(U.id), func.count(U.id), func.max(U.id), cast(U.id + 1, String), case((U.id > 1, 'a'))))
p("subq_select", select(U).where(U.id == 1).subquery().select())
p("exists_select", select(exists().where(U.id == 1)))
p("distinct_count", select(func.count(distinct(U.username))))
p("group_multi", select(U.username).group_by(U.username, U.id).order_by(U.username).limit(1))
out("legacy_order_limit_offset", q.filter(U.id > 1).order_by(U.id.desc()).limit(2).offset(3))
out("legacy_group_having", q.order_by(U.id).group_by(U.username).having(func.count(U.id) > 1).distinct())
out("legacy_func", s.query(func.count(U.id)))
out("legacy_func_label", s.query(U.username, func.count(U.id).label('n')).group_by(U.username))

# --- DDL constraint order: PK, table-level (CHECK) constraints, then column
# by column UNIQUE before FOREIGN KEY ---
md2 = MetaData()
Table("p", md2, Column("id", Integer, primary_key=True))
m = Table(
    "m", md2,
    Column("id", Integer, primary_key=True),
    Column("a", Integer, ForeignKey("p.id")),
    Column("b", Integer, unique=True),
    Column("c", Integer, ForeignKey("p.id"), unique=True),
    Column("d", Integer, unique=True, index=True),
    Column("k2", Integer, primary_key=True),
)
out("ddl_interleave", CreateTable(m).compile(dialect=D))
everything2 = Table(
    "Order", md2,
    Column("id", Integer, primary_key=True),
    Column("UserName", String(10), unique=True),
    Column("group", Integer, ForeignKey("p.id", ondelete="SET NULL", onupdate="CASCADE")),
    Column("x y", Integer, ForeignKey("p.id"), nullable=False),
    Column('we"ird', Integer),
    CheckConstraint("id > 0"),
)
out("ddl_everything2", CreateTable(everything2).compile(dialect=D))

# --- LIKE ... ESCAPE (SQLite text) and the ORM's autoescape of the value ---
w("like_escape", User.username.like("a", escape="^"), User.username.not_like("a", escape="^"))
w("ilike_escape", User.username.ilike("a", escape="^"), User.username.not_ilike("a", escape="^"))
w("startswith_auto", User.username.startswith("a", autoescape=True), User.username.endswith("a", autoescape=True), User.username.contains("a", autoescape=True))
w("not_contains_auto", ~User.username.contains("a", autoescape=True))
w("quote_escape", User.username.like("a", escape="'"))
w("or_escape", or_(User.username.like("a", escape="^"), User.id == 1))
ae = select(User.id).where(
    User.username.contains("5%_/x", autoescape=True),
    User.username.startswith("a^%", autoescape=True, escape="^"),
    User.username.endswith("%", autoescape=True, escape="%"),
).compile(dialect=D)
print("autoescape_values:", [ae.params[k] for k in ae.positiontup])

# --- Mode::Generic: str() of an unbound statement (the default dialect) ---
md3 = MetaData()
gu = Table("user", md3, Column("id", Integer, primary_key=True), Column("username", String), Column("email", String))
go = Table("order", md3, Column("id", Integer, primary_key=True), Column("group", String), Column("UserName", String),
           Column("key", String), Column("x y", String), Column("p%(c)", String))
gp = Table("post", md3, Column("id", Integer, primary_key=True), Column("category_id", Integer))
gc = gu.c
out("generic_select_2_0", select(gu).where(gc.username == "admin"))
out("generic_limit", select(gc.id).limit(5))
out("generic_offset", select(gc.id).offset(5))
out("generic_limit_offset", select(gc.id).limit(5).offset(10))
out("generic_order_limit", select(gu).where(gc.username == "x").order_by(gc.id).limit(3))
out("generic_reserved", select(go).where(go.c.group == "x", go.c.key == "y", go.c["x y"] == "z", go.c["p%(c)"] == "w", go.c.UserName == "v"))
out("generic_names", select(gc.id).where(gc.id.in_([1, 2]), gc.id == 5, gc.id.between(1, 9), gc.username.not_in(["a"]), gc.id + 1 > 2, func.lower(gc.username) == "a"))
out("generic_labels_share", select(gc.id, func.count(gc.id), func.count(gc.id)).where(func.count(gc.id) == 1))
out("generic_truediv", select(gc.id).where(gc.id / 2 > 1))
out("generic_text", select(gc.id).where(text("id > :x and username = :y")))
out("generic_join_group", select(gc.username, func.count(gp.c.id).label("n")).join(gp, gp.c.category_id == gc.id).group_by(gc.username).having(func.count(gp.c.id) > 1).order_by(desc("n")))
out("generic_subq", select(select(gu).where(gc.id == 1).subquery()))
out("generic_exists", select(gc.id).where(exists().where(gp.c.category_id == gc.id, gp.c.id == 3)))
out("generic_escape", select(gc.id).where(gc.username.contains("a", autoescape=True), ~gc.username.startswith("b", escape="^"), gc.username.like("c", escape="'")))
