"""Filters of the admin's listings."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from ..forms import BoundedIdsMixin
from ..models import (
    Application,
    DuesStatus,
    Membership,
    MembershipLevel,
    Organisation,
    Sector,
)


class BoundedModelMultipleChoiceFilterField(
    BoundedIdsMixin, django_filters.fields.ModelMultipleChoiceField
):
    pass


class BoundedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """A sector id out of range is an invalid choice, never a query (SQLite overflows)."""

    field_class = BoundedModelMultipleChoiceFilterField


def _dues_filter() -> django_filters.ChoiceFilter:
    """On the ``dues_status`` the listing's selector annotates."""
    return django_filters.ChoiceFilter(
        label=_("dues"),
        choices=DuesStatus.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )


def _date_range(label) -> django_filters.DateFromToRangeFilter:
    return django_filters.DateFromToRangeFilter(label=label, widget=DateRangePickerWidget)


class OrganisationFilterSet(WagtailFilterSet):
    sectors = BoundedModelMultipleChoiceFilter(
        queryset=Sector.objects.order_by("name"), label=_("sectors")
    )
    membership_status = django_filters.ChoiceFilter(
        label=_("membership"),
        choices=Membership.Status.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    dues_status = _dues_filter()

    class Meta:
        model = Organisation
        fields = ["kind", "stage", "region", "sectors", "is_published", "is_founder"]


class MembershipFilterSet(WagtailFilterSet):
    organisation = BoundedModelMultipleChoiceFilter(
        queryset=Organisation.objects.order_by("name"), label=_("organisation")
    )
    level = BoundedModelMultipleChoiceFilter(
        queryset=MembershipLevel.objects.order_by("name"), label=_("level")
    )
    dues_status = _dues_filter()
    starts_on = _date_range(_("starts on"))
    ends_on = _date_range(_("ends on"))

    class Meta:
        model = Membership
        fields = ["status", "level", "organisation"]


class ApplicationFilterSet(WagtailFilterSet):
    level = BoundedModelMultipleChoiceFilter(
        queryset=MembershipLevel.objects.order_by("name"), label=_("level")
    )
    created_at = _date_range(_("submitted at"))

    class Meta:
        model = Application
        fields = ["status", "level"]
