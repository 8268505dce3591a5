import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.cluster_seeder import seed_organisations
from home.models import SiteSettings
from membership import selectors
from membership.models import ClusterDirectoryPage, Organisation, Sector
from membership.views import directory as directory_views
from tests.factories import (
    ClusterDirectoryPageFactory,
    ContactPersonFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    SectorFactory,
    TechnologyFieldFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    # The site settings, as a running site has them: made by the first page view, they would
    # bump the content version in the middle of it, and what it cached would be missed.
    SiteSettings.load()
    return ClusterDirectoryPageFactory(parent=home_page)


@pytest.fixture
def terms():
    return {
        "ict": SectorFactory(name="ICT", slug="ict"),
        "food": SectorFactory(name="Food", slug="food"),
        "iot": TechnologyFieldFactory(name="IoT", slug="iot"),
    }


@pytest.fixture
def everything_on_one_page(monkeypatch):
    monkeypatch.setattr(directory_views, "ORGANISATIONS_PER_PAGE", 200)


def _names(response):
    return {organisation.name for organisation in response.context["organisations"]}


def _organisations(count, terms, prefix="Org"):
    return [
        OrganisationFactory(
            name=f"{prefix} {i}",
            kind="cluster" if i % 2 else "sme",
            region="vojvodina" if i % 3 else "belgrade",
            sectors=[terms["ict"]] if i % 2 else [terms["food"]],
            technology_fields=[terms["iot"]],
            logo=None,
        )
        for i in range(count)
    ]


def _count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_directory_lists_published_organisations_with_figures(client, directory, terms):
    OrganisationFactory(name="Vojvodina ICT Cluster", member_companies=40, employees=500)
    OrganisationFactory(name="Hidden", is_published=False)

    response = client.get("/clusters/")

    assert response.status_code == 200
    assert _names(response) == {"Vojvodina ICT Cluster"}
    assert response.context["figures"] == {
        "organisations": 1,
        "member_companies": 40,
        "employees": 500,
    }
    assert b"<meter" in response.content


def test_filters_combine(client, directory, terms):
    OrganisationFactory(name="ICT Novi Sad", kind="cluster", sectors=[terms["ict"]])
    OrganisationFactory(
        name="ICT Belgrade", kind="cluster", region="belgrade", sectors=[terms["ict"]]
    )
    OrganisationFactory(name="Food Novi Sad", kind="cluster", sectors=[terms["food"]])
    OrganisationFactory(
        name="ICT SME", kind="sme", sectors=[terms["ict"]], technology_fields=[terms["iot"]]
    )

    assert _names(client.get("/clusters/?sector=ict")) == {
        "ICT Novi Sad",
        "ICT Belgrade",
        "ICT SME",
    }
    assert _names(client.get("/clusters/?sector=ict&kind=cluster&region=vojvodina")) == {
        "ICT Novi Sad"
    }
    assert _names(client.get("/clusters/?technology=iot")) == {"ICT SME"}
    assert _names(client.get("/clusters/?q=novi")) == {"ICT Novi Sad", "Food Novi Sad"}
    response = client.get("/clusters/?sector=ict&kind=cluster")
    assert b'class="chip"' in response.content
    assert "ICT" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "kind=nonsense",
        "sector=unknown",
        "technology=nope",
        "stage=x",
        "region=mars",
        "label=platinum",
    ],
)
def test_unknown_filter_values_give_an_empty_list(client, directory, terms, query):
    OrganisationFactory(sectors=[terms["ict"]])

    response = client.get(f"/clusters/?{query}")

    assert response.status_code == 200
    assert _names(response) == set()
    assert response.context["figures"]["organisations"] == 0


def test_sort_by_employees_and_unknown_sort_falls_back_to_name(client, directory):
    OrganisationFactory(name="Alpha", employees=10)
    OrganisationFactory(name="Beta", employees=900)

    by_employees = client.get("/clusters/?sort=-employees").context["organisations"]
    assert [org.name for org in by_employees] == ["Beta", "Alpha"]
    by_name = client.get("/clusters/?sort=drop+table").context["organisations"]
    assert [org.name for org in by_name] == ["Alpha", "Beta"]


def test_profile_shows_public_fields_and_consented_contacts_only(client, directory, terms):
    organisation = OrganisationFactory(
        name="Vojvodina ICT Cluster",
        slug="voict",
        sectors=[terms["ict"]],
        website="https://vojvodinaictcluster.org",
    )
    ContactPersonFactory(organisation=organisation, name="Ana Public", consent_to_publish=True)
    ContactPersonFactory(
        organisation=organisation,
        name="Bojan Private",
        consent_to_publish=False,
        email="bojan@example.org",
    )

    response = client.get("/clusters/voict/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ana Public" in content
    assert "Bojan Private" not in content
    assert "bojan@example.org" not in content
    assert '"@type": "Organization"' in content
    assert "data-latitude" in content
    assert response.context["news"] == []


def test_unknown_or_unpublished_profile_is_404(client, directory):
    OrganisationFactory(slug="hidden", is_published=False)

    assert client.get("/clusters/no-such-cluster/").status_code == 404
    assert client.get("/clusters/hidden/").status_code == 404


def test_geojson_is_a_feature_collection_that_honours_filters(client, directory, terms):
    OrganisationFactory(name="ICT", slug="ict-cluster", sectors=[terms["ict"]], city="Novi Sad")
    OrganisationFactory(name="Food", sectors=[terms["food"]])
    OrganisationFactory(name="Nowhere", latitude=None, longitude=None, sectors=[terms["ict"]])

    response = client.get("/clusters/map.geojson?sector=ict")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [19.8335, 45.2671]}
    assert feature["properties"] == {
        "name": "ICT",
        "url": "/clusters/ict-cluster/",
        "kind": "Cluster organisation",
        "city": "Novi Sad",
    }
    assert json.loads(client.get("/clusters/map.geojson?kind=bogus").content)["features"] == []


def test_csv_and_json_exports_have_the_public_columns(client, directory, terms):
    organisation = OrganisationFactory(
        name="=cmd|' /C calc'!A0",
        slug="formula",
        sectors=[terms["ict"], terms["food"]],
        phone="+381 21 123",
    )
    ContactPersonFactory(organisation=organisation, name="Secret Person")
    OrganisationFactory(name="Other", sectors=[terms["food"]])

    response = client.get("/clusters/export.csv?sector=ict")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == selectors.EXPORT_COLUMNS
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["name"].startswith("'=")
    # A leading "+" is a formula start whatever follows ("+1+HYPERLINK(...)" too); the
    # apostrophe makes a spreadsheet show the number as typed.
    assert row["phone"] == "'+381 21 123"
    assert row["sectors"] == "Food; ICT"
    assert "Secret Person" not in response.content.decode("utf-8-sig")

    data = json.loads(client.get("/clusters/export.json").content)
    assert data["columns"] == selectors.EXPORT_COLUMNS
    assert {row["slug"] for row in data["organisations"]} == {"formula", "other"}
    assert set(data["organisations"][0]) == set(selectors.EXPORT_COLUMNS)


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize(
    "url",
    [
        "/clusters/",
        "/clusters/?sector=ict&kind=cluster&region=vojvodina&sort=-employees",
        "/clusters/map.geojson",
        "/clusters/map.geojson?sector=food",
        "/clusters/export.csv",
        "/clusters/export.json?technology=iot",
    ],
)
@pytest.mark.usefixtures("everything_on_one_page")
def test_query_counts_do_not_grow_with_organisations(client, directory, terms, url):
    _organisations(10, terms)
    ten = _count_queries(client, url)

    _organisations(90, terms, prefix="More")
    hundred = _count_queries(client, url)

    assert ten == hundred


@pytest.mark.usefixtures("uncached_pages")
def test_profile_query_count_does_not_grow(client, directory, terms):
    organisation = OrganisationFactory(slug="target", sectors=[terms["ict"]])
    ContactPersonFactory(organisation=organisation)
    ten = _count_queries(client, "/clusters/target/")

    for _ in range(20):
        ContactPersonFactory(organisation=organisation)
    organisation.sectors.add(terms["food"])
    _organisations(50, terms)
    more = _count_queries(client, "/clusters/target/")

    assert ten == more


def test_seed_organisations_is_idempotent(home_page):
    first = seed_organisations()
    counts = (Organisation.objects.count(), Sector.objects.count())
    second = seed_organisations()

    assert (Organisation.objects.count(), Sector.objects.count()) == counts
    assert counts[0] == 27
    assert Organisation.objects.filter(is_founder=True).count() == 7
    assert "created" in first
    assert "0 created" in second
    assert ClusterDirectoryPage.objects.child_of(home_page).filter(slug="clusters").count() == 1


def test_profile_lists_the_news_about_the_organisation(client, home_page):
    ClusterDirectoryPageFactory(parent=home_page)
    organisation = OrganisationFactory(name="NiCAT", slug="nicat")
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="NiCAT hosts Days of Clusters", organisations=[organisation])
    NewsPageFactory(parent=news, title="Unrelated story")

    content = client.get("/clusters/nicat/").content.decode()

    assert "NiCAT hosts Days of Clusters" in content
    assert "Unrelated story" not in content


@pytest.mark.sqlite
def test_the_directorys_search_ignores_script_and_diacritics(client, directory):
    OrganisationFactory(name="Niški klaster mašinogradnje", logo=None)
    OrganisationFactory(name="Ђорђевић и партнери", logo=None)
    OrganisationFactory(name="Vojvodina ICT Cluster", logo=None)

    found = {q: _names(client.get("/clusters/", {"q": q})) for q in ("Niški", "niski", "Нишки")}

    assert found["Niški"] == found["niski"] == found["Нишки"] == {"Niški klaster mašinogradnje"}
    assert _names(client.get("/clusters/", {"q": "Djordjevic"})) == {"Ђорђевић и партнери"}
    assert _names(client.get("/clusters/", {"q": "Đorđević"})) == {"Ђорђевић и партнери"}
    assert _names(client.get("/clusters/", {"q": "МАШИНОГРАДЊЕ"})) == {
        "Niški klaster mašinogradnje"
    }
