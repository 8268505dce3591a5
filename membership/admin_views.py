"""Staff review applications in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import TitleColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .forms import ReviewForm
from .models import Application, Membership, MembershipLevel


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


class MembershipLevelSnippetViewSet(SnippetViewSet):
    model = MembershipLevel
    icon = "pick"
    menu_label = gettext_lazy("Levels")
    list_display = ["name", "yearly_price", "audience", "is_active", "locale"]
    list_filter = ["audience", "is_active", "locale"]


class ApplicationSnippetViewSet(SnippetViewSet):
    model = Application
    icon = "form"
    menu_label = gettext_lazy("Applications")
    # The title leads to the review screen: applications are decided there, not edited.
    list_display = [
        TitleColumn(
            "__str__",
            label=gettext_lazy("Application"),
            get_url=lambda application: reverse(
                "membership_application_review", args=[application.pk]
            ),
        ),
        "status",
        "created_at",
        "applicant",
    ]
    list_filter = ["status", "level"]


class MembershipSnippetViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = gettext_lazy("Memberships")
    list_display = ["__str__", "status", "starts_on", "ends_on"]
    list_filter = ["status", "level"]
