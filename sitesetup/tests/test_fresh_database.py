"""Production from zero, as the README's "Production" section runs it: on a new, empty
PostgreSQL database, ``migrate``, ``collectstatic`` and ``setup_site --no-input`` run as
processes with the production settings; then every public URL answers in three languages,
menus stay in their language, no demo content exists, the first staff member's invitation
arrives by SMTP through a Celery worker, its link sets a password, they sign in and reach the
admin, and a second ``setup_site`` changes nothing (a title staff edited survives)."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.harness import CeleryWorkerProcess

pytestmark = [pytest.mark.slow, pytest.mark.worker]

REPO = Path(__file__).resolve().parents[2]
STAFF = "first.staff@example.org"
PASSWORD = "a-long-staff-password-2026"
SETUP = [
    "setup_site",
    "--no-input",
    "--name",
    "Cluster Association of Serbia",
    "--name-sr-latn",
    "Klaster asocijacija Srbije",
    "--contact-email",
    "office@example.org",
    "--staff-email",
    STAFF,
    "--base-url",
    "https://clusters.example.org",
]


@pytest.fixture
def fresh_database():
    """A new database in the test cluster, dropped afterwards: its URL."""
    db = connection.settings_dict
    name = f"fresh_setup_{uuid.uuid4().hex[:8]}"
    admin = {
        "host": db["HOST"],
        "port": db["PORT"],
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    yield f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def production_env(fresh_database, smtp_server, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SETUP_", "PYTEST_", "DJANGO_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "association.settings.production",
            "SECRET_KEY": uuid.uuid4().hex * 2,
            "ALLOWED_HOSTS": "clusters.example.org",
            "DATABASE_URL": fresh_database,
            # The test process' Redis, so the harness can ping the worker through it.
            "REDIS_URL": settings.REDIS_URL,
            "EMAIL_HOST": smtp_server.host,
            "EMAIL_PORT": str(smtp_server.port),
            "EMAIL_USE_TLS": "False",
            "DEFAULT_FROM_EMAIL": "Cluster Association <info@clusters.example.org>",
            "PUBLIC_BASE_URL": "https://clusters.example.org",
            "STRIPE_SECRET_KEY": "sk_test_throwaway",
            "STRIPE_WEBHOOK_SECRET": "whsec_throwaway",
            "ANYMAIL_WEBHOOK_SECRET": "esp:throwaway",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "TMPDIR": str(tmp_path),
        }
    )
    return env


def _manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _probe(env, *args) -> dict:
    run = subprocess.run(
        [sys.executable, "-m", "sitesetup.tests.fresh_site_probe", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_production_from_zero(production_env, smtp_server):
    env = production_env
    for step in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        run = _manage(env, *step)
        assert run.returncode == 0, run.stderr
    smtp_server.clear()
    worker = CeleryWorkerProcess(env=env, queue="celery").start()
    try:
        first = _manage(env, *SETUP)
        assert first.returncode == 0, first.stderr
        [invitation] = smtp_server.wait_for(1, timeout=120)
    finally:
        worker.stop()

    site = _probe(env, "site")
    assert {url: s for url, s in site["statuses"].items() if s != 200} == {}
    assert not site["welcome_page"]
    for code, menu in site["menus"].items():
        assert len(menu["links"]) >= 6 and menu["outside"] == [], (code, menu)
    assert site["demo_rows"] == {"organisations": 0, "news": 0, "events": 0, "subscribers": 0}
    assert site["users"] == [[STAFF, True]]

    assert invitation.rcpt_tos == [STAFF]
    link = next(w for w in invitation.body_text().split() if "/accounts/invitation/" in w)
    assert link.startswith("https://clusters.example.org/accounts/invitation/")
    accepted = _probe(env, "accept", link, PASSWORD, STAFF)
    assert accepted == {
        "form": 200,
        "accepted": 302,
        "accepted_to": "/admin/",
        "admin_after_accepting": 200,
        "login": 302,
        "admin_after_login": 200,
        "reused": 400,
    }

    edited = _probe(env, "edit-about", "Who we are")
    second = _manage(env, *SETUP)
    assert second.returncode == 0, second.stderr
    assert "Pages: 0 created, 0 updated" in second.stdout
    assert "Other: nothing changed." in second.stdout
    assert _probe(env, "pages") == edited == {"pages": edited["pages"], "title": "Who we are"}
