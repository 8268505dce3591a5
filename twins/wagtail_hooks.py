"""The admin side of script twins: which script a page is written in and whether its twin
follows it (page header buttons), locking a twin to edit it by hand and unlocking it, and the
"Do not transliterate" mark in rich text."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail.features import InlineStyleFeature
from wagtail.admin.widgets import Button
from wagtail.models import Page

from . import services, snippets
from .models import ScriptTwin, SnippetTwin

SCRIPT_NAMES = {"sr-latn": gettext_lazy("Latin"), "sr": gettext_lazy("Cyrillic")}
NO_TRANSLITERATION = "NOTRANSLIT"


def twin_lock_view(request, page_id: int, locked: bool):
    link = get_object_or_404(ScriptTwin.objects.select_related("source", "twin"), twin_id=page_id)
    twin = link.twin.specific
    if not twin.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        services.twin_lock(twin=twin, user=request.user, locked=locked)
        if locked:
            messages.success(request, _("This page no longer follows its source: edit it by hand."))
        else:
            messages.success(
                request, _("This page follows its source again from the source's next publish.")
            )
        return redirect("wagtailadmin_pages:edit", twin.pk)
    return TemplateResponse(
        request,
        "twins/confirm_lock.html",
        {"twin": twin, "source": link.source, "locked": locked, "link": link},
    )


def snippet_twin_lock_view(request, link_id: int, locked: bool):
    link = get_object_or_404(SnippetTwin, pk=link_id)
    model = link.content_type.model_class()
    twin = get_object_or_404(model, pk=link.twin_pk)
    opts = model._meta
    if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise PermissionDenied
    edit_url = AdminURLFinder(request.user).get_edit_url(twin)
    if request.method == "POST":
        snippets.snippet_twin_lock(twin=twin, locked=locked)
        if locked:
            messages.success(
                request, _("“%(twin)s” no longer follows its source.") % {"twin": twin}
            )
        else:
            messages.success(request, _("“%(twin)s” follows its source again.") % {"twin": twin})
        return redirect(edit_url or "wagtailadmin_home")
    source = model.objects.filter(pk=link.source_pk).first()
    context = {"twin": twin, "source": source, "locked": locked, "edit_url": edit_url}
    return TemplateResponse(request, "twins/confirm_lock.html", context)


@hooks.register("register_admin_urls")
def register_twin_urls():
    return [
        path("twins/<int:page_id>/lock/", twin_lock_view, {"locked": True}, name="twins_lock"),
        path("twins/<int:page_id>/unlock/", twin_lock_view, {"locked": False}, name="twins_unlock"),
        path(
            "twins/snippets/<int:link_id>/lock/",
            snippet_twin_lock_view,
            {"locked": True},
            name="twins_snippet_lock",
        ),
        path(
            "twins/snippets/<int:link_id>/unlock/",
            snippet_twin_lock_view,
            {"locked": False},
            name="twins_snippet_unlock",
        ),
    ]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def follow_snippet_save(request, instance):
    snippets.snippet_twin_sync(source=instance)


@hooks.register("register_snippet_listing_buttons")
def snippet_twin_buttons(snippet, user, next_url=None):
    link = snippets.snippet_twin_link(snippet)
    if link is None:
        return
    if link.locked:
        label, name, icon = _("Edited by hand: follow the source again"), "unlock", "lock-open"
    else:
        label, name, icon = _("Written from the other script: edit by hand"), "lock", "lock"
    url = reverse(f"twins_snippet_{name}", args=[link.pk])
    yield Button(label, url, icon_name=icon, priority=90)


@hooks.register("register_page_header_buttons")
def twin_header_buttons(page: Page, user, view_name=None, next_url=None):
    link = ScriptTwin.objects.filter(twin_id=page.pk).select_related("source__locale").first()
    if link is not None and page.permissions_for_user(user).can_edit():
        script = SCRIPT_NAMES.get(link.source.locale.language_code, "")
        if link.locked:
            label = _("Edited by hand: follow the %(script)s source again") % {"script": script}
            yield Button(label, reverse("twins_unlock", args=[page.pk]), icon_name="lock-open")
        else:
            label = _("Written from the %(script)s source: edit by hand") % {"script": script}
            yield Button(label, reverse("twins_lock", args=[page.pk]), icon_name="lock")
    for twin in ScriptTwin.objects.filter(source_id=page.pk).select_related("twin__locale"):
        script = SCRIPT_NAMES.get(twin.twin.locale.language_code, "")
        label = _("%(script)s twin (follows this page)") % {"script": script}
        if twin.locked:
            label = _("%(script)s twin (edited by hand)") % {"script": script}
        yield Button(
            label, reverse("wagtailadmin_pages:edit", args=[twin.twin_id]), icon_name="doc-full"
        )


@hooks.register("register_rich_text_features")
def register_no_transliteration(features):
    """An inline mark stored as <span translate="no">: the twin writes it as it is."""
    features.register_editor_plugin(
        "draftail",
        "notranslit",
        InlineStyleFeature(
            {
                "type": NO_TRANSLITERATION,
                "label": "Ꙇ",
                "description": gettext_lazy("Do not transliterate"),
                "style": {"textDecoration": "underline dotted"},
            }
        ),
    )
    features.register_converter_rule(
        "contentstate",
        "notranslit",
        {
            "from_database_format": {
                'span[translate="no"]': InlineStyleElementHandler(NO_TRANSLITERATION)
            },
            "to_database_format": {
                "style_map": {NO_TRANSLITERATION: {"element": "span", "props": {"translate": "no"}}}
            },
        },
    )
    features.default_features.append("notranslit")
