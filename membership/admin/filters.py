"""Filters of the admin's listings."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..forms import BoundedIdsMixin
from ..models import Organisation, Sector


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
