#!/usr/bin/env bash
# `make test`: lint, migrations and deploy checks, then the whole suite against throwaway
# PostgreSQL and Redis that stop whatever happens. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=services.sh
. scripts/services.sh
PY=.venv/bin/python
# Always a new cluster, whatever the caller's environment says (make test-fast keeps one).
unset SERVICES_DATA_DIR

$PY scripts/compile_messages.py >/dev/null
services_start
export DJANGO_SETTINGS_MODULE=association.settings.test

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== migrations"
$PY manage.py makemigrations --check --dry-run

echo "== check --deploy (production settings, throwaway values)"
env DJANGO_SETTINGS_MODULE=association.settings.production \
    SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    ALLOWED_HOSTS=clusters.example.org \
    DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" \
    EMAIL_HOST=127.0.0.1 EMAIL_PORT=25 DEFAULT_FROM_EMAIL=info@clusters.example.org \
    PUBLIC_BASE_URL=https://clusters.example.org \
    STRIPE_SECRET_KEY=sk_test_throwaway STRIPE_WEBHOOK_SECRET=whsec_throwaway ANYMAIL_WEBHOOK_SECRET=esp:throwaway \
    $PY manage.py check --deploy --fail-level WARNING

echo "== collectstatic (production storage: every referenced file must exist)"
env DJANGO_SETTINGS_MODULE=association.settings.production \
    SECRET_KEY=collectstatic-only ALLOWED_HOSTS=clusters.example.org \
    DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" \
    EMAIL_HOST=127.0.0.1 EMAIL_PORT=25 DEFAULT_FROM_EMAIL=info@clusters.example.org \
    PUBLIC_BASE_URL=https://clusters.example.org \
    STRIPE_SECRET_KEY=sk_test_throwaway STRIPE_WEBHOOK_SECRET=whsec_throwaway ANYMAIL_WEBHOOK_SECRET=esp:throwaway \
    STATIC_ROOT="$SERVICES_DIR/static" \
    $PY manage.py collectstatic --no-input -v0

echo "== pytest"
status=0
# The tests marked `cluster` need the topology of `make test-cluster`.
.venv/bin/pytest -n "${TEST_PROCESSES:-2}" -m "not cluster" "$@" || status=$?

# The tests marked `sqlite` (the fuzz test, the make-run smoke checks, regression tests of
# what broke on SQLite) again on `make run`'s embedded defaults: SQLite, kombu's filesystem
# broker, mail to files, the file cache, all in a temporary directory.
echo "== pytest on make run's configuration (SQLite, filesystem broker, mail to files)"
sqlite_status=0
env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=association.settings.test_sqlite \
    .venv/bin/pytest -n "${TEST_PROCESSES:-2}" -m sqlite "$@" || sqlite_status=$?
# 5: nothing selected (PYTEST_ARGS chose no sqlite-marked test), which is no failure.
[ "$sqlite_status" -eq 5 ] && sqlite_status=0
[ "$status" -eq 0 ] && status=$sqlite_status
exit "$status"
