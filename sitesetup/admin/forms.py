from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from ..roles import ROLES


class RoleChoiceField(forms.ModelMultipleChoiceField):
    """The groups, each with what its role is for when it is one of the staff roles."""

    def label_from_instance(self, group):
        descriptions = {role.name: role.description for role in ROLES}
        description = descriptions.get(group.name)
        return f"{group.name}: {description}" if description else group.name


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    groups = RoleChoiceField(
        label=_("Roles"),
        queryset=Group.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What the new staff member may do. Change it later under Settings → Users."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The e-mail and the page where they choose a password are in this language."),
    )
