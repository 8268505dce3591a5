#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis on loopback ports in a temporary directory, for the test
# suite and the benchmarks. Source this file, call `services_start`, and the servers stop
# when the shell exits (services_stop is trapped on EXIT).
#
# Exports DATABASE_URL and REDIS_URL for what runs next; PG_PORT and SERVICES_PG_BINDIR (the
# PostgreSQL client programs) are set for the script that sourced this file.
#
# SERVICES_DATA_DIR (optional; `make test-fast` sets var/test-services): keep PostgreSQL's
# cluster there between runs instead of a new one each time, so that pytest --reuse-db finds
# the test databases of the last run. initdb runs only when the cluster is missing (or was
# made by another PostgreSQL major version); the server still starts on a free loopback port
# and stops on exit, and Redis stays throwaway. The test databases (test_*) are dropped when
# the migrations changed since they were made (services_pg_fingerprint), because --reuse-db
# does not re-run a migration it already applied. One run at a time uses a data directory.

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

services_has_lib() {
    # Whether the dynamic linker knows the shared library "$1".
    ldconfig -p 2>/dev/null | grep -q "$1" || [ -n "$(ls /usr/lib/*/"$1" /usr/lib/"$1" 2>/dev/null)" ]
}

services_install() {
    # Installs what is missing from Debian's packages when we may; says what to do otherwise.
    local missing=()
    services_pg_bindir >/dev/null || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    # The catalogue test runs makemessages, which needs GNU gettext's xgettext.
    command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
    # The browser tests drive Debian's Chromium through Playwright.
    [ -x "${CHROMIUM:-/usr/lib/chromium/chromium}" ] || missing+=(chromium)
    # Invoices are PDFs made by WeasyPrint, which draws text with Pango (DejaVu for Cyrillic).
    services_has_lib libpango-1.0.so.0 || missing+=(libpango-1.0-0)
    services_has_lib libpangoft2-1.0.so.0 || missing+=(libpangoft2-1.0-0)
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
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

services_as_pg=()

services_pg_init() {
    # initdb into "$1", a directory that must not exist yet, owned by the user running PostgreSQL.
    local bindir=$1 data=$2
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres "$data"
    "${services_as_pg[@]}" "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$SERVICES_DIR/initdb.log" 2>&1 \
        || { cat "$SERVICES_DIR/initdb.log" >&2; services_die "initdb failed."; }
}

services_pg_fingerprint() {
    # What the test databases were migrated from: every migration of the project, and the
    # lock file (the installed apps' migrations come with their versions).
    find . \( -path ./.venv -o -path ./var -o -path ./node_modules \) -prune -o \
        -path '*/migrations/*.py' -type f -print | LC_ALL=C sort | xargs sha1sum requirements.lock | sha1sum | cut -c1-40
}

services_pg_persistent_data() {
    # The cluster directory inside SERVICES_DATA_DIR, made with initdb if it is missing.
    local bindir=$1 major
    mkdir -p "$SERVICES_DATA_DIR"
    SERVICES_DATA_DIR=$(cd "$SERVICES_DATA_DIR" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
        # PostgreSQL runs as postgres, which must pass through the directories between the
        # project and its cluster (var/ is private): search permission only, no listing.
        local dir=$SERVICES_DATA_DIR
        while [ "$dir" != "$PWD" ] && [ "$dir" != "/" ]; do chmod o+x "$dir"; dir=$(dirname "$dir"); done
        runuser -u postgres -- test -x "$SERVICES_DATA_DIR" \
            || services_die "the postgres user cannot reach $SERVICES_DATA_DIR; set SERVICES_DATA_DIR to a directory it can."
    fi
    # One run at a time: the lock is released when this shell exits.
    exec {SERVICES_LOCK_FD}>"$SERVICES_DATA_DIR/lock"
    flock -n "$SERVICES_LOCK_FD" || services_die "another run is using $SERVICES_DATA_DIR."
    major=$("$bindir/postgres" --version | sed -E 's/.* ([0-9]+)[.].*/\1/')
    if [ -f "$SERVICES_DATA_DIR/pg/PG_VERSION" ] && [ "$(cat "$SERVICES_DATA_DIR/pg/PG_VERSION")" != "$major" ]; then
        echo "The cluster in $SERVICES_DATA_DIR was made by another PostgreSQL version: starting a new one." >&2
        rm -rf "$SERVICES_DATA_DIR/pg"
    fi
    if [ ! -f "$SERVICES_DATA_DIR/pg/PG_VERSION" ]; then
        # Into a temporary name first, so an interrupted initdb leaves no half-made cluster.
        rm -rf "$SERVICES_DATA_DIR/pg" "$SERVICES_DATA_DIR/pg.new" "$SERVICES_DATA_DIR/migrations.sha1"
        echo "Creating the PostgreSQL cluster kept in $SERVICES_DATA_DIR."
        services_pg_init "$bindir" "$SERVICES_DATA_DIR/pg.new"
        mv "$SERVICES_DATA_DIR/pg.new" "$SERVICES_DATA_DIR/pg"
    fi
}

services_pg_drop_stale_test_dbs() {
    # Drops the test databases when the migrations changed since they were created.
    local bindir=$1 fingerprint db
    fingerprint=$(services_pg_fingerprint)
    [ "$(cat "$SERVICES_DATA_DIR/migrations.sha1" 2>/dev/null)" = "$fingerprint" ] && return 0
    for db in $("$bindir/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tA \
        -c "SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'"); do
        echo "The migrations changed: dropping the test database $db."
        "$bindir/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres --if-exists "$db" || services_die "dropdb $db failed."
    done
    echo "$fingerprint" >"$SERVICES_DATA_DIR/migrations.sha1"
}

services_start() {
    services_install
    local bindir pgdata exists; bindir=$(services_pg_bindir) || services_die "PostgreSQL binaries not found."
    SERVICES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/association-services.XXXXXX")
    chmod 755 "$SERVICES_DIR"
    trap services_stop EXIT
    trap 'exit 130' INT TERM
    services_as_pg=()
    if [ "$(id -u)" -eq 0 ]; then
        # initdb and pg_ctl refuse to run as root.
        id postgres >/dev/null 2>&1 || services_die "running as root but there is no 'postgres' user to run PostgreSQL as."
        services_as_pg=(runuser -u postgres --)
    fi
    # The socket and the server log are always in the temporary directory.
    mkdir -p "$SERVICES_DIR/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$SERVICES_DIR/pg"
    if [ -n "${SERVICES_DATA_DIR:-}" ]; then
        services_pg_persistent_data "$bindir"
        pgdata="$SERVICES_DATA_DIR/pg"
    else
        pgdata="$SERVICES_DIR/pg/data"
        services_pg_init "$bindir" "$pgdata"
    fi
    SERVICES_PG_BINDIR=$bindir
    PG_PORT=$(services_free_port)
    "${services_as_pg[@]}" "$bindir/pg_ctl" -D "$pgdata" -l "$SERVICES_DIR/pg/server.log" -w -t 60 start \
        -o "-h 127.0.0.1 -p $PG_PORT -k $SERVICES_DIR/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null \
        || { cat "$SERVICES_DIR/pg/server.log" >&2; services_die "PostgreSQL did not start."; }
    SERVICES_PG_CTL=("${services_as_pg[@]}" "$bindir/pg_ctl" -D "$pgdata")
    exists=$("$bindir/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tA \
        -c "SELECT 1 FROM pg_database WHERE datname = 'association'") || services_die "PostgreSQL does not answer."
    if [ "$exists" != 1 ]; then
        "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres association || services_die "createdb failed."
    fi
    [ -n "${SERVICES_DATA_DIR:-}" ] && services_pg_drop_stale_test_dbs "$bindir"

    REDIS_PORT=$(services_free_port)
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$SERVICES_DIR" --save '' --appendonly no \
        --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" \
        || services_die "Redis did not start."
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

    export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/association"
    export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    local kept="throwaway"; [ -n "${SERVICES_DATA_DIR:-}" ] && kept="kept in $SERVICES_DATA_DIR"
    echo "PostgreSQL ($kept) on 127.0.0.1:$PG_PORT and throwaway Redis on 127.0.0.1:$REDIS_PORT ($SERVICES_DIR)"
}

services_stop() {
    [ -n "${SERVICES_DIR:-}" ] || return 0
    if [ -n "${SERVICES_PG_CTL:-}" ]; then
        # A kept cluster is shut down cleanly (a checkpoint) so the next start needs no recovery.
        local mode=immediate; [ -n "${SERVICES_DATA_DIR:-}" ] && mode=fast
        "${SERVICES_PG_CTL[@]}" -m "$mode" stop >/dev/null 2>&1
    fi
    if [ -f "$SERVICES_DIR/redis.pid" ]; then
        local redis_pid; redis_pid=$(cat "$SERVICES_DIR/redis.pid")
        kill "$redis_pid" 2>/dev/null
        # Redis writes its log until it has exited; the folder goes after that.
        for _ in $(seq 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$SERVICES_DIR"
    SERVICES_DIR=""
}
