"""A colleague's journey through the real views, with a real Celery worker delivering the
mail to the local SMTP server and Stripe's stand-in: an organisation's admin invites a
colleague from the People screen, the invitation arrives, the colleague signs up from its
link, confirms the address, comes back, accepts, and registers for an event at the member
price, which is what Stripe is asked to charge."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.test import Client

from events.models import Registration
from membership.models import Membership, OrganisationUser
from payments.models import Payment
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    MembershipLevelFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    ensure_locales,
    verified_user,
)

COLLEAGUE = "milica.jovanovic@voict.example"
PASSWORD = "klaster-u-novom-sadu-2026"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _link(mail, containing: str) -> str:
    links = [link for link in re.findall(r"https?://\S+", mail.body_text()) if containing in link]
    assert links, mail.body_text()
    return _path(links[0])


def test_an_invited_colleague_joins_and_registers_at_the_member_price(
    celery_worker, mailbox, stripe_standin
):
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="Days of Clusters 2027",
        ticket_types=[
            {
                "name": "Conference pass",
                "capacity": 100,
                "price": Decimal("60.00"),
                "member_price": Decimal("25.00"),
            }
        ],
    )
    organisation = OrganisationFactory(name="Vojvodina ICT Cluster", slug="voict")
    Membership.objects.create(
        organisation=organisation,
        level=MembershipLevelFactory(),
        status=Membership.Status.ACTIVE,
    )
    admin = verified_user(email="director@voict.example")
    OrganisationUserFactory(organisation=organisation, user=admin, role="admin")

    # The admin invites a colleague from the dashboard's People screen.
    manager = Client()
    manager.force_login(admin)
    invited = manager.post(
        "/dashboard/organisations/voict/people/", {"email": COLLEAGUE, "role": "member"}
    )
    assert invited.status_code == 302

    # The worker delivers the invitation; its link leads to sign-up and back.
    [invitation_mail] = mailbox.wait_for_matching(
        lambda mail: COLLEAGUE in mail.rcpt_tos and "Vojvodina ICT Cluster" in mail.subject,
        "the invitation",
    )
    accept = _link(invitation_mail, "/membership/invitation/")
    colleague = Client()
    landing = colleague.get(accept)
    assert landing.status_code == 200
    assert f"/accounts/signup/?next={accept}" in landing.content.decode()

    signed_up = colleague.post(
        f"/accounts/signup/?next={accept}",
        {"email": COLLEAGUE, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert signed_up.status_code == 302
    # Not yet verified: nothing joined.
    assert not OrganisationUser.objects.filter(user__email=COLLEAGUE).exists()

    [confirmation] = mailbox.wait_for_matching(
        lambda mail: COLLEAGUE in mail.rcpt_tos and "/accounts/confirm-email/" in mail.body_text(),
        "the address confirmation",
    )
    confirmed = colleague.post(_link(confirmation, "/accounts/confirm-email/"))
    assert confirmed.status_code == 302 and confirmed["Location"] == accept

    # Back on the invitation, signed in with the verified address: accept.
    assert "Accept the invitation" in colleague.get(accept).content.decode()
    joined = colleague.post(accept)
    assert joined.status_code == 302
    person = OrganisationUser.objects.get(user__email=COLLEAGUE)
    assert (person.organisation, person.role) == (organisation, "member")

    # The organisation's membership is the colleague's too: the member price at checkout.
    ticket = event.ticket_types.get()
    page = colleague.get(f"{event.url}register/")
    assert "25" in page.content.decode()
    registered = colleague.post(
        f"{event.url}register/",
        {"ticket_type": ticket.pk, "name": "Milica Jovanović", "email": COLLEAGUE},
    )
    payment = Payment.objects.get()
    assert registered.status_code == 302 and registered["Location"] == payment.checkout_url
    assert payment.amount == Decimal("25.00")
    assert stripe_standin.session(payment.stripe_checkout_session_id)["amount_total"] == 2500
    registration = Registration.objects.get(email=COLLEAGUE)
    assert registration.is_member_price and registration.price == Decimal("25.00")
