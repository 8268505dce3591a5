import datetime
from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from association.public_url import absolute
from association.structured_data import geo_coordinates, postal_address
from home.cache import cached
from home.models import SiteSettings

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_events(context, limit=3):
    """The next events for the home page, rendered once per content version and hour (events
    drop off the list as they end, without any publishing)."""
    request = context["request"]
    hour = timezone.now().strftime("%Y%m%d%H")

    def build():
        index = selectors.event_index_for_language()
        return render_to_string(
            "events/components/upcoming_events.html",
            {
                "events": selectors.upcoming_events(limit=limit, with_untranslated=True),
                "index": index is not None,
                "index_url": index.get_url(request) if index else "",
            },
            request=request,
        )

    html = cached(
        "upcoming-events", build, limit, hour, translation.get_language(), request.get_host()
    )
    return mark_safe(html)  # noqa: S308 (our own template's output)


def _utc(value) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


@register.simple_tag(takes_context=True)
def google_calendar_url(context, page):
    query = {
        "action": "TEMPLATE",
        "text": page.title,
        "dates": f"{_utc(page.start)}/{_utc(page.end)}",
        "details": f"{page.intro}\n\n{page.get_full_url(context['request'])}",
        "location": ", ".join(p for p in [page.venue_name, page.address, page.city] if p),
        "ctz": "Europe/Belgrade",
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


@register.simple_tag(takes_context=True)
def outlook_calendar_url(context, page):
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": page.title,
        "startdt": page.start.isoformat(),
        "enddt": page.end.isoformat(),
        "body": page.get_full_url(context["request"]),
        "location": ", ".join(p for p in [page.venue_name, page.address, page.city] if p),
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)


def _attendance_mode(page) -> str:
    if page.online_url and page.has_venue:
        return "https://schema.org/MixedEventAttendanceMode"
    if page.online_url:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _place(page) -> dict:
    place = {
        "@type": "Place",
        "name": page.venue_name or page.city,
        "address": postal_address(street=page.address, city=page.city),
    }
    if geo := geo_coordinates(page):
        place["geo"] = geo
    return place


def _locations(page, url: str) -> list[dict]:
    locations = []
    if page.has_venue:
        locations.append(_place(page))
    if page.online_url:
        locations.append({"@type": "VirtualLocation", "url": url})
    return locations


def _offer(row: dict, url: str) -> dict:
    offer = {
        "@type": "Offer",
        "name": row["ticket"].name,
        "price": str(row["price"]),
        "priceCurrency": "EUR",
        "url": url + "register/",
        "availability": "https://schema.org/InStock"
        if row["left"]
        else "https://schema.org/SoldOut",
    }
    if row["canonical"].sale_starts:
        offer["validFrom"] = row["canonical"].sale_starts.isoformat()
    return offer


@register.simple_tag(takes_context=True)
def event_json_ld(context, page, tickets):
    """schema.org Event for search engines."""
    request = context["request"]
    url = page.get_full_url(request)
    locations = _locations(page, url)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.intro,
        "startDate": page.start.isoformat(),
        "endDate": page.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": _attendance_mode(page),
        "location": locations[0] if len(locations) == 1 else locations,
        "url": url,
        "inLanguage": translation.get_language(),
        "organizer": {
            "@type": "Organization",
            "name": SiteSettings.load(request_or_site=request).organisation_name,
        },
    }
    image = page.share_image
    if image is not None:
        data["image"] = [absolute(image.get_rendition("fill-1200x630").url)]
    offers = [_offer(row, url) for row in tickets]
    if offers:
        data["offers"] = offers
    return data
