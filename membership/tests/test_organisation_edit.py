import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from membership.models import ContactPerson, Organisation
from tests.factories import (
    ClusterDirectoryPageFactory,
    ContactPersonFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/dashboard/organisations/{}/edit/"


@pytest.fixture
def organisation(home_page):
    ClusterDirectoryPageFactory(parent=home_page)
    organisation = OrganisationFactory(name="Vojvodina ICT Cluster", slug="voict")
    ContactPersonFactory(organisation=organisation, name="Ana Public")
    return organisation


@pytest.fixture
def org_admin(organisation):
    return OrganisationUserFactory(organisation=organisation, role="admin").user


def _image(fmt="PNG", size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, fmt)
    return buffer.getvalue()


def _post_data(client, organisation, **changes):
    """The form as the edit page renders it, with ``changes`` applied."""
    response = client.get(URL.format(organisation.slug))
    form = response.context["form"]
    formset = response.context["formset"]
    data = {}
    for field in form:
        value = field.value()
        if field.name == "logo_upload" or value is None:
            continue
        if isinstance(value, list):
            data[field.name] = [str(item) for item in value]
        else:
            data[field.name] = value
    management = formset.management_form
    for field in management:
        data[f"{management.prefix}-{field.name}"] = field.value()
    for contact_form in formset.forms:
        for field in contact_form:
            value = field.value()
            if value not in (None, False):
                data[f"{contact_form.prefix}-{field.name}"] = value
    data.update(changes)
    return data


def test_organisation_admin_edits_the_profile_and_it_shows_at_once(client, organisation, org_admin):
    client.force_login(org_admin)
    data = _post_data(
        client,
        organisation,
        name="VOICT",
        employees="321",
        description="We connect ICT companies.\n\nIn Novi Sad.",
        **{"contacts-1-name": "Nova Osoba", "contacts-1-consent_to_publish": "on"},
    )
    data["logo_upload"] = SimpleUploadedFile("logo.png", _image(), content_type="image/png")

    response = client.post(URL.format("voict"), data)

    assert response.status_code == 302, response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.name == "VOICT"
    assert organisation.employees == 321
    assert organisation.description == "<p>We connect ICT companies.</p><p>In Novi Sad.</p>"
    assert organisation.logo is not None
    assert set(organisation.contact_persons.values_list("name", flat=True)) == {
        "Ana Public",
        "Nova Osoba",
    }
    revision = organisation.latest_revision
    assert revision is not None
    assert revision.user == org_admin
    assert revision.content["name"] == "VOICT"
    profile = client.get("/clusters/voict/").content.decode()
    assert "VOICT" in profile and "Nova Osoba" in profile


def test_member_html_in_the_description_is_escaped(client, organisation, org_admin):
    client.force_login(org_admin)
    data = _post_data(client, organisation, description="<script>alert(1)</script>")

    client.post(URL.format("voict"), data)

    organisation.refresh_from_db()
    assert "<script>" not in organisation.description


def test_a_user_who_is_not_an_admin_gets_403(client, organisation):
    member = OrganisationUserFactory(organisation=organisation, role="member").user
    client.force_login(member)
    assert client.get(URL.format("voict")).status_code == 403

    client.force_login(UserFactory())
    response = client.post(URL.format("voict"), {"name": "Hijacked"})
    assert response.status_code == 403
    assert b"Only the admins" in response.content
    organisation.refresh_from_db()
    assert organisation.name == "Vojvodina ICT Cluster"


def test_anonymous_visitors_are_sent_to_log_in(client, organisation):
    response = client.get(URL.format("voict"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("filename", "content", "content_type"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
            "image/svg+xml",
        ),
        ("logo.gif", _image("GIF"), "image/gif"),
        ("logo.png", b"not an image at all", "image/png"),
        ("logo.png", _image("PNG") + b"\0" * (2 * 1024 * 1024), "image/png"),
    ],
)
def test_a_bad_logo_is_a_form_error_and_nothing_changes(
    client, organisation, org_admin, filename, content, content_type
):
    client.force_login(org_admin)
    data = _post_data(client, organisation, name="Changed")
    data["logo_upload"] = SimpleUploadedFile(filename, content, content_type=content_type)

    response = client.post(URL.format("voict"), data)

    assert response.status_code == 400
    assert response.context["form"].errors["logo_upload"]
    organisation.refresh_from_db()
    assert organisation.name == "Vojvodina ICT Cluster"
    assert organisation.logo is None
    assert organisation.latest_revision is None
    assert ContactPerson.objects.filter(organisation=organisation).count() == 1
    assert Organisation.objects.count() == 1


def test_organisation_admin_fills_in_the_eccp_profile(client, organisation, org_admin):
    client.force_login(org_admin)
    data = _post_data(
        client,
        organisation,
        founding_date="2008-01-01",
        founding_date_precision="year",
        emerging_industries=["digital", "creative"],
        support_services=["skills", "promotion"],
        languages=["en", "sr"],
        has_formalised_strategy="true",
        management_team_size="4",
        transnational_target_countries=["HU", "RO"],
    )

    response = client.post(URL.format("voict"), data)

    assert response.status_code == 302, response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.emerging_industries == ["digital", "creative"]
    assert organisation.support_services == ["skills", "promotion"]
    assert organisation.has_formalised_strategy is True
    assert organisation.has_internationalisation_strategy is None
    assert organisation.management_team_size == 4
    assert organisation.latest_revision.content["support_services"] == ["skills", "promotion"]
    profile = client.get("/clusters/voict/").content.decode()
    assert '<time datetime="2008">2008</time>' in profile
    assert "Digital industries" in profile and "Hungary" in profile


def test_a_value_outside_the_eccp_vocabulary_is_a_form_error_and_nothing_changes(
    client, organisation, org_admin
):
    client.force_login(org_admin)
    data = _post_data(
        client, organisation, name="Changed", support_services=["skills", "<b>hacking</b>"]
    )

    response = client.post(URL.format("voict"), data)

    assert response.status_code == 400
    assert "support_services" in response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.name == "Vojvodina ICT Cluster"
    assert organisation.support_services == []
