import pytest

from tests.factories import UserFactory, verified_user

pytestmark = pytest.mark.django_db


def test_staff_log_in_to_the_wagtail_admin(client, home_page):
    # The admin's login page is the site's (allauth's): by a verified e-mail address.
    verified_user("editor@example.org", is_staff=True, is_superuser=True)
    login_page = client.get("/admin/login/?next=/admin/", follow=True).redirect_chain[-1][0]

    response = client.post(
        login_page,
        {"login": "editor@example.org", "password": "correct-horse-battery"},
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"
    assert client.get("/admin/snippets/home/menu/").status_code == 200


def test_a_member_without_staff_rights_cannot_enter_the_admin(client, home_page):
    UserFactory(username="member")
    client.login(username="member", password="correct-horse-battery")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")


def test_the_admin_asks_no_third_party_for_avatars(client, home_page):
    """The sidebar's avatar came from gravatar.com, which the CSP blocks (a broken image) and
    which would learn who works in the admin; the admin now names no outside image."""
    client.force_login(verified_user("editor@example.org", is_staff=True, is_superuser=True))

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "avatar" in response.content.decode()  # the sidebar's account menu is there
    assert "gravatar" not in response.content.decode()
