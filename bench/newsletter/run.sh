#!/usr/bin/env bash
# `make bench-newsletter`: send one personalised Infocluster issue to BENCH_SUBSCRIBERS
# (50,000) confirmed subscribers with two real Celery workers, on throwaway PostgreSQL and
# Redis, into a counting SMTP server on 127.0.0.1; then again while workers are killed with
# SIGKILL and restarted. Prints figures; asserts nothing on time. Everything stops on exit.
#
#   BENCH_SUBSCRIBERS  subscribers (50000)   BENCH_KILLS  SIGKILLs in the second run (4)
#   BENCH_CHUNK        deliveries per chunk task (500)
#   BENCH_CONCURRENCY  pool processes per worker (2): each waits on SMTP and PostgreSQL
#                      round trips, so two per worker keep the CPUs busy
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
export BENCH_SUBSCRIBERS=${BENCH_SUBSCRIBERS:-50000}
export BENCH_KILLS=${BENCH_KILLS:-4}

# shellcheck source=../../scripts/services.sh
. scripts/services.sh
services_start
BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/newsletter-bench.XXXXXX")
bench_stop() {
    rm -rf "$BENCH_DIR"
    services_stop
}
trap bench_stop EXIT

# The production settings (bench/settings.py) with throwaway values for what production
# requires; mail goes only to the bench's own SMTP server on 127.0.0.1, without TLS.
export DJANGO_SETTINGS_MODULE=bench.settings
SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export CELERY_BROKER_URL="$REDIS_URL" CELERY_RESULT_BACKEND="$REDIS_URL"
export EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend EMAIL_HOST=127.0.0.1
EMAIL_PORT=$(services_free_port)
export EMAIL_PORT EMAIL_USE_TLS=False
export DEFAULT_FROM_EMAIL=bench@localhost SERVER_EMAIL=bench@localhost
export PUBLIC_BASE_URL="http://127.0.0.1"
export STRIPE_SECRET_KEY=sk_test_bench STRIPE_WEBHOOK_SECRET=whsec_bench ANYMAIL_WEBHOOK_SECRET=esp:bench
export STATIC_ROOT="$BENCH_DIR/static" MEDIA_ROOT="$BENCH_DIR/media" TMPDIR="$BENCH_DIR"
# No send-rate cap: the bench measures what the workers and the server can do.
export NEWSLETTER_SEND_RATE=0 NEWSLETTER_CHUNK_SIZE=${BENCH_CHUNK:-500} LOG_LEVEL=WARNING

echo "== migrate"
$PY manage.py migrate --no-input -v0
$PY -c 'import sys, django, wagtail, celery; print(f"Django {django.get_version()}, Wagtail {wagtail.__version__}, Celery {celery.__version__}, {sys.argv[1]} CPUs")' "$(nproc)"
$PY bench/newsletter/bench.py
