"""Script twins in the admin: staff see which script a page follows, lock a twin to edit it by
hand and unlock it (POST, CSRF, edit permission); snippets saved in the admin get their twins;
rich text keeps the "Do not transliterate" mark."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Locale

from home.models import Menu, MenuItem, StandardPage
from news.models import NewsCategory
from tests.factories import NewsCategoryFactory, UserFactory, translate_page
from twins import snippets
from twins.models import ScriptTwin, SnippetTwin

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin_pair(home_page):
    latin_home = translate_page(home_page, "sr-latn", title="Početna")
    page = StandardPage(title="O nama", slug="o-nama", intro="Ljudi.")
    latin_home.add_child(instance=page)
    page.save_revision().publish()
    return page, page.get_translation(Locale.objects.get(language_code="sr"))


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def test_the_page_header_says_which_script_is_the_source(admin_client, twin_pair):
    source, twin = twin_pair

    twin_screen = admin_client.get(f"/admin/pages/{twin.pk}/edit/").content.decode()
    source_screen = admin_client.get(f"/admin/pages/{source.pk}/edit/").content.decode()

    assert "Written from the Latin source: edit by hand" in twin_screen
    assert f"/admin/twins/{twin.pk}/lock/" in twin_screen
    assert "Cyrillic twin (follows this page)" in source_screen


def test_staff_lock_a_twin_by_post_and_unlock_it(admin_client, twin_pair):
    _, twin = twin_pair

    confirm = admin_client.get(f"/admin/twins/{twin.pk}/lock/")
    assert confirm.status_code == 200
    assert not ScriptTwin.objects.get(twin=twin).locked  # a GET changes nothing

    response = admin_client.post(f"/admin/twins/{twin.pk}/lock/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{twin.pk}/edit/"
    assert ScriptTwin.objects.get(twin=twin).locked
    assert (
        "follow the Latin source again" in admin_client.get(response["Location"]).content.decode()
    )

    admin_client.post(f"/admin/twins/{twin.pk}/unlock/")
    assert not ScriptTwin.objects.get(twin=twin).locked


def test_locking_needs_the_csrf_token(admin_user, twin_pair):
    _, twin = twin_pair
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    response = client.post(f"/admin/twins/{twin.pk}/lock/")

    assert response.status_code == 403
    assert not ScriptTwin.objects.get(twin=twin).locked


def test_an_editor_without_edit_rights_on_the_page_cannot_lock_it(client, twin_pair):
    _, twin = twin_pair
    user = UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(f"/admin/twins/{twin.pk}/lock/")

    # Wagtail's admin answers a PermissionDenied with its home page and a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ScriptTwin.objects.get(twin=twin).locked


def test_a_page_that_is_no_twin_has_no_lock(admin_client, twin_pair):
    source, _ = twin_pair

    assert admin_client.post(f"/admin/twins/{source.pk}/lock/").status_code == 404
    assert admin_client.post("/admin/twins/999999999/lock/").status_code == 404


def test_a_category_saved_in_the_admin_gets_its_cyrillic_twin(admin_client, home_page):
    response = admin_client.post(
        f"/admin/snippets/news/newscategory/add/?locale={'sr-latn'}",
        {"name": "Pozivi i džepni projekti", "slug": "pozivi", "locale": locale("sr-latn").pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    source = NewsCategory.objects.get(slug="pozivi", locale=locale("sr-latn"))
    twin = source.get_translation(locale("sr"))
    assert (twin.name, twin.slug) == ("Позиви и џепни пројекти", "pozivi")

    edit = f"/admin/snippets/news/newscategory/edit/{source.pk}/"
    admin_client.post(edit, {"name": "Pozivi", "slug": "pozivi", "locale": locale("sr-latn").pk})
    twin.refresh_from_db()
    assert twin.name == "Позиви"


def test_a_locked_snippet_twin_is_left_alone(home_page):
    source = NewsCategoryFactory(name="Vesti", slug="vesti", locale=locale("sr-latn"))
    twin = snippets.snippet_twin_sync(source=source)
    snippets.snippet_twin_lock(twin=twin, locked=True)

    source.name = "Novosti"
    source.save()
    snippets.snippet_twin_sync(source=source)

    twin.refresh_from_db()
    assert twin.name == "Вести"
    assert SnippetTwin.objects.get(twin_pk=str(twin.pk)).locked


def test_a_menu_twin_links_to_the_pages_of_its_own_script(twin_pair):
    source_page, twin_page = twin_pair
    menu = Menu.objects.create(handle=Menu.Handle.MAIN, locale=locale("sr-latn"))
    MenuItem.objects.create(menu=menu, link_page=source_page, link_text="O nama", sort_order=0)
    MenuItem.objects.create(menu=menu, link_url="/dogadjaji/", link_text="Događaji", sort_order=1)
    MenuItem.objects.create(
        menu=menu, link_url="/sr-latn/search/", link_text="Pretraga", sort_order=2
    )

    twin = snippets.snippet_twin_sync(source=Menu.objects.get(pk=menu.pk))

    items = list(twin.items.order_by("sort_order"))
    assert [(item.link_text, item.link_page_id, item.link_url) for item in items] == [
        ("О нама", twin_page.pk, ""),
        ("Догађаји", None, "/dogadjaji/"),
        # A link to a named view of the site, in the Latin script's address, in the Cyrillic's.
        ("Претрага", None, "/sr/search/"),
    ]


def test_rich_text_keeps_the_do_not_transliterate_mark():
    converter = ContentstateConverter(features=["bold", "notranslit"])
    stored = '<p data-block-key="a1">Naš <span translate="no">Cluster House</span> tim</p>'

    assert converter.to_database_format(converter.from_database_format(stored)) == stored
