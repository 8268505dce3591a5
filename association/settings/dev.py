"""The one-command local run: SQLite, Celery over kombu's filesystem transport, mail to files.

Nothing here needs a server besides the ones ``make run`` starts itself.
"""

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env


def local_secret_key(var_dir: Path) -> str:
    """This install's own secret: made once into ``var_dir/secret_key`` (readable by its
    owner only) and read from there afterwards. A constant in the repository would let anyone
    forge the sessions, password-reset links and tickets of every local run."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    # Written whole under another name, then linked into place: a second process starting at
    # the same moment either wins the link or reads the winner's key, never a partial file.
    fd, draft = tempfile.mkstemp(dir=var_dir, prefix=".secret_key.")
    try:
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(50))
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        os.unlink(draft)
    return path.read_text().strip()


DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="") or local_secret_key(VAR_DIR)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# SQLite with a worker of two processes and beat writing beside the site: in WAL mode readers
# never block the writer nor the writer the readers; every transaction takes the write lock
# when it begins (IMMEDIATE), so two writers queue for it (up to the 30-second busy timeout)
# instead of one failing with "database is locked" when it tries to upgrade a read lock, which
# no timeout can help; "synchronous=NORMAL" is WAL's usual durability on one machine. With
# these a newsletter send on `make run` goes through in one go with the worker's two
# processes; production runs PostgreSQL and none of this applies.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

# The file cache counts throttles without atomic increments: on one machine a burst may slip
# a few requests past a limit, which the production Redis cache does not allow.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}

_QUEUE_DIR = VAR_DIR / "celery" / "queue"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": str(_QUEUE_DIR),
    "data_folder_out": str(_QUEUE_DIR),
    "processed_folder": str(VAR_DIR / "celery" / "processed"),
    # The exchange table kombu keeps for broadcasts (worker pings); its default is
    # ./control in the working directory.
    "control_folder": str(VAR_DIR / "celery" / "control"),
    "store_processed": False,
}
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default=f"file://{VAR_DIR / 'celery' / 'results'}"
)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "mail")

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
