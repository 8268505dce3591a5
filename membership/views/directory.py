"""The routes of the cluster directory page (/clusters/): list, profile, map data and
open-data exports. The page model only dispatches here. What the query string asks for (the
filters, their chips, the page of results) is read here; the reads themselves are
``membership.selectors``."""

import csv
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from association.exports import sanitise_cell
from association.public_url import absolute
from association.structured_data import geo_coordinates, postal_address

from .. import eccp_export, selectors
from ..models import Organisation
from ..selectors import CHOICE_FILTERS, DEFAULT_SORT, SORTS, DirectoryFilters, Taxonomies

ORGANISATIONS_PER_PAGE = 24
MAX_QUERY_LENGTH = 100


def _profile_url_builder(page, request):
    base = page.get_url(request)
    return lambda slug: f"{base}{slug}/"


# --- the filters in the query string ---------------------------------------------------


def _term(terms, slug: str):
    return next((term for term in terms if term.slug == slug), None)


def filters_from_query(query, taxonomies: Taxonomies) -> DirectoryFilters:
    """The directory's filters from the query string. A value that matches no choice or
    term is kept, shown as a chip, and matches no organisation (never an error)."""
    filters = DirectoryFilters(q=query.get("q", "").strip()[:MAX_QUERY_LENGTH])
    for name, (_field, choices) in CHOICE_FILTERS.items():
        value = query.get(name, "").strip()[:50]
        if value:
            filters.choices[name] = value
            if value not in choices.values:
                filters.invalid.add(name)
    filters.sector = query.get("sector", "").strip()[:150]
    if filters.sector:
        filters.sector_term = _term(taxonomies.sectors, filters.sector)
        if filters.sector_term is None:
            filters.invalid.add("sector")
    filters.technology = query.get("technology", "").strip()[:150]
    if filters.technology:
        filters.technology_term = _term(taxonomies.technologies, filters.technology)
        if filters.technology_term is None:
            filters.invalid.add("technology")
    sort = query.get("sort", "").strip()
    filters.sort = sort if sort in SORTS else DEFAULT_SORT
    return filters


def filter_chips(filters: DirectoryFilters) -> list[dict]:
    """One entry per active filter: its parameter and the label a visitor reads."""
    chips = []
    if filters.q:
        chips.append({"param": "q", "label": f"“{filters.q}”"})
    for name, value in filters.choices.items():
        choices = CHOICE_FILTERS[name][1]
        label = dict(choices.choices).get(value) if name not in filters.invalid else None
        chips.append({"param": name, "label": label or value, "invalid": label is None})
    for param, value, term in (
        ("sector", filters.sector, filters.sector_term),
        ("technology", filters.technology, filters.technology_term),
    ):
        if value:
            chips.append(
                {"param": param, "label": term.name if term else value, "invalid": not term}
            )
    return chips


def sort_choices() -> list[tuple[str, str]]:
    return [
        ("name", gettext_lazy("Name")),
        ("-employees", gettext_lazy("Most employees")),
        ("founding_date", gettext_lazy("Oldest first")),
    ]


def _filtered(page, request):
    taxonomies = Taxonomies.for_locale(locale=page.locale)
    filters = filters_from_query(request.GET, taxonomies)
    listed = selectors.filter_organisations(
        organisations=selectors.published_organisations(), filters=filters
    )
    return taxonomies, filters, listed


# --- the list ----------------------------------------------------------------------------


def directory_context(page, request) -> dict:
    taxonomies, filters, listed = _filtered(page, request)
    page_obj = Paginator(
        selectors.directory_organisations(filters=filters), ORGANISATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    chips = filter_chips(filters)
    for chip in chips:
        without = query.copy()
        without.pop(chip["param"], None)
        chip["query"] = without.urlencode()
    return {
        "chips": chips,
        "profile_base": page.get_url(request),
        "map_tile_url": getattr(settings, "MAP_TILE_URL", ""),
        "filters": filters,
        "taxonomies": taxonomies,
        "organisations": page_obj,
        "page_obj": page_obj,
        "figures": selectors.directory_figures(organisations=listed),
        "by_sector": selectors.breakdown_by_sector(
            organisations=listed, sectors=taxonomies.sectors
        ),
        "by_stage": selectors.breakdown_by_stage(organisations=listed),
        "kinds": Organisation.Kind.choices,
        "stages": Organisation.Stage.choices,
        "regions": Organisation.Region.choices,
        "labels": [choice for choice in Organisation.Label.choices if choice[0]],
        "sorts": sort_choices(),
        "filter_query": query.urlencode(),
    }


def directory_index(page, request):
    return page.render(request, context_overrides=directory_context(page, request))


# --- a profile ---------------------------------------------------------------------------


def organisation_json_ld(organisation: Organisation, url: str, request) -> dict:
    """schema.org ``Organization`` of a public profile."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": url,
    }
    if organisation.description:
        data["description"] = strip_tags(organisation.description).strip()
    if organisation.website:
        data["sameAs"] = [organisation.website]
    if organisation.email:
        data["email"] = organisation.email
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.founding_date:
        data["foundingDate"] = organisation.founding_iso
    if organisation.employees:
        data["numberOfEmployees"] = {
            "@type": "QuantitativeValue",
            "value": organisation.employees,
        }
    if organisation.address or organisation.city:
        data["address"] = postal_address(street=organisation.address, city=organisation.city)
    if geo := geo_coordinates(organisation):
        data["geo"] = geo
    if organisation.logo_id:
        rendition = organisation.logo.get_rendition("max-400x400")
        data["logo"] = absolute(rendition.url)
    return data


def organisation_profile(page, request, slug):
    organisation = selectors.organisation_for_profile(slug=slug)
    if organisation is None:
        raise Http404(_("There is no such organisation in the directory."))
    url = absolute(_profile_url_builder(page, request)(slug))
    return page.render(
        request,
        template="membership/organisation_profile.html",
        context_overrides={
            "organisation": organisation,
            "contacts": organisation.public_contacts,
            "news": selectors.news_mentioning(organisation=organisation),
            "json_ld": organisation_json_ld(organisation, url, request),
            "can_edit": selectors.can_edit_organisation(
                user=request.user, organisation=organisation
            ),
            "map_tile_url": getattr(settings, "MAP_TILE_URL", ""),
        },
    )


# --- map and open data -------------------------------------------------------------------


def directory_geojson(page, request):
    _taxonomies, _filters, listed = _filtered(page, request)
    data = selectors.geojson(organisations=listed, profile_url=_profile_url_builder(page, request))
    return JsonResponse(data, content_type="application/geo+json")


def directory_export_json(page, request):
    _taxonomies, _filters, listed = _filtered(page, request)
    rows = selectors.export_rows(
        organisations=listed, profile_url=_profile_url_builder(page, request)
    )
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
    _taxonomies, _filters, listed = _filtered(page, request)
    rows = selectors.export_rows(
        organisations=listed, profile_url=_profile_url_builder(page, request)
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisations.csv"'
    # A byte-order mark so spreadsheet programs read the file as UTF-8 (Š, Ć, Đ).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(selectors.EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in selectors.EXPORT_COLUMNS])
    return response


# --- the ECCP's profile format ----------------------------------------------------------


def eccp_response(rows: list[dict], *, format: str, filename: str) -> HttpResponse:
    """Profiles in the ECCP's shape as a JSON or CSV download (``membership.eccp_export``)."""
    if format == "csv":
        response = HttpResponse(eccp_export.as_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    else:
        response = HttpResponse(eccp_export.as_json(rows), content_type="application/json")
        response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


def directory_export_eccp(page, request, format: str):
    """The published directory (with the list's filters) in the ECCP's profile format."""
    _taxonomies, _filters, listed = _filtered(page, request)
    rows = eccp_export.profiles(
        organisations=listed, profile_url=_absolute_profile_url_builder(page, request)
    )
    return eccp_response(rows, format=format, filename="organisations-eccp")


def organisation_export_eccp(page, request, slug: str, format: str):
    """One published organisation in the ECCP's profile format."""
    listed = selectors.published_organisations().filter(slug=slug)
    rows = eccp_export.profiles(
        organisations=listed, profile_url=_absolute_profile_url_builder(page, request)
    )
    if not rows:
        raise Http404(_("There is no such organisation in the directory."))
    return eccp_response(rows, format=format, filename=f"{slug}-eccp")


def _absolute_profile_url_builder(page, request):
    relative = _profile_url_builder(page, request)
    return lambda slug: absolute(relative(slug))
