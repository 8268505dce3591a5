"""The one-command local run: SQLite, Celery over kombu's filesystem transport, mail to files.

Nothing here needs a server besides the ones ``make run`` starts itself.
"""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-development-only-not-a-secret")  # noqa: S105
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

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
