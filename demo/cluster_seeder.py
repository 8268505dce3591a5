"""Demo organisations for the cluster directory, and the directory page at /clusters/.

Idempotent: organisations and terms are found by slug and only changed fields are written;
contact persons are matched by name."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Site

from demo.clusters import (
    CITIES,
    DIRECTORY_FIELDS,
    ORGANISATIONS,
    SECTORS,
    SUBSET,
    TECHNOLOGY_FIELDS,
)
from demo.seeding import (
    CREATED,
    EVERYTHING,
    TWIN_CODE,
    TWIN_SOURCE,
    UPDATED,
    Scope,
    assign,
    ensure_page,
    ensure_snippet_twin,
    status_of,
    written_locales,
)
from membership.models import (
    ClusterDirectoryPage,
    ContactPerson,
    Organisation,
    Sector,
    TechnologyField,
)

_DATE_FIELDS = {"label_expires"}
_PRECISION = {1: "year", 2: "month", 3: "day"}
_DECIMAL_FIELDS = {"turnover", "latitude", "longitude"}


def _terms(model, entries, locales: dict[str, Locale]) -> tuple[dict, int]:
    """The terms in English and Serbian Latin, translations of each other, with the Latin
    ones' Cyrillic twins; the English terms by slug, and how many terms were created."""
    terms, created = {}, 0
    for slug, *names in entries:
        source = None
        for (code, locale), name in zip(written_locales(locales).items(), names, strict=True):
            term, status = _term(model, slug, name, locale, source)
            created += status == CREATED
            if code == TWIN_SOURCE and TWIN_CODE in locales:
                created += ensure_snippet_twin(term, status) == CREATED
            source = source or term
        terms[slug] = source
    return terms, created


def _term(model, slug: str, name: str, locale: Locale, source) -> tuple[object, str]:
    wanted = {"name": name}
    if source is not None:
        wanted["translation_key"] = source.translation_key
    term = model.objects.filter(slug=slug, locale=locale).first()
    if term is None:
        term = model(slug=slug, locale=locale, **wanted)
        term.save()
        return term, CREATED
    changed = assign(term, wanted)
    if changed:
        term.save()
    return term, status_of(changed)


def _values(spec: dict) -> dict:
    values = {
        key: value
        for key, value in spec.items()
        if key not in {"sectors", "technology_fields", "contacts"}
    }
    region, latitude, longitude = CITIES[spec["city"]]
    values.setdefault("region", region)
    values.setdefault("latitude", latitude)
    values.setdefault("longitude", longitude)
    if founded := values.pop("founded", ""):
        # As precise as the source: "2008", "2005-11" or "2010-07-12".
        parts = [int(part) for part in founded.split("-")]
        values["founding_date"] = datetime.date(*parts, *[1] * (3 - len(parts)))
        values["founding_date_precision"] = _PRECISION[len(parts)]
    for name in _DATE_FIELDS & values.keys():
        values[name] = datetime.date.fromisoformat(values[name])
    for name in _DECIMAL_FIELDS & values.keys():
        values[name] = Decimal(values[name])
    return values


def _ensure_organisation(spec: dict, sectors: dict, technologies: dict) -> str:
    values = _values(spec)
    organisation = Organisation.objects.filter(slug=spec["slug"]).first()
    status = "unchanged"
    if organisation is None:
        organisation = Organisation(**values)
        organisation.full_clean(exclude=["sectors", "technology_fields"])
        organisation.save()
        status = "created"
    else:
        changed = [name for name, value in values.items() if getattr(organisation, name) != value]
        if changed:
            for name in changed:
                setattr(organisation, name, values[name])
            organisation.full_clean()
            organisation.save(update_fields=[*changed, "updated"])
            status = "updated"
    for field, terms in (("sectors", sectors), ("technology_fields", technologies)):
        wanted = {terms[slug].pk for slug in spec.get(field, [])}
        if set(getattr(organisation, field).values_list("pk", flat=True)) != wanted:
            getattr(organisation, field).set(wanted)
            status = "updated" if status == "unchanged" else status
    existing = {person.name: person for person in organisation.contact_persons.all()}
    for order, (name, role) in enumerate(spec.get("contacts", [])):
        person = existing.get(name)
        if person is None:
            # Published in the ministry's public brochure.
            ContactPerson.objects.create(
                organisation=organisation,
                name=name,
                role=role,
                consent_to_publish=True,
                sort_order=order,
            )
            status = "updated" if status == "unchanged" else status
        elif person.role != role:
            person.role = role
            person.save(update_fields=["role"])
    return status


def _ensure_directory_page() -> str:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return "no site, so no directory page"
    _page, status = ensure_page(
        site.root_page.specific, "clusters", ClusterDirectoryPage, **DIRECTORY_FIELDS
    )
    return {CREATED: "directory page created", UPDATED: "directory page updated"}.get(
        status, "directory page unchanged"
    )


def organisation_specs(scope: Scope) -> list[dict]:
    """The organisations ``seed_demo`` writes in this scope."""
    return scope.select(ORGANISATIONS, SUBSET, key=lambda spec: spec["slug"])


def seed_organisations(
    stdout=None, scope: Scope = EVERYTHING, locales: dict[str, Locale] | None = None
) -> str:
    """Create or refresh the demo organisations and /clusters/; a one-line summary."""
    with transaction.atomic():
        if locales is None:
            by_code = {locale.language_code: locale for locale in Locale.objects.all()}
            codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
            locales = {code: by_code[code] for code in codes if code in by_code}
        sectors, new_sectors = _terms(Sector, SECTORS, locales)
        technologies, new_technologies = _terms(TechnologyField, TECHNOLOGY_FIELDS, locales)
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for spec in organisation_specs(scope):
            counts[_ensure_organisation(spec, sectors, technologies)] += 1
        page_status = _ensure_directory_page()
    summary = (
        f"Organisations: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged; {new_sectors} new sectors, "
        f"{new_technologies} new technology fields; {page_status}."
    )
    if stdout is not None:
        stdout.write(summary)
    return summary
