#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis on loopback ports in a temporary directory, for the test
# suite and the benchmarks. Source this file, call `services_start`, and the servers stop
# when the shell exits (services_stop is trapped on EXIT).
#
# Exports DATABASE_URL and REDIS_URL for what runs next.

services_die() { echo "error: $*" >&2; exit 2; }

services_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

services_pg_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir; return 0
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

services_install() {
    # Installs what is missing from Debian's packages when we may; says what to do otherwise.
    local missing=()
    services_pg_bindir >/dev/null || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    # The browser tests drive Debian's Chromium through Playwright.
    [ -x "${CHROMIUM:-/usr/lib/chromium/chromium}" ] || missing+=(chromium)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        services_die "missing ${missing[*]}: install them (for example 'sudo apt-get install ${missing[*]}') and run again."
    fi
    command -v apt-get >/dev/null 2>&1 || services_die "missing ${missing[*]} and no apt-get to install them with."
    echo "Installing ${missing[*]} from Debian packages..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || services_die "could not install ${missing[*]}."
    # The packages start system-wide servers on Debian; we only use our own throwaway ones.
    if command -v pg_ctlcluster >/dev/null 2>&1; then pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true; done; fi
    if command -v service >/dev/null 2>&1; then service redis-server stop >/dev/null 2>&1 || true; fi
}

services_start() {
    services_install
    local bindir; bindir=$(services_pg_bindir) || services_die "PostgreSQL binaries not found."
    SERVICES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/association-services.XXXXXX")
    chmod 755 "$SERVICES_DIR"
    trap services_stop EXIT
    trap 'exit 130' INT TERM
    local as_pg=()
    if [ "$(id -u)" -eq 0 ]; then
        # initdb and pg_ctl refuse to run as root.
        id postgres >/dev/null 2>&1 || services_die "running as root but there is no 'postgres' user to run PostgreSQL as."
        as_pg=(runuser -u postgres --)
    fi
    mkdir -p "$SERVICES_DIR/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$SERVICES_DIR/pg"
    PG_PORT=$(services_free_port)
    "${as_pg[@]}" "$bindir/initdb" -D "$SERVICES_DIR/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$SERVICES_DIR/initdb.log" 2>&1 \
        || { cat "$SERVICES_DIR/initdb.log" >&2; services_die "initdb failed."; }
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$SERVICES_DIR/pg/data" -l "$SERVICES_DIR/pg/server.log" -w -t 60 start \
        -o "-h 127.0.0.1 -p $PG_PORT -k $SERVICES_DIR/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null \
        || { cat "$SERVICES_DIR/pg/server.log" >&2; services_die "PostgreSQL did not start."; }
    SERVICES_PG_CTL=("${as_pg[@]}" "$bindir/pg_ctl" -D "$SERVICES_DIR/pg/data")
    "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres association || services_die "createdb failed."

    REDIS_PORT=$(services_free_port)
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$SERVICES_DIR" --save '' --appendonly no \
        --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" \
        || services_die "Redis did not start."
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

    export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/association"
    export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    echo "Throwaway PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT ($SERVICES_DIR)"
}

services_stop() {
    [ -n "${SERVICES_DIR:-}" ] || return 0
    [ -n "${SERVICES_PG_CTL:-}" ] && "${SERVICES_PG_CTL[@]}" -m immediate stop >/dev/null 2>&1
    [ -f "$SERVICES_DIR/redis.pid" ] && kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null
    rm -rf "$SERVICES_DIR"
    SERVICES_DIR=""
}
