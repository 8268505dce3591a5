"""The custom screens of the Wagtail admin: staff review an application; staff import
organisations into the directory from a file; staff export organisations in the ECCP's
profile format."""

import hashlib
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from wagtail.models import Locale

from association.hygiene import query_int

from .. import eccp_export, imports, services
from ..forms import ReviewForm
from ..models import Application, ClusterDirectoryPage, Organisation
from ..views import directory
from .forms import OrganisationImportConfirmForm, OrganisationImportUploadForm


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


# --- importing organisations ---------------------------------------------------------------

# Between the report and the confirmation the uploaded file waits on the server: its bytes in
# the shared cache under a random token, the token and the digest of the bytes validated in
# the user's session. The confirmation sends back only the token and digest, and the file is
# validated again before anything is created.
IMPORT_SESSION_KEY = "membership_organisation_import"
IMPORT_CACHE_SECONDS = 60 * 60


def _import_cache_key(token: str) -> str:
    return f"membership-organisation-import:{token}"


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _import_response(request, *, form=None, report=None, confirm=None, status=200):
    return TemplateResponse(
        request,
        "membership/admin/organisation_import.html",
        {
            "form": form or OrganisationImportUploadForm(),
            "report": report,
            "confirm_form": confirm,
            "listing_url": reverse("wagtailsnippets_membership_organisation:list"),
            "header_title": _("Import organisations"),
        },
        status=status,
    )


def _pending_import(request, form) -> tuple[bytes, str] | None:
    """The upload the confirmation names, if it is this user's, still kept, and unchanged
    since it was validated."""
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or not form.is_valid():
        return None
    if not constant_time_compare(form.cleaned_data["token"], pending["token"]):
        return None
    if not constant_time_compare(form.cleaned_data["digest"], pending["digest"]):
        return None
    content = cache.get(_import_cache_key(pending["token"]))
    if not isinstance(content, bytes) or _digest(content) != pending["digest"]:
        return None
    return content, pending["format"]


def _forget_import(request) -> None:
    pending = request.session.pop(IMPORT_SESSION_KEY, None)
    if pending:
        cache.delete(_import_cache_key(pending["token"]))


def organisation_import(request):
    """Upload a file, read the report (errors by line, or what will be created), confirm:
    then every organisation is created, or none."""
    if not request.user.has_perm("membership.add_organisation"):
        # A 403, not the admin's redirect to its dashboard: nothing here is for this user.
        return permission_denied(request, PermissionDenied())
    if request.method != "POST":
        return _import_response(request)
    if "confirm" in request.POST:
        return _import_confirm(request)
    form = OrganisationImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_response(request, form=form, status=400)
    upload = form.cleaned_data["file"]
    content = upload.read(imports.MAX_BYTES + 1)
    file_format = form.cleaned_data["format"] or imports.format_for(upload.name)
    report = imports.validate(content, format=file_format)
    _forget_import(request)
    if not report.ok:
        return _import_response(request, form=form, report=report)
    token = secrets.token_urlsafe(24)
    digest = _digest(content)
    cache.set(_import_cache_key(token), content, IMPORT_CACHE_SECONDS)
    request.session[IMPORT_SESSION_KEY] = {
        "token": token,
        "digest": digest,
        "format": file_format,
    }
    confirm = OrganisationImportConfirmForm(initial={"token": token, "digest": digest})
    return _import_response(request, report=report, confirm=confirm)


def _import_confirm(request):
    pending = _pending_import(request, OrganisationImportConfirmForm(request.POST))
    if pending is None:
        messages.error(
            request,
            _(
                "This upload is no longer kept, or it is not the one that was checked; "
                "nothing was imported. Please upload the file again."
            ),
        )
        return _import_response(request, status=400)
    content, file_format = pending
    report = imports.organisations_import(content=content, format=file_format, user=request.user)
    if not report.ok:
        # The directory changed since the file was checked (someone added one of them).
        _forget_import(request)
        return _import_response(request, report=report)
    _forget_import(request)
    messages.success(
        request,
        ngettext(
            "%(count)s organisation imported.",
            "%(count)s organisations imported.",
            report.created,
        )
        % {"count": report.created},
    )
    return redirect("wagtailsnippets_membership_organisation:list")


# --- the ECCP's profile format ---------------------------------------------------------------


def _directory_profile_url():
    """The public profile's address of a slug: under the directory page in the default
    language, or nothing when the site has no directory page."""
    page = ClusterDirectoryPage.objects.live().filter(locale=Locale.get_default()).first()
    base = page.full_url if page is not None else None
    return lambda slug: f"{base}{slug}/" if base else ""


def organisations_eccp_export(request, format):
    """Every organisation, published or not, in the ECCP's profile format, for staff; with
    ``?id=`` repeated, only those (the listing's per-row button gives one)."""
    if not request.user.has_perm("membership.view_organisation") and not request.user.has_perm(
        "membership.change_organisation"
    ):
        raise PermissionDenied
    if format not in ("json", "csv"):
        raise Http404(_("Choose CSV or JSON."))
    organisations = Organisation.objects.order_by("name")
    ids = [query_int(value) for value in request.GET.getlist("id")]
    if request.GET.getlist("id"):
        if None in ids:
            raise Http404(_("There is no such organisation."))
        organisations = organisations.filter(pk__in=ids)
    rows = eccp_export.profiles(organisations=organisations, profile_url=_directory_profile_url())
    if not rows and ids:
        raise Http404(_("There is no such organisation."))
    filename = "organisations-eccp" if len(rows) != 1 or not ids else f"{rows[0]['name']}-eccp"
    return directory.eccp_response(rows, format=format, filename=slugify(filename))
