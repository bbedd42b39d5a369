#!/usr/bin/env bash
# A hermetic PostgreSQL for tests: a fresh cluster (initdb) in a directory
# of its own, listening only on a unix socket in that directory (no TCP),
# with trust authentication for the superuser `ormsh`. Its TimeZone is
# UTC whatever the machine's zone, so aware datetimes read back the same
# everywhere (psycopg2 gives tzinfo=datetime.timezone.utc then). Nothing of the
# machine's own PostgreSQL is used or changed; it need not be running.
#
#   pg-test-server.sh start DIR [WATCH_PID]
#       make DIR, start the server there, print its URL
#       (postgresql://ormsh@/postgres?host=DIR) on stdout. With WATCH_PID,
#       a watcher stops the server and removes DIR once that process has
#       exited (a test process starts one server and cannot run code at exit).
#   pg-test-server.sh stop DIR
#       stop the server and remove DIR.
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# user `nobody` and the server runs as it (setpriv). The binaries come from
# $ORMSH_PG_BIN, else /usr/lib/postgresql/15/bin.
set -euo pipefail

PGBIN=${ORMSH_PG_BIN:-/usr/lib/postgresql/15/bin}

# Run a PostgreSQL program, as `nobody` when we are root.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups -- "$@"
    else
        "$@"
    fi
}

stop() {
    local dir=$1
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

start() {
    local dir=$1 watch=${2:-}
    if [ ! -x "$PGBIN/initdb" ]; then
        echo "pg-test-server: no PostgreSQL at $PGBIN (set ORMSH_PG_BIN)" >&2
        exit 2
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then
        chown nobody "$dir"
    fi
    chmod 700 "$dir"
    as_owner "$PGBIN/initdb" -D "$dir/data" -U ormsh --auth=trust --no-sync \
        -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    # Reachable by root and the test user: the socket directory.
    chmod 711 "$dir"
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -c listen_addresses= -c TimeZone=UTC -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1 || {
        cat "$dir/server.log" >&2
        exit 1
    }
    if [ -n "$watch" ]; then
        # Detached from the caller's pipes, so its output() returns.
        setsid bash -c '
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            "$2" stop "$3"' watcher "$watch" "$0" "$dir" </dev/null >/dev/null 2>&1 &
    fi
    echo "postgresql://ormsh@/postgres?host=$dir"
}

case "${1:-}" in
start) start "${2:?start DIR [WATCH_PID]}" "${3:-}" ;;
stop) stop "${2:?stop DIR}" ;;
*)
    echo "usage: $0 start DIR [WATCH_PID] | stop DIR" >&2
    exit 2
    ;;
esac
