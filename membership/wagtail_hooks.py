"""The Membership menu of the Wagtail admin: applications, memberships, levels, organisations
and their taxonomies."""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import (
    ApplicationSnippetViewSet,
    MembershipLevelSnippetViewSet,
    MembershipSnippetViewSet,
    application_review,
)
from .forms_organisation import BoundedIdsMixin, BoundedModelMultipleChoiceField
from .models import Organisation, Sector, TechnologyField


class BoundedModelMultipleChoiceFilterField(
    BoundedIdsMixin, django_filters.fields.ModelMultipleChoiceField
):
    pass


class BoundedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """A sector id out of range is an invalid choice, never a query (SQLite overflows)."""

    field_class = BoundedModelMultipleChoiceFilterField


class OrganisationFilterSet(WagtailFilterSet):
    sectors = BoundedModelMultipleChoiceFilter(
        queryset=Sector.objects.order_by("name"), label=_("sectors")
    )

    class Meta:
        model = Organisation
        fields = ["kind", "stage", "region", "sectors", "is_published", "is_founder"]


class OrganisationAdminForm(WagtailAdminModelForm):
    """Staff's editor: the taxonomy ids posted are bounded like the member's form's."""

    class Meta:
        field_classes = {
            "sectors": BoundedModelMultipleChoiceField,
            "technology_fields": BoundedModelMultipleChoiceField,
        }


class OrganisationSnippetViewSet(SnippetViewSet):
    model = Organisation
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


register_snippet(MembershipViewSetGroup)


@hooks.register("register_admin_urls")
def register_application_review_url():
    return [
        path(
            "membership/applications/<int:pk>/review/",
            application_review,
            name="membership_application_review",
        )
    ]
