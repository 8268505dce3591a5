"""The invitation page: the invitee sets a password and lands in the admin. A link that is
tampered with, another account's, expired or used already says so and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import services
from .tokens import TokenState, invitation_tokens


def _user(uidb64: str):
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return get_user_model().objects.filter(pk=pk).first()


def _refused(request, title: str, message: str, *, sign_in: bool = False):
    return TemplateResponse(
        request,
        "sitesetup/invitation_message.html",
        {"title": title, "message": message, "sign_in": sign_in},
        status=400,
    )


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation(request, uidb64: str, token: str):
    user = _user(uidb64)
    if user is not None and user.has_usable_password():
        return _refused(
            request,
            _("This invitation was used already"),
            _("Your account has a password: sign in with your e-mail address and password."),
            sign_in=True,
        )
    state = invitation_tokens.state(user, token)
    if state is TokenState.EXPIRED or (state is TokenState.VALID and not user.is_active):
        return _refused(
            request,
            _("This invitation has expired"),
            _("Ask whoever invited you to send a new invitation."),
        )
    if state is not TokenState.VALID:
        return _refused(
            request,
            _("This invitation link is not valid"),
            _("Open the link exactly as it is in the e-mail, or ask for a new invitation."),
        )
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_accept(user=user, password=form.cleaned_data["new_password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your password is set. Welcome!"))
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "sitesetup/invitation.html",
        {"form": form, "email": user.email},
        status=400 if form.errors else 200,
    )
