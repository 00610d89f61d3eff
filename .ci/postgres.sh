#!/usr/bin/env bash
# A throwaway PostgreSQL for the store tests: Debian's postgresql (installed if missing), a cluster
# in a temporary directory listening on 127.0.0.1 only, run by a non-root user, trust auth.
#
#   bash .ci/postgres.sh CMD ARGS...   start, run CMD with FUITES_TEST_PG_URL set, stop, exit as CMD
#   . .ci/postgres.sh                  start and export FUITES_TEST_PG_URL; `fuites_pg_stop` stops it

_fuites_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

fuites_pg_start() {
    local bin dir port user run
    bin=$(_fuites_pg_bin)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "postgres.sh: installing Debian's postgresql" >&2
        if [ "$(id -u)" = 0 ]; then run=""; else run="sudo"; fi
        $run apt-get update -qq >&2 && \
            DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq postgresql >&2 || return 1
        bin=$(_fuites_pg_bin)
    fi
    # PostgreSQL refuses to run as root: the cluster belongs to the `postgres` system user then
    user=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        user=postgres
        id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/fuites-pg.XXXXXX")
    chown "$user" "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    _as() { if [ "$user" = "$(id -un)" ]; then "$@"; else runuser -u "$user" -- "$@"; fi; }
    _as "$bin/initdb" -D "$dir/data" -U fuites --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; return 1; }
    _as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" >/dev/null \
        || { cat "$dir/server.log" >&2; return 1; }
    _as "$bin/createdb" -h 127.0.0.1 -p "$port" -U fuites fuites || return 1
    FUITES_PG_DIR=$dir
    FUITES_PG_USER=$user
    FUITES_PG_BIN=$bin
    export FUITES_TEST_PG_URL="postgresql://fuites@127.0.0.1:$port/fuites"
    echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $FUITES_TEST_PG_URL" >&2
}

fuites_pg_stop() {
    [ -n "${FUITES_PG_DIR:-}" ] || return 0
    if [ "$FUITES_PG_USER" = "$(id -un)" ]; then
        "$FUITES_PG_BIN/pg_ctl" -D "$FUITES_PG_DIR/data" -m immediate stop >/dev/null 2>&1
    else
        runuser -u "$FUITES_PG_USER" -- "$FUITES_PG_BIN/pg_ctl" -D "$FUITES_PG_DIR/data" -m immediate stop \
            >/dev/null 2>&1
    fi
    rm -rf "$FUITES_PG_DIR"
    unset FUITES_PG_DIR FUITES_TEST_PG_URL
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -u
    fuites_pg_start || exit 1
    trap fuites_pg_stop EXIT INT TERM
    if [ $# -gt 0 ]; then
        "$@"
        exit $?
    fi
else
    fuites_pg_start
fi
