"""The people of an organisation on the member dashboard (its admins invite colleagues,
change roles, remove people, hand the admin role over) and the page where an invitee
accepts an invitation."""

from __future__ import annotations

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from association.throttle import throttle

from .. import selectors
from ..forms import InvitationForm, RoleForm
from ..models import Organisation, OrganisationInvitation, OrganisationUser
from ..services import people as services


def _administered(request, slug: str) -> Organisation | TemplateResponse:
    """The organisation when the visitor is one of its admins; for one of its other people
    a 403 page that says who can manage them; for anyone else "no such organisation"."""
    organisation = selectors.administered_organisation(user=request.user, slug=slug)
    if organisation is not None:
        return organisation
    own = OrganisationUser.objects.filter(user=request.user, organisation__slug=slug)
    role = own.select_related("organisation").first()
    if role is None:
        raise Http404(_("There is no such organisation."))
    return TemplateResponse(
        request,
        "membership/organisation_people_forbidden.html",
        {"organisation": role.organisation},
        status=403,
    )


def _people_page(request, organisation: Organisation, form: InvitationForm, *, status=200):
    return TemplateResponse(
        request,
        "membership/organisation_people.html",
        {
            "organisation": organisation,
            "people": selectors.organisation_people(organisation=organisation),
            "invitations": selectors.organisation_open_invitations(organisation=organisation),
            "form": form,
            "role_choices": OrganisationUser.Role.choices,
        },
        status=status,
    )


@never_cache
@verified_email_required
def organisation_people(request, slug):
    """``/dashboard/organisations/<slug>/people/``: the list, and the invitation form."""
    organisation = _administered(request, slug)
    if not isinstance(organisation, Organisation):
        return organisation
    if request.method != "POST":
        return _people_page(request, organisation, InvitationForm())
    # Each attempt counts, valid or not: an invitation sends mail.
    throttle(request, "colleague_invite", address=request.POST.get("email", ""))
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                language=translation.get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            message = _("An invitation is on its way to %(email)s.")
            messages.success(request, message % {"email": invitation.email})
            return redirect(request.path)
    return _people_page(request, organisation, form, status=400)


def _act(request, slug, action, success: str):
    """Run ``action(organisation)`` for an admin of ``slug`` and go back to the people list
    (or to the dashboard when the visitor is no longer its admin), with ``success`` or the
    refusal's reason."""
    organisation = _administered(request, slug)
    if not isinstance(organisation, Organisation):
        return organisation
    try:
        action(organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    if selectors.administered_organisation(user=request.user, slug=slug) is None:
        return redirect("dashboard")
    return redirect("organisation_people", slug=slug)


@require_POST
@verified_email_required
def organisation_person_role(request, slug, pk):
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("organisation_people", slug=slug)
    return _act(
        request,
        slug,
        lambda organisation: services.organisation_user_set_role(
            organisation=organisation, person_id=pk, role=form.cleaned_data["role"]
        ),
        _("The role has been changed."),
    )


@require_POST
@verified_email_required
def organisation_person_remove(request, slug, pk):
    return _act(
        request,
        slug,
        lambda organisation: services.organisation_user_remove(
            organisation=organisation, person_id=pk
        ),
        _("The person has been removed from the organisation."),
    )


@require_POST
@verified_email_required
def organisation_admin_handover(request, slug, pk):
    return _act(
        request,
        slug,
        lambda organisation: services.organisation_admin_handover(
            organisation=organisation, from_user=request.user, to_person_id=pk
        ),
        _("You have handed the admin role over; you are now a member of the organisation."),
    )


@require_POST
@verified_email_required
def organisation_invitation_revoke(request, slug, pk):
    def revoke(organisation):
        invitation = OrganisationInvitation.objects.filter(pk=pk, organisation=organisation).first()
        if invitation is None:
            raise ValidationError(_("There is no such invitation."))
        services.invitation_revoke(invitation=invitation)

    return _act(request, slug, revoke, _("The invitation has been withdrawn."))


def _refused(request, refused: services.InvitationRefused, invitation):
    status = 403 if refused.code in ("wrong_address", "unverified") else 400
    return TemplateResponse(
        request,
        "membership/invitation_message.html",
        {
            "title": _("This invitation cannot be accepted"),
            "message": " ".join(refused.messages),
            "invitation": invitation,
            "code": refused.code,
        },
        status=status,
    )


@never_cache
def invitation_accept(request, token):
    """``/membership/invitation/<token>/``: who is invited to which organisation. A visitor
    signs up or signs in first and comes back here; a signed-in account whose verified
    address is the invited one accepts with a button (POST)."""
    invitation = selectors.invitation_for_token(token=token)
    user = request.user if request.user.is_authenticated else None
    try:
        services.invitation_check(invitation=invitation, user=user)
    except services.InvitationRefused as refused:
        return _refused(request, refused, invitation)
    if user is not None and request.method == "POST":
        try:
            person = services.invitation_accept(token=token, user=user)
        except services.InvitationRefused as refused:  # used or withdrawn meanwhile
            return _refused(request, refused, invitation)
        messages.success(
            request,
            _("Welcome to %(organisation)s.") % {"organisation": person.organisation.name},
        )
        return redirect("dashboard")
    return TemplateResponse(
        request,
        "membership/invitation.html",
        {
            "invitation": invitation,
            "next": request.path,
            "signup_url": reverse("account_signup"),
            "login_url": reverse("account_login"),
        },
    )


@require_POST
@verified_email_required
def invitation_accept_from_dashboard(request, pk):
    """An invitation to one of the visitor's verified addresses, accepted on the dashboard
    (the link may have been opened in another browser)."""
    try:
        person = services.invitation_accept(user=request.user, invitation_id=pk)
    except services.InvitationRefused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("Welcome to %(organisation)s.") % {"organisation": person.organisation.name},
        )
    return redirect("dashboard")
