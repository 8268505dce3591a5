"""The data the cluster tests share, made once in the topology's database from the client
host: a staff account, events with one ticket type, and signed-in people to race for it."""

from __future__ import annotations

import datetime
import io
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils import timezone
from PIL import Image as PILImage

from events.models import EventIndexPage, EventPage, TicketType
from tests.factories import verified_user

STAFF_EMAIL, STAFF_PASSWORD = "admin@clusters.test", "cluster-staff-password-2026"


def staff_user():
    user = get_user_model().objects.filter(email=STAFF_EMAIL).first()
    if user is None:
        return verified_user(
            email=STAFF_EMAIL, password=STAFF_PASSWORD, is_staff=True, is_superuser=True
        )
    if not user.check_password(STAFF_PASSWORD):
        user.set_password(STAFF_PASSWORD)
        user.save()
    return user


def event_with_places(slug: str, capacity: int) -> tuple[EventPage, TicketType, str]:
    """A free event of ``capacity`` places; returns it, its ticket type and the path of its
    registration form."""
    index = EventIndexPage.objects.filter(locale__language_code="en").first()
    page = EventPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        start = timezone.now() + datetime.timedelta(days=60)
        page = EventPage(
            title=f"Cluster day {slug}",
            slug=slug,
            start=start,
            end=start + datetime.timedelta(hours=4),
            intro="Many people, few places.",
            city="Niš",
        )
        page.ticket_types = [TicketType(name="Place", capacity=capacity)]
        index.add_child(instance=page)
        page.save_revision().publish()
    root = page.get_site().root_page.url_path
    path = "/" + page.url_path.removeprefix(root).strip("/") + "/register/"
    return page, page.ticket_types.get(), path


def signed_in(emails: list[str]) -> dict[str, str]:
    """Accounts with verified addresses (members would be confirmed at once) and a
    signed-in session each, written where the web hosts read sessions from: the e-mail to
    its session key."""
    User = get_user_model()  # noqa: N806
    known = set(User.objects.filter(username__in=emails).values_list("username", flat=True))
    User.objects.bulk_create(
        [User(username=e, email=e, password="!") for e in emails if e not in known]  # noqa: S106
    )
    users = list(User.objects.filter(username__in=emails))
    verified = set(
        EmailAddress.objects.filter(email__in=emails, verified=True).values_list("email", flat=True)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True)
        for u in users
        if u.email not in verified
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[user.email] = session.session_key
    return keys


def png(width: int = 1200, height: int = 800) -> bytes:
    image = PILImage.new("RGB", (width, height), (30, 120, 200))
    for x in range(0, width, 40):
        for y in range(0, height, 40):
            image.putpixel((x, y), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
