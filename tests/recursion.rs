//! Deep and self-containing data never aborts ormsh (issue 11, item 10):
//! what Python answers, ormsh answers; where Python raises RecursionError,
//! so does ormsh, with Python's words (checked against python3 3.11);
//! freeing deep data never recurses. Each test runs the real binary (a
//! debug build in `cargo test`, whose stack frames are the largest) in a
//! temporary directory.

mod scratch;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Where this run's files live; the working directory of every ormsh.
fn work_dir() -> PathBuf {
    let dir = scratch::dir("recursion");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Run `script` as a file, going on past failing statements.
fn run(name: &str, script: &str) -> Output {
    let file = work_dir().join(format!("{name}.orm"));
    std::fs::write(&file, script).expect("write the script");
    Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .current_dir(work_dir())
        .args(["--keep-going", "-f"])
        .arg(&file)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run ormsh")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The `error: …` lines of stderr, without the file position.
fn errors(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter_map(|l| l.split_once(" error: ").map(|(_, e)| e.to_string()))
        .collect()
}

/// The process ended by itself (not by a signal such as SIGABRT after a
/// stack overflow) with `code`.
fn exited(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "status {:?}, stderr:\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
}

const IN_COMPARISON: &str = "RecursionError: maximum recursion depth exceeded in comparison";

#[test]
fn self_containing_containers_compare_as_python_does() {
    let setup = "x = []\nx.append(x)\ny = []\ny.append(y)\nd = {}\nd[1] = d\ne = {}\ne[1] = e\n";
    // Each raises in Python 3.11 (python3 -c …).
    let raising = [
        "x == y",
        "x != y",
        "x < y",
        "x <= y",
        "x in y",
        "x in [y]",
        "y.index(x)",
        "y.count(x)",
        "y.remove(x)",
        "sorted([x, y])",
        "max(x, y)",
        "d == e",
        "{1: x} == {1: y}",
        "(x,) == (y,)",
    ];
    // Each is answered (identity first, as Python's containers do).
    let answered = "x == x\nx in x\n[x] == [x]\nx.count(x)\nd == d\nx\n";
    let script = format!("{setup}{}\n{answered}", raising.join("\n"));
    let o = run("self-containing", &script);
    exited(&o, 1);
    assert_eq!(errors(&o), vec![IN_COMPARISON; raising.len()]);
    assert_eq!(stdout(&o), "True\nTrue\nTrue\n1\nTrue\n[[...]]\n");
}

#[test]
fn deep_values_are_freed_without_recursion() {
    // Two hundred thousand levels of each container, and of a chain through
    // bound methods (objects that own values).
    let o = run(
        "free-deep",
        "x = []
for i in range(200000): x = [x]
x = None
t = ()
for i in range(200000): t = (t,)
t = None
d = {}
for i in range(200000): d = {1: d}
d = None
f = [].append
for i in range(200000): f = [f].append
f = None
print('freed')
",
    );
    exited(&o, 0);
    assert_eq!(stdout(&o), "freed\n");
}

#[test]
fn million_deep_values_compare_and_print_with_a_recursion_error() {
    let o = run(
        "million-deep",
        "x = []
y = []
for i in range(1000000): x = [x]; y = [y]
x == y
x < y
x in [y]
len(repr(x))
k = ()
for i in range(100000): k = (k,)
m = {k: 'found'}
m[k]
",
    );
    exited(&o, 1);
    assert_eq!(
        errors(&o),
        vec![
            IN_COMPARISON,
            IN_COMPARISON,
            IN_COMPARISON,
            "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
        ]
    );
    // A deep tuple is a dict key like any other (hashable; keys compare
    // without recursion).
    assert_eq!(stdout(&o), "'found'\n");
}

#[test]
fn evaluation_nests_as_deep_as_python_allows() {
    // A comprehension with 4,000 `for` clauses runs (Python's too); one
    // with 100,000 crashes CPython 3.11 and is a RecursionError here.
    let clauses = |n: usize| format!("len([1 {}])\n", "for i in [1] ".repeat(n));
    let script = format!(
        "f = lambda n: 0 if n == 0 else 1 + f(n - 1)\nf(900)\nf(5000)\nf(10)\n{}{}",
        clauses(4000),
        clauses(100_000)
    );
    let o = run("evaluation-depth", &script);
    exited(&o, 1);
    assert_eq!(stdout(&o), "900\n10\n1\n");
    assert_eq!(
        errors(&o),
        vec!["RecursionError: maximum recursion depth exceeded"; 2]
    );
}

#[test]
fn sql_expressions_nest_up_to_sqlites_limit() {
    let o = run(
        "sql-depth",
        "model A <
    id = db.Column(db.Integer, primary_key=True)
>
db.create_all()
c = A.id
for i in range(500): c = c + 1
A.query.filter(c > 0).count()
c = A.id
for i in range(100000): c = -c
c = A.id == 1
for i in range(100000): c = (c & (A.id == 2)) | (A.id == 3)
n = A.id == 1
for i in range(100000): n = not_(n) & (A.id == 2)
print('done')
",
    );
    exited(&o, 1);
    assert_eq!(stdout(&o), "0\ndone\n");
    let errs = errors(&o);
    assert_eq!(errs.len(), 3, "{errs:?}");
    for e in errs {
        assert!(
            e.starts_with("RecursionError: maximum recursion depth exceeded: this SQL expression nests 1001 levels deep"),
            "{e}"
        );
    }
}

#[test]
fn joins_stop_at_sqlites_64_tables() {
    let o = run(
        "joins",
        "model A <
    id = db.Column(db.Integer, primary_key=True)
>
model B <
    id = db.Column(db.Integer, primary_key=True)
    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))
>
q = A.query
for i in range(63): q = q.join(B, A.id == B.a_id)
print('built')
for i in range(1000): q = q.join(B, A.id == B.a_id)
",
    );
    exited(&o, 1);
    assert_eq!(stdout(&o), "built\n");
    assert_eq!(
        errors(&o),
        vec!["OperationalError: at most 64 tables in a join"]
    );
}

#[test]
fn a_file_that_reads_itself_stops_with_one_error() {
    let dir = work_dir();
    std::fs::write(dir.join("a.orm"), "print('a')\n.read b.orm\n").unwrap();
    std::fs::write(dir.join("b.orm"), ".read a.orm\n").unwrap();
    for (name, script) in [("self", ".read self.orm\n"), ("mutual", ".read a.orm\n")] {
        let o = run(name, script);
        exited(&o, 1);
        let errs = errors(&o);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].starts_with(".read nested too deeply: 25 files"),
            "{errs:?}"
        );
    }
}
