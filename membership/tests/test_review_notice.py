"""Staff hear of a new membership application: mailed through the worker to everyone who may
review applications, each in their own language, with the link to the review screen."""

from django.contrib.auth.models import Group, Permission
from wagtail.users.models import UserProfile

from association.tasks import ping
from membership.models import Application
from tests.factories import (
    HomePageFactory,
    MembershipLevelFactory,
    MembershipPageFactory,
    StaffUserFactory,
    UserFactory,
    ensure_locales,
    verified_user,
)


def test_a_new_application_is_mailed_to_the_reviewers_in_their_language(
    client, celery_worker, mailbox, settings
):
    ensure_locales()
    MembershipPageFactory(parent=HomePageFactory(as_site_root=True))
    level = MembershipLevelFactory(name="Partner membership")
    settings.MEMBERSHIP_REVIEW_EMAIL = "office@association.example"
    # A superuser who reads the admin in Serbian (Latin script) ...
    root = StaffUserFactory(username="root", email="root@association.example")
    profile = UserProfile.get_for_user(root)
    profile.preferred_language = "sr-latn"
    profile.save()
    # ... a reviewer by group, who chose no language ...
    reviewers = Group.objects.create(name="Membership reviewers")
    reviewers.permissions.add(
        Permission.objects.get(codename="change_application", content_type__app_label="membership")
    )
    UserFactory(username="milica", email="milica@association.example").groups.add(reviewers)
    # ... and people who are not told: a reviewer whose account is closed, an editor.
    UserFactory(username="former", email="former@association.example", is_active=False).groups.add(
        reviewers
    )
    UserFactory(username="editor", email="editor@association.example", is_staff=True)

    client.force_login(verified_user(email="manager@voict.example"))
    response = client.post(
        "/membership/apply/",
        {
            "level": level.pk,
            "new_name": "Vojvodina ICT Cluster",
            "new_kind": "cluster",
            "motivation": "To work with the other clusters of Serbia.",
        },
    )
    assert response.status_code == 302

    mailbox.wait_for(4)
    ping.delay("drain").get(timeout=30)  # the worker takes tasks in order: all are sent now
    recipients = sorted(address for m in mailbox.messages for address in m.rcpt_tos)
    assert recipients == [
        "manager@voict.example",
        "milica@association.example",
        "office@association.example",
        "root@association.example",
    ]
    application = Application.objects.get()
    review_url = f"http://testserver/admin/membership/applications/{application.pk}/review/"
    for address in ("root", "milica", "office"):
        [message] = mailbox.to(f"{address}@association.example")
        body = message.body_text()
        assert "Vojvodina ICT Cluster" in message.subject
        assert review_url in body
        assert "manager@voict.example" in body and "To work with the other clusters" in body
    # The organisation line is translated already: each reviewer reads their own language.
    assert (
        "Organizacija: Vojvodina ICT Cluster"
        in mailbox.to("root@association.example")[0].body_text()
    )
    for address in ("milica", "office"):
        body = mailbox.to(f"{address}@association.example")[0].body_text()
        assert "Organisation: Vojvodina ICT Cluster" in body

    # The link opens the review screen for a reviewer.
    reviewer = client.__class__()
    reviewer.force_login(root)
    assert reviewer.get(review_url.removeprefix("http://testserver")).status_code == 200
