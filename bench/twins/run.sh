#!/usr/bin/env bash
# `make bench-twins`: the time to publish a Serbian page with its twin in the other script
# against publishing a page that has none, on the production settings with throwaway
# PostgreSQL and Redis. Prints figures; asserts nothing on time. Everything stops on exit.
#
#   BENCH_PUBLISHES  publishes measured per case (20)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
export BENCH_PUBLISHES=${BENCH_PUBLISHES:-20}

# shellcheck source=../../scripts/services.sh
. scripts/services.sh
services_start
BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/twins-bench.XXXXXX")
bench_stop() {
    rm -rf "$BENCH_DIR"
    services_stop
}
trap bench_stop EXIT

export DJANGO_SETTINGS_MODULE=bench.settings
SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export CELERY_BROKER_URL="$REDIS_URL" CELERY_RESULT_BACKEND="$REDIS_URL"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend EMAIL_HOST=127.0.0.1 EMAIL_PORT=25
export DEFAULT_FROM_EMAIL=bench@localhost SERVER_EMAIL=bench@localhost
export PUBLIC_BASE_URL="http://127.0.0.1"
export STRIPE_SECRET_KEY=sk_test_bench STRIPE_WEBHOOK_SECRET=whsec_bench ANYMAIL_WEBHOOK_SECRET=esp:bench
export STATIC_ROOT="$BENCH_DIR/static" MEDIA_ROOT="$BENCH_DIR/media" LOG_LEVEL=WARNING

echo "== migrate"
$PY manage.py migrate --no-input -v0
$PY bench/twins/bench.py
