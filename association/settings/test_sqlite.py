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
from .dev import LOGGING, VAR_DIR  # noqa: E402

# A process the tests start themselves (the journeys' Celery worker) is given the test
# process' folder and test database, so that both use one database, broker, cache and mail
# folder; the folder is removed by the process that made it.
_SHARED_TMP = os.environ.get("TEST_SQLITE_DIR")
if _SHARED_TMP:
    _TMP = Path(_SHARED_TMP)
else:
    _TMP = Path(tempfile.mkdtemp(prefix="association-sqlite-tests-"))
    atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
TEST_SQLITE_DIR = str(_TMP)

DEBUG = False
SECRET_KEY = "test-suite-only"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# make run's database (SQLite, with whatever options it has) in a file of the temporary
# folder; pytest-django creates and migrates the test database next to it.
DATABASES = {
    "default": {
        **DATABASES["default"],  # noqa: F405
        "NAME": os.environ.get("TEST_SQLITE_DATABASE") or str(_TMP / "db.sqlite3"),
        "TEST": {"NAME": str(_TMP / "test-db.sqlite3")},
    }
}


def _in_tmp(value):
    """``make run``'s path of a file or folder under var/, moved to the temporary folder."""
    if isinstance(value, str) and str(VAR_DIR) in value:
        return value.replace(str(VAR_DIR), str(_TMP))
    return value


# The development settings' cache, broker folders, results, beat schedule and mail folder,
# each in the temporary folder.
CACHES = {
    alias: {**cache, "LOCATION": _in_tmp(cache.get("LOCATION", ""))}
    for alias, cache in CACHES.items()  # noqa: F405
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    key: _in_tmp(value)
    for key, value in CELERY_BROKER_TRANSPORT_OPTIONS.items()  # noqa: F405
}
for _key, _folder in CELERY_BROKER_TRANSPORT_OPTIONS.items():
    if _key.endswith("folder") or _key.startswith("data_folder"):
        Path(_folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = _in_tmp(CELERY_RESULT_BACKEND)  # noqa: F405
Path(CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
CELERY_BEAT_SCHEDULE_FILENAME = _in_tmp(CELERY_BEAT_SCHEDULE_FILENAME)  # noqa: F405
CELERY_TASK_DEFAULT_QUEUE = "celery"
EMAIL_FILE_PATH = _in_tmp(EMAIL_FILE_PATH)  # noqa: F405
MEDIA_ROOT = str(_TMP / "media")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The address Django's test client sends requests to: links in mail, feeds and pages point
# where the tests can follow them.
PUBLIC_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
LOGGING["root"]["level"] = "WARNING"

# Background work (django-tasks, association/background.py) runs when it is enqueued, so a
# test sees what a publish indexed without a worker; tests/test_background.py runs it on one.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
