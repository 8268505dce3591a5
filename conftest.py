"""Fixtures every app's tests share: PostgreSQL (pytest-django), a local SMTP server, a
real Celery worker process, and a published site with a home page."""

import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from tests.factories import HomePageFactory, ensure_locales, ensure_wagtail_base
from tests.harness import CeleryWorkerProcess, SMTPServer

# The fuzz test's counts at the end of the output, summed over pytest-xdist's workers.
pytest_plugins = ["tests.fuzz.report"]


# What `make test-fast` leaves out: tests with a real worker process, a browser, a whole demo
# seeding or the full fuzz run. `make test` runs everything.
_WORKER_FIXTURES = {"celery_worker", "celery_worker_process", "capped_worker"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _WORKER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.worker)
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if item.path.name == "test_seed_demo.py" or item.get_closest_marker("fuzz"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: Wagtail keeps site root paths and renditions
    there, and a previous test's would leak into the next one."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request to a Serbian address activates
    Serbian for the rest of the thread (Django's LocaleMiddleware never deactivates it), so a
    test that builds a form or a message outside a request after one would speak Serbian."""
    translation.deactivate()


@pytest.fixture(scope="session")
def smtp_server():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server, settings):
    """The local SMTP server, emptied, with Django sending to it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.host
    settings.EMAIL_PORT = smtp_server.port
    smtp_server.clear()
    yield smtp_server
    smtp_server.clear()


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, smtp_server, tmp_path_factory):
    """A real Celery worker process (session-wide) on the test database and broker."""
    if connection.vendor != "postgresql":
        pytest.skip("the Celery worker process runs on the PostgreSQL configuration (make test)")
    with django_db_blocker.unblock():
        db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "association.settings.test",
            "DATABASE_URL": f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "EMAIL_HOST": smtp_server.host,
            "EMAIL_PORT": str(smtp_server.port),
            "TMPDIR": str(tmp_path_factory.mktemp("celery")),
        }
    )
    worker = CeleryWorkerProcess(env=env, queue=django_settings.CELERY_TASK_DEFAULT_QUEUE)
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db, mailbox):
    """The running worker for one test; restarted first if an earlier test killed it.

    The test's data is committed so the worker sees it. Tables are emptied after each such
    test, so the rows Wagtail's migrations made (root page, locale, collection) are put back
    first.
    """
    ensure_wagtail_base()
    if celery_worker_process.process.poll() is not None:
        celery_worker_process.start()
    return celery_worker_process


@pytest.fixture
def locales(db):
    # A transactional test before this one may have emptied the rows Wagtail's migrations made.
    ensure_wagtail_base()
    return ensure_locales()


@pytest.fixture
def home_page(locales):
    """A published English home page that the default site serves at /."""
    return HomePageFactory(as_site_root=True)


@pytest.fixture(scope="session")
def stripe_standin_server():
    from tests.stripe_standin import StripeStandin

    standin = StripeStandin().start()
    yield standin
    standin.stop()


@pytest.fixture
def stripe_standin(stripe_standin_server, settings):
    """The local Stripe stand-in, emptied, with the payments app pointed at it."""
    stripe_standin_server.reset()
    settings.STRIPE_SECRET_KEY = stripe_standin_server.secret_key
    settings.STRIPE_WEBHOOK_SECRET = stripe_standin_server.webhook_secret
    settings.STRIPE_API_BASE = stripe_standin_server.url
    yield stripe_standin_server
    stripe_standin_server.reset()
