"""Random sequences of session operations over a model set.

`generate(rng, modelset)` returns a list of `Stmt(tag, text)`: the model
definitions and `db.create_all()` first, then 6-40 operations drawn from
writes (new objects, add, delete, column, key, foreign-key and relationship
edits, collection append/remove/assign), session calls (flush, commit,
rollback, expire, expire_all, refresh, expunge, merge, get) and reads
(reprs, attributes, collections, session membership and the new/dirty/
deleted sets, legacy and 2.0 queries, joins, `any`/`has`, `with_parent`,
eager-loading options). About a quarter of sequences end with a flush meant
to fail on a UNIQUE, NOT NULL or FOREIGN KEY constraint.

A rough simulation of each variable's state (transient, pending, persistent,
merged - pending or persistent, unknown -, deleted, detached) steers the choices towards operations that do something;
it need not be exact, since both sides run whatever is generated. Only
constructs the reference translator handles are written: one statement per
line, no `;` after an expression, no bare queries, no Numeric (ormsh gives
float on purpose), queries ordered so row order is defined.
"""

from dataclasses import dataclass

NAMES = ["a", "b", "c", "d", "e"]
CODES = ["k1", "k2", "k3", "k4", "k5"]
ANY = ("transient", "pending", "persistent", "merged", "deleted", "gone", "detached")
LIVE = ("transient", "pending", "persistent", "merged")


@dataclass
class Stmt:
    """One generated statement; `tag` names the operation, for grouping."""
    tag: str
    text: str


class Var:
    """A script variable holding an object, with its simulated state."""

    def __init__(self, name, model, state):
        self.name, self.model, self.state = name, model, state


class SeqGen:
    """Draws one operation sequence for one model set."""

    def __init__(self, rng, ms):
        self.rng, self.ms = rng, ms
        self.vars = []
        self.counts = {}
        self.links = {}          # (var name, attr) -> names of vars put in that collection
        self.out = []

    # ----- helpers -------------------------------------------------------
    def emit(self, tag, text):
        self.out.append(Stmt(tag, text))

    def value(self, col):
        r = self.rng
        return {"int": lambda: r.randint(0, 9), "str": lambda: r.choice(NAMES),
                "float": lambda: r.choice([0.5, 1.0, 2.25, -3.0]),
                "bool": lambda: r.choice([True, False]),
                "date": lambda: "date(2024, 1, %d)" % r.randint(1, 28)}[col.kind]()

    @staticmethod
    def lit(v):
        return v if isinstance(v, str) and v.startswith("date(") else repr(v)

    def new_var(self, model, state):
        self.counts[model.name] = self.counts.get(model.name, 0) + 1
        v = Var("%s%d" % (model.table, self.counts[model.name]), model, state)
        self.vars.append(v)
        return v

    def pick(self, model=None, states=None, other_than=None):
        """A variable (of `model`, in one of `states`), or None.

        Without `states`, nine times in ten only live objects (transient,
        pending, persistent, merged) are chosen, so that most operations are ones
        SQLAlchemy accepts; the rest may touch deleted and detached ones.
        """
        if states is None and self.rng.random() < 0.9:
            states = LIVE
        pool = [v for v in self.vars if (model is None or v.model.name == model)
                and (states is None or v.state in states)]
        if other_than is not None and len(pool) > 1 and self.rng.random() < 0.9:
            pool = [v for v in pool if v is not other_than]
        return self.rng.choice(pool) if pool else None

    def pk_kwargs(self, m):
        r = self.rng
        if m.pk == "str":
            return ["code=%r" % r.choice(CODES)] if r.random() < 0.95 else []
        if m.pk == "composite":
            return ["k1=%d" % r.randint(1, 4), "k2=%r" % r.choice(["x", "y"])]
        return ["id=%d" % r.randint(1, 6)] if r.random() < 0.05 else []

    def key(self, m, x="x"):
        """A tuple expression of the key and plain columns of `x`, for listings."""
        cols = [c.name for c in m.columns] + [f.name for f in m.fks]
        return "(%s,)" % ", ".join("%s.%s" % (x, c) for c in cols)

    # ----- state changes of the simulation ------------------------------
    def flushed(self):
        for v in self.vars:
            if v.state in ("pending", "merged"):
                v.state = "persistent"
            elif v.state == "deleted":
                v.state = "gone"

    def committed(self):
        self.flushed()
        for v in self.vars:
            if v.state == "gone":
                v.state = "detached"

    def rolled_back(self):
        for v in self.vars:
            if v.state == "pending":
                v.state = "transient"
            elif v.state in ("deleted", "gone"):
                v.state = "persistent"

    # ----- writes --------------------------------------------------------
    def op_new(self):
        r = self.rng
        m = r.choice(self.ms.models)
        kw = self.pk_kwargs(m)
        for c in m.plain():
            if r.random() < (0.97 if not c.nullable else 0.7):
                kw.append("%s=%s" % (c.name, self.lit(self.value(c))))
        linked = {}
        for e in m.ends:
            other = self.pick(e.target)
            if other is None or r.random() > 0.3:
                continue
            if e.collection and not e.dynamic:
                kw.append("%s=[%s]" % (e.attr, other.name))
                linked[e.attr] = [other.name]
            elif not e.collection:
                kw.append("%s=%s" % (e.attr, other.name))
        v = self.new_var(m, "transient")
        for attr, names in linked.items():
            self.links[(v.name, attr)] = names
        self.emit("new", "%s = %s(%s)" % (v.name, m.name, ", ".join(kw)))
        if r.random() < 0.6:
            self.emit("add", "db.session.add(%s)" % v.name)
            v.state = "pending"

    def op_add(self):
        v = self.pick(states=("transient", "detached", "persistent"))
        if v is None:
            return False
        w = self.pick() if self.rng.random() < 0.2 else None
        if w is not None:
            self.emit("add_all", "db.session.add_all([%s, %s])" % (v.name, w.name))
            w.state = "pending" if w.state == "transient" else w.state
        else:
            self.emit("add", "db.session.add(%s)" % v.name)
        v.state = "pending" if v.state == "transient" else "persistent"
        return True

    def op_delete(self):
        v = self.pick(states=("persistent",) if self.rng.random() < 0.97 else None)
        if v is None:
            return False
        self.emit("delete", "db.session.delete(%s)" % v.name)
        v.state = "deleted"
        return True

    def op_set_column(self):
        v = self.pick()
        if v is None or not v.model.plain():
            return False
        c = self.rng.choice(v.model.plain())
        val = "None" if c.nullable and self.rng.random() < 0.2 else self.lit(self.value(c))
        self.emit("set_column", "%s.%s = %s" % (v.name, c.name, val))
        return True

    def op_set_pk(self):
        v = self.pick()
        if v is None:
            return False
        m = v.model
        if m.pk == "str":
            val = repr(self.rng.choice(CODES + ["k8", "k9"]))
        elif m.pk == "composite":
            val = repr(self.rng.choice(["x", "y", "z"]))
            self.emit("set_pk", "%s.k2 = %s" % (v.name, val))
            return True
        else:
            val = str(self.rng.randint(1, 9))
        self.emit("set_pk", "%s.%s = %s" % (v.name, m.pk_names[0], val))
        return True

    def op_set_fk(self):
        cands = [v for v in self.vars if v.model.fks]
        if not cands:
            return False
        v = self.rng.choice(cands)
        fk = self.rng.choice(v.model.fks)
        target = self.ms.get(fk.target)
        w = self.pick(fk.target)
        roll = self.rng.random()
        if w is not None and roll < 0.7:
            val = "%s.%s" % (w.name, target.pk_names[0])
        elif roll < 0.9:
            val = "None"
        else:
            val = "999" if fk.kind == "int" else "'zz'"
        self.emit("set_fk", "%s.%s = %s" % (v.name, fk.name, val))
        return True

    def ends(self, collection=None):
        out = []
        for v in self.vars:
            for e in v.model.ends:
                if collection is None or e.collection == collection:
                    out.append((v, e))
        return out

    def op_set_scalar(self):
        cands = self.ends(collection=False)
        if not cands:
            return False
        v, e = self.rng.choice(cands)
        w = self.pick(e.target, other_than=v)
        if w is None or self.rng.random() < 0.2:
            self.emit("set_scalar_none", "%s.%s = None" % (v.name, e.attr))
        else:
            self.emit("set_scalar", "%s.%s = %s" % (v.name, e.attr, w.name))
        return True

    def op_collection(self):
        cands = self.ends(collection=True)
        if not cands:
            return False
        r = self.rng
        v, e = r.choice(cands)
        linked = self.links.setdefault((v.name, e.attr), [])
        roll = r.random()
        if roll < 0.45:
            w = self.pick(e.target, other_than=v)
            if w is None:
                return False
            self.emit("append", "%s.%s.append(%s)" % (v.name, e.attr, w.name))
            linked.append(w.name)
        elif roll < 0.75 and (linked or (r.random() < 0.1 and (first := self.pick(e.target)))):
            # The second pick draws as before (sequences stay the same); it
            # may find nothing where the first found a variable.
            w = linked.pop(r.randrange(len(linked))) if linked else (self.pick(e.target) or first).name
            self.emit("remove", "%s.%s.remove(%s)" % (v.name, e.attr, w))
        elif e.dynamic:
            return False
        elif roll < 0.9:
            ws = [w for w in self.vars if w.model.name == e.target and (w is not v or r.random() < 0.1)]
            if not ws:
                return False
            ws = r.sample(ws, min(len(ws), r.randint(1, 2)))
            self.emit("assign_collection", "%s.%s = [%s]" % (v.name, e.attr, ", ".join(w.name for w in ws)))
            linked[:] = [w.name for w in ws]
        else:
            self.emit("clear_collection", "%s.%s = []" % (v.name, e.attr))
            linked.clear()
        return True

    # ----- session calls --------------------------------------------------
    def op_session(self):
        r = self.rng
        roll = r.random()
        v = self.pick()
        if roll < 0.25:
            self.emit("flush", "db.session.flush()")
            self.flushed()
        elif roll < 0.5:
            self.emit("commit", "db.session.commit()")
            self.committed()
        elif roll < 0.62:
            self.emit("rollback", "db.session.rollback()")
            self.rolled_back()
        elif roll < 0.89:
            return self.op_state_call(roll)
        else:
            return self.op_merge()
        return True

    def op_state_call(self, roll):
        """expire, expire_all, refresh or expunge; nearly always on an object they accept."""
        strict = self.rng.random() < 0.97
        if roll < 0.77:
            self.emit("expire_all", "db.session.expire_all()")
            return True
        if roll < 0.84:
            v = self.pick(states=("persistent",) if strict else ANY)
            call = self.rng.choice(["expire", "refresh"])
        else:
            v = self.pick(states=("pending", "persistent") if strict else ANY)
            call = "expunge"
        if v is None:
            return False
        self.emit(call, "db.session.%s(%s)" % (call, v.name))
        if call == "expunge" and v.state != "transient":
            v.state = "detached"
        return True

    def has_rows(self, model):
        """Whether the simulation thinks `model`'s table has a row."""
        return any(v.model is model and v.state in ("persistent", "detached") for v in self.vars)

    def op_merge(self):
        r = self.rng
        m = r.choice(self.ms.models)
        v = self.pick(m.name)
        if v is not None and r.random() < 0.5:
            w = self.new_var(m, "merged")
            self.emit("merge_var", "%s = db.session.merge(%s)" % (w.name, v.name))
            return True
        kw = {"int": ["id=%d" % r.randint(1, 4)], "str": ["code=%r" % r.choice(CODES)],
              "composite": ["k1=%d" % r.randint(1, 4), "k2=%r" % r.choice(["x", "y"])]}[m.pk]
        kw += ["%s=%s" % (c.name, self.lit(self.value(c))) for c in m.plain() if r.random() < 0.7]
        w = self.new_var(m, "merged")
        self.emit("merge_new", "%s = db.session.merge(%s(%s))" % (w.name, m.name, ", ".join(kw)))
        return True

    def op_fetch(self):
        r = self.rng
        m = r.choice(self.ms.models)
        if not self.has_rows(m) and r.random() < 0.9:
            return False
        w = self.new_var(m, "persistent")
        roll = r.random()
        if roll < 0.6:
            self.emit("fetch_first", "%s = %s.query.order_by(%s).first()" % (w.name, m.name, m.order_col))
        elif roll < 0.85 and m.pk != "composite":
            key = r.randint(1, 2) if m.pk == "int" else r.choice(CODES)
            self.emit("fetch_get", "%s = db.session.get(%s, %r)" % (w.name, m.name, key))
        else:
            self.emit("fetch_filter", "%s = %s.query.filter_by(name=%r).order_by(%s).first()"
                      % (w.name, m.name, r.choice(NAMES), m.order_col))
        return True

    # ----- reads ----------------------------------------------------------
    def op_read_object(self):
        r = self.rng
        v = self.pick()
        if v is None:
            return False
        roll = r.random()
        ends = v.model.ends
        if roll < 0.2:
            self.emit("repr", v.name)
        elif roll < 0.4:
            c = r.choice(v.model.columns + v.model.fks)
            self.emit("attr", "%s.%s" % (v.name, c.name))
        elif roll < 0.7 and ends:
            e = r.choice(ends)
            if e.dynamic:
                self.emit("dynamic_read", "%s.%s.%s()" % (v.name, e.attr, r.choice(["all", "count"])))
            elif e.collection and r.random() < 0.3:
                self.emit("len", "len(%s.%s)" % (v.name, e.attr))
            else:
                self.emit("rel_read", "%s.%s" % (v.name, e.attr))
        elif roll < 0.85:
            where = r.choice(["db.session", "db.session.new", "db.session.dirty", "db.session.deleted"])
            self.emit("membership", "%s in %s" % (v.name, where))
        else:
            self.emit("session_sets", "(len(db.session.new), len(db.session.dirty), len(db.session.deleted))")
        return True

    def op_query(self):
        r = self.rng
        m = r.choice(self.ms.models)
        o = m.order_col
        colls = [e for e in m.ends if e.collection]
        scalars = [e for e in m.ends if not e.collection]
        roll = r.random()
        if roll < 0.25:
            self.emit("query_all", "%s.query.order_by(%s).all()" % (m.name, o))
        elif roll < 0.45:
            self.emit("query_rows", "[%s for x in %s.query.order_by(%s)]" % (self.key(m), m.name, o))
        elif roll < 0.52:
            self.emit("query_count", "%s.query.count()" % m.name)
        elif roll < 0.6:
            self.emit("query_filter_by", "%s.query.filter_by(name=%r).order_by(%s).all()" % (m.name, r.choice(NAMES), o))
        elif roll < 0.67:
            self.emit("select_scalars", "db.session.execute(db.select(%s).order_by(%s)).scalars().all()" % (m.name, o))
        elif roll < 0.75 and colls:
            # SQLAlchemy refuses a join along a self-referential relationship
            # (it needs an alias), so it is drawn only now and then.
            others = [e for e in colls if e.target != m.name]
            e = r.choice(others if others and r.random() < 0.9 else colls)
            if e.target == m.name and r.random() < 0.8:
                return False
            self.emit("query_join", "%s.query.join(%s.%s).order_by(%s).all()" % (m.name, m.name, e.attr, o))
        elif roll < 0.82 and colls:
            e = r.choice(colls)
            self.emit("query_any", "%s.query.filter(%s.%s.any()).order_by(%s).all()" % (m.name, m.name, e.attr, o))
        elif roll < 0.88 and scalars:
            e = r.choice(scalars)
            # comparing with a transient object is an error in SQLAlchemy: mostly persistent ones
            v = self.pick(e.target, states=("pending", "persistent") if r.random() < 0.95 else None)
            if v is None:
                self.emit("query_has", "%s.query.filter(%s.%s.has()).order_by(%s).all()" % (m.name, m.name, e.attr, o))
            else:
                self.emit("query_filter_rel", "%s.query.filter_by(%s=%s).order_by(%s).all()" % (m.name, e.attr, v.name, o))
        elif roll < 0.94 and [e for e in colls if not e.dynamic]:
            e = r.choice([e for e in colls if not e.dynamic])
            t = self.ms.get(e.target)
            opt = r.choice(["joinedload", "selectinload", "subqueryload"])
            self.emit("query_eager", "[(%s, [%s for y in x.%s]) for x in %s.query.options(%s(%s.%s)).order_by(%s)]" % (
                self.key(m), self.key(t, "y"), e.attr, m.name, opt, m.name, e.attr, o))
        else:
            self.emit("query_first", "%s.query.order_by(%s).first()" % (m.name, o))
        return True

    # ----- the deliberate failure -----------------------------------------
    def op_fail(self):
        r = self.rng
        kinds = []
        for m in self.ms.models:
            if any(c.unique for c in m.plain()):
                kinds.append(("unique", m))
            if any(not c.nullable for c in m.plain()) or [f for f in m.fks if not f.nullable]:
                kinds.append(("notnull", m))
            if m.fks:
                kinds.append(("fk", m))
        if not kinds:
            return False
        kind, m = r.choice(kinds)
        required = [c for c in m.plain() if not c.nullable]
        if kind == "unique":
            col = r.choice([c for c in m.plain() if c.unique])
            objs = []
            for _ in range(2):
                kw = self.pk_kwargs(m) + ["%s=%s" % (c.name, self.lit(self.value(c))) for c in required if c is not col]
                objs.append("%s(%s)" % (m.name, ", ".join(kw + ["%s=%s" % (col.name, self.lit(self.value(col)))])))
            self.emit("fail_unique", "db.session.add_all([%s])" % ", ".join(objs))
        elif kind == "notnull":
            v = self.pick(m.name)
            nn = [c.name for c in required] + [f.name for f in m.fks if not f.nullable]
            if v is None:
                v = self.new_var(m, "pending")
                self.emit("new", "%s = %s(%s)" % (v.name, m.name, ", ".join(self.pk_kwargs(m))))
                self.emit("add", "db.session.add(%s)" % v.name)
            else:
                self.emit("fail_notnull", "%s.%s = None" % (v.name, r.choice(nn)))
        else:
            v = self.pick(m.name)
            if v is None:
                return False
            fk = r.choice(m.fks)
            self.emit("fail_fk", "%s.%s = %s" % (v.name, fk.name, "999" if fk.kind == "int" else "'zz'"))
            if v.state == "transient":
                self.emit("add", "db.session.add(%s)" % v.name)
        self.emit("fail_flush", r.choice(["db.session.flush()", "db.session.commit()"]))
        return True


# Statements that autoflush in SQLAlchemy (queries; lazy loads, roughly).
AUTOFLUSH = ("query_", "select_", "fetch_", "rel_read", "len", "dynamic_read")

WRITE_OPS = [("op_new", 14), ("op_add", 5), ("op_delete", 6), ("op_set_column", 6), ("op_set_pk", 1),
             ("op_set_fk", 3), ("op_set_scalar", 5), ("op_collection", 8)]
OTHER_OPS = [("op_session", 14), ("op_fetch", 4), ("op_read_object", 18), ("op_query", 14)]


def generate(rng, ms):
    """The statements of one random sequence over model set `ms`."""
    g = SeqGen(rng, ms)
    for text in ms.source_lines():
        g.emit("define", text)
    names, weights = zip(*(WRITE_OPS + OTHER_OPS))
    length = rng.randint(6, 40)
    done = 0
    while done < length:
        op = "op_new" if len(g.vars) < 2 and rng.random() < 0.6 else rng.choices(names, weights)[0]
        if getattr(g, op)() is not False:
            done += 1
            if g.out[-1].tag.startswith(AUTOFLUSH):
                g.flushed()
    if rng.random() < 0.25:
        g.op_fail()
    elif rng.random() < 0.5:
        g.emit("commit", "db.session.commit()")
    return g.out
