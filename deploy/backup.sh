#!/usr/bin/env bash
# One backup of the site: the database (pg_dump's custom format, for pg_restore) and the media
# folder (uploaded images and documents, a .tar.gz), into a new folder named by the UTC time,
# BACKUP_DIR/YYYYMMDDTHHMMSSZ/{database.dump,media.tar.gz}. Prints that folder's path.
#
# Reads DATABASE_URL and MEDIA_ROOT (the site's environment, /etc/association/env) and
# BACKUP_DIR (default /srv/association/backups). pg_dump and pg_restore come from PATH
# (Debian's postgresql-client, of the server's major version or newer).
#
# Nothing is ever deleted: keep, prune and copy off the machine as your policy says, for
# example `find /srv/association/backups -mindepth 1 -maxdepth 1 -mtime +30 -exec rm -r {} +`.
# Restoring: README, "Production", "Backups and restoring".
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (the site environment)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT (the site environment)}"
BACKUP_DIR=${BACKUP_DIR:-/srv/association/backups}
[ -d "$MEDIA_ROOT" ] || { echo "error: MEDIA_ROOT $MEDIA_ROOT is not a folder." >&2; exit 2; }

umask 077
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$BACKUP_DIR/$stamp"
# Written under a temporary name and renamed when complete: a folder without ".partial" is a
# whole backup.
partial="$target.partial"
mkdir -p "$BACKUP_DIR"
mkdir "$partial"
trap 'rm -rf "$partial"' EXIT

# The connection in libpq's variables rather than on the command line, where other users of
# the machine could read a password in the process list.
eval "$(python3 - <<'PY'
import os, shlex
from urllib.parse import unquote, urlsplit

url = urlsplit(os.environ["DATABASE_URL"])
if url.scheme not in ("postgres", "postgresql"):
    raise SystemExit("error: DATABASE_URL must be a postgres:// URL.")
parts = {
    "PGHOST": unquote(url.hostname or ""),
    "PGPORT": str(url.port or ""),
    "PGUSER": unquote(url.username or ""),
    "PGPASSWORD": unquote(url.password or ""),
    "PGDATABASE": unquote(url.path.lstrip("/")),
}
for name, value in parts.items():
    print(f"export {name}={shlex.quote(value)}" if value else f"unset {name}")
PY
)"

pg_dump --format=custom --file "$partial/database.dump"
tar -czf "$partial/media.tar.gz" -C "$MEDIA_ROOT" .
mv "$partial" "$target"
trap - EXIT
echo "$target"
