"""Staff screens beyond the generic snippet views: sending an issue and watching its
progress, an audience's live count, a subscriber's data export, the CSV import and
"disseminate" on a news article or event. Each checks its permission; each state change
is a POST behind CSRF."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .. import dissemination, selectors
from ..importing import ImportRejected, subscribers_import
from ..models import Audience, NewsletterIssue, Subscriber
from .forms import ImportForm, ScheduleForm

DISSEMINATED_PAGE_TYPES = ("news.NewsPage", "events.EventPage")


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _issue_dispatch_act(request, issue: NewsletterIssue, schedule_form: ScheduleForm) -> None:
    """Carry out the posted action (test, send, schedule, unschedule) and say how it went;
    raises ValidationError with what went wrong."""
    action = request.POST.get("action")
    if action == "test":
        if not request.user.email:
            raise ValidationError(_("Your account has no e-mail address."))
        dissemination.issue_send_test(
            issue=issue, to=request.user.email, name=request.user.get_full_name()
        )
        messages.success(
            request, _("A test was sent to %(email)s.") % {"email": request.user.email}
        )
    elif action in ("send", "schedule", "unschedule"):
        _require(request, "newsletter.send_newsletterissue")
        if action == "send":
            dissemination.issue_send_now(issue=issue)
            messages.success(request, _("Sending has started."))
        elif action == "unschedule":
            dissemination.issue_unschedule(issue=issue)
            messages.success(request, _("The issue is a draft again."))
        elif schedule_form.is_valid():
            dissemination.issue_schedule(issue=issue, when=schedule_form.cleaned_data["when"])
            messages.success(request, _("The issue is scheduled."))
        else:
            raise ValidationError(_("Enter a valid date and time."))
    else:
        raise ValidationError(_("Unknown action."))


def issue_dispatch(request, pk):
    """An issue's send screen: preview link, test, schedule or send now, and progress."""
    _require(request, "newsletter.change_newsletterissue")
    issue = get_object_or_404(NewsletterIssue.objects.select_related("audience"), pk=pk)
    schedule_form = ScheduleForm(request.POST if request.POST.get("action") == "schedule" else None)
    if request.method == "POST":
        try:
            _issue_dispatch_act(request, issue, schedule_form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("newsletter_issue_dispatch", pk=issue.pk)
    progress = selectors.issue_progress(issue=issue)
    by_language = (
        selectors.issue_audience_by_language(issue=issue)
        if issue.audience and issue.is_editable
        else None
    )
    return TemplateResponse(
        request,
        "newsletter/admin/issue_dispatch.html",
        {
            "issue": issue,
            "progress": progress,
            "audience_count": None if by_language is None else sum(n for _l, n in by_language),
            "audience_by_language": by_language,
            "schedule_form": schedule_form,
            "can_send": request.user.has_perm("newsletter.send_newsletterissue"),
            "edit_url": reverse("wagtailsnippets_newsletter_newsletterissue:edit", args=[issue.pk]),
            "refresh": issue.status == NewsletterIssue.Status.SENDING,
            "failures": issue.deliveries.filter(status="failed").order_by("pk")[:50],
            "header_title": issue.subject,
            "now": timezone.now(),
        },
    )


def audience_count(request, pk):
    _require(request, "newsletter.view_audience")
    audience = get_object_or_404(Audience, pk=pk)
    return JsonResponse(
        {"audience": audience.name, "count": selectors.audience_count(audience=audience)}
    )


def subscriber_export(request, pk):
    _require(request, "newsletter.change_subscriber")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    response = HttpResponse(
        json.dumps(
            selectors.subscriber_export(subscriber=subscriber), ensure_ascii=False, indent=2
        ),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
    return response


def subscribers_import_view(request):
    _require(request, "newsletter.add_subscriber")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = subscribers_import(
                content=upload.read(), filename=upload.name, imported_by=request.user
            )
        except ImportRejected as rejected:
            report, status = rejected.report, 400
            messages.error(
                request, _("Nothing was imported: correct the lines below and try again.")
            )
        else:
            messages.success(request, _("%(n)s subscribers imported.") % {"n": report.imported})
    return TemplateResponse(
        request,
        "newsletter/admin/import.html",
        {"form": form, "report": report, "header_title": _("Import subscribers")},
        status=status,
    )


def disseminate(request, page_id):
    """Create a draft issue from a news article or event and open it for editing."""
    _require(request, "newsletter.add_newsletterissue")
    page = get_object_or_404(Page, pk=page_id).specific
    if page._meta.label not in DISSEMINATED_PAGE_TYPES:
        raise PermissionDenied
    if request.method != "POST":
        return TemplateResponse(
            request,
            "newsletter/admin/disseminate.html",
            {"page": page, "header_title": _("Disseminate in Infocluster")},
        )
    issue = dissemination.issue_create_from_page(page=page, user=request.user)
    messages.success(
        request, _("A draft issue was created from “%(title)s”.") % {"title": page.title}
    )
    return redirect("wagtailsnippets_newsletter_newsletterissue:edit", issue.pk)
