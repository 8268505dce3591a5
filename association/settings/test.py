"""The test suite: the same engines as production (PostgreSQL, Redis), started by ``make test``."""

from .base import *  # noqa: F403
from .base import LOGGING, env

DEBUG = False
SECRET_KEY = "test-suite-only"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise RuntimeError("The test suite runs on PostgreSQL: set DATABASE_URL to a postgres:// URL.")

# pytest-xdist runs several test processes against one Redis: each gets its own database
# number (cache, broker, results) and queue, so their tasks and keys never meet.
_XDIST_WORKER = env("PYTEST_XDIST_WORKER", default="")
_REDIS_DB = int(_XDIST_WORKER[2:]) + 1 if _XDIST_WORKER.startswith("gw") else 0
REDIS_URL = f"{env('REDIS_URL').rsplit('/', 1)[0]}/{_REDIS_DB}"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = f"test-{_XDIST_WORKER or 'main'}"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=2525)
EMAIL_TIMEOUT = 10

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The address Django's test client sends requests to: links in mail, feeds and pages point
# where the tests can follow them.
PUBLIC_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING["root"]["level"] = "WARNING"

# Background work (django-tasks, association/background.py) runs when it is enqueued, so a
# test sees what a publish indexed without a worker; tests/test_background.py runs it on one.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
