"""The account links in the site header: signing in and up for visitors (back to the page
they were reading), the dashboard and signing out for members, in every language; and no
visitor ever gets another's header, whatever cache stands in front of the pages."""

import re

import pytest
from django.test import Client

from tests.factories import verified_user

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = [("en", ""), ("sr-latn", "/sr-latn"), ("sr", "/sr")]


def _account_links(response) -> str:
    """The header's account navigation, as HTML."""
    assert response.status_code == 200
    found = re.search(
        r'<nav class="account-links".*?</nav>', response.content.decode(), flags=re.DOTALL
    )
    assert found, "the header has no account links"
    return found.group(0)


@pytest.mark.sqlite
@pytest.mark.parametrize(("language", "prefix"), LANGUAGE_PREFIXES)
def test_a_visitor_is_offered_sign_in_and_sign_up_back_to_the_page(
    client, home_page, language, prefix
):
    links = _account_links(client.get(f"{prefix}/search/?q=cluster"))

    back = f"?next={prefix}/search/%3Fq%3Dcluster"
    assert f'href="{prefix}/accounts/login/{back}"' in links
    assert f'href="{prefix}/accounts/signup/{back}"' in links
    assert "/accounts/logout/" not in links
    assert "/dashboard/" not in links
    if language == "en":
        assert ">Sign in<" in links and ">Sign up<" in links


@pytest.mark.sqlite
@pytest.mark.parametrize(("language", "prefix"), LANGUAGE_PREFIXES)
def test_a_member_sees_the_dashboard_and_signs_out_with_a_post(client, home_page, language, prefix):
    client.force_login(verified_user())

    links = _account_links(client.get(f"{prefix}/search/"))

    assert f'href="{prefix}/dashboard/"' in links
    sign_out = re.search(r"<form[^>]*>.*?</form>", links, flags=re.DOTALL).group(0)
    assert 'method="post"' in sign_out
    assert f'action="{prefix}/accounts/logout/"' in sign_out
    assert 'name="csrfmiddlewaretoken"' in sign_out
    assert f'name="next" value="{prefix}/"' in sign_out
    assert '<button type="submit"' in sign_out  # a real button: reached with the keyboard
    assert "/accounts/login/" not in links and "/accounts/signup/" not in links
    if language == "en":
        assert ">Dashboard<" in links and ">Sign out<" in links


@pytest.mark.sqlite
def test_signing_out_from_the_header_signs_out_and_returns_home_in_the_language(client, home_page):
    client.force_login(verified_user())

    response = client.post("/sr-latn/accounts/logout/", {"next": "/sr-latn/"})

    assert response.status_code == 302 and response["Location"] == "/sr-latn/"
    assert "_auth_user_id" not in client.session


def test_the_account_pages_do_not_send_people_back_to_themselves(client, home_page):
    links = _account_links(client.get("/accounts/login/"))

    assert 'href="/accounts/login/"' in links and 'href="/accounts/signup/"' in links


def test_the_dashboard_has_a_sign_out_button(client, home_page):
    client.force_login(verified_user())

    content = client.get("/dashboard/").content.decode()
    main = content.split('<main id="main"', 1)[1]

    assert 'action="/accounts/logout/"' in main


@pytest.mark.sqlite
def test_pages_vary_on_the_session_cookie(client, home_page):
    """A page that shows the header reads the session: it says so, and any shared cache in
    front of the site keys it on the cookie."""
    response = client.get("/")

    assert "Cookie" in response.get("Vary", "")


@pytest.mark.sqlite
def test_a_cached_anonymous_page_never_shows_a_member_s_header(home_page):
    """The site keeps whole pages for visitors who are not signed in (home/page_cache.py) and
    every page varies on the cookies. The same browser as a visitor, once signed in, then
    signed out, and a stranger each get their own header, from the cache or not."""
    browser = Client()
    visitor = [browser.get("/"), browser.get("/")]
    browser.force_login(verified_user())
    member = [browser.get("/"), browser.get("/")]
    browser.logout()
    visitor += [browser.get("/"), Client().get("/")]

    for response in visitor:
        links = _account_links(response)
        assert "/accounts/login/" in links and "/accounts/logout/" not in links
        assert "Cookie" in response["Vary"]
    for response in member:
        links = _account_links(response)
        assert "/accounts/logout/" in links and "/accounts/login/" not in links
        assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_signing_in_never_leads_off_the_site_whatever_next_says(client, home_page, target):
    """The header's sign-in link carries ``next``; a forged one pointing elsewhere is ignored."""
    verified_user("member@example.org")

    response = client.post(
        f"/accounts/login/?next={target}",
        {"login": "member@example.org", "password": "correct-horse-battery", "next": target},
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert client.get("/dashboard/").status_code == 200  # signed in all the same
