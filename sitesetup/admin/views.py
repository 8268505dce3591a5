"""The admin's "Invite staff member" screen (Settings), for whoever may add users."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited

from association.throttle import throttle, too_many_requests

from .. import services
from .forms import InviteForm

INVITE_PERMISSION = "auth.add_user"


def _admins_language(request) -> str:
    """The inviting admin's language: their admin profile's (Wagtail's admin has no Serbian,
    so it is English unless Wagtail gains one), else the admin's current language."""
    profile = getattr(request.user, "wagtail_userprofile", None)
    if profile is not None and profile.preferred_language in dict(settings.LANGUAGES):
        return profile.preferred_language
    return get_language()


def staff_invite(request):
    if not request.user.has_perm(INVITE_PERMISSION):
        raise PermissionDenied
    form = InviteForm(request.POST or None, initial={"language": _admins_language(request)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                throttle(request, "invite", address=email)
            except Ratelimited as limited:
                # Wagtail's admin would answer a PermissionDenied (which Ratelimited is)
                # with "no permission": this is the site's 429 page.
                return too_many_requests(request, limited)
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
