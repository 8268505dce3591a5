"""An organisation's people in a real browser with a real Celery worker, on both
configurations: the admin of a member organisation invites a colleague from the dashboard's
People screen; the colleague opens the mailed link in their own browser, signs up from it,
confirms the address, is brought back, accepts, and registers for an event at the member
price. The People screen and the invitation page meet WCAG 2.2 AA on the way."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from events.models import Registration
from membership.models import Membership, OrganisationUser
from tests.factories import (
    EventPageFactory,
    MembershipLevelFactory,
    OrganisationUserFactory,
    verified_user,
)
from tests.journeys.test_accessibility import _violations

pytestmark = pytest.mark.sqlite

ADMIN = "direktor@voict.example"
COLLEAGUE = "sekretar@voict.example"
PASSWORD = "klaster-u-novom-sadu-2026"


def _submit(page, button: str):
    with page.expect_navigation():
        page.get_by_role("button", name=button).first.click()


def test_an_invited_colleague_joins_and_registers_at_the_member_price(
    browser, journey_site, journey_worker, outbox
):
    organisation = journey_site.organisation
    Membership.objects.create(
        organisation=organisation, level=MembershipLevelFactory(), status=Membership.Status.ACTIVE
    )
    OrganisationUserFactory(
        organisation=organisation, user=verified_user(email=ADMIN, password=PASSWORD)
    )
    event = EventPageFactory(
        parent=journey_site.events,
        title="Business Cluster Club Novi Sad",
        slug="business-cluster-club",
        ticket_types=[
            {"name": "Club evening", "capacity": 30, "price": Decimal("40.00"), "member_price": 0}
        ],
    )

    # The admin signs in and invites a colleague from the People screen.
    # bypass_csp: the site's policy forbids injected scripts; the check's own (axe-core) runs.
    admin = browser.new_context(base_url=journey_site.url, bypass_csp=True).new_page()
    admin.goto("/accounts/login/")
    admin.fill("input[name=login]", ADMIN)
    admin.fill("input[name=password]", PASSWORD)
    _submit(admin, "Sign in")
    with admin.expect_navigation():
        admin.get_by_role("link", name="People").click()
    expect(admin.locator("h1")).to_have_text(f"People of {organisation.name}")
    admin.fill("input[name=email]", COLLEAGUE)
    _submit(admin, "Send the invitation")
    expect(admin.locator("main")).to_contain_text(COLLEAGUE)
    assert _violations(admin) == []

    # The colleague opens the mailed link in their own browser and signs up from it.
    invitation = outbox.wait_for(COLLEAGUE, "invited to join")
    colleague = browser.new_context(base_url=journey_site.url, bypass_csp=True).new_page()
    colleague.goto(invitation.link("/membership/invitation/"))
    assert _violations(colleague) == []
    with colleague.expect_navigation():
        colleague.get_by_role("link", name="Sign up").first.click()
    colleague.fill("input[name=email]", COLLEAGUE)
    colleague.fill("input[name=password1]", PASSWORD)
    colleague.fill("input[name=password2]", PASSWORD)
    _submit(colleague, "Sign up")

    # Confirming the address brings them back to the invitation, signed in: they accept.
    confirmation = outbox.wait_for(
        COLLEAGUE, where=lambda mail: "/accounts/confirm-email/" in mail.text()
    )
    colleague.goto(confirmation.link("/accounts/confirm-email/"))
    _submit(colleague, "Confirm")
    expect(colleague.locator("h1")).to_have_text(f"Join {organisation.name}")
    _submit(colleague, "Accept the invitation")
    expect(colleague.locator("h1")).to_have_text("Your dashboard")
    person = OrganisationUser.objects.get(user__email=COLLEAGUE)
    assert (person.organisation_id, person.role) == (organisation.pk, "member")

    # The organisation's membership is theirs too: the member price, here free.
    colleague.goto(f"{event.url}register/")
    colleague.get_by_label("Club evening").check()
    colleague.fill("input[name=name]", "Milica Jovanović")
    _submit(colleague, "Register")
    expect(colleague.locator("h1")).to_have_text("Your registration")
    registration = Registration.objects.get(email=COLLEAGUE)
    assert registration.is_member_price and registration.price == 0
    assert registration.status == Registration.Status.CONFIRMED
