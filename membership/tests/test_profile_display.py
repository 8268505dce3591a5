"""How a profile and the directory print places and figures: the city is not repeated by a
region named after it, and numbers carry the reader's language's thousands separator."""

import re

import pytest

from membership.models import Organisation
from tests.factories import ClusterDirectoryPageFactory, OrganisationFactory, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    return ClusterDirectoryPageFactory(parent=home_page)


@pytest.fixture
def serbian_directory(home_page, directory):
    translate_page(home_page, "sr-latn")
    return translate_page(directory, "sr-latn", slug="klasteri")


def _meta(content: str) -> str:
    return re.search(r'<p class="article__meta">(.*?)</p>', content, re.S).group(1)


def _fact(content: str, term: str) -> str:
    return re.search(rf"<dt>{term}</dt><dd>(.*?)</dd>", content, re.S).group(1)


def _facts(content: str) -> str:
    return re.search(r'<dl class="profile-facts">(.*?)</dl>', content, re.S).group(1)


@pytest.mark.parametrize("city", ["Belgrade", "Beograd", "Београд", " beograd "])
def test_a_region_named_after_the_city_adds_nothing_in_any_script(city):
    organisation = Organisation(city=city, region=Organisation.Region.BELGRADE)
    assert organisation.region_beyond_city == ""


def test_a_region_other_than_the_city_is_kept():
    organisation = Organisation(city="Novi Sad", region=Organisation.Region.VOJVODINA)
    assert organisation.region_beyond_city == "Vojvodina"
    assert Organisation(city="Zemun", region="belgrade").region_beyond_city == "Belgrade"
    assert Organisation(city="", region="belgrade").region_beyond_city == "Belgrade"
    assert Organisation(city="Niš", region="").region_beyond_city == ""


def test_profile_line_names_belgrade_once(client, directory):
    OrganisationFactory(
        name="ICT Network", slug="ict-network", city="Belgrade", region="belgrade", kind="cluster"
    )
    OrganisationFactory(name="VOICT", slug="voict", city="Novi Sad", region="vojvodina")

    belgrade = _meta(client.get("/clusters/ict-network/").content.decode())
    novi_sad = _meta(client.get("/clusters/voict/").content.decode())

    assert belgrade.count("Belgrade") == 1, belgrade
    assert "Novi Sad · Vojvodina" in novi_sad


def test_profile_line_names_belgrade_once_in_serbian(client, serbian_directory):
    OrganisationFactory(name="ICT Network", slug="ict-network", city="Beograd", region="belgrade")

    meta = _meta(client.get("/sr-latn/klasteri/ict-network/").content.decode())

    assert meta.count("Beograd") == 1, meta
    assert "Belgrade" not in meta


def test_profile_figures_use_the_languages_thousands_separator(client, serbian_directory):
    OrganisationFactory(name="Auto Cluster", slug="auto", employees=22145, member_companies=1200)

    english = client.get("/clusters/auto/").content.decode()
    serbian = _facts(client.get("/sr-latn/klasteri/auto/").content.decode())

    assert _fact(english, "Employees") == "22,145"
    assert _fact(english, "Member companies").startswith("1,200")
    assert "22.145" in serbian and "22145" not in serbian
    assert "1.200" in serbian


def test_directory_figures_use_the_languages_thousands_separator(client, serbian_directory):
    OrganisationFactory(name="Auto Cluster", slug="auto", employees=22000, member_companies=10)
    OrganisationFactory(name="Food Cluster", slug="food", employees=145, member_companies=10)

    english = client.get("/clusters/").content.decode()
    serbian = client.get("/sr-latn/klasteri/").content.decode()

    assert "<dd>22,145</dd>" in english
    assert "<dd>22.145</dd>" in serbian


def test_a_directory_cards_figures_use_the_languages_thousands_separator(client, serbian_directory):
    OrganisationFactory(name="Auto Cluster", slug="auto", employees=22145, member_companies=1200)

    english = client.get("/clusters/").content.decode()

    assert "1,200 member companies · 22,145 employees" in english
    assert "22145" not in english


def test_a_directory_cards_figures_read_in_serbian_with_its_separator(client, serbian_directory):
    OrganisationFactory(name="Auto Cluster", slug="auto", employees=22145, member_companies=1200)

    serbian = client.get("/sr-latn/klasteri/").content.decode()

    assert "1.200 kompanija članica · 22.145 zaposlenih" in serbian
