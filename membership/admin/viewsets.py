"""Every viewset of the membership app, under one Membership menu of the Wagtail admin:
applications, memberships, levels, organisations and their taxonomies."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from twins.admin import FoldedSearchMixin

from ..models import Application, Membership, MembershipLevel, Organisation, Sector, TechnologyField
from .filters import OrganisationFilterSet
from .forms import OrganisationAdminForm


class MembershipLevelSnippetViewSet(SnippetViewSet):
    model = MembershipLevel
    icon = "pick"
    menu_label = _("Levels")
    list_display = ["name", "yearly_price", "audience", "is_active", "locale"]
    list_filter = ["audience", "is_active", "locale"]


class ApplicationSnippetViewSet(SnippetViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
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
    list_filter = ["status", "level"]


class MembershipSnippetViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    list_display = ["__str__", "status", "starts_on", "ends_on"]
    list_filter = ["status", "level"]


class OrganisationIndexView(FoldedSearchMixin, IndexView):
    """Organisations by name in either script, with or without diacritics, or by city; an
    Import button beside Add for staff who may add organisations."""

    folded_search_field = "name_folded"

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
    list_display = ["name", "kind", "city", "is_published"]
    filterset_class = OrganisationFilterSet
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
        SectorSnippetViewSet,
        TechnologyFieldSnippetViewSet,
    )
