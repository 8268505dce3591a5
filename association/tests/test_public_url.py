"""Wagtail's default site follows PUBLIC_BASE_URL after every migrate (deploys and ``make run``
migrate on each start), so page addresses (``page.full_url``) start with it; on PostgreSQL and
on ``make run``'s SQLite."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Page, Site

from association.public_url import absolute, rebase
from tests.factories import ensure_wagtail_base

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def _default_site_at(hostname: str, port: int) -> Site:
    ensure_wagtail_base()
    root = Page.get_first_root_node()
    site, _created = Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": hostname, "port": port, "root_page": root}
    )
    return site


@pytest.mark.parametrize(
    ("base", "address"),
    [
        ("http://127.0.0.1:8123", ("127.0.0.1", 8123)),
        ("https://klasteri.example.org", ("klasteri.example.org", 443)),
        ("http://klasteri.example.org", ("klasteri.example.org", 80)),
    ],
)
def test_after_migrate_the_default_site_is_at_the_public_address(settings, base, address):
    site = _default_site_at("localhost", 80)
    settings.PUBLIC_BASE_URL = base

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    site.refresh_from_db()
    assert (site.hostname, site.port) == address
    assert site.root_url == base
    assert site.site_name  # Wagtail's first site has none


def test_a_site_already_at_the_public_address_is_left_alone(settings):
    site = _default_site_at("localhost", 80)
    Site.objects.create(hostname="klasteri.example.org", port=443, root_page=site.root_page)
    settings.PUBLIC_BASE_URL = "https://klasteri.example.org"

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    site.refresh_from_db()
    assert (site.hostname, site.port) == ("localhost", 80)


def test_links_built_from_a_request_host_move_onto_the_public_address(settings):
    settings.PUBLIC_BASE_URL = "https://klasteri.example.org"

    assert rebase("http://testserver/accounts/confirm-email/k3y/?next=/x#top") == (
        "https://klasteri.example.org/accounts/confirm-email/k3y/?next=/x#top"
    )
    assert absolute("/sr/vesti/") == "https://klasteri.example.org/sr/vesti/"
    assert absolute("https://www.youtube.com/x") == "https://www.youtube.com/x"
    assert absolute("//cdn.example.net/x") == "//cdn.example.net/x"
