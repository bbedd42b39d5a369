"""Random model sets for the differential fuzzer.

A model set is 1-4 models (`Ant`, `Bee`, `Cat`, `Dog`, tables `ant` ...)
with a primary key (an integer `id`, a string `code`, or a composite
`k1, k2`), a few plain columns (nullable or not, unique or not, with or
without a default) and relationships of every kind between them:

- `o2m`     one-to-many with `backref=` (or `db.backref(name, lazy=...)`)
- `o2m_bp`  one-to-many with `back_populates=` on both sides
- `o2m_one` one-to-many with no back-reference
- `m2o_one` many-to-one with no back-reference
- `o2o`     one-to-one (`uselist=False`) with a back-reference
- `m2m`     many-to-many through a `db.Table` (`secondary=`)
- `self`    an adjacency list (`remote_side=[id]`), declared on either side

Relationships go from an earlier model to a later one, so foreign keys never
form a cycle between tables (that would need `post_update`, which is out of
scope). Models with a composite key are never the target of a foreign key.
Everything the generator writes is something `orm2py.py` translates.
"""

from dataclasses import dataclass, field

NAMES = ["Ant", "Bee", "Cat", "Dog"]

# cascade= settings; None means SQLAlchemy's default ("save-update, merge").
CASCADES = [None, None, "all", "all, delete-orphan", "save-update, merge, delete",
            "save-update", "delete"]
COLLECTION_LAZY = [None, None, None, "select", "joined", "selectin", "subquery",
                   "dynamic"]
SCALAR_LAZY = [None, None, "select", "joined", "selectin"]


@dataclass
class Column:
    """A plain column: `kind` is one of int, str, float, bool, date."""
    name: str
    kind: str
    nullable: bool = True
    unique: bool = False
    default: object = None
    primary_key: bool = False

    def source(self):
        """The `db.Column(...)` member line."""
        types = {"int": "db.Integer", "str": "db.String(20)", "float": "db.Float",
                 "bool": "db.Boolean", "date": "db.Date"}
        opts = []
        if self.primary_key:
            opts.append("primary_key=True")
        if self.unique:
            opts.append("unique=True")
        if not self.nullable and not self.primary_key:
            opts.append("nullable=False")
        if self.default is not None:
            opts.append("default=%r" % (self.default,))
        return "%s = db.Column(%s)" % (self.name, ", ".join([types[self.kind]] + opts))


@dataclass
class ForeignKey:
    """A foreign-key column `name` on its model pointing at `target`'s key."""
    name: str
    target: str
    kind: str
    ref: str
    nullable: bool = True
    unique: bool = False
    ondelete: str = None

    def source(self):
        """The `db.Column(..., db.ForeignKey(...))` member line."""
        typ = "db.Integer" if self.kind == "int" else "db.String(10)"
        fk = "db.ForeignKey(%r%s)" % (self.ref, ", ondelete=%r" % self.ondelete if self.ondelete else "")
        opts = [typ, fk]
        if not self.nullable:
            opts.append("nullable=False")
        if self.unique:
            opts.append("unique=True")
        return "%s = db.Column(%s)" % (self.name, ", ".join(opts))


@dataclass
class End:
    """One navigable side of a relationship: `owner.attr` reaches `target`."""
    owner: str
    attr: str
    target: str
    collection: bool
    dynamic: bool = False
    m2m: bool = False
    cascade: str = None
    fk: str = None          # the foreign-key column on owner, for many-to-one ends


@dataclass
class Model:
    """One model of the set and what the operation generator may touch."""
    name: str
    pk: str                                   # 'int', 'str' or 'composite'
    columns: list = field(default_factory=list)
    fks: list = field(default_factory=list)
    rel_lines: list = field(default_factory=list)
    ends: list = field(default_factory=list)
    repr_style: str = "default"

    @property
    def table(self):
        """Flask-SQLAlchemy's table name for these one-word names."""
        return self.name.lower()

    @property
    def pk_names(self):
        """The primary-key attribute names."""
        return {"int": ["id"], "str": ["code"], "composite": ["k1", "k2"]}[self.pk]

    @property
    def order_col(self):
        """An expression that orders this model's rows deterministically."""
        return "%s.%s" % (self.name, self.pk_names[0]) if self.pk != "composite" else \
            "%s.k1, %s.k2" % (self.name, self.name)

    def plain(self, kind=None):
        """Plain (non-key) columns, optionally of one kind."""
        return [c for c in self.columns if not c.primary_key and (kind is None or c.kind == kind)]

    def source(self):
        """The `model NAME < ... >` block."""
        lines = ["model %s <" % self.name]
        lines += ["    " + c.source() for c in self.columns]
        lines += ["    " + f.source() for f in self.fks]
        lines += ["    " + r for r in self.rel_lines]
        if self.repr_style != "default":
            label = {"int": "self.id", "str": "self.code", "composite": "self.k1"}[self.pk]
            second = "self.name" if any(c.name == "name" for c in self.columns) else label
            if self.repr_style == "fstring":
                lines.append("    __repr__ = f'<%s {%s} {%s!r}>'" % (self.name, label, second))
            else:
                lines.append("    __repr__ = '<%s %%r %%r>' %% (%s, %s)" % (self.name, label, second))
        lines.append(">")
        return "\n".join(lines)


@dataclass
class ModelSet:
    """Models plus the association tables they use, in definition order."""
    models: list
    tables: list = field(default_factory=list)   # db.Table statements

    def get(self, name):
        """The model called `name`."""
        return next(m for m in self.models if m.name == name)

    def source_lines(self):
        """Statements that define everything and create the tables."""
        return list(self.tables) + [m.source() for m in self.models] + ["db.create_all()"]


def _columns(rng, pk):
    cols = []
    if pk == "int":
        cols.append(Column("id", "int", primary_key=True))
    elif pk == "str":
        cols.append(Column("code", "str", primary_key=True))
    else:
        cols += [Column("k1", "int", primary_key=True), Column("k2", "str", primary_key=True)]
    cols.append(Column("name", "str", nullable=rng.random() > 0.25, unique=rng.random() < 0.3))
    if rng.random() < 0.6:
        cols.append(Column("n", "int", nullable=rng.random() > 0.15,
                           default=0 if rng.random() < 0.3 else None))
    if rng.random() < 0.25:
        cols.append(Column("score", "float"))
    if rng.random() < 0.2:
        cols.append(Column("flag", "bool"))
    if rng.random() < 0.15:
        cols.append(Column("day", "date"))
    return cols


def _lazy_kw(lazy):
    return ", lazy=%r" % lazy if lazy else ""


def _cascade_kw(cascade):
    return ", cascade=%r" % cascade if cascade else ""


def _add_fk(rng, parent, child, unique=False):
    """Give `child` a foreign key to `parent`; returns the column name.

    A self-referential key is `parent_id` (or `parent_code`) and nullable:
    the root of a tree has no parent.
    """
    key = parent.pk_names[0]
    own = parent is child
    fk = ForeignKey("%s_%s" % ("parent" if own else parent.table, key), parent.name,
                    "int" if parent.pk == "int" else "str", "%s.%s" % (parent.table, key),
                    nullable=own or rng.random() > 0.2, unique=unique,
                    ondelete="CASCADE" if rng.random() < 0.1 else None)
    child.fks.append(fk)
    return fk.name


def _relate(rng, kind, p, c, ms):
    """Add a relationship of `kind` from parent `p` to child `c` (p may be c)."""
    many, one = c.table + "s", p.table
    if kind in ("o2m", "o2m_bp", "o2m_one", "o2o"):
        uselist = kind != "o2o"
        fk = _add_fk(rng, p, c, unique=(kind == "o2o" and rng.random() < 0.5))
        attr = many if uselist else c.table
        cascade = rng.choice(CASCADES)
        lazy = rng.choice(COLLECTION_LAZY if uselist else SCALAR_LAZY)
        opts = _cascade_kw(cascade) + _lazy_kw(lazy) + ("" if uselist else ", uselist=False")
        if kind == "o2m":
            blazy = rng.choice(SCALAR_LAZY)
            back = "db.backref(%r, lazy=%r)" % (one, blazy) if blazy else repr(one)
            p.rel_lines.append("%s = db.relationship(%r, backref=%s%s)" % (attr, c.name, back, opts))
        elif kind == "o2o":
            p.rel_lines.append("%s = db.relationship(%r, backref=%r%s)" % (attr, c.name, one, opts))
        elif kind == "o2m_bp":
            p.rel_lines.append("%s = db.relationship(%r, back_populates=%r%s)" % (attr, c.name, one, opts))
            c.rel_lines.append("%s = db.relationship(%r, back_populates=%r)" % (one, p.name, attr))
        else:
            p.rel_lines.append("%s = db.relationship(%r%s)" % (attr, c.name, opts))
        p.ends.append(End(p.name, attr, c.name, uselist, dynamic=lazy == "dynamic", cascade=cascade))
        if kind != "o2m_one":
            c.ends.append(End(c.name, one, p.name, False, fk=fk))
    elif kind == "m2o_one":
        fk = _add_fk(rng, p, c)
        c.rel_lines.append("%s = db.relationship(%r%s)" % (one, p.name, _lazy_kw(rng.choice(SCALAR_LAZY))))
        c.ends.append(End(c.name, one, p.name, False, fk=fk))
    elif kind == "m2m":
        assoc = "%s_%s" % (p.table, c.table)
        pk_p, pk_c = p.pk_names[0], c.pk_names[0]
        typ = {"int": "db.Integer", "str": "db.String(10)"}
        ms.tables.append(
            "%s = db.Table(%r, db.Column(%r, %s, db.ForeignKey(%r), primary_key=True), "
            "db.Column(%r, %s, db.ForeignKey(%r), primary_key=True))" % (
                assoc, assoc, "%s_%s" % (p.table, pk_p), typ[p.pk], "%s.%s" % (p.table, pk_p),
                "%s_%s" % (c.table, pk_c), typ[c.pk], "%s.%s" % (c.table, pk_c)))
        lazy = rng.choice(COLLECTION_LAZY)
        cascade = rng.choice([None, None, "all", "save-update"])
        secondary = assoc if rng.random() < 0.7 else repr(assoc)
        p.rel_lines.append("%s = db.relationship(%r, secondary=%s, backref=%r%s%s)" % (
            many, c.name, secondary, p.table + "s", _cascade_kw(cascade), _lazy_kw(lazy)))
        p.ends.append(End(p.name, many, c.name, True, dynamic=lazy == "dynamic", m2m=True, cascade=cascade))
        c.ends.append(End(c.name, p.table + "s", p.name, True, m2m=True))
    elif kind == "self":
        fk = _add_fk(rng, p, p)
        key = p.pk_names[0]
        if rng.random() < 0.5:
            p.rel_lines.append("parent = db.relationship(%r, remote_side=[%s], backref='children')" % (p.name, key))
            cascade = None
        else:
            cascade = rng.choice(CASCADES)
            p.rel_lines.append("children = db.relationship(%r, backref=db.backref('parent', remote_side=[%s])%s)"
                               % (p.name, key, _cascade_kw(cascade)))
        p.ends.append(End(p.name, "parent", p.name, False, fk=fk))
        p.ends.append(End(p.name, "children", p.name, True, cascade=cascade))


def generate(rng):
    """A random ModelSet drawn from `rng` (a random.Random)."""
    count = rng.choice([1, 2, 2, 2, 3, 3, 4])
    models = []
    for name in NAMES[:count]:
        pk = rng.choices(["int", "str", "composite"], [85, 10, 5])[0]
        models.append(Model(name, pk, _columns(rng, pk),
                            repr_style=rng.choice(["default", "fstring", "percent"])))
    ms = ModelSet(models)
    for i, p in enumerate(models):
        if p.pk != "composite" and rng.random() < 0.2:
            _relate(rng, "self", p, p, ms)
        for c in models[i + 1:]:
            if p.pk == "composite" or rng.random() < 0.25:
                continue
            kinds = ["o2m", "o2m", "o2m_bp", "o2m_one", "m2o_one", "o2o"]
            if c.pk != "composite":
                kinds.append("m2m")
            _relate(rng, rng.choice(kinds), p, c, ms)
    return ms
