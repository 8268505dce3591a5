"""Fixtures every app's tests share: PostgreSQL (pytest-django), a local SMTP server, a
real Celery worker process, and a published site with a home page."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from tests.browser import chromium
from tests.factories import HomePageFactory, ensure_locales, ensure_wagtail_base
from tests.harness import CeleryWorkerProcess, SMTPServer, worker_environment
from tests.object_storage import MotoServer
from tests.stripe_standin import StripeStandin

# The fuzz test's counts at the end of the output, summed over pytest-xdist's workers.
pytest_plugins = ["tests.fuzz.report"]


# What `make test-fast` leaves out: tests with a real worker process, a browser, a whole demo
# seeding or the full fuzz run. `make test` runs everything.
_WORKER_FIXTURES = {"celery_worker", "celery_worker_process", "capped_worker", "journey_worker"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _WORKER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.worker)
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        # The whole demo seeding (demo/tests/test_seed_demo_full.py) is marked slow itself.
        if item.get_closest_marker("fuzz"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: Wagtail keeps site root paths and renditions
    there, and a previous test's would leak into the next one."""
    cache.clear()


@pytest.fixture
def uncached_pages(settings):
    """For a test that counts what rendering a page costs: with the page cache on
    (home/page_cache.py) a page seen before answers with no query at all."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to a Serbian page activates
    Serbian for the thread, and it stayed active in whatever test the worker ran next (an
    English message then came out in Serbian)."""
    translation.deactivate()


@pytest.fixture
def browser():
    """Chromium for one test (tests/browser.py)."""
    with chromium() as launched:
        yield launched


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
    """A real Celery worker process (session-wide) on the test database and broker: on
    PostgreSQL it sends mail to ``smtp_server``; on SQLite (make run's configuration) it
    writes mail to the test settings' EMAIL_FILE_PATH (tests/harness.py::worker_environment)."""
    with django_db_blocker.unblock():
        env = worker_environment(smtp_server=smtp_server, tmpdir=tmp_path_factory.mktemp("celery"))
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
    if connection.vendor != "postgresql":
        # This fixture reads mail from the SMTP server; make run's configuration writes mail
        # to files: tests there use tests/journeys (its worker and outbox).
        pytest.skip("celery_worker reads mail over SMTP, the PostgreSQL configuration's")
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


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory):
    """moto's standalone S3 server as a real process (one per test process)."""
    server = MotoServer(log=tmp_path_factory.mktemp("moto") / "moto_server.log").start()
    yield server
    server.stop()


@pytest.fixture
def s3_media(moto_server, settings):
    """A new bucket on ``moto_server`` as the default storage: the S3 class of
    association/storage.py with path addressing, and documents served by redirect, as
    association/settings/base.py configures both when AWS_STORAGE_BUCKET_NAME is set."""
    bucket = moto_server.new_bucket()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "association.storage.MediaStorage",
            "OPTIONS": bucket.storage_options(),
        },
    }
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    return bucket


ASSOCIATION_ACCOUNT = "160-5100000123456-65"


@pytest.fixture
def invoicing(db):
    """The association's invoicing details on the default site, as staff fill them in."""
    from wagtail.models import Page, Site

    from association import public_url
    from payments.models import InvoicingSettings

    ensure_wagtail_base()
    hostname, port = public_url.site_address()
    site = Site.objects.get_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": Page.get_first_root_node()},
    )[0]
    details, _ = InvoicingSettings.objects.update_or_create(
        site=site,
        defaults={
            "legal_name": "Udruženje klastera Srbije",
            "address": "Bulevar kralja Aleksandra 1",
            "city": "11000 Beograd",
            "pib": "100002887",
            "mb": "07005466",
            "bank_account": ASSOCIATION_ACCOUNT,
            "vat_rate": Decimal("0"),
            "vat_exemption_note": "Not in the VAT system (Article 33 of the VAT law).",
            "days_to_pay": 8,
            "currency": "RSD",
            "payment_code": "221",
        },
    )
    return details
