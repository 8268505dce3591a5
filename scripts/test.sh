#!/usr/bin/env bash
# `make test`: lint, migrations and deploy checks, then the whole suite against throwaway
# PostgreSQL and Redis that stop whatever happens. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=services.sh
. scripts/services.sh
PY=.venv/bin/python

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
    WAGTAILADMIN_BASE_URL=https://clusters.example.org \
    STRIPE_SECRET_KEY=sk_test_throwaway STRIPE_WEBHOOK_SECRET=whsec_throwaway ANYMAIL_WEBHOOK_SECRET=esp:throwaway \
    $PY manage.py check --deploy --fail-level WARNING

echo "== collectstatic (production storage: every referenced file must exist)"
env DJANGO_SETTINGS_MODULE=association.settings.production \
    SECRET_KEY=collectstatic-only ALLOWED_HOSTS=clusters.example.org \
    DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" \
    EMAIL_HOST=127.0.0.1 EMAIL_PORT=25 DEFAULT_FROM_EMAIL=info@clusters.example.org \
    WAGTAILADMIN_BASE_URL=https://clusters.example.org \
    STRIPE_SECRET_KEY=sk_test_throwaway STRIPE_WEBHOOK_SECRET=whsec_throwaway ANYMAIL_WEBHOOK_SECRET=esp:throwaway \
    STATIC_ROOT="$SERVICES_DIR/static" \
    $PY manage.py collectstatic --no-input -v0

echo "== pytest"
.venv/bin/pytest -n "${TEST_PROCESSES:-2}" "$@"
