"""Staff see and manage the people of every organisation (Membership → People) and the
invitations sent to join one (Membership → Invitations). Every change goes through
``membership.services.people``, so staff keep the rules members keep: an invitation is
mailed (once committed) and works once, and no organisation loses its last admin."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from ..models import OrganisationInvitation, OrganisationUser
from ..services import people


class _RefusalAsFormError:
    """A refusal of the service is shown on the form, never a 500; nothing was saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error.messages)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class OrganisationUserAdminForm(WagtailAdminModelForm):
    """Add a person to an organisation; once added only their role changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("user", "organisation"):
                if name in self.fields:
                    self.fields[name].disabled = True


class OrganisationUserEditView(_RefusalAsFormError, EditView):
    def save_instance(self):
        return people.organisation_user_set_role(
            organisation=self.object.organisation,
            person_id=self.object.pk,
            role=self.form.cleaned_data["role"],
        )


class OrganisationUserDeleteView(DeleteView):
    def form_valid(self, form):
        try:
            people.organisation_user_remove(
                organisation=self.object.organisation, person_id=self.object.pk
            )
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class OrganisationUserSnippetViewSet(SnippetViewSet):
    model = OrganisationUser
    icon = "user"
    menu_label = _("People")
    list_display = [
        "user",
        Column("email", label=_("E-mail"), accessor="user.email"),
        "organisation",
        "role",
    ]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    ordering = ["organisation__name", "role", "user__email"]
    edit_view_class = OrganisationUserEditView
    delete_view_class = OrganisationUserDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("organisation"), FieldPanel("role")],
        base_form_class=OrganisationUserAdminForm,
    )


def people_bulk_delete_refusal(request, instances):
    """The ``before_delete_snippet`` answer for people (the delete screen and the listing's
    bulk delete, which deletes without the service): refused when it would leave one of
    their organisations without an admin. The delete screen then removes through the
    service, under the organisation's lock."""
    people_rows = [row for row in instances if isinstance(row, OrganisationUser)]
    if not people_rows or request.method != "POST":
        return None
    leaving = {row.pk for row in people_rows}
    for organisation_id in {row.organisation_id for row in people_rows}:
        admins = set(
            OrganisationUser.objects.filter(
                organisation_id=organisation_id, role=OrganisationUser.Role.ADMIN
            ).values_list("pk", flat=True)
        )
        if admins and admins <= leaving:
            messages.error(
                request,
                gettext(
                    "The last admin of an organisation cannot be removed: make someone else "
                    "admin first."
                ),
            )
            return redirect(OrganisationUser.snippet_viewset.get_url_name("list"))
    return None


class OrganisationInvitationAdminForm(WagtailAdminModelForm):
    """Staff invite an address (creating); on an invitation sent, all they change is
    withdrawing it."""

    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)
    withdraw = forms.BooleanField(
        label=_("Withdraw this invitation"),
        required=False,
        help_text=_("Its link stops working. Invite the address again to send a new one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("organisation", "email", "role", "language"):
                if name in self.fields:
                    self.fields[name].disabled = True
        else:
            self.fields.pop("withdraw", None)


class OrganisationInvitationCreateView(_RefusalAsFormError, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return people.invitation_create(
            organisation=data["organisation"],
            email=data["email"],
            role=data["role"],
            invited_by=self.request.user,
            language=data["language"],
        )


class OrganisationInvitationEditView(_RefusalAsFormError, EditView):
    def save_instance(self):
        if self.form.cleaned_data.get("withdraw"):
            return people.invitation_revoke(invitation=self.object)
        return self.object


class OrganisationInvitationSnippetViewSet(SnippetViewSet):
    model = OrganisationInvitation
    icon = "mail"
    menu_label = _("Invitations")
    list_display = ["email", "organisation", "role", "get_state_display", "expires_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["email", "organisation__name"]
    ordering = ["-created_at"]
    add_view_class = OrganisationInvitationCreateView
    edit_view_class = OrganisationInvitationEditView
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldPanel("email"),
            FieldPanel("role"),
            FieldPanel("language"),
            FieldPanel("withdraw"),
        ],
        base_form_class=OrganisationInvitationAdminForm,
    )
