"""The test suite on ``make run``'s embedded defaults: the development settings (SQLite,
Celery over kombu's filesystem transport, mail written to files, the file-based cache), with
every file in a temporary directory of its own instead of ``var/``.

Used for the tests marked ``sqlite`` (the fuzz test and the ``make run`` smoke checks):
``DJANGO_SETTINGS_MODULE=association.settings.test_sqlite .venv/bin/pytest -m sqlite``.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# The development settings read these from the environment first; whatever they would
# otherwise generate or find in var/, the tests use throwaway values.
os.environ.setdefault("SECRET_KEY", "test-suite-only")
for _name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
    os.environ.pop(_name, None)

from .dev import *  # noqa: E402, F403
from .dev import LOGGING  # noqa: E402

_TMP = Path(tempfile.mkdtemp(prefix="association-sqlite-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)

DEBUG = False
SECRET_KEY = "test-suite-only"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# A database file, as under `make run` (pytest-django creates and migrates the test one).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(_TMP / "db.sqlite3"),
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": 0,
        "TEST": {"NAME": str(_TMP / "test-db.sqlite3")},
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(_TMP / "cache"),
    }
}

_QUEUE_DIR = _TMP / "celery" / "queue"
for _folder in (_QUEUE_DIR, _TMP / "celery" / "processed", _TMP / "celery" / "results"):
    _folder.mkdir(parents=True, exist_ok=True)
CELERY_BROKER_URL = "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": str(_QUEUE_DIR),
    "data_folder_out": str(_QUEUE_DIR),
    "processed_folder": str(_TMP / "celery" / "processed"),
    "store_processed": False,
}
CELERY_RESULT_BACKEND = f"file://{_TMP / 'celery' / 'results'}"
CELERY_BEAT_SCHEDULE_FILENAME = str(_TMP / "celery" / "beat-schedule")
CELERY_TASK_DEFAULT_QUEUE = "celery"

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(_TMP / "mail")
MEDIA_ROOT = str(_TMP / "media")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"
