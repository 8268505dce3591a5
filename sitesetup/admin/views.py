"""The admin's "Invite staff member" screen (Settings), for whoever may add users."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from association.throttle import throttle

from .. import services
from .forms import InviteForm

INVITE_PERMISSION = "auth.add_user"


def _admins_language(request) -> str:
    """The inviting admin's language: their admin profile's, else the one their requests
    ask for (the admin itself falls back to English where Wagtail has no translation)."""
    languages = dict(settings.LANGUAGES)
    profile = getattr(request.user, "wagtail_userprofile", None)
    if profile is not None and profile.preferred_language in languages:
        return profile.preferred_language
    requested = getattr(request, "LANGUAGE_CODE", None)
    return requested if requested in languages else get_language()


def staff_invite(request):
    if not request.user.has_perm(INVITE_PERMISSION):
        raise PermissionDenied
    form = InviteForm(request.POST or None, initial={"language": _admins_language(request)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            throttle(request, "invite", address=email)
            try:
                services.staff_invite(
                    email=email,
                    groups=form.cleaned_data["groups"],
                    language=form.cleaned_data["language"],
                    invited_by=request.user,
                )
            except services.InvitationRefused as refused:
                form.add_error("email", refused)
            else:
                messages.success(
                    request, _("An invitation was sent to %(email)s.") % {"email": email}
                )
                return redirect("sitesetup_staff_invite")
        status = 400
    return TemplateResponse(
        request,
        "sitesetup/admin/invite.html",
        {"form": form, "header_title": _("Invite staff member")},
        status=status,
    )
