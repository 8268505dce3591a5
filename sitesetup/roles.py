"""The staff roles: one group per kind of work, with the permissions that work needs and no
more, read from how each admin screen checks them:

- **Editors** publish pages (Wagtail's page permissions on the whole tree), images and
  documents (collection permissions), menus, footer texts, site settings, news categories and
  authors, event series and speakers, the terms that stay Latin, and translations.
- **Event staff** see the registrations of every event, cancel, move and promote them and
  check people in, and run the B2B meetings: set a session up, schedule, send the agendas,
  move meetings, print the table plan, read and export the outcomes
  (``events.view_registration``, ``events.change_registration``): nothing of the newsletter.
- **Membership staff** review applications (``membership.change_application``), manage
  memberships, organisations and their people (invitations too) and read payments: they
  cannot send the newsletter.
- **Newsletter senders** compose, test and send issues (``newsletter.send_newsletterissue``),
  manage audiences and subscribers: they cannot approve memberships.

``ensure_roles()`` creates the groups and grants what is missing; it never takes a
permission away, so what staff add to a group in Settings -> Groups stays. Wagtail's own
migrations create an "Editors" group with part of these permissions: it is completed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

ACCESS_ADMIN = "wagtailadmin.access_admin"


def _crud(app_model: str, *actions: str) -> list[str]:
    app, model = app_model.split(".")
    return [f"{app}.{action}_{model}" for action in actions or ("add", "change", "delete", "view")]


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    permissions: tuple[str, ...]
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()


EDITORS = Role(
    name="Editors",
    description=_("Publish pages, news, images, documents, menus and the footer."),
    permissions=(
        ACCESS_ADMIN,
        *_crud("home.menu"),
        *_crud("home.footertext"),
        "home.change_sitesettings",
        *_crud("news.newscategory"),
        *_crud("news.author"),
        *_crud("events.eventseries"),
        *_crud("events.speaker"),
        "twins.change_scriptsettings",
        "wagtail_localize.submit_translation",
    ),
    page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    collection_permissions=(
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
)
EVENT_STAFF = Role(
    name="Event staff",
    description=_(
        "See event registrations, cancel or move them, check people in and run the B2B meetings."
    ),
    permissions=(ACCESS_ADMIN, "events.view_registration", "events.change_registration"),
)
MEMBERSHIP_STAFF = Role(
    name="Membership staff",
    description=_(
        "Review membership applications, manage memberships, organisations and their people."
    ),
    permissions=(
        ACCESS_ADMIN,
        *_crud("membership.application", "view", "change"),
        *_crud("membership.membership", "view", "add", "change"),
        *_crud("membership.organisation", "view", "add", "change"),
        *_crud("membership.organisationuser"),
        *_crud("membership.organisationinvitation", "view", "add", "change"),
        *_crud("membership.membershiplevel", "view"),
        *_crud("membership.sector", "view"),
        *_crud("membership.technologyfield", "view"),
        "payments.view_payment",
        "payments.view_invoice",
        "payments.record_bank_payment",
        "payments.change_invoicingsettings",
    ),
)
NEWSLETTER_SENDERS = Role(
    name="Newsletter senders",
    description=_("Compose and send Infocluster issues, manage audiences and subscribers."),
    permissions=(
        ACCESS_ADMIN,
        *_crud("newsletter.newsletterissue"),
        "newsletter.send_newsletterissue",
        *_crud("newsletter.audience", "view", "add", "change"),
        *_crud("newsletter.subscriber", "view", "add", "change"),
        *_crud("newsletter.suppressedaddress", "view"),
    ),
    collection_permissions=(
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
)
ROLES = (EDITORS, EVENT_STAFF, MEMBERSHIP_STAFF, NEWSLETTER_SENDERS)
ROLE_NAMES = tuple(role.name for role in ROLES)


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles() -> dict[str, str]:
    """The role groups with at least their permissions: {group name: "created", "updated"
    or "unchanged"}. Permissions staff gave a group besides are kept."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    statuses = {}
    for role in ROLES:
        group, created = Group.objects.get_or_create(name=role.name)
        changed = False
        have = set(group.permissions.values_list("pk", flat=True))
        missing = [
            permission
            for permission in map(_permission, role.permissions)
            if permission.pk not in have
        ]
        if missing:
            group.permissions.add(*missing)
            changed = True
        for codename in role.page_permissions:
            _, made = GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission(f"wagtailcore.{codename}")
            )
            changed = changed or made
        for label in role.collection_permissions:
            _, made = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(label)
            )
            changed = changed or made
        statuses[role.name] = "created" if created else "updated" if changed else "unchanged"
    return statuses


def role_groups():
    """The role groups that exist, in the roles' order."""
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLE_NAMES)}
    return [groups[name] for name in ROLE_NAMES if name in groups]
