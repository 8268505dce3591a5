"""The journeys' infrastructure, on both configurations the suite runs on (PostgreSQL with
Redis and SMTP under ``make test``; SQLite with the filesystem broker and mail to files under
``association.settings.test_sqlite``, make run's):

- ``browser``: one Chromium per test module (tests/browser.py);
- ``journey_worker``: a real Celery worker process on the test database and broker, whose
  mails carry the live server's address (tests/journeys/worker_settings.py);
- ``outbox``: the mails the site wrote, the web process' and the worker's alike
  (tests/journeys/outbox.py);
- ``journey_site``: a small published site in the three languages, built once per module and
  served by a live server thread as the default Wagtail site, with the public address set to
  it; the tests read and write the committed database (as transactional tests), which is
  emptied when the module ends.

Mark a journey module ``pytestmark = pytest.mark.sqlite`` so ``make test`` runs it twice.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from association.celery import app as celery_app
from tests.browser import chromium
from tests.harness import CeleryWorkerProcess, worker_environment
from tests.journeys.outbox import Outbox
from tests.journeys.site import JourneySite, build_site

# The journey worker's queue, its own (see _journey_queue).
JOURNEY_QUEUE = f"{django_settings.CELERY_TASK_DEFAULT_QUEUE}-journeys"


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the whole module (the root conftest's is per test)."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def journey_server(django_db_setup):
    """The site served by a live server thread for the whole session (pytest-django's
    ``LiveServer``; its ``live_server`` fixture would empty the database after every test,
    and the journeys keep their module's site)."""
    server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def journey_worker(
    journey_server, django_db_setup, django_db_blocker, smtp_server, tmp_path_factory
):
    """A real Celery worker process for the whole session, on the test database and broker,
    with the live server as the site's public address."""
    with django_db_blocker.unblock():
        env = worker_environment(
            smtp_server=smtp_server,
            tmpdir=tmp_path_factory.mktemp("journey-worker"),
            settings_module="tests.journeys.worker_settings",
            JOURNEY_BASE_SETTINGS=os.environ["DJANGO_SETTINGS_MODULE"],
            JOURNEY_BASE_URL=journey_server.url,
            JOURNEY_QUEUE=JOURNEY_QUEUE,
        )
    worker = CeleryWorkerProcess(env=env, queue=JOURNEY_QUEUE)
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture(autouse=True)
def _journey_queue():
    """During a journey the site queues its tasks for the journey worker alone: a worker
    other tests started in this process (the root ``celery_worker_process``, whose mail links
    name the test client's address) consumes the default queue."""
    default = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = JOURNEY_QUEUE
    yield
    celery_app.conf.task_default_queue = default


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


@pytest.fixture(scope="module")
def journey_site(journey_server, django_db_blocker) -> JourneySite:
    """The small site (tests/journeys/site.py), built once for the test module and served by
    the live server as the default Wagtail site; mails and absolute links name the live
    server's address. What the module's journeys write through the site stays until the
    module ends; the database is emptied then, as after a transactional test."""
    with django_db_blocker.unblock():
        address = {
            "PUBLIC_BASE_URL": journey_server.url,
            "WAGTAILADMIN_BASE_URL": journey_server.url,
        }
        try:
            with override_settings(**address):
                yield build_site(url=journey_server.url)
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def transactional_db(django_db_setup, django_db_blocker):
    """Here every test reads and writes the committed database the live server and the
    worker see, as a transactional test does, but it is not emptied after each test: the
    module's site stays until the module ends (``journey_site``). Replaces pytest-django's
    fixture of that name in the journeys (its name is also what tells pytest-django to set up
    the test database); ``db`` is the same, and ``live_server`` is not for the journeys
    (``journey_server``)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def db(transactional_db):
    """The committed database, as ``transactional_db`` here."""
