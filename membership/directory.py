"""The routes of the cluster directory page (/clusters/): list, profile, map data and
open-data exports. The page model only dispatches here."""

import csv
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from association.exports import sanitise_cell

from . import selectors


def _profile_url_builder(page, request):
    base = page.get_url(request)
    return lambda slug: f"{base}{slug}/"


def directory_index(page, request):
    context = selectors.directory_context(page, request)
    return page.render(request, context_overrides=context)


def organisation_profile(page, request, slug):
    organisation = selectors.organisation_for_profile(slug)
    if organisation is None:
        raise Http404(_("There is no such organisation in the directory."))
    url = request.build_absolute_uri(_profile_url_builder(page, request)(slug))
    return page.render(
        request,
        template="membership/organisation_profile.html",
        context_overrides={
            "organisation": organisation,
            "contacts": organisation.public_contacts,
            "news": selectors.news_mentioning(organisation),
            "json_ld": selectors.organisation_json_ld(organisation, url, request),
            "can_edit": selectors.can_edit_organisation(request.user, organisation),
            "map_tile_url": getattr(settings, "MAP_TILE_URL", ""),
        },
    )


def directory_geojson(page, request):
    _filters, organisations = selectors.filters_for_request(page, request)
    data = selectors.geojson(organisations, _profile_url_builder(page, request))
    return JsonResponse(data, content_type="application/geo+json")


def directory_export_json(page, request):
    _filters, organisations = selectors.filters_for_request(page, request)
    rows = selectors.export_rows(organisations, _profile_url_builder(page, request))
    response = HttpResponse(
        json.dumps(
            {"columns": selectors.EXPORT_COLUMNS, "organisations": rows},
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
        ),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'inline; filename="organisations.json"'
    return response


def _csv_cell(value):
    """Lists, booleans and missing values as a spreadsheet reads them; every cell then goes
    through the one sanitiser (formulas, control characters)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = "; ".join(value)
    return sanitise_cell(value)


def directory_export_csv(page, request):
    _filters, organisations = selectors.filters_for_request(page, request)
    rows = selectors.export_rows(organisations, _profile_url_builder(page, request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisations.csv"'
    # A byte-order mark so spreadsheet programs read the file as UTF-8 (Š, Ć, Đ).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(selectors.EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in selectors.EXPORT_COLUMNS])
    return response
