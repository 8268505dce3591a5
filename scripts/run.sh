#!/usr/bin/env bash
# `make run`: the site with a real Celery worker and Celery beat, on embedded defaults
# (SQLite, kombu's filesystem transport, mail written to var/mail/). Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=association.settings.dev
PY=.venv/bin/python
# The address runserver serves is the site's public address (PUBLIC_BASE_URL) unless .env says
# otherwise: mail, feeds and calendars link here.
export PORT=${PORT:-8000}

mkdir -p var/mail var/log var/celery/queue var/celery/processed var/celery/results var/celery/control
$PY scripts/compile_messages.py
$PY manage.py migrate --no-input
$PY manage.py seed_demo

pids=()
stop_all() {
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo "Stopped the site, the worker and beat."
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Two worker processes, beat and the site share SQLite: WAL, a busy timeout and IMMEDIATE
# transactions (association/settings/dev.py) make them queue for writes, not fail.
.venv/bin/celery -A association worker --loglevel INFO --concurrency 2 >>var/log/worker.log 2>&1 &
pids+=($!)
.venv/bin/celery -A association beat --loglevel INFO >>var/log/beat.log 2>&1 &
pids+=($!)

admin_password="demo-admin-2026"
[ -n "${DEMO_ADMIN_PASSWORD:-}" ] && admin_password="(the password in DEMO_ADMIN_PASSWORD)"
cat <<MSG

  Site:   http://127.0.0.1:$PORT/   (Serbian: /sr-latn/ and /sr/)
  Admin:  http://127.0.0.1:$PORT/admin/   login: admin@example.org / $admin_password  (local demo account)
  Mail:   written to var/mail/     Worker and beat logs: var/log/
  Check the worker:  .venv/bin/python manage.py ping_worker

MSG
# In the foreground, so Ctrl-C reaches it directly; the EXIT trap then stops the worker and beat.
$PY manage.py runserver "127.0.0.1:$PORT"
