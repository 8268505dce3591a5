#!/usr/bin/env bash
# `make bench`: the production stack (bench/settings.py) under gunicorn on 127.0.0.1, with
# throwaway PostgreSQL and Redis and generated data; wrk loads each page of bench/pages.py,
# with the page cache off and then on, and one table of both runs is printed. Everything
# stops on exit, whatever happens.
#
#   BENCH_SECONDS  load per page in seconds (10)     BENCH_PAGES    generated pages (2000)
#   BENCH_NEWS     generated news articles (3000)   BENCH_ORGANISATIONS  organisations (1000)
#   BENCH_WORKERS  gunicorn sync workers (3)         BENCH_CONNECTIONS  wrk connections (8)
#   BENCH_EVENTS   generated events (400)            BENCH_RACERS  registration race POSTs (500)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_PAGES=${BENCH_PAGES:-2000}
BENCH_NEWS=${BENCH_NEWS:-3000}
BENCH_ORGANISATIONS=${BENCH_ORGANISATIONS:-1000}
BENCH_WORKERS=${BENCH_WORKERS:-3}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-8}
BENCH_EVENTS=${BENCH_EVENTS:-400}
BENCH_RACERS=${BENCH_RACERS:-500}

bench_die() { echo "error: $*" >&2; exit 2; }

bench_install_wrk() {
    command -v wrk >/dev/null 2>&1 && return 0
    if [ "$(id -u)" -ne 0 ]; then
        bench_die "the benchmark needs wrk: install it (for example 'sudo apt-get install wrk') and run again."
    fi
    command -v apt-get >/dev/null 2>&1 || bench_die "wrk is missing and there is no apt-get to install it with."
    echo "Installing wrk from Debian packages..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null \
        || bench_die "could not install wrk."
}

bench_install_wrk

# shellcheck source=../scripts/services.sh
. scripts/services.sh
services_start
BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/association-bench.XXXXXX")
GUNICORN_PID=""
bench_stop() {
    if [ -n "$GUNICORN_PID" ]; then
        kill -TERM "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    rm -rf "$BENCH_DIR"
    services_stop
}
# Replaces services.sh's own EXIT trap, whose work bench_stop does last.
trap bench_stop EXIT

PORT=$(services_free_port)
# Throwaway values for what production requires. The broker and mail are set explicitly so
# that nothing from the caller's environment or a .env file points the site elsewhere.
export DJANGO_SETTINGS_MODULE=bench.settings
SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export CELERY_BROKER_URL="$REDIS_URL" CELERY_RESULT_BACKEND="$REDIS_URL"
export EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend EMAIL_HOST=127.0.0.1 EMAIL_PORT=2525
export DEFAULT_FROM_EMAIL=bench@localhost SERVER_EMAIL=bench@localhost
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
export STRIPE_SECRET_KEY=sk_test_bench STRIPE_WEBHOOK_SECRET=whsec_bench ANYMAIL_WEBHOOK_SECRET=esp:bench
export STATIC_ROOT="$BENCH_DIR/static" MEDIA_ROOT="$BENCH_DIR/media"

if [ -f scripts/compile_messages.py ]; then $PY scripts/compile_messages.py >/dev/null; fi
echo "== migrate"
$PY manage.py migrate --no-input -v0
echo "== generate"
$PY bench/generate.py --pages "$BENCH_PAGES" --news "$BENCH_NEWS" --organisations "$BENCH_ORGANISATIONS" \
    --events "$BENCH_EVENTS"
echo "== analyze"
# As autovacuum would have after the bulk inserts: the plans then follow the data.
$PY -c 'import sys; sys.path.insert(0, "."); from bench.generate import setup_django; setup_django()
from django.db import connection
connection.cursor().execute("ANALYZE")'
echo "== collectstatic"
$PY manage.py collectstatic --no-input -v0

bench_gunicorn_start() {
    # $1: the value of PAGE_CACHE_ENABLED for the server (0: every page rendered).
    echo "== gunicorn, $BENCH_WORKERS sync workers on 127.0.0.1:$PORT ($(nproc) CPUs), PAGE_CACHE_ENABLED=$1"
    # No --access-logfile: gunicorn then writes no access log, which would otherwise cost every
    # request a write.
    PAGE_CACHE_ENABLED=$1 .venv/bin/gunicorn association.wsgi:application --bind "127.0.0.1:$PORT" \
        --workers "$BENCH_WORKERS" --worker-class sync --no-control-socket --log-level warning \
        >>"$BENCH_DIR/gunicorn.log" 2>&1 &
    GUNICORN_PID=$!
    for attempt in $(seq 120); do
        kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$BENCH_DIR/gunicorn.log" >&2; bench_die "gunicorn exited while starting."; }
        $PY -c 'import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
c.request("GET", "/__bench__/constant/")
sys.exit(c.getresponse().status != 200)' "$PORT" 2>/dev/null && break
        [ "$attempt" -eq 120 ] && { cat "$BENCH_DIR/gunicorn.log" >&2; bench_die "gunicorn did not answer on 127.0.0.1:$PORT."; }
        sleep 0.5
    done
}

bench_gunicorn_stop() {
    kill -TERM "$GUNICORN_PID" 2>/dev/null || true
    wait "$GUNICORN_PID" 2>/dev/null || true
    GUNICORN_PID=""
}

$PY -c 'import django, wagtail; print(f"Django {django.get_version()}, Wagtail {wagtail.__version__}")'
status=0
# Each page twice: rendered on every request (the page cache off), then as the production
# settings serve it (the page cache on). The cache is emptied between the runs, so the second
# starts from what the first did not leave behind, and the SQL/req column is the first run's.
for run in uncached cached; do
    enabled=1; [ "$run" = uncached ] && enabled=0
    redis-cli -p "$REDIS_PORT" flushall >/dev/null
    bench_gunicorn_start "$enabled"
    echo "== load ($run)"
    PAGE_CACHE_ENABLED=$enabled $PY bench/load.py --base-url "http://127.0.0.1:$PORT" \
        --seconds "$BENCH_SECONDS" --connections "$BENCH_CONNECTIONS" --label "$run" \
        --out "$BENCH_DIR/$run.json" || status=$?
    [ "$run" = uncached ] && bench_gunicorn_stop
done
echo
$PY bench/load.py --table "$BENCH_DIR/uncached.json" "$BENCH_DIR/cached.json" || status=$?
echo "== registration race"
$PY bench/race.py --base-url "http://127.0.0.1:$PORT" --racers "$BENCH_RACERS" || status=$?
if [ "$status" -ne 0 ] && [ -s "$BENCH_DIR/gunicorn.log" ]; then
    echo "== gunicorn log (last 60 lines)" >&2
    tail -n 60 "$BENCH_DIR/gunicorn.log" >&2
fi
exit "$status"
