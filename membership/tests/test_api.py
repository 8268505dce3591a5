"""/api/v2/organisations/: the published organisations the public directory lists, with its
public fields only and its filters, paginated, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import (
    ClusterDirectoryPageFactory,
    ContactPersonFactory,
    OrganisationFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db
ORGANISATIONS = "/api/v2/organisations/"


@pytest.fixture
def directory(home_page):
    return ClusterDirectoryPageFactory(parent=home_page)


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_the_published_organisations_are_listed_as_the_directory_lists_them(client, directory):
    OrganisationFactory(name="Vojvodina ICT Cluster", slug="vojvodina-ict")
    OrganisationFactory(name="Hidden Cluster", is_published=False)

    response = client.get(ORGANISATIONS)

    assert _names(response) == ["Vojvodina ICT Cluster"]
    item = response.json()["items"][0]
    assert item["meta"]["html_url"] == f"{directory.full_url}vojvodina-ict/"
    assert item["meta"]["type"] == "membership.Organisation"


def test_an_organisation_shows_its_public_fields_and_never_its_people(client, directory):
    organisation = OrganisationFactory(
        name="Niš Cluster", description="<p>Machines <b>and</b> tools.</p>", email="office@nis.rs"
    )
    ContactPersonFactory(
        organisation=organisation, email="secret.person@example.org", consent_to_publish=True
    )
    hidden = OrganisationFactory(is_published=False)

    detail = client.get(f"{ORGANISATIONS}{organisation.pk}/")
    every_field = client.get(ORGANISATIONS, {"fields": "*"})

    data = detail.json()
    assert data["name"] == "Niš Cluster"
    assert data["description"] == "Machines and tools."
    assert data["email"] == "office@nis.rs"
    for response in (detail, every_field):
        assert b"secret.person@example.org" not in response.content
        assert b"contact_persons" not in response.content
    assert client.get(ORGANISATIONS, {"fields": "contact_persons"}).status_code == 400
    assert client.get(ORGANISATIONS, {"fields": "users"}).status_code == 400
    assert client.get(f"{ORGANISATIONS}{hidden.pk}/").status_code == 404


@pytest.mark.sqlite
def test_organisations_are_filtered_as_in_the_directory(client, directory):
    ict = SectorFactory(name="ICT", slug="ict")
    OrganisationFactory(name="Software Cluster", sectors=[ict], region="belgrade")
    OrganisationFactory(name="Food Cluster", region="vojvodina")

    assert _names(client.get(ORGANISATIONS, {"sector": "ict"})) == ["Software Cluster"]
    assert _names(client.get(ORGANISATIONS, {"region": "vojvodina"})) == ["Food Cluster"]
    assert _names(client.get(ORGANISATIONS, {"q": "softver"})) == []
    assert _names(client.get(ORGANISATIONS, {"q": "software"})) == ["Software Cluster"]
    assert _names(client.get(ORGANISATIONS, {"region": "atlantis"})) == []
    assert client.get(ORGANISATIONS, {"colour": "red"}).status_code == 400


def test_no_organisation_is_public_while_the_directory_is_restricted(client, directory):
    OrganisationFactory(name="Vojvodina ICT Cluster")
    PageViewRestriction.objects.create(page=directory, restriction_type=PageViewRestriction.LOGIN)

    assert _names(client.get(ORGANISATIONS)) == []


def test_the_organisation_list_makes_as_many_queries_for_many_as_for_few(
    client, directory, uncached_pages
):
    sectors = [SectorFactory(name="ICT", slug="ict"), SectorFactory(name="Food", slug="food")]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(ORGANISATIONS, {"fields": "*", "limit": 50})
        assert response.status_code == 200
        return len(captured)

    OrganisationFactory(sectors=sectors)
    queries()  # as a running site: the site's root paths are cached
    few = queries()
    for _ in range(6):
        OrganisationFactory(sectors=sectors)

    assert queries() == few
