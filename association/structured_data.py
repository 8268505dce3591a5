"""Pieces of schema.org JSON-LD that events and organisations share: a Serbian postal address
and a point on the map."""

from __future__ import annotations


def postal_address(*, street: str, city: str) -> dict:
    return {
        "@type": "PostalAddress",
        "streetAddress": street,
        "addressLocality": city,
        "addressCountry": "RS",
    }


def geo_coordinates(place) -> dict | None:
    """The point of anything with ``latitude``/``longitude`` and ``has_coordinates``."""
    if not place.has_coordinates:
        return None
    return {
        "@type": "GeoCoordinates",
        "latitude": float(place.latitude),
        "longitude": float(place.longitude),
    }
