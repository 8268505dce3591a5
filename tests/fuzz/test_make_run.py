"""Smoke checks of `make run`'s configuration, browser-free: they run with the rest of the
suite on PostgreSQL and, marked ``sqlite``, on the embedded defaults a newcomer meets first
(SQLite, kombu's filesystem broker, mail to files, the file cache)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from association.celery import app
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StaffUserFactory,
    translate_page,
)

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db]

ON_SQLITE = connection.vendor == "sqlite"


@pytest.fixture
def site(home_page):
    translate_page(home_page, "sr-latn", title="Početna", hero_heading="Klasteri")
    translate_page(home_page, "sr", title="Почетна", hero_heading="Кластери")
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, ticket_types=[{"name": "Standard", "capacity": 10}])
    return home_page


def test_the_configuration_is_make_runs_when_run_on_sqlite():
    if os.environ.get("DJANGO_SETTINGS_MODULE") != "association.settings.test_sqlite":
        pytest.skip("only under association.settings.test_sqlite")
    assert connection.vendor == "sqlite"
    assert settings.CELERY_BROKER_URL.startswith("filesystem://")
    assert settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache")
    assert (
        settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "wagtail.search.backends.database"
    )


@pytest.mark.parametrize("prefix", ["", "/sr-latn", "/sr"])
def test_home_page_in_each_language(client, site, prefix):
    response = client.get(prefix + "/")
    assert response.status_code == 200


def test_the_admin_events_menu_works(client, site):
    client.force_login(StaffUserFactory())
    response = client.get("/admin/events/")
    assert response.status_code == 200


def test_health_check_sees_database_cache_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ok"


def test_mail_is_written_where_make_run_writes_it(settings, tmp_path):
    """Under make run mail goes to files (pytest swaps in its memory backend; put back the
    configured one)."""
    if not ON_SQLITE:
        pytest.skip("the file backend is make run's")
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    mail.send_mail("Ping", "Hello.", "info@localhost", ["someone@example.org"])
    assert [p.read_text() for p in Path(tmp_path).iterdir()][0].count("Subject: Ping") == 1


def test_a_task_reaches_the_broker(settings):
    """The broker make run uses accepts a message (no worker needed to queue one)."""
    if not ON_SQLITE:
        pytest.skip("the filesystem broker is make run's")

    queue = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
    before = set(queue.iterdir())
    app.send_task("association.smoke_check_never_consumed", queue="make-run-smoke")
    assert set(queue.iterdir()) - before
