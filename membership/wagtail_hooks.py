"""Registers the Membership menu of the Wagtail admin (``membership.admin.viewsets``), the
review screen of an application and the organisations' import (``membership.admin.views``)."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from .admin.people import people_bulk_delete_refusal
from .admin.views import application_review, organisation_import, organisations_eccp_export
from .admin.viewsets import MembershipViewSetGroup
from .models import Organisation

register_snippet(MembershipViewSetGroup)


@hooks.register("register_admin_urls")
def register_application_review_url():
    return [
        path(
            "membership/applications/<int:pk>/review/",
            application_review,
            name="membership_application_review",
        ),
        path(
            "membership/organisations/import/",
            organisation_import,
            name="membership_organisation_import",
        ),
        path(
            "membership/organisations/eccp.<str:format>",
            organisations_eccp_export,
            name="membership_organisations_eccp",
        ),
    ]


hooks.register("before_delete_snippet", people_bulk_delete_refusal)


@hooks.register("register_snippet_listing_buttons")
def organisation_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Organisation) and user.has_perm("membership.change_organisation"):
        for format, label in (("json", _("ECCP profile (JSON)")), ("csv", _("ECCP profile (CSV)"))):
            yield Button(
                label,
                url=reverse("membership_organisations_eccp", args=[format]) + f"?id={snippet.pk}",
                icon_name="download",
                priority=50,
            )
