import pytest

from tests.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_log_in_to_the_wagtail_admin(client, home_page):
    StaffUserFactory(username="editor")

    response = client.post(
        "/admin/login/", {"username": "editor", "password": "correct-horse-battery"}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"
    assert client.get("/admin/snippets/home/menu/").status_code == 200


def test_a_member_without_staff_rights_cannot_enter_the_admin(client, home_page):
    UserFactory(username="member")
    client.login(username="member", password="correct-horse-battery")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
