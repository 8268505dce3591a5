"""A member's journey with the keyboard alone (Tab, Enter and typing; no mouse), in a real
browser with a real Celery worker, on both configurations: sign up from the header, verify
the address from the mailed link, apply for membership, reach the dashboard, register for an
event, cancel the registration after being asked to confirm, and sign out."""

import pytest
from playwright.sync_api import expect

from events.models import Registration
from membership.models import Application
from tests.journeys.keyboard import activate, press_enter_and_wait, tab_to, type_into

pytestmark = pytest.mark.sqlite

EMAIL = "ana.petrovic@example.org"
PASSWORD = "klaster-u-nisu-2026"


def test_a_member_signs_up_applies_registers_cancels_and_signs_out_by_keyboard(
    browser, journey_site, journey_worker, outbox
):
    page = browser.new_page(base_url=journey_site.url)
    page.goto("/")

    # Sign up from the header.
    activate(page, "Sign up")
    assert "/accounts/signup/" in page.url
    type_into(page, "email", EMAIL)
    type_into(page, "password1", PASSWORD)
    type_into(page, "password2", PASSWORD)
    press_enter_and_wait(page)  # Enter in the last field submits the form

    # Verify the address from the mail the site sent.
    verification = outbox.wait_for(EMAIL)
    page.goto(verification.link("/accounts/confirm-email/"))
    activate(page, "Confirm")
    # Signed in at once, back on the page the sign-up started from.
    expect(page.get_by_role("button", name="Sign out").first).to_be_visible()

    # Apply for membership: the menu, the membership page, the form.
    activate(page, "Why join")
    activate(page, "Apply")
    expect(page.locator("h1")).to_have_text("Apply for membership")
    type_into(page, "new_name", "Timočki klaster")
    type_into(page, "new_city", "Zaječar")
    type_into(page, "motivation", "We want to work with the other clusters of Serbia.")
    activate(page, "Send the application")
    expect(page.locator("h1")).to_have_text("Your dashboard")
    expect(page.locator("main")).to_contain_text("Timočki klaster")
    application = Application.objects.get(applicant__email=EMAIL)
    assert application.organisation.name == "Timočki klaster"

    # Register for an event.
    activate(page, "Events")
    activate(page, "Cluster Forum Niš")
    activate(page, "Register")
    tab_to(page, field="ticket_type")
    page.keyboard.press("Space")  # choose the (only) ticket with the keyboard
    type_into(page, "name", "Ana Petrović")
    activate(page, "Register")
    expect(page.locator("h1")).to_have_text("Your registration")
    registration = Registration.objects.get(email=EMAIL)
    assert registration.status == Registration.Status.CONFIRMED
    ticket = outbox.wait_for(EMAIL, where=lambda mail: registration.code in mail.text())
    assert "Cluster Forum Niš" in ticket.subject + ticket.text()

    # Cancel it from the ticket page: the site asks first, and cancels only once confirmed.
    activate(page, "Cancel my registration")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    activate(page, "Yes, cancel my registration")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED

    # Sign out from the header.
    activate(page, "Sign out")
    assert page.url == f"{journey_site.url}/"
    expect(page.locator(".account-links")).to_contain_text("Sign in")
    page.close()
