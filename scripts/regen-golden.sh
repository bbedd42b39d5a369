#!/usr/bin/env bash
# Re-run the reference (Flask-SQLAlchemy, via ../shared/reference/expect) for
# every golden case under tests/cases/ and report any difference.
#
#   scripts/regen-golden.sh                 check every case that has a .out
#   scripts/regen-golden.sh --write         (re)write .out/.kind/.schema/.dump from the reference
#   scripts/regen-golden.sh [--write] PATH… only these cases (.orm files or directories,
#                                           e.g. scripts/tutorials)
#
# Per case NAME.orm:
#   NAME.out     the reference's stdout
#   NAME.kind    the reference's stderr ('error: Kind') when the script fails;
#                absent when it succeeds
#   NAME.schema  (only where the file already exists; create an empty one to
#                ask for it) the DDL the reference stored, i.e.
#                SELECT sql FROM sqlite_master ORDER BY name, NULLs skipped,
#                each statement followed by ';' and a blank line
#   NAME.dump    (only where the file already exists; create an empty one to
#                ask for it) the whole database the reference left: the
#                .schema text, then for each table (sqlite_master type
#                'table', not sqlite_*, ordered by name) a line
#                '-- TABLE name' and its rows (SELECT * ... ORDER BY 1, 2, …, n:
#                every column in order, not rowid, because SQLAlchemy's insert
#                order for association rows is not deterministic),
#                one Python repr() of the row tuple per line
#                (see tests/cases/README.md)
# Cases under tests/cases/python/ (Python's own syntax) are run by
# scripts/pyref/expect, which feeds them to Python's interactive console.
# Cases with setup SQL (NAME.setup.sql, and each OTHER.setup.sql a
# '# setup: OTHER.setup.sql' line among the script's leading comment lines
# names, run first; tests/golden.rs builds the same file): with
# NAME.automap.py beside them, NAME.out is what scripts/automap/expect.py
# prints for that SQL and script (automap in Flask; with NAME.models.py,
# those models instead), run by the reference's Python; without one they
# are ormsh's own (hand-checked) and skipped.
# tests/cases/ormsh/ and tests/cases/modes/ are skipped: their outputs are
# written by hand; so are the
# cases listed in tests/cases/NOREF (the reference cannot run them).
# Needs only what the reference needs (bash, python3; the reference makes its
# own virtualenv on first use). REFERENCE overrides the path of 'expect'.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${REFERENCE:-}
if [ -z "$ref" ]; then
  for c in "$root/../shared/reference/expect" /work/shared/reference/expect; do
    [ -x "$c" ] && { ref=$c; break; }
  done
fi
[ -x "${ref:-}" ] || { echo "regen-golden: cannot find the reference 'expect' (set REFERENCE)" >&2; exit 2; }

# The reference's virtualenv (made by the reference on first use).
refpy=${ORMSH_REF_VENV:-$HOME/.cache/ormsh-reference}/bin/python

write=0
if [ "${1:-}" = "--write" ]; then write=1; shift; fi
[ $# -eq 0 ] && set -- "$root/tests/cases"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dump_schema() {  # DBFILE
  python3 - "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for (sql,) in con.execute("SELECT sql FROM sqlite_master ORDER BY name"):
    if sql is not None:
        print(sql + ";\n")
PY
}

dump_db() {  # DBFILE
  python3 - "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
out = []
for (sql,) in con.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
    out.append(sql + ";\n\n")
for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").fetchall():
    out.append("-- TABLE %s\n" % name)
    q = '"%s"' % name.replace('"', '""')
    n = len(con.execute("SELECT * FROM %s LIMIT 0" % q).description)
    order = ", ".join(str(i) for i in range(1, n + 1))
    for row in con.execute("SELECT * FROM %s ORDER BY %s" % (q, order)):
        out.append(repr(row) + "\n")
sys.stdout.write("".join(out))
PY
}

setup_sql() {  # ORM: print its setup SQL; fail when it has none
  local orm=$1 dir base found=1 line
  dir=$(dirname "$1") base=${1%.orm}
  while IFS= read -r line; do
    case "$line" in
      '# setup: '*) cat "$dir/${line#'# setup: '}" || return 2; echo; found=0 ;;
      '#'*) ;;
      *) break ;;
    esac
  done < "$orm"
  if [ -f "$base.setup.sql" ]; then cat "$base.setup.sql"; found=0; fi
  return $found
}

cases=()
for p in "$@"; do
  case "$p" in /*) ;; *) p="$PWD/$p" ;; esac
  if [ -d "$p" ]; then
    while IFS= read -r f; do cases+=("$f"); done < <(find "$p" -name '*.orm' | sort)
  else
    cases+=("$p")
  fi
done

# Cases listed in tests/cases/NOREF (NAME reason) are not the reference's to check.
noref=$(grep -v '^#' "$root/tests/cases/NOREF" 2>/dev/null | awk 'NF {print $1}')

checked=0 differ=0
for orm in "${cases[@]}"; do
  case "$orm" in */tests/cases/ormsh/*|tests/cases/ormsh/*|*/tests/cases/modes/*|tests/cases/modes/*) continue ;; esac
  base=${orm%.orm}
  rel=${base#"$root/tests/cases/"}
  if printf '%s\n' $noref | grep -qxF "$rel"; then echo "skipped (NOREF): $rel"; continue; fi
  [ $write -eq 1 ] || [ -f "$base.out" ] || continue
  if setup_sql "$orm" > "$tmp/setup.sql"; then
    if [ ! -f "$base.automap.py" ]; then echo "skipped (setup SQL, no .automap.py: hand-checked): $rel"; continue; fi
    [ -x "$refpy" ] || { echo "regen-golden: no reference Python at $refpy (run the reference once, or set ORMSH_REF_VENV)" >&2; exit 2; }
    models=()
    [ -f "$base.models.py" ] && models=("$base.models.py")
    if ! "$refpy" "$root/scripts/automap/expect.py" "$tmp/setup.sql" "$base.automap.py" "${models[@]}" > "$tmp/out" 2> "$tmp/err"; then
      echo "FAIL (reference could not run it): $orm"; tail -n 5 "$tmp/err"
      differ=$((differ+1)); continue
    fi
    checked=$((checked+1))
    if [ $write -eq 1 ]; then cp "$tmp/out" "$base.out"; continue; fi
    diff -u "$base.out" "$tmp/out" > "$tmp/d" || { echo "DIFF stdout: $orm"; cat "$tmp/d"; differ=$((differ+1)); }
    continue
  fi
  want_schema=0 want_dump=0
  [ -f "$base.schema" ] && want_schema=1
  [ -f "$base.dump" ] && want_dump=1
  db="$tmp/db.sqlite"; rm -f "$db"
  # A relative sqlite:/// URI lands in Flask's instance folder: fresh per case.
  rm -rf "$tmp/instance"
  uri="sqlite://"
  if [ $want_schema -eq 1 ] || [ $want_dump -eq 1 ]; then uri="sqlite:///$db"; fi
  case_ref=$ref
  # Python-syntax cases: Python's own console runs them (scripts/pyref/).
  case "$orm" in */tests/cases/python/*) case_ref="$root/scripts/pyref/expect" ;; esac
  (cd "$tmp" && "$case_ref" "$orm" "$uri") > "$tmp/out" 2> "$tmp/err"
  rc=$?
  : > "$tmp/kind"
  if [ $rc -ne 0 ]; then
    if grep -q '^error: ' "$tmp/err"; then
      grep '^error: ' "$tmp/err" | tail -n 1 > "$tmp/kind"
    else
      echo "FAIL (reference could not run it): $orm"; cat "$tmp/err" | tail -n 5
      differ=$((differ+1)); continue
    fi
  fi
  [ $want_schema -eq 1 ] && dump_schema "$db" > "$tmp/schema"
  [ $want_dump -eq 1 ] && dump_db "$db" > "$tmp/dump"
  checked=$((checked+1))
  if [ $write -eq 1 ]; then
    cp "$tmp/out" "$base.out"
    if [ -s "$tmp/kind" ]; then cp "$tmp/kind" "$base.kind"; else rm -f "$base.kind"; fi
    [ $want_schema -eq 1 ] && cp "$tmp/schema" "$base.schema"
    [ $want_dump -eq 1 ] && cp "$tmp/dump" "$base.dump"
    continue
  fi
  bad=0
  diff -u "$base.out" "$tmp/out" > "$tmp/d" || { echo "DIFF stdout: $orm"; cat "$tmp/d"; bad=1; }
  if [ -f "$base.kind" ] || [ -s "$tmp/kind" ]; then
    diff -u "${base}.kind" "$tmp/kind" > "$tmp/d" 2>&1 || { echo "DIFF kind: $orm"; cat "$tmp/d"; bad=1; }
  fi
  if [ $want_schema -eq 1 ]; then
    diff -u "$base.schema" "$tmp/schema" > "$tmp/d" 2>&1 || { echo "DIFF schema: $orm"; cat "$tmp/d"; bad=1; }
  fi
  if [ $want_dump -eq 1 ]; then
    diff -u "$base.dump" "$tmp/dump" > "$tmp/d" 2>&1 || { echo "DIFF dump: $orm"; cat "$tmp/d"; bad=1; }
  fi
  differ=$((differ+bad))
done
if [ $write -eq 1 ]; then
  echo "regen-golden: wrote $checked case(s), $differ could not run"
else
  echo "regen-golden: checked $checked case(s), $differ differ"
fi
[ $differ -eq 0 ]
