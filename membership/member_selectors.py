"""Reads of levels, memberships and applications that pages and the dashboard share."""

from django.conf import settings
from django.db.models import Q

from .models import Application, Membership, MembershipLevel, OrganisationUser


def levels_for_locale(locale):
    """Open levels in the page's language, else the default language's (one query)."""
    levels = list(
        MembershipLevel.objects.filter(is_active=True)
        .filter(Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .select_related("locale")
    )
    own = [level for level in levels if level.locale_id == locale.pk]
    return own or [
        level for level in levels if level.locale.language_code == settings.LANGUAGE_CODE
    ]


def memberships_for_user(user):
    """The user's own memberships and those of organisations they administer."""
    administered = OrganisationUser.objects.filter(
        user=user, role=OrganisationUser.Role.ADMIN
    ).values("organisation")
    return (
        Membership.objects.filter(Q(person=user) | Q(organisation__in=administered))
        .select_related("level", "organisation")
        .order_by("-created_at")
    )


def membership_for_user(user, pk):
    return memberships_for_user(user).filter(pk=pk).first()


def organisations_for_user(user):
    return (
        OrganisationUser.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def applications_for_user(user):
    return (
        Application.objects.filter(applicant=user)
        .select_related("level", "organisation")
        .order_by("-created_at")
    )


def user_has_active_membership(user) -> bool:
    """Whether the user, or an organisation they belong to, has an active membership (member
    prices and members-only tickets at events)."""
    if user is None or not user.is_authenticated:
        return False
    organisations = OrganisationUser.objects.filter(user=user).values("organisation")
    return (
        Membership.objects.filter(status=Membership.Status.ACTIVE)
        .filter(Q(person=user) | Q(organisation__in=organisations))
        .exists()
    )
