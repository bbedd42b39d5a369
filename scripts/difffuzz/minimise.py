"""Delta debugging: the smallest script that still shows a difference.

`minimise(stmts, still_differs)` shrinks a statement list in three passes,
each keeping a change only when `still_differs(candidate)` is true (the
caller checks the same kind of difference, so the case does not slide to
another fault):

1. ddmin (Zeller and Hildebrandt, 2002) over the operations, the model
   definitions kept;
2. each definition statement (a model block, a `db.Table`) dropped, one at
   a time;
3. each member line of each model block (columns, relationships,
   `__repr__`) dropped, one at a time, the primary key kept.

Passes 2 and 3 repeat while they remove something (a model is droppable
only once the relationships naming it are gone), then pass 1 runs again.
A budget bounds the number of runs; results are cached by candidate text;
the smallest candidate that still differed is the result.
"""

from ops import Stmt


class Budget(Exception):
    """Raised inside a pass when the run budget is spent."""


class Tester:
    """Calls `still_differs` with caching and a budget of runs."""

    def __init__(self, still_differs, budget, start):
        self.still_differs, self.budget, self.runs, self.cache = still_differs, budget, 0, {}
        self.best = start        # the last candidate that still differed

    def __call__(self, stmts):
        key = "\0".join(s.text for s in stmts)
        if key not in self.cache:
            if self.runs >= self.budget:
                raise Budget()
            self.runs += 1
            self.cache[key] = bool(self.still_differs(stmts))
            if self.cache[key]:
                self.best = list(stmts)
        return self.cache[key]


def ddmin(items, test):
    """Zeller's ddmin over `items` (complements only), then single removals."""
    n = 2
    while len(items) >= 2:
        size = -(-len(items) // n)
        parts = [items[i:i + size] for i in range(0, len(items), size)]
        for k in range(len(parts)):
            rest = [x for j, p in enumerate(parts) if j != k for x in p]
            if test(rest):
                items, n = rest, max(n - 1, 2)
                break
        else:
            if n >= len(items):
                break
            n = min(len(items), 2 * n)
    i = 0
    while i < len(items):
        rest = items[:i] + items[i + 1:]
        if test(rest):
            items = rest
        else:
            i += 1
    return items


def _member_variants(text):
    """Model block `text` with each droppable member line removed in turn."""
    lines = text.split("\n")
    if not lines[0].startswith("model "):
        return
    for i in range(1, len(lines) - 1):
        if "primary_key=True" in lines[i]:
            continue
        yield "\n".join(lines[:i] + lines[i + 1:])


def _shrink_definitions(defs, body, test):
    """One round of passes 2 and 3; returns (defs, whether anything went)."""
    changed = False
    i = 0
    while i < len(defs):
        cand = defs[:i] + defs[i + 1:]
        if defs[i].text != "db.create_all()" and test(cand + body):
            defs, changed = cand, True
        else:
            i += 1
    for i in range(len(defs)):
        for variant in _member_variants(defs[i].text):
            cand = defs[:i] + [Stmt("define", variant)] + defs[i + 1:]
            if test(cand + body):
                return cand, True
    return defs, changed


def minimise(stmts, still_differs, budget=400):
    """The shrunk statement list (and the number of runs it took)."""
    test = Tester(still_differs, budget, list(stmts))
    defs = [s for s in stmts if s.tag == "define"]
    body = [s for s in stmts if s.tag != "define"]
    try:
        body = ddmin(body, lambda b: test(defs + b))
        shrunk, changed = False, True
        while changed:
            defs, changed = _shrink_definitions(defs, body, test)
            shrunk = shrunk or changed
        if shrunk:
            ddmin(body, lambda b: test(defs + b))
    except Budget:
        pass
    return test.best, test.runs
