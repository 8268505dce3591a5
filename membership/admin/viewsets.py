"""Every viewset of the membership app, under one Membership menu of the Wagtail admin:
applications, memberships, levels, organisations, their people and invitations
(``people``) and their taxonomies."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from association.exports import (
    SanitisedExportMixin,
    both_formats,
    choice_label,
    local_minute,
    yes_or_blank,
)
from twins.admin import FoldedSearchMixin

from .. import selectors
from ..models import (
    Application,
    DuesStatus,
    Membership,
    MembershipLevel,
    Organisation,
    Sector,
    TechnologyField,
)
from .filters import ApplicationFilterSet, MembershipFilterSet, OrganisationFilterSet
from .forms import OrganisationAdminForm
from .people import OrganisationInvitationSnippetViewSet, OrganisationUserSnippetViewSet

dues_label = choice_label(DuesStatus.choices)
membership_status_label = choice_label(Membership.Status.choices)


class ChoiceLabelColumn(Column):
    """A column of an annotated choice (``dues_status``), shown by its label."""

    def __init__(self, name, *, choices, **kwargs):
        super().__init__(name, **kwargs)
        self.label_of = choice_label(choices)

    def get_value(self, instance):
        value = super().get_value(instance)
        return self.label_of(value) if value else ""


class MembershipLevelSnippetViewSet(SnippetViewSet):
    model = MembershipLevel
    icon = "pick"
    menu_label = _("Levels")
    list_display = ["name", "yearly_price", "audience", "is_active", "locale"]
    list_filter = ["audience", "is_active", "locale"]


APPLICATION_EXPORT_HEADINGS = {
    "pk": _("Number"),
    "organisation_name": _("Organisation"),
    "applicant_name": _("Applicant"),
    "applicant_email": _("E-mail"),
    "level_name": _("Level"),
    "get_status_display": _("Status"),
    "motivation": _("Motivation"),
    "created_at": _("Submitted"),
    "reviewed_at": _("Reviewed"),
}


class ApplicationIndexView(SanitisedExportMixin, IndexView):
    custom_field_preprocess = {
        "created_at": both_formats(local_minute),
        "reviewed_at": both_formats(local_minute),
    }

    def get_base_queryset(self):
        return selectors.applications_for_staff()


class ApplicationSnippetViewSet(SnippetViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    filterset_class = ApplicationFilterSet
    list_export = list(APPLICATION_EXPORT_HEADINGS)
    export_headings = APPLICATION_EXPORT_HEADINGS
    export_filename = "membership-applications"
    # The title leads to the review screen: applications are decided there, not edited.
    list_display = [
        TitleColumn(
            "__str__",
            label=_("Application"),
            get_url=lambda application: reverse(
                "membership_application_review", args=[application.pk]
            ),
        ),
        "status",
        "created_at",
        "applicant",
    ]


MEMBERSHIP_EXPORT_HEADINGS = {
    "organisation_name": _("Organisation"),
    "organisation_email": _("Organisation e-mail"),
    "organisation_phone": _("Organisation phone"),
    "member_name": _("Member"),
    "member_email": _("E-mail"),
    "level_name": _("Level"),
    "level.yearly_price": _("Yearly price (EUR)"),
    "get_status_display": _("Status"),
    "starts_on": _("Starts on"),
    "ends_on": _("Ends on"),
    "dues_status": _("Dues"),
    "paid_until": _("Paid until"),
    "created_at": _("Created"),
}


class MembershipIndexView(SanitisedExportMixin, IndexView):
    """Memberships with what each owes (paid, due, overdue: ``memberships_with_dues``),
    filterable by it; the export holds the member's contact."""

    custom_field_preprocess = {
        "dues_status": both_formats(dues_label),
        "created_at": both_formats(local_minute),
    }

    def get_base_queryset(self):
        return selectors.memberships_with_dues()


class MembershipSnippetViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    index_view_class = MembershipIndexView
    list_display = [
        "__str__",
        "status",
        "starts_on",
        "ends_on",
        ChoiceLabelColumn(
            "dues_status", label=_("Dues"), choices=DuesStatus.choices, sort_key="dues_status"
        ),
    ]
    filterset_class = MembershipFilterSet
    list_export = list(MEMBERSHIP_EXPORT_HEADINGS)
    export_headings = MEMBERSHIP_EXPORT_HEADINGS
    export_filename = "memberships"


ORGANISATION_EXPORT_HEADINGS = {
    "name": _("Name"),
    "get_kind_display": _("Kind"),
    "city": _("City"),
    "get_region_display": _("Region"),
    "address": _("Address"),
    "email": _("E-mail"),
    "phone": _("Phone"),
    "website": _("Website"),
    "is_published": _("In the directory"),
    "is_founder": _("Founder"),
    "membership_level": _("Membership level"),
    "membership_status": _("Membership status"),
    "membership_ends_on": _("Membership ends on"),
    "dues_status": _("Dues"),
}


class OrganisationIndexView(FoldedSearchMixin, SanitisedExportMixin, IndexView):
    """Organisations by name in either script, with or without diacritics, or by city, each
    with its current membership and dues (``organisations_with_membership``), filterable by
    them; an Import button beside Add for staff who may add organisations."""

    folded_search_field = "name_folded"
    custom_field_preprocess = {
        "membership_status": both_formats(membership_status_label),
        "dues_status": both_formats(dues_label),
        "is_published": both_formats(yes_or_blank),
        "is_founder": both_formats(yes_or_blank),
    }

    def get_base_queryset(self):
        return selectors.organisations_with_membership()

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("membership.add_organisation"):
            buttons.append(
                HeaderButton(
                    _("Import"),
                    url=reverse("membership_organisation_import"),
                    icon_name="upload",
                )
            )
        buttons.append(
            HeaderButton(
                _("ECCP export"),
                url=reverse("membership_organisations_eccp", args=["csv"]),
                icon_name="download",
            )
        )
        return buttons


class OrganisationSnippetViewSet(SnippetViewSet):
    model = Organisation
    index_view_class = OrganisationIndexView
    icon = "group"
    menu_label = _("Organisations")
    list_display = [
        "name",
        "kind",
        "city",
        "is_published",
        Column("membership_level", label=_("Membership level")),
        ChoiceLabelColumn("dues_status", label=_("Dues"), choices=DuesStatus.choices),
    ]
    filterset_class = OrganisationFilterSet
    list_export = list(ORGANISATION_EXPORT_HEADINGS)
    export_headings = ORGANISATION_EXPORT_HEADINGS
    export_filename = "organisations"
    edit_handler = ObjectList(Organisation.panels, base_form_class=OrganisationAdminForm)
    search_fields = ["name", "city"]
    ordering = ["name"]
    copy_view_enabled = False


class SectorSnippetViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TechnologyFieldSnippetViewSet(SnippetViewSet):
    model = TechnologyField
    icon = "cogs"
    menu_label = _("Technology fields")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MembershipViewSetGroup(SnippetViewSetGroup):
    """Everything of the membership domain under one menu; further viewsets join
    ``items``."""

    menu_label = _("Membership")
    menu_icon = "group"
    menu_order = 250
    items = (
        ApplicationSnippetViewSet,
        MembershipSnippetViewSet,
        MembershipLevelSnippetViewSet,
        OrganisationSnippetViewSet,
        OrganisationUserSnippetViewSet,
        OrganisationInvitationSnippetViewSet,
        SectorSnippetViewSet,
        TechnologyFieldSnippetViewSet,
    )
