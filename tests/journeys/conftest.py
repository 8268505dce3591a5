"""The journeys' infrastructure, on both configurations the suite runs on (PostgreSQL with
Redis and SMTP under ``make test``; SQLite with the filesystem broker and mail to files under
``association.settings.test_sqlite``, make run's):

- ``browser``: one Chromium per test module (tests/browser.py);
- ``journey_worker``: a real Celery worker process on the test database and broker, whose
  mails carry the live server's address (tests/journeys/worker_settings.py);
- ``outbox``: the mails the site wrote, the web process' and the worker's alike
  (tests/journeys/outbox.py);
- ``journey_site``: a small published site in the three languages, served by pytest-django's
  ``live_server`` as the default Wagtail site, with the public address set to it.

Mark a journey module ``pytestmark = pytest.mark.sqlite`` so ``make test`` runs it twice.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.db import connections
from playwright.sync_api import sync_playwright
from wagtail.models import Site

from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.harness import CeleryWorkerProcess, worker_environment
from tests.journeys.outbox import Outbox
from tests.journeys.site import JourneySite, build_site


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the whole module (the root conftest's is per test); Playwright's sync
    API runs an event loop in this thread, in which the test's ORM calls stay synchronous."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
            connections.close_all()


@pytest.fixture(scope="session")
def journey_worker(live_server, django_db_setup, django_db_blocker, smtp_server, tmp_path_factory):
    """A real Celery worker process for the whole session, on the test database and broker,
    with the live server as the site's public address."""
    with django_db_blocker.unblock():
        env = worker_environment(
            smtp_server=smtp_server,
            tmpdir=tmp_path_factory.mktemp("journey-worker"),
            settings_module="tests.journeys.worker_settings",
            JOURNEY_BASE_SETTINGS=os.environ["DJANGO_SETTINGS_MODULE"],
            JOURNEY_BASE_URL=live_server.url,
        )
    worker = CeleryWorkerProcess(env=env, queue=django_settings.CELERY_TASK_DEFAULT_QUEUE)
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def outbox(settings, smtp_server):
    """The mails the site writes during the test, emptied first: on PostgreSQL what the local
    SMTP server received; on SQLite the files Django's file backend wrote (make run's
    backend, which pytest would otherwise replace by its memory one)."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        box = Outbox(folder=folder)
    else:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = smtp_server.host
        settings.EMAIL_PORT = smtp_server.port
        box = Outbox(smtp_server=smtp_server)
    box.clear()
    yield box
    box.clear()


@dataclass
class Served:
    """The site and where it is served."""

    url: str
    pages: JourneySite

    def __getattr__(self, name):
        return getattr(self.pages, name)


@pytest.fixture
def journey_site(transactional_db, live_server, settings) -> Served:
    """The small site (tests/journeys/site.py), served by the live server as the default
    Wagtail site; mails and absolute links name the live server's address."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    pages = build_site()
    address = urlsplit(live_server.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = address.hostname, address.port
    site.save()  # Wagtail forgets the cached site root paths on save
    return Served(url=live_server.url, pages=pages)
