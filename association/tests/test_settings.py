"""Production settings refuse to start with a missing secret, host, public address, database or
mail server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "association.settings.production",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "clusters.example.org",
    "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/association",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_PORT": "587",
    "DEFAULT_FROM_EMAIL": "info@clusters.example.org",
    "PUBLIC_BASE_URL": "https://clusters.example.org",
    "STRIPE_SECRET_KEY": "sk_test_x",
    "STRIPE_WEBHOOK_SECRET": "whsec_x",
    "ANYMAIL_WEBHOOK_SECRET": "esp:webhook-secret",
}


# Read from the environment with defaults: the tests' own environment must not choose them.
OPTIONAL = (
    "WAGTAILADMIN_BASE_URL",
    "PORT",
    "NEWSLETTER_FROM_EMAIL",
    "NEWSLETTER_LIST_ID",
    "SERVER_EMAIL",
    "DJANGO_SETTINGS_MODULE",
)


def _load_settings(env, *, show=""):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k not in OPTIONAL}
    shown = f"from django.conf import settings; print(settings.{show}); " if show else ""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {shown}print('started')"],
        cwd=REPO_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_start_with_every_variable_set():
    result = _load_settings(PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    "variable",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "DEFAULT_FROM_EMAIL",
        "PUBLIC_BASE_URL",
        "STRIPE_SECRET_KEY",
        "STRIPE_WEBHOOK_SECRET",
        "ANYMAIL_WEBHOOK_SECRET",
    ],
)
def test_production_settings_refuse_to_start_without(variable):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != variable}

    result = _load_settings(env)

    assert result.returncode != 0
    assert f"Set the {variable} environment variable" in result.stderr


def test_production_settings_refuse_a_wildcard_host():
    result = _load_settings({**PRODUCTION_ENV, "ALLOWED_HOSTS": "*"})

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        "clusters.example.org",
        "ftp://clusters.example.org",
        "https://clusters.example.org/site/",
        "https://clusters.example.org:8443",
        "http://clusters.example.org:443",
        "https://",
        "http://[::1]:8000",
    ],
)
def test_production_settings_refuse_a_public_base_url_that_is_no_site_address(value):
    result = _load_settings({**PRODUCTION_ENV, "PUBLIC_BASE_URL": value})

    assert result.returncode != 0
    assert "PUBLIC_BASE_URL must be the site's address" in result.stderr


def test_the_wagtail_admin_links_to_the_public_base_url_unless_told_otherwise():
    result = _load_settings(PRODUCTION_ENV, show="WAGTAILADMIN_BASE_URL")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "https://clusters.example.org"


DEV_ENV = {"DJANGO_SETTINGS_MODULE": "association.settings.dev", "SECRET_KEY": "x" * 60}
SHOWN = "PUBLIC_BASE_URL, settings.DEFAULT_FROM_EMAIL, settings.NEWSLETTER_FROM_EMAIL, " + (
    "settings.NEWSLETTER_LIST_ID, settings.WAGTAILADMIN_BASE_URL, sep='|'"
)


def _shown(env) -> list[str]:
    result = _load_settings(env, show=SHOWN)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[0].split("|")


def test_make_run_links_to_the_address_runserver_serves_and_sends_from_no_localhost():
    base, sender, newsletter_sender, list_id, admin = _shown({**DEV_ENV, "PORT": "8123"})

    assert base == admin == "http://127.0.0.1:8123"
    assert "localhost" not in sender + newsletter_sender + list_id
    assert sender.endswith("@example.org>") and newsletter_sender == sender
    assert list_id == "infocluster.example.org"


def test_sender_addresses_and_the_list_id_derive_from_the_public_host():
    shown = _shown({**DEV_ENV, "PUBLIC_BASE_URL": "https://klasteri.example.org/"})

    assert shown == [
        "https://klasteri.example.org",
        "Serbian Cluster Association <info@klasteri.example.org>",
        "Serbian Cluster Association <info@klasteri.example.org>",
        "infocluster.klasteri.example.org",
        "https://klasteri.example.org",
    ]


def test_production_sends_the_newsletter_from_the_required_sender_unless_told_otherwise():
    shown = _shown(PRODUCTION_ENV)

    assert shown[1] == shown[2] == "info@clusters.example.org"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://Clusters.Example.org:443/", "https://clusters.example.org"),
        ("http://clusters.example.org:80", "http://clusters.example.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_the_public_base_url_is_written_as_page_addresses_write_it(value, expected):
    """The scheme's own port is left out, as Wagtail's site record leaves it from page
    addresses: a canonical link and an og:image never disagree on ":443"."""
    result = _load_settings({**PRODUCTION_ENV, "PUBLIC_BASE_URL": value}, show="PUBLIC_BASE_URL")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == expected
