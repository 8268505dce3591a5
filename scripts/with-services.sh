#!/usr/bin/env bash
# Run one command against throwaway PostgreSQL and Redis: scripts/with-services.sh CMD [ARGS...]
# With SERVICES_DATA_DIR set, PostgreSQL's cluster is kept there between runs (services.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=services.sh
. scripts/services.sh
services_start
status=0
"$@" || status=$?
exit $status
