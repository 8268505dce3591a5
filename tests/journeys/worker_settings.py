"""Settings of the Celery worker process the journeys start: the settings of the
configuration the suite runs on (``JOURNEY_BASE_SETTINGS``: ``association.settings.test`` or
``association.settings.test_sqlite``), with the site's public address set to the live server
the browser visits (``JOURNEY_BASE_URL``), so that links in the mails it sends can be
followed; and its own queue (``JOURNEY_QUEUE``), for the tasks it is sent and those it queues
itself."""

import importlib
import os

_base = importlib.import_module(os.environ["JOURNEY_BASE_SETTINGS"])
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = os.environ["JOURNEY_BASE_URL"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["JOURNEY_QUEUE"]
