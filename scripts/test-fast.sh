#!/usr/bin/env bash
# `make test-fast`: the inner loop. No worker process, browser or whole demo seeding; Redis is
# throwaway, but PostgreSQL's cluster is kept in var/test-services (SERVICES_DATA_DIR), and
# so is a template of the test databases, migrated once. Each run clones every test database
# pytest will use (test_association, test_association_gw0, gw1...) from the template, a copy
# of files instead of a run of every migration per xdist worker, and pytest reuses them
# (--reuse-db): each run starts from the state a fresh migration leaves, as `make test` does.
# When a migration (or requirements.lock) changed, services.sh drops the test databases and
# the template is migrated again. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export SERVICES_DATA_DIR=${SERVICES_DATA_DIR:-var/test-services}
# shellcheck source=services.sh
. scripts/services.sh
PY=.venv/bin/python
PROCESSES=${TEST_PROCESSES:-2}

test_fast_psql() {
    "$SERVICES_PG_BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAq "$@"
}

test_fast_template() {
    # The template: a database migrated as pytest-django migrates a new test database.
    local template=$1 url_base=${DATABASE_URL%/*}
    [ "$(test_fast_psql -c "SELECT 1 FROM pg_database WHERE datname = '$template'")" = 1 ] && return 0
    echo "Migrating the template of the test databases ($template)..."
    test_fast_psql -c "DROP DATABASE IF EXISTS ${template}_new" -c "CREATE DATABASE ${template}_new"
    DATABASE_URL="$url_base/${template}_new" $PY manage.py migrate --run-syncdb --no-input -v0
    # Renamed only once migrated, so an interrupted run leaves no half-made template.
    test_fast_psql -c "ALTER DATABASE ${template}_new RENAME TO $template"
}

test_fast_databases() {
    # Every test database this run may use, cloned from the template; the others are
    # dropped, so a worker this run did not foresee (PYTEST_ARGS=-n 4) migrates its own.
    local base="test_${DATABASE_URL##*/}" template count db
    template="${base}_template"
    test_fast_template "$template"
    case "$PROCESSES" in
        auto | logical) count=$(nproc) ;;
        *[!0-9]* | "") count=0 ;;
        *) count=$PROCESSES ;;
    esac
    for db in $(test_fast_psql -c "SELECT datname FROM pg_database WHERE datname LIKE 'test\_%' AND datname <> '$template'"); do
        test_fast_psql -c "DROP DATABASE \"$db\""
    done
    test_fast_psql -c "CREATE DATABASE $base TEMPLATE $template"
    for ((i = 0; i < count; i++)); do
        test_fast_psql -c "CREATE DATABASE ${base}_gw$i TEMPLATE $template"
    done
}

$PY scripts/compile_messages.py >/dev/null
services_start
export DJANGO_SETTINGS_MODULE=association.settings.test
test_fast_databases
status=0
.venv/bin/pytest -n "$PROCESSES" --reuse-db -m "not worker and not browser and not slow and not cluster" "$@" || status=$?
exit $status
