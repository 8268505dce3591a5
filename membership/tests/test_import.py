"""The directory's import (``membership.imports``): a file in the format of the directory's
own export, validated whole, then created all or nothing; the admin's upload → report →
confirm screens and ``manage.py import_directory``."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.log_actions import registry as log_registry
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from demo.cluster_seeder import seed_organisations
from membership import imports
from membership.models import Organisation, Sector
from tests.factories import (
    ClusterDirectoryPageFactory,
    OrganisationFactory,
    SectorFactory,
    StaffUserFactory,
    TechnologyFieldFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/membership/organisations/import/"
LISTING_URL = "/admin/snippets/membership/organisation/"
HEADER = "name,slug,kind,website,email,region,latitude,longitude,sectors,founding_date\n"


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\n" for line in lines)).encode()


def _good(number: int) -> str:
    return (
        f"Cluster {number},cluster-{number},cluster,https://c{number}.example.rs,"
        f"info@c{number}.example.rs,vojvodina,45.25,19.84,,2010-05-01"
    )


def _import(content: bytes, format: str = "csv") -> imports.ImportReport:
    return imports.organisations_import(content=content, format=format)


@pytest.fixture
def directory(home_page):
    return ClusterDirectoryPageFactory(parent=home_page)


# --- round trip ----------------------------------------------------------------------------


def _export(client) -> list[dict]:
    return json.loads(client.get("/clusters/export.json").content)["organisations"]


@pytest.mark.sqlite
@pytest.mark.parametrize("format", ["json", "csv"])
def test_the_directorys_export_imports_into_an_empty_directory_with_the_same_public_data(
    client, home_page, format
):
    seed_organisations()
    before = _export(client)
    exported = client.get(f"/clusters/export.{format}").content
    assert len(before) == 27
    Organisation.objects.all().delete()

    report = _import(exported, format)

    assert report.ok, report.lines()
    assert report.created == 27
    assert _export(client) == before
    # As the admin's create view leaves one: published, searchable folded, with history.
    organisation = Organisation.objects.get(slug=before[0]["slug"])
    assert organisation.is_published
    assert organisation.name_folded == imports.fold(organisation.name)
    assert organisation.revisions.count() == 1
    assert log_registry.get_logs_for_instance(organisation).filter(action="wagtail.create")


# --- all or nothing ------------------------------------------------------------------------


@pytest.mark.sqlite
def test_one_bad_line_among_good_ones_creates_nothing_and_names_the_line():
    content = _csv(_good(1), _good(2), _good(3).replace("https://c3.example.rs", "not a url"))

    report = _import(content)

    assert not report.ok
    assert report.lines() == ["line 4: website: Enter a valid URL."]
    assert Organisation.objects.count() == 0


@pytest.mark.sqlite
def test_good_lines_are_all_created_published_with_their_values():
    sector = SectorFactory(name="ICT", slug="ict")

    report = _import(_csv(_good(1), _good(2).replace(",,", ",ICT,")))

    assert report.ok and report.created == 2
    second = Organisation.objects.get(slug="cluster-2")
    assert second.is_published and second.website == "https://c2.example.rs"
    assert str(second.latitude) == "45.250000" and second.region == "vojvodina"
    assert list(second.sectors.all()) == [sector]
    assert second.founding_date.isoformat() == "2010-05-01"


# --- every field's rules ------------------------------------------------------------------


@pytest.mark.sqlite
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("https://c1.example.rs", "javascript:alert(1)"), "website: Enter a valid URL."),
        (("info@c1.example.rs", "not-an-address"), "email: Enter a valid email address."),
        (("vojvodina", "atlantis"), "region: Select a valid choice."),
        (("45.25", "91"), "latitude: Ensure this value is less than or equal to 90."),
        (("19.84", "-180.5"), "longitude: Ensure this value is greater than or equal to -180."),
        (("2010-05-01", "sometime"), "founding_date: Enter a valid date."),
        ((",cluster,", ",bakery,"), "kind: Select a valid choice."),
        (("Cluster 1,", ","), "name: This field is required."),
        (("cluster-1", "кластер"), "slug: Enter a valid “slug”"),
        ((",,", ",Nonexistent,"), "sectors: “Nonexistent” is not a known term"),
    ],
)
def test_a_value_the_editor_refuses_is_an_error_of_its_line_and_column(change, expected):
    report = _import(_csv(_good(1).replace(*change)))

    assert len(report.errors) == 1, report.lines()
    assert str(report.errors[0]).startswith(f"line 2: {expected}")
    assert Organisation.objects.count() == 0


@pytest.mark.sqlite
def test_terms_are_found_by_name_or_slug_in_any_language_or_script(locales):
    english = SectorFactory(name="Food", slug="food")
    latin = SectorFactory(
        name="Hrana",
        slug="food",
        locale=Locale.objects.get(language_code="sr-latn"),
        translation_key=english.translation_key,
    )
    SectorFactory(
        name="Храна",
        slug="food",
        locale=Locale.objects.get(language_code="sr"),
        translation_key=english.translation_key,
    )
    TechnologyFieldFactory(name="Internet of things", slug="iot")
    content = json.dumps(
        [
            {"name": "One", "sectors": ["food"], "technology_fields": ["iot"]},
            {"name": "Two", "sectors": ["Hrana"]},
            {"name": "Three", "sectors": ["hrana"], "technology_fields": ["internet of things"]},
        ]
    ).encode()

    report = _import(content, "json")

    assert report.ok, report.lines()
    sectors = {o.name: list(o.sectors.all()) for o in Organisation.objects.all()}
    assert sectors == {"One": [english], "Two": [latin], "Three": [english]}


@pytest.mark.sqlite
def test_choices_are_read_from_their_value_or_their_label_in_any_language():
    content = json.dumps(
        [
            {"name": "One", "region": "Војводина", "kind": "SME", "stage": "growth"},
            {"name": "Two", "region": "Šumadija i Zapadna Srbija"},
        ]
    ).encode()

    report = _import(content, "json")

    assert report.ok, report.lines()
    assert Organisation.objects.get(name="One").region == "vojvodina"
    assert Organisation.objects.get(name="One").kind == "sme"
    assert Organisation.objects.get(name="Two").region == "sumadija_west"


# --- duplicates ----------------------------------------------------------------------------


@pytest.mark.sqlite
def test_the_same_name_in_either_script_or_the_same_slug_twice_in_a_file_is_an_error():
    content = json.dumps(
        [
            {"name": "Klaster Niš", "slug": "nis"},
            {"name": "Кластер Ниш", "slug": "nis-2"},
            {"name": "Klaster Nis", "slug": "nis-3"},
            {"name": "Another", "slug": "nis"},
        ]
    ).encode()

    report = _import(content, "json")

    assert report.lines() == [
        "entry 2: name: The same name as on entry 1.",
        "entry 3: name: The same name as on entry 1.",
        "entry 4: slug: The same slug as on entry 1.",
    ]
    assert Organisation.objects.count() == 0


@pytest.mark.sqlite
def test_an_organisation_already_in_the_directory_is_an_error_not_overwritten():
    existing = OrganisationFactory(name="Vojvodina ICT Klaster", slug="voict", city="Novi Sad")
    content = json.dumps(
        [
            {"name": "Војводина ИЦТ Кластер", "slug": "other", "city": "Subotica"},
            {"name": "Fresh", "slug": "voict"},
        ]
    ).encode()

    report = _import(content, "json")

    assert report.lines() == [
        "entry 1: name: An organisation of this name is already in the directory.",
        "entry 2: slug: Organisation with this Slug already exists.",
    ]
    existing.refresh_from_db()
    assert existing.city == "Novi Sad"
    assert Organisation.objects.count() == 1


@pytest.mark.sqlite
def test_a_missing_slug_is_made_from_the_name_unique_in_the_file_and_the_directory():
    OrganisationFactory(name="Something else", slug="klaster-djakovica")
    content = _csv("Klaster Đakovica", "Кластер Ђаковица ДОО", header="name\n")

    report = _import(content)

    assert report.ok, report.lines()
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert slugs == {"klaster-djakovica", "klaster-djakovica-2", "klaster-djakovica-doo"}
    # Names stay as written, in their script.
    assert Organisation.objects.filter(name="Кластер Ђаковица ДОО").exists()


# --- files that cannot be read ------------------------------------------------------------


@pytest.mark.sqlite
@pytest.mark.parametrize(
    ("content", "format", "expected"),
    [
        ("name\nNiš".encode("cp1250"), "csv", "The file is not UTF-8 text"),
        (b"name;slug\nOne;one\n", "csv", "The columns must be separated by commas"),
        (b"name\tslug\nOne\tone\n", "csv", "this file seems to use \u201cTab\u201d"),
        (b"slug,city\none,Nis\n", "csv", "The column \u201cname\u201d is missing"),
        (b"name,colour\nOne,red\n", "csv", "Unknown columns: colour."),
        (b"name,name\nOne,Two\n", "csv", "A column appears twice"),
        (b"", "csv", "The file is empty."),
        (b"name\n\n\n", "csv", "The file holds no organisations."),
        (b'name\n"unterminated', "csv", None),
        (b'{"name": "One"}', "json", "The JSON must be a list of organisations"),
        (b'["One", "Two"]', "json", "The JSON must be a list of organisations"),
        (b'{"organisations": 5}', "json", "The JSON must be a list of organisations"),
        (b"[{", "json", "The file is not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "json", "The file is not valid JSON"),
        (b'[{"name": "One", "colour": "red"}]', "json", "Unknown columns: colour."),
        (b"name\nOne\n", "xml", "Choose CSV or JSON."),
    ],
)
def test_a_file_that_cannot_be_read_is_one_clear_error(content, format, expected):
    report = _import(content, format)

    if expected is None:  # an unterminated quote: read as one cell, or refused; never a 500
        assert report.ok or report.file_error
        Organisation.objects.all().delete()
        return
    assert not report.ok
    assert expected in report.file_error, report.file_error
    assert Organisation.objects.count() == 0


@pytest.mark.sqlite
def test_a_byte_order_mark_as_excel_writes_it_is_read():
    report = _import("\ufeffname,city\nKlaster Niš,Niš\n".encode())

    assert report.ok, report.lines()
    assert Organisation.objects.get().name == "Klaster Niš"


@pytest.mark.sqlite
def test_an_oversized_file_and_too_many_rows_are_refused_before_any_row_is_read():
    big = b"name,objectives\n" + b"One," + b"x" * (imports.MAX_BYTES + 1) + b"\n"
    many = b"name\n" + b"".join(b"Org %d\n" % n for n in range(imports.MAX_ROWS + 1))
    many_json = json.dumps([{"name": f"Org {n}"} for n in range(imports.MAX_ROWS + 1)])

    assert "larger than 5 MB" in _import(big).file_error
    too_many = f"more than {imports.MAX_ROWS} organisations"
    assert too_many in _import(many).file_error
    assert too_many in _import(many_json.encode(), "json").file_error
    assert Organisation.objects.count() == 0


@pytest.mark.sqlite
def test_a_row_longer_than_the_header_and_values_of_the_wrong_type_are_errors_of_their_line():
    csv_report = _import(b"name,city\nOne,Nis,extra\n")
    json_report = _import(
        json.dumps(
            [
                {"name": ["One"]},
                {"name": "Two", "is_founder": "perhaps"},
                {"name": "Three", "sectors": [1, 2]},
                {"name": "Four", "employees": {"n": 1}},
            ]
        ).encode(),
        "json",
    )

    assert csv_report.lines() == ["line 2: 3 cells, but the header has 2."]
    assert json_report.lines()[0].startswith("entry 1: name: Enter text or a number.")
    assert "entry 2: is_founder: Enter yes or no." in json_report.lines()
    assert "entry 3: sectors: Give a list of names." in json_report.lines()
    assert "entry 4: employees: Enter text or a number." in json_report.lines()
    assert Organisation.objects.count() == 0


# --- hostile characters -------------------------------------------------------------------


@pytest.mark.sqlite
def test_formulas_html_and_control_characters_never_break_the_import(client, directory):
    rows = [
        ["name", "description", "activities", "phone"],
        ["=cmd|' /C calc'!A0", "<script>alert(1)</script>\n\n<b>bold</b>", "'-1+2", "'+381 11"],
        ["Plain", "R&D <i>&amp;</i> more", "@SUM(A1)", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)

    report = _import(buffer.getvalue().encode())

    assert report.ok, report.lines()
    formula = Organisation.objects.get(slug="cmd-c-calca0")
    # The export's apostrophe in front of a formula comes off; the text is kept as written.
    assert formula.name == "=cmd|' /C calc'!A0"
    assert formula.activities == "-1+2" and formula.phone == "+381 11"
    # HTML in a description is text, as members' descriptions are: escaped paragraphs.
    assert formula.description == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>&lt;b&gt;bold&lt;/b&gt;</p>"
    )
    page = client.get("/clusters/cmd-c-calca0/")
    assert page.status_code == 200
    assert b"<script>alert(1)" not in page.content
    exported = {row["name"]: row for row in _export(client)}
    assert exported["Plain"]["description"] == "R&D <i>&amp;</i> more"

    control = _import(b"name,city\nBad\x01Name,Ni\x00s\n")
    assert control.lines() == [
        "line 2: name: Remove the invisible control characters.",
        "line 2: city: Remove the invisible control characters.",
    ]
    assert Organisation.objects.count() == 2


# --- the command ---------------------------------------------------------------------------


@pytest.mark.sqlite
def test_the_command_reports_and_exits_non_zero_on_errors_and_dry_run_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv(_good(1), _good(2).replace("vojvodina", "atlantis")))
    good = tmp_path / "organisations.json"
    good.write_text(json.dumps({"columns": [], "organisations": [{"name": "Klaster Niš"}]}))
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_directory", str(bad), stdout=out, stderr=err)
    assert "line 3: region: Select a valid choice." in err.getvalue()

    call_command("import_directory", str(good), "--dry-run", stdout=out, stderr=err)
    assert "1 organisation(s) would be created" in out.getvalue()
    assert Organisation.objects.count() == 0

    call_command("import_directory", str(good), stdout=out, stderr=err)
    assert "1 organisation(s) created" in out.getvalue()
    assert Organisation.objects.get().name == "Klaster Niš"

    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_directory", str(tmp_path / "missing.csv"))


# --- the admin ---------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def _upload(client, content: bytes, name="organisations.csv", **extra):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(IMPORT_URL, {"file": upload, **extra})


def test_staff_upload_read_the_report_confirm_and_find_the_organisations_listed(client, staff):
    SectorFactory(name="ICT", slug="ict")
    listing = client.get(LISTING_URL)
    assert IMPORT_URL.encode() in listing.content  # the Import button

    report = _upload(client, _csv(_good(1), _good(2).replace(",,", ",ict,")))
    assert report.status_code == 200
    assert report.context["report"].ok
    assert b"2 organisations will be created" in report.content
    assert Organisation.objects.count() == 0
    confirm = report.context["confirm_form"].initial

    response = client.post(IMPORT_URL, {"confirm": "1", **confirm}, follow=True)

    assert response.redirect_chain[-1][0] == LISTING_URL
    assert b"2 organisations imported." in response.content
    assert b"Cluster 1" in response.content and b"Cluster 2" in response.content
    created = Organisation.objects.get(slug="cluster-2")
    assert created.is_published
    assert created.revisions.get().user == staff
    # The same confirmation again creates nothing more.
    again = client.post(IMPORT_URL, {"confirm": "1", **confirm})
    assert again.status_code == 400
    assert Organisation.objects.count() == 2


def test_a_file_with_errors_shows_them_by_line_and_offers_no_confirmation(client, staff):
    response = _upload(client, _csv(_good(1), _good(2).replace("45.25", "north")))

    assert response.status_code == 200
    assert response.context["confirm_form"] is None
    assert "line 3: latitude: Enter a number." in response.content.decode()
    assert Organisation.objects.count() == 0


def test_a_malformed_upload_is_a_clear_error_not_a_500(client, staff):
    no_file = client.post(IMPORT_URL, {})
    not_utf8 = _upload(client, "name\nNiš\n".encode("cp1250"))
    not_json = _upload(client, b"name\nOne\n", name="organisations.json")
    forced = _upload(client, b"name\nOne\n", name="organisations.json", format="csv")

    assert no_file.status_code == 400
    assert "The file is not UTF-8 text" in not_utf8.content.decode()
    assert "The file is not valid JSON" in not_json.content.decode()
    assert forced.context["report"].ok


@pytest.mark.parametrize(
    "tamper",
    [
        lambda confirm: {**confirm, "digest": "0" * 64},
        lambda confirm: {**confirm, "token": "someone-elses"},
        lambda confirm: {},
    ],
)
def test_a_tampered_confirmation_is_refused_and_creates_nothing(client, staff, tamper):
    report = _upload(client, _csv(_good(1)))
    confirm = report.context["confirm_form"].initial

    response = client.post(IMPORT_URL, {"confirm": "1", **tamper(confirm)})

    assert response.status_code == 400
    assert "nothing was imported" in response.content.decode()
    assert Organisation.objects.count() == 0


def test_a_file_changed_on_the_server_since_it_was_checked_is_refused(client, staff):
    from django.core.cache import cache

    from membership.admin.views import _import_cache_key

    report = _upload(client, _csv(_good(1)))
    confirm = report.context["confirm_form"].initial
    cache.set(_import_cache_key(confirm["token"]), _csv(_good(1), _good(2)))

    response = client.post(IMPORT_URL, {"confirm": "1", **confirm})

    assert response.status_code == 400
    assert Organisation.objects.count() == 0


def test_the_confirmation_validates_again_against_the_directory_as_it_is_now(client, staff):
    report = _upload(client, _csv(_good(1), _good(2)))
    confirm = report.context["confirm_form"].initial
    OrganisationFactory(name="Cluster 2", slug="someone-was-faster")

    response = client.post(IMPORT_URL, {"confirm": "1", **confirm})

    assert response.status_code == 200
    assert "line 3: name: An organisation of this name is already in the directory." in (
        response.content.decode()
    )
    assert Organisation.objects.count() == 1


def test_without_the_add_permission_every_step_is_403(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_organisation"),
    )
    client.force_login(user)

    assert client.get(IMPORT_URL).status_code == 403
    assert _upload(client, _csv(_good(1))).status_code == 403
    confirm = {"confirm": "1", "token": "x", "digest": "y"}
    assert client.post(IMPORT_URL, confirm).status_code == 403
    assert IMPORT_URL.encode() not in client.get(LISTING_URL).content
    assert Organisation.objects.count() == 0


def test_every_step_needs_the_csrf_token(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    assert _upload(client, _csv(_good(1))).status_code == 403
    assert client.post(IMPORT_URL, {"confirm": "1", "token": "x", "digest": "y"}).status_code == 403
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "sr-latn", "sr"])
def test_the_import_screens_answer_in_each_language(client, staff, language):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()

    form = client.get(IMPORT_URL)
    report = _upload(client, _csv(_good(1), _good(2).replace("45.25", "north")))
    preview = _upload(client, _csv(_good(1)))

    assert form.status_code == report.status_code == preview.status_code == 200
    assert f'lang="{language}"'.encode() in form.content
    # The column is named as in the file, whatever the language.
    assert b"3: latitude:" in report.content
    assert preview.context["report"].ok


@pytest.mark.sqlite
def test_a_name_two_different_terms_share_is_ambiguous_and_a_slug_never_is(locales):
    SectorFactory(name="Energy", slug="energy")
    SectorFactory(name="Energy", slug="power")

    report = _import(json.dumps([{"name": "One", "sectors": ["energy"]}]).encode(), "json")
    ambiguous = _import(json.dumps([{"name": "Two", "sectors": [" ENERGY "]}]).encode(), "json")

    assert report.ok, report.lines()
    assert ambiguous.lines() == [
        "entry 1: sectors: “ENERGY” names more than one term; use its slug."
    ]
    assert Sector.objects.count() == 2


# --- the ECCP profile's fields ---------------------------------------------------------------


@pytest.mark.sqlite
def test_eccp_lists_are_read_by_value_or_label_and_yes_no_may_be_left_empty():
    content = (
        b"name,support_services,emerging_industries,has_formalised_strategy,"
        b"has_internationalisation_strategy,founding_date,founding_date_precision\n"
        b'One,"skills; Periodic information dissemination",Digital industries,yes,,'
        b"2008-01-01,year\n"
    )

    report = _import(content)

    assert report.ok, report.lines()
    organisation = Organisation.objects.get(name="One")
    assert organisation.support_services == ["skills", "information_dissemination"]
    assert organisation.emerging_industries == ["digital"]
    assert organisation.has_formalised_strategy is True
    assert organisation.has_internationalisation_strategy is None
    assert organisation.founding_display == "2008"


@pytest.mark.sqlite
def test_an_unknown_eccp_value_or_a_bad_yes_no_names_the_line_and_creates_nothing():
    content = (
        b"name,support_services,has_formalised_strategy\nOne,skills,perhaps\nTwo,telepathy,no\n"
    )

    report = _import(content)

    assert not report.ok
    assert [error.where for error in report.errors] == ["line 2", "line 3"]
    assert report.errors[0].column == "has_formalised_strategy"
    assert report.errors[1].column == "support_services"
    assert Organisation.objects.count() == 0
