"""Registers the Membership menu of the Wagtail admin (``membership.admin.viewsets``), the
review screen of an application and the organisations' import (``membership.admin.views``)."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin.people import people_bulk_delete_refusal
from .admin.views import application_review, organisation_import
from .admin.viewsets import MembershipViewSetGroup

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
    ]


hooks.register("before_delete_snippet", people_bulk_delete_refusal)
