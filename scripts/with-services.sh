#!/usr/bin/env bash
# Run one command against throwaway PostgreSQL and Redis: scripts/with-services.sh CMD [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=services.sh
. scripts/services.sh
services_start
status=0
"$@" || status=$?
exit $status
