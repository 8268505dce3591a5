"""The demo directory carries what the sources print about each organisation: the brochure's
twenty clusters with their founding dates (as precise as printed), objectives and
activities; Cluster House's website and founding year; the ECCP profile's fields of the
Vojvodina ICT cluster. Read from the data module and the seeder's conversion; the seeded
profiles are checked in test_seed_demo.py."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from demo.cluster_seeder import _values
from demo.clusters import BROCHURE, ORGANISATIONS
from membership.models import Organisation

SPECS = {spec["slug"]: spec for spec in ORGANISATIONS}


def test_the_brochure_lists_twenty_clusters_all_in_the_demo():
    assert len(BROCHURE) == 20
    assert set(BROCHURE) <= SPECS.keys()


@pytest.mark.parametrize("slug", BROCHURE)
def test_every_brochure_cluster_has_its_objectives_and_activities(slug):
    assert len(SPECS[slug].get("objectives", "")) > 40
    assert len(SPECS[slug].get("activities", "")) > 40


@pytest.mark.parametrize(
    ("slug", "year"),
    [("royal-vacation", 2008), ("istar-21", 2008), ("south-serbian-alko", 2006)],
)
def test_a_founding_year_the_brochure_prints_is_kept_as_a_year(slug, year):
    values = _values(SPECS[slug])

    assert values["founding_date"] == datetime.date(year, 1, 1)
    assert values["founding_date_precision"] == "year"


def test_a_founding_month_the_brochure_prints_is_kept_as_a_month():
    values = _values(SPECS["ac-serbia"])

    assert values["founding_date"] == datetime.date(2005, 11, 1)
    assert values["founding_date_precision"] == "month"


def test_cluster_house_has_its_website_and_founding_year():
    values = _values(SPECS["cluster-house"])

    assert values["website"] == "http://www.clusterhouse.rs"
    assert values["founding_date"] == datetime.date(2011, 1, 1)
    assert values["founding_date_precision"] == "year"


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(SPECS))
def test_every_demo_organisation_passes_the_models_validation(slug):
    """The ECCP vocabularies included: a misspelt value stops here, not in seed_demo."""
    organisation = Organisation(**_values(SPECS[slug]))
    try:
        organisation.full_clean(exclude=["slug", "sectors", "technology_fields"])
    except ValidationError as error:  # pragma: no cover - the message names the field
        pytest.fail(f"{slug}: {error.message_dict}")


def test_the_brochures_fax_and_phone_numbers_are_kept():
    assert SPECS["ac-serbia"]["fax"] == "+381 11 324 3535"
    assert SPECS["pekos"]["fax"] == "+381 21 662 2213"
    assert SPECS["south-serbian-alko"]["phone"].count(";") == 2
