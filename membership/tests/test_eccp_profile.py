"""The European Cluster Collaboration Platform's (ECCP) profile: its vocabularies validated,
a founding date shown no more precisely than it is known, every field with a value on the
profile page in each language, and the profile format's export of one organisation or of
the directory, in JSON and CSV."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from membership.models import Organisation
from tests.factories import (
    ClusterDirectoryPageFactory,
    OrganisationFactory,
    StaffUserFactory,
    UserFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    return ClusterDirectoryPageFactory(parent=home_page)


@pytest.fixture
def serbian_directories(home_page, directory):
    translate_page(home_page, "sr-latn")
    translate_page(home_page, "sr")
    return (
        translate_page(directory, "sr-latn", slug="klasteri"),
        translate_page(directory, "sr", slug="klasteri"),
    )


def _full_profile(**fields) -> Organisation:
    values = {
        "name": "Vojvodina ICT Cluster",
        "slug": "voict",
        "city": "Novi Sad",
        "region": "vojvodina",
        "founding_date": datetime.date(2010, 7, 12),
        "excellence_label": "bronze",
        "management_team": "Cluster manager",
        "management_team_size": 3,
        "languages": ["en", "sr"],
        "emerging_industries": ["creative", "digital"],
        "scale_up_facilities": "A start-up incubator in Novi Sad",
        "major_players": "Example Ltd https://example.rs",
        "mission": "A framework for the members' common interests.",
        "objectives": "Promote the ICT industry abroad.",
        "has_formalised_strategy": True,
        "has_internationalisation_strategy": False,
        "support_services": ["internationalisation", "information_dissemination"],
        "support_services_details": "B2B events for members.",
        "networks": "BBS ICT Cluster Network",
        "target_countries": ["US"],
        "international_activities": ["missions_events"],
        "transnational_target_countries": ["HU"],
        "transnational_activities": ["matchmaking"],
        "funded_programmes": "COSME",
        "fax": "+381 21 000 000",
        "member_companies": 40,
        "member_smes": 35,
        "member_research_organisations": 4,
    }
    values.update(fields)
    return OrganisationFactory(**values)


# --- the vocabularies --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("emerging_industries", ["quantum-everything"]),
        ("support_services", ["Internationalisation support"]),  # a label is not a value
        ("languages", ["xx"]),
        ("international_activities", "missions_events"),  # not a list
        ("transnational_activities", ["matchmaking", "matchmaking"]),
    ],
)
def test_a_value_outside_the_eccp_vocabulary_is_refused(field, value):
    organisation = Organisation(name="X", slug="x", **{field: value})

    with pytest.raises(ValidationError) as error:
        organisation.full_clean(exclude=["sectors", "technology_fields"])

    assert field in error.value.message_dict


def test_values_of_the_vocabularies_are_accepted_and_kept_in_order():
    organisation = _full_profile()
    organisation.full_clean()

    organisation.refresh_from_db()
    assert organisation.emerging_industries == ["creative", "digital"]
    assert organisation.choice_labels("support_services") == [
        "Internationalisation support (access to third-country markets)",
        "Periodic information dissemination",
    ]


# --- the founding date -------------------------------------------------------------------


def test_a_founding_year_is_shown_as_the_year_not_as_the_first_of_january(client, directory):
    OrganisationFactory(
        slug="royal", founding_date=datetime.date(2008, 1, 1), founding_date_precision="year"
    )

    page = client.get("/clusters/royal/").content.decode()

    assert '<time datetime="2008">2008</time>' in page
    assert "January" not in page


def test_a_founding_month_is_shown_as_month_and_year(client, directory):
    OrganisationFactory(
        slug="ac", founding_date=datetime.date(2005, 11, 1), founding_date_precision="month"
    )

    page = client.get("/clusters/ac/").content.decode()

    assert '<time datetime="2005-11">November 2005</time>' in page


def test_cleaning_a_year_only_date_stores_its_first_day():
    organisation = Organisation(
        name="X", slug="x", founding_date=datetime.date(2008, 6, 15), founding_date_precision="year"
    )
    organisation.full_clean(exclude=["sectors", "technology_fields"])

    assert organisation.founding_date == datetime.date(2008, 1, 1)
    assert organisation.founding_display == "2008"
    assert organisation.founding_iso == "2008"


# --- the profile page --------------------------------------------------------------------


def test_the_profile_shows_every_eccp_field_that_has_a_value(client, directory):
    _full_profile()

    page = client.get("/clusters/voict/").content.decode()

    for text in [
        "July 12, 2010",
        "Cluster manager",
        "<dd>3</dd>",
        "English, Serbian",
        "Creative industries, Digital industries",
        "A start-up incubator in Novi Sad",
        'href="https://example.rs"',
        "A framework for the members&#x27; common interests.",
        "Internationalisation support (access to third-country markets)",
        "B2B events for members.",
        "United States of America",
        "Participation at missions, events, study visits, fairs",
        "Hungary",
        "Organisation of matchmaking and B2B events",
        "COSME",
        "Fax: +381 21 000 000",
    ]:
        assert text in page, text
    assert "<dt>A formalised strategy</dt><dd>yes</dd>" in page
    assert "<dt>A strategy focus on internationalisation</dt><dd>no</dd>" in page


def test_the_profile_leaves_out_the_eccp_fields_without_a_value(client, directory):
    OrganisationFactory(slug="bare")

    page = client.get("/clusters/bare/").content.decode()

    for heading in ["Mission", "Emerging industries", "Languages spoken", "formalised strategy"]:
        assert heading not in page


def test_the_profile_shows_the_eccp_fields_in_serbian_latin_and_cyrillic(
    client, serbian_directories
):
    _full_profile(founding_date=datetime.date(2008, 1, 1), founding_date_precision="year")

    latin = client.get("/sr-latn/klasteri/voict/").content.decode()
    cyrillic = client.get("/sr/klasteri/voict/").content.decode()

    # Language names and yes/no come from Django's own catalogues.
    assert "engleski" in latin and "da</dd>" in latin and "ne</dd>" in latin
    assert "енглески" in cyrillic and "да</dd>" in cyrillic
    assert '<time datetime="2008">2008</time>' in latin
    assert '<time datetime="2008">2008</time>' in cyrillic
    assert "COSME" in latin and "COSME" in cyrillic


# --- the ECCP-shaped export ----------------------------------------------------------------


def _csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_one_organisation_exports_in_the_eccp_json_format(client, directory):
    _full_profile()
    OrganisationFactory(name="Another Cluster", slug="another")

    response = client.get("/clusters/eccp-voict.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["format"] == "ECCP cluster organisation profile"
    names = {field["key"]: field["name"] for field in document["fields"]}
    assert names["established"] == "The date when the cluster organisation was established"
    [profile] = document["organisations"]
    assert profile["established"] == "2010-07-12"
    assert profile["excellence_label"] == "Bronze Label"
    assert profile["management_team_size"] == 3
    assert profile["emerging_industries"] == ["Creative industries", "Digital industries"]
    assert profile["international_countries"] == ["United States of America"]
    assert profile["transnational_activities"] == ["Organisation of matchmaking and B2B events"]
    assert profile["formalised_strategy"] == "Yes"
    assert profile["internationalisation_strategy"] == "No"
    assert profile["total_members"] == 44
    assert profile["profile_url"].endswith("/clusters/voict/")


def test_the_eccp_export_is_in_english_whatever_the_readers_language(client, serbian_directories):
    _full_profile()

    document = json.loads(client.get("/sr-latn/klasteri/eccp-voict.json").content)

    assert document["organisations"][0]["languages"] == ["English", "Serbian"]
    assert document["organisations"][0]["region"] == "Vojvodina"


def test_one_organisation_exports_in_the_eccp_csv_format_with_eccps_field_names(client, directory):
    _full_profile(objectives='=HYPERLINK("http://evil")')

    response = client.get("/clusters/eccp-voict.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    [row] = _csv_rows(response)
    assert row["Cluster organisation name"] == "Vojvodina ICT Cluster"
    assert row["Support services provided"] == (
        "Internationalisation support (access to third-country markets); "
        "Periodic information dissemination"
    )
    assert row["Number of SME members"] == "35"
    # Through the one spreadsheet sanitiser: a formula is shown as text.
    assert row["Cluster goals/objectives"] == '\'=HYPERLINK("http://evil")'


def test_the_whole_directory_exports_in_the_eccp_format_published_only(client, directory):
    _full_profile()
    OrganisationFactory(name="Another Cluster", slug="another")
    OrganisationFactory(name="Hidden Cluster", slug="hidden", is_published=False)

    document = json.loads(client.get("/clusters/eccp.json").content)
    rows = _csv_rows(client.get("/clusters/eccp.csv"))

    assert [p["name"] for p in document["organisations"]] == [
        "Another Cluster",
        "Vojvodina ICT Cluster",
    ]
    assert [row["Cluster organisation name"] for row in rows] == [
        "Another Cluster",
        "Vojvodina ICT Cluster",
    ]


def test_an_unpublished_or_unknown_organisation_has_no_eccp_export(client, directory):
    OrganisationFactory(slug="hidden", is_published=False)

    assert client.get("/clusters/eccp-hidden.json").status_code == 404
    assert client.get("/clusters/eccp-nobody.csv").status_code == 404


def test_the_profile_links_to_its_eccp_export(client, directory):
    _full_profile()

    page = client.get("/clusters/voict/").content.decode()

    assert 'href="/clusters/eccp-voict.json"' in page
    assert 'href="/clusters/eccp-voict.csv"' in page


# --- staff's export in the admin -----------------------------------------------------------

ADMIN_EXPORT = "/admin/membership/organisations/eccp.{}"


def test_staff_export_every_organisation_published_or_not(client, directory):
    _full_profile()
    OrganisationFactory(name="Hidden Cluster", slug="hidden", is_published=False)
    client.force_login(StaffUserFactory())

    document = json.loads(client.get(ADMIN_EXPORT.format("json")).content)
    rows = _csv_rows(client.get(ADMIN_EXPORT.format("csv")))

    assert [p["name"] for p in document["organisations"]] == [
        "Hidden Cluster",
        "Vojvodina ICT Cluster",
    ]
    assert document["organisations"][1]["profile_url"] == "http://testserver/clusters/voict/"
    assert len(rows) == 2


def test_staff_export_one_organisation_from_its_listing_button(client, directory):
    organisation = _full_profile()
    OrganisationFactory(name="Another Cluster", slug="another")
    client.force_login(StaffUserFactory())

    listing = client.get("/admin/snippets/membership/organisation/").content.decode()
    document = json.loads(client.get(ADMIN_EXPORT.format("json"), {"id": organisation.pk}).content)

    assert f"/admin/membership/organisations/eccp.json?id={organisation.pk}" in listing
    assert [p["name"] for p in document["organisations"]] == ["Vojvodina ICT Cluster"]


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (ADMIN_EXPORT.format("xml"), {}),
        (ADMIN_EXPORT.format("json"), {"id": "abc"}),
        (ADMIN_EXPORT.format("json"), {"id": "99999999999999999999"}),
        (ADMIN_EXPORT.format("csv"), {"id": "424242"}),
    ],
)
def test_a_bad_format_or_organisation_in_the_staff_export_is_not_found(client, url, query):
    client.force_login(StaffUserFactory())

    assert client.get(url, query).status_code == 404


def test_the_staff_export_needs_a_permission_on_organisations(client):
    _full_profile()
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(ADMIN_EXPORT.format("json"))

    assert response.status_code in (302, 403)
    assert b"Vojvodina" not in response.content


def test_staff_edit_the_eccp_fields_in_the_admin(client, directory):
    organisation = _full_profile()
    client.force_login(StaffUserFactory())
    url = f"/admin/snippets/membership/organisation/edit/{organisation.pk}/"

    response = client.get(url)

    assert response.status_code == 200
    form = response.context["form"]
    for name in ("emerging_industries", "support_services", "transnational_activities"):
        assert f'name="{name}"' in response.content.decode()
    assert form["emerging_industries"].value() == ["creative", "digital"]


def test_the_migration_reads_a_first_of_january_as_a_year_and_leaves_other_dates():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("membership.migrations.0007_organisation_eccp_profile")
    january = OrganisationFactory(slug="jan", founding_date=datetime.date(2008, 1, 1))
    july = OrganisationFactory(slug="jul", founding_date=datetime.date(2010, 7, 12))

    migration.years_not_days(apps, None)

    january.refresh_from_db()
    july.refresh_from_db()
    assert january.founding_date_precision == "year"
    assert july.founding_date_precision == "day"


def test_the_eccp_export_of_the_directory_takes_the_same_queries_for_more_organisations(
    client, directory, uncached_pages
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get("/clusters/eccp.json")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/clusters/eccp.json").status_code == 200
        return len(queries)

    OrganisationFactory(slug="first")
    few = count()
    assert few > 0
    for number in range(10):
        OrganisationFactory(slug=f"more-{number}")

    assert count() == few


def test_the_eccp_export_names_a_serbian_term_by_its_english_translation(client, directory):
    from tests.factories import SectorFactory, ensure_locales

    locales = ensure_locales()
    english = SectorFactory(name="IT industry", slug="it")
    latin = english.copy_for_translation(locales["sr-latn"])
    latin.name = "IT industrija"
    latin.save()
    untranslated = SectorFactory(name="Turizam", slug="turizam", locale=locales["sr-latn"])
    _full_profile(sectors=[latin, untranslated])

    [profile] = json.loads(client.get("/clusters/eccp-voict.json").content)["organisations"]

    assert sorted(profile["sectoral_industries"]) == ["IT industry", "Turizam"]


def test_staff_save_the_eccp_fields_in_the_admin(client, directory):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    organisation = OrganisationFactory(name="Cluster House", slug="cluster-house")
    client.force_login(StaffUserFactory())
    url = f"/admin/snippets/membership/organisation/edit/{organisation.pk}/"
    data = nested_form_data(
        {
            "name": "Cluster House",
            "slug": "cluster-house",
            "kind": "support",
            "city": "Niš",
            "is_published": "on",
            "founding_date": "2011-05-05",
            "founding_date_precision": "year",
            "has_formalised_strategy": "true",
            "contact_persons": inline_formset([]),
        }
    )
    data["support_services"] = ["skills", "promotion"]
    data["transnational_activities"] = ["agreements"]

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.founding_date == datetime.date(2011, 1, 1)
    assert organisation.founding_display == "2011"
    assert organisation.support_services == ["skills", "promotion"]
    assert organisation.transnational_activities == ["agreements"]
    assert organisation.has_formalised_strategy is True
