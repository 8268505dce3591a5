"""Forms of the admin's editors."""

from wagtail.admin.forms import WagtailAdminModelForm

from ..forms import BoundedModelMultipleChoiceField


class OrganisationAdminForm(WagtailAdminModelForm):
    """Staff's editor: the taxonomy ids posted are bounded like the member's form's."""

    class Meta:
        field_classes = {
            "sectors": BoundedModelMultipleChoiceField,
            "technology_fields": BoundedModelMultipleChoiceField,
        }
