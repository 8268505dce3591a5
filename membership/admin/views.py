"""The custom screens of the Wagtail admin: staff review an application."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import services
from ..forms import ReviewForm
from ..models import Application


def application_review(request, pk):
    if not request.user.has_perm("membership.change_application"):
        raise PermissionDenied
    application = get_object_or_404(
        Application.objects.select_related("level", "organisation", "applicant"), pk=pk
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and application.status != Application.Status.PENDING:
        messages.error(request, _("This application has already been reviewed."))
    elif request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.application_approve(
                    application=application,
                    reviewer=request.user,
                    message=form.cleaned_data["message"],
                )
                messages.success(request, _("Application approved."))
            else:
                services.application_reject(
                    application=application,
                    reviewer=request.user,
                    message=form.cleaned_data["message"],
                )
                messages.success(request, _("Application rejected."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("membership_application_review", pk=application.pk)
    return TemplateResponse(
        request,
        "membership/admin/application_review.html",
        {"application": application, "form": form, "header_title": str(application)},
    )
