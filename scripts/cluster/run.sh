#!/usr/bin/env bash
# `make test-cluster`: the site on a multi-host topology of network namespaces on this one
# machine (scripts/cluster/topology.py: a balancer, two web hosts, two workers, beat,
# PostgreSQL, Redis, S3, an SMTP relay and a client host), then the tests marked `cluster`
# (tests/cluster/) run on the client host. Root only. Everything stops and every namespace
# goes at the end, whatever happens; the hosts' logs are kept in var/cluster/logs.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
# shellcheck source=../services.sh
. scripts/services.sh

cluster_die() { echo "error: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || cluster_die "make test-cluster needs root: it creates network namespaces, mounts and runs PostgreSQL as the postgres user."

cluster_install() {
    # What the topology needs from Debian, installed when missing.
    local missing=()
    command -v ip >/dev/null 2>&1 || missing+=(iproute2)
    command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
    command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
    command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
    services_pg_bindir >/dev/null || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || cluster_die "missing ${missing[*]} and no apt-get to install them with."
    echo "Installing ${missing[*]} from Debian packages..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || cluster_die "could not install ${missing[*]}."
    # The packages start system-wide servers; the topology runs its own.
    if command -v pg_ctlcluster >/dev/null 2>&1; then pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true; done; fi
    if command -v service >/dev/null 2>&1; then
        service redis-server stop >/dev/null 2>&1 || true
        service haproxy stop >/dev/null 2>&1 || true
    fi
}

cluster_install
id postgres >/dev/null 2>&1 || cluster_die "there is no 'postgres' user to run PostgreSQL as (install the postgresql package)."
ip netns list >/dev/null 2>&1 || cluster_die "this kernel does not offer network namespaces."
BINDIR=$(services_pg_bindir) || cluster_die "PostgreSQL's programs were not found."

$PY scripts/compile_messages.py >/dev/null

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/association-cluster.XXXXXX")
chmod 755 "$RUN_DIR"
KEPT=var/cluster
cluster_stop() {
    local status=$?
    $PY scripts/cluster/topology.py down "$RUN_DIR" || true
    rm -rf "$KEPT/logs"
    mkdir -p "$KEPT"
    [ -d "$RUN_DIR/logs" ] && cp -r "$RUN_DIR/logs" "$KEPT/logs"
    rm -rf "$RUN_DIR"
    [ "$status" -ne 0 ] && echo "The hosts' logs are in $KEPT/logs." >&2
    exit "$status"
}
trap cluster_stop EXIT
trap 'exit 130' INT TERM

echo "== topology up"
started=$(date +%s)
$PY scripts/cluster/topology.py up "$RUN_DIR" "$BINDIR"
echo "   up in $(( $(date +%s) - started )) s"
eval "$($PY scripts/cluster/topology.py env "$RUN_DIR")"

echo "== pytest -m cluster (on the client host)"
status=0
ip netns exec assoc-client .venv/bin/pytest tests/cluster -m cluster -p no:cacheprovider \
    --ds association.settings.production -q "$@" || status=$?

# A host with no local state: every web and worker process ran on a read-only disk, so any
# write to it failed with EROFS. The logs tell whether anything tried.
echo "== writes to a host's own disk"
if grep -l -i "read-only file system" "$RUN_DIR"/logs/web*.log "$RUN_DIR"/logs/worker*.log 2>/dev/null; then
    echo "error: the logs above show writes to a host's read-only disk." >&2
    grep -h -i -B2 "read-only file system" "$RUN_DIR"/logs/web*.log "$RUN_DIR"/logs/worker*.log | head -40 >&2
    [ "$status" -eq 0 ] && status=1
else
    echo "   none: web and worker hosts wrote nothing to their disks"
fi
exit "$status"
