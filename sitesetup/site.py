"""The site a production starts from (``manage.py setup_site``): the default site on the
public address, the locales, the page tree of the URL map in English, Serbian Latin and
(their twins) Serbian Cyrillic, the menus, the footer text, the site settings, the free
membership level, the newsletter's audience, the staff roles and the first staff member's
invitation. All in one transaction.

What exists is left alone: a page at one of these places, a menu, a footer text, a level,
an audience, site settings staff filled in, an account. Running it again changes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from association import public_url
from home.models import FooterText, HomePage, Menu, MenuItem, SiteSettings
from membership.models import MembershipLevel
from newsletter.models import Audience
from twins.models import ScriptSettings
from twins.transliteration import to_cyrillic, to_latin

from . import content, services
from .building import (
    CREATED,
    TWIN_CODE,
    TWIN_SOURCE,
    UNCHANGED,
    Report,
    add_protected_terms,
    create_page,
    create_translation,
    ensure_default_site,
    ensure_locales,
    ensure_menu,
    ensure_snippet_twin,
    remove_welcome_page,
    report_page_twin,
)
from .roles import ensure_roles

EXISTS = UNCHANGED
LATIN_WORD = re.compile(r"[A-Za-zČĆĐŠŽčćđšž][\w.&-]*")


class SetupRefused(Exception):
    """The database holds another site, or the input cannot be used: nothing was written."""


@dataclass(frozen=True)
class SiteNames:
    en: str
    sr_latn: str
    sr: str


def cyrillic_name(latin: str, cyrillic: str | None = None) -> tuple[str, list[str]]:
    """The Cyrillic name and the Latin words it keeps (to add to the terms that stay
    Latin): the transliteration of ``latin``, or ``cyrillic`` when it is that name in
    Cyrillic script, some words possibly left in Latin. Raises ``SetupRefused`` otherwise."""
    terms = ScriptSettings.load().terms()
    if not cyrillic:
        return to_cyrillic(latin, protected=terms), []
    if to_latin(cyrillic) != latin:
        raise SetupRefused(
            f"The Cyrillic name {cyrillic!r} is not the Latin name {latin!r} in Cyrillic "
            f"script (that would be {to_cyrillic(latin, protected=terms)!r})."
        )
    kept = [word for word in LATIN_WORD.findall(cyrillic) if word not in terms]
    return cyrillic, kept


def check_site_record() -> Site | None:
    """The default site when it may be set up here; refuses a database whose default site
    is at another address or serves pages that are not a home page of this site."""
    hostname, port = public_url.site_address()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    other = Site.objects.filter(hostname=hostname, port=port)
    if site is not None:
        other = other.exclude(pk=site.pk)
    holder = other.first()
    if holder is not None:
        raise SetupRefused(
            f"Another site, {holder.site_name or holder.hostname!r} ({holder.hostname}:"
            f"{holder.port}), holds the public address {public_url.base_url()}. Nothing was "
            f"changed."
        )
    if site is None:
        return None
    if (site.hostname, site.port) != (hostname, port):
        raise SetupRefused(
            f"This database already has a site, {site.site_name or site.hostname!r}, at "
            f"{site.hostname}:{site.port}, not at PUBLIC_BASE_URL ({public_url.base_url()}). "
            f"Nothing was changed."
        )
    root = site.root_page
    if root.depth == 2 and root.specific_class not in (Page, HomePage):
        raise SetupRefused(
            f"The default site serves {root.title!r}, which is not a home page of this site. "
            f"Nothing was changed."
        )
    return site


def _home(names: SiteNames, report: Report) -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    root_page = site.root_page.specific if site else None
    if isinstance(root_page, HomePage):
        report.page(root_page, EXISTS)
        return root_page
    root = Page.get_first_root_node()
    remove_welcome_page(root)
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(depth=2, locale=english).first()
    if home is not None:
        report.page(home, EXISTS)
        return home
    fields, _sr = content.home(names.en, names.sr_latn)
    home = create_page(root, "home", HomePage, fields)
    report.page(home, CREATED)
    return home


def _translation(source: Page, locale: Locale, fields: dict, report: Report) -> None:
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        report.page(existing, EXISTS)
        report_page_twin(report, existing, EXISTS)
        return
    page = create_translation(source, locale, fields)
    report.page(page, CREATED)
    report_page_twin(report, page, CREATED)


def _pages(home: HomePage, names: SiteNames, locales: dict, report: Report) -> dict[str, Page]:
    """The tree below the home page, in English and Serbian Latin; pages by English slug."""
    _en, home_sr_latn = content.home(names.en, names.sr_latn)
    _translation(home, locales[TWIN_SOURCE], home_sr_latn, report)
    pages = {}
    for spec in content.PAGES:
        page = home.get_children().filter(slug=spec.slug).first()
        if page is None:
            page_class = apps.get_model(spec.page_type)
            page = create_page(home, spec.slug, page_class, spec.en)
            report.page(page, CREATED)
        else:
            report.page(page, EXISTS)
        pages[spec.slug] = page
        if home.get_translation_or_none(locales[TWIN_SOURCE]) is not None:
            _translation(page, locales[TWIN_SOURCE], spec.sr_latn, report)
    return pages


def _menus(pages: dict[str, Page], locales: dict, report: Report) -> None:
    for handle, links in content.MENUS.items():
        source = None
        for code in ("en", TWIN_SOURCE):
            locale = locales[code]
            if Menu.objects.filter(handle=handle, locale=locale).exists():
                report.item(f"{handle} menu [{code}]", EXISTS)
                source = source or Menu.objects.get(handle=handle, locale=locale)
                continue
            items = []
            for link in links:
                if isinstance(link, tuple):
                    url_name, labels = link
                    with translation.override(code):
                        url = reverse(url_name)
                    items.append(MenuItem(link_url=url, link_text=labels[code]))
                    continue
                page = pages[link].get_translation_or_none(locale)
                if page is not None:
                    items.append(MenuItem(link_page=page, link_url="", link_text=""))
            menu, status = ensure_menu(handle, locale, source, items)
            report.item(f"{handle} menu [{code}]", status)
            source = source or menu
            if code == TWIN_SOURCE:
                report.item(f"{handle} menu [{TWIN_CODE}]", ensure_snippet_twin(menu, status))


def _translated_rows(model, lookup: dict, values: dict, locales: dict, label: str, report):
    """One row per written language, translations of each other, and the Latin row's twin;
    nothing when a row of either exists."""
    written = [locales[code] for code in ("en", TWIN_SOURCE)]
    if model.objects.filter(locale__in=written, **lookup).exists():
        report.item(label, EXISTS)
        return
    source = None
    for code in ("en", TWIN_SOURCE):
        row = model(locale=locales[code], **lookup, **values[code])
        if source is not None:
            row.translation_key = source.translation_key
        row.full_clean()
        row.save()
        source = source or row
        report.item(f"{label} [{code}]", CREATED)
    report.item(f"{label} [{TWIN_CODE}]", ensure_snippet_twin(row, CREATED))


def _site_settings(names: SiteNames, contact_email: str, report: Report) -> None:
    """The names and contact address, unless staff filled them in already."""
    site_settings = SiteSettings.load()
    default_name = SiteSettings._meta.get_field("organisation_name").default
    untouched = (
        site_settings.organisation_name == default_name
        and not site_settings.organisation_name_sr
        and not site_settings.email
    )
    if not untouched:
        report.item("site settings", EXISTS)
        return
    site_settings.organisation_name = names.en
    site_settings.organisation_name_sr = names.sr_latn
    site_settings.email = contact_email
    site_settings.full_clean()
    site_settings.save()
    report.item("site settings", CREATED)


def _protected_terms(words: list[str], report: Report) -> None:
    missing = add_protected_terms(words)
    if missing:
        report.item(f"terms that stay in Latin: {', '.join(missing)}", CREATED)


def _first_staff(email: str, report: Report) -> None:
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None:
        report.item(f"staff account {email}", EXISTS)
        return
    services.staff_invite(email=email, superuser=True, language="en")
    report.item(f"staff account {email} (superuser; invitation mailed)", CREATED)


@transaction.atomic
def site_setup(*, names: SiteNames, contact_email: str, staff_email: str) -> Report:
    check_site_record()
    locales = ensure_locales()
    report = Report(locale_codes={locale.pk: code for code, locale in locales.items()})
    cyrillic, kept = cyrillic_name(names.sr_latn, names.sr)
    names = SiteNames(en=names.en, sr_latn=names.sr_latn, sr=cyrillic)
    # Before any Serbian page: the Cyrillic twins keep these words in Latin.
    _protected_terms(kept, report)
    home = _home(names, report)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and site.root_page_id == home.pk and site.site_name:
        report.item("default site", EXISTS)  # its name is the staff's to change
    else:
        report.item("default site", ensure_default_site(home, names.en))
    pages = _pages(home, names, locales, report)
    _menus(pages, locales, report)
    footer = {
        code: {"body": content.footer_text(name, contact_email)}
        for code, name in (("en", names.en), (TWIN_SOURCE, names.sr_latn))
    }
    _translated_rows(FooterText, {}, footer, locales, "footer text", report)
    level = content.FREE_LEVEL
    _translated_rows(
        MembershipLevel,
        {"slug": level["slug"]},
        {code: level[code] for code in ("en", TWIN_SOURCE)},
        locales,
        f"level {level['slug']}",
        report,
    )
    _audience(report)
    _site_settings(names, contact_email, report)
    for name, status in ensure_roles().items():
        report.item(f"group {name!r}", status)
    _first_staff(staff_email, report)
    return report


def _audience(report: Report) -> None:
    if Audience.objects.exists():
        report.item("newsletter audience", EXISTS)
        return
    Audience.objects.create(name=content.AUDIENCE_NAME, include_subscribers=True)
    report.item(f"newsletter audience {content.AUDIENCE_NAME!r}", CREATED)
