"""An organisation, or a list of them, in the shape of the European Cluster Collaboration
Platform's (ECCP) cluster organisation profile: its sections, its field names and its
vocabularies, in English as the platform writes them, for staff and clusters who fill in or
compare a profile there. Public fields only: contact persons are left out, as from the
directory's own export (their consent covers the profile page, not bulk reuse).

JSON keeps lists as lists and numbers as numbers; CSV has one column per field, headed by
the ECCP's name of it, lists joined with "; ", every cell through the one sanitiser."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, QuerySet
from django.utils import translation

from association.exports import sanitise_cell

from .models import Organisation, Sector, TechnologyField
from .richtext import rich_text_to_plain

FORMAT_NAME = "ECCP cluster organisation profile"

# (key, the ECCP's name of the field, its section on the ECCP profile)
FIELDS = [
    ("name", "Cluster organisation name", "General Information"),
    ("profile_url", "Profile on the directory", "General Information"),
    ("description", "Description", "General Information"),
    (
        "established",
        "The date when the cluster organisation was established",
        "General Information",
    ),
    (
        "management_team_size",
        "Number of staff in the management team of the cluster organisation",
        "General Information",
    ),
    ("country", "Country", "General Information"),
    ("region", "Region", "General Information"),
    ("city", "City", "General Information"),
    ("address", "Address", "General Information"),
    ("website", "Website", "General Information"),
    ("email", "E-mail", "General Information"),
    ("phone", "Phone", "General Information"),
    ("fax", "Fax", "General Information"),
    ("excellence_label", "Cluster Excellence Label", "General Information"),
    ("networks", "Membership to other networks/partnerships", "General Information"),
    ("management_team", "Cluster Management Team", "General Information"),
    ("languages", "Languages spoken", "General Information"),
    ("sectoral_industries", "Sectoral Industries", "Sectoral and Industrial Focus"),
    ("technology_fields", "Technology fields", "Sectoral and Industrial Focus"),
    ("emerging_industries", "Emerging industries", "Sectoral and Industrial Focus"),
    ("total_members", "Total number of members", "Composition of the cluster"),
    ("sme_members", "Number of SME members", "Composition of the cluster"),
    ("large_company_members", "Number of larger company members", "Composition of the cluster"),
    (
        "research_members",
        "Number of research organisations/universities/technology centres",
        "Composition of the cluster",
    ),
    (
        "scale_up_facilities",
        "Entrepreneurship and scale-up support facilities in the cluster's ecosystem",
        "Composition of the cluster",
    ),
    ("major_players", "Name and link of major players", "Composition of the cluster"),
    ("mission", "Mission", "Cluster Strategy"),
    ("objectives", "Cluster goals/objectives", "Cluster Strategy"),
    ("formalised_strategy", "Do you have a formalised strategy?", "Cluster Strategy"),
    (
        "internationalisation_strategy",
        "Do you have a specific strategy focus that addresses internationalisation?",
        "Cluster Strategy",
    ),
    ("support_services", "Support services provided", "Cluster Strategy"),
    ("support_services_details", "Details of support services", "Cluster Strategy"),
    (
        "international_countries",
        "International Cooperation: the main countries targeted by the cluster organisation",
        "Cooperation Activities",
    ),
    (
        "international_activities",
        "International Cooperation: our cluster organisation undertook the following "
        "international activities to support our members",
        "Cooperation Activities",
    ),
    (
        "transnational_countries",
        "Trans-national Cooperation: the main countries targeted by the cluster organisation",
        "Cooperation Activities",
    ),
    (
        "transnational_activities",
        "Trans-national Cooperation: our cluster organisation undertook the following "
        "trans-national activities to support our members",
        "Cooperation Activities",
    ),
    ("funded_programmes", "Participation in Funded Support Programmes", "Support Programmes"),
]
KEYS = [key for key, _name, _section in FIELDS]
LABELS = {
    Organisation.Label.BRONZE: "Bronze Label",
    Organisation.Label.SILVER: "Silver Label",
    Organisation.Label.GOLD: "Gold Label",
}


def _total(*numbers: int | None) -> int | None:
    given = [number for number in numbers if number is not None]
    return sum(given) if given else None


def _countries(countries) -> list[str]:
    return [str(country.name) for country in countries]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "Yes" if value else "No"


def profile(organisation: Organisation, *, profile_url: str, english: dict | None = None) -> dict:
    """One organisation as the ECCP's profile has it, keyed by ``KEYS``; choice values as
    the ECCP's English labels, and a term by its English translation where it has one
    (``english``: translation key to name). The caller prefetches the taxonomies."""
    english = english or {}

    def names(terms) -> list[str]:
        return [english.get(term.translation_key, term.name) for term in terms]

    with translation.override("en"):
        return {
            "name": organisation.name,
            "profile_url": profile_url,
            "description": rich_text_to_plain(organisation.description),
            "established": organisation.founding_iso,
            "management_team_size": organisation.management_team_size,
            "country": "Serbia",
            "region": str(organisation.get_region_display()) if organisation.region else "",
            "city": organisation.city,
            "address": organisation.address,
            "website": organisation.website,
            "email": organisation.email,
            "phone": organisation.phone,
            "fax": organisation.fax,
            "excellence_label": LABELS.get(organisation.excellence_label, ""),
            "networks": organisation.networks,
            "management_team": organisation.management_team,
            "languages": organisation.choice_labels("languages"),
            "sectoral_industries": names(organisation.sectors.all()),
            "technology_fields": names(organisation.technology_fields.all()),
            "emerging_industries": organisation.choice_labels("emerging_industries"),
            "total_members": _total(
                organisation.member_companies, organisation.member_research_organisations
            ),
            "sme_members": organisation.member_smes,
            "large_company_members": organisation.member_large_companies,
            "research_members": organisation.member_research_organisations,
            "scale_up_facilities": organisation.scale_up_facilities,
            "major_players": organisation.major_players,
            "mission": organisation.mission,
            "objectives": organisation.objectives,
            "formalised_strategy": _yes_no(organisation.has_formalised_strategy),
            "internationalisation_strategy": _yes_no(
                organisation.has_internationalisation_strategy
            ),
            "support_services": organisation.choice_labels("support_services"),
            "support_services_details": organisation.support_services_details,
            "international_countries": _countries(organisation.target_countries),
            "international_activities": organisation.choice_labels("international_activities"),
            "transnational_countries": _countries(organisation.transnational_target_countries),
            "transnational_activities": organisation.choice_labels("transnational_activities"),
            "funded_programmes": organisation.funded_programmes,
        }


def profiles(
    *, organisations: QuerySet[Organisation], profile_url: Callable[[str], str]
) -> list[dict]:
    """Every organisation's ECCP profile (five queries)."""
    organisations = list(
        organisations.prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.order_by("name")),
            Prefetch("technology_fields", queryset=TechnologyField.objects.order_by("name")),
        )
    )
    english = {}
    for model, field in ((Sector, "sectors"), (TechnologyField, "technology_fields")):
        keys = {
            term.translation_key
            for organisation in organisations
            for term in getattr(organisation, field).all()
        }
        if keys:
            english.update(
                model.objects.filter(
                    translation_key__in=keys, locale__language_code="en"
                ).values_list("translation_key", "name")
            )
    return [
        profile(organisation, profile_url=profile_url(organisation.slug), english=english)
        for organisation in organisations
    ]


def as_json(rows: list[dict]) -> str:
    document = {
        "format": FORMAT_NAME,
        "fields": [{"key": key, "name": name, "section": section} for key, name, section in FIELDS],
        "organisations": rows,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    return sanitise_cell(value)


def as_csv(rows: Iterable[dict]) -> str:
    """The rows under the ECCP's field names, with a byte-order mark so spreadsheet programs
    read the file as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([name for _key, name, _section in FIELDS])
    for row in rows:
        writer.writerow([_cell(row[key]) for key in KEYS])
    return out.getvalue()
