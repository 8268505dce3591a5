"""Suggested B2B partners: how well two participants' profiles answer each other. Plain
Python over loaded profiles (``selectors.b2b_suggestions`` loads them and sorts).

What I seek meets what they offer, and back: an item answers another of the same type, or a
cooperation offer a cooperation request. Each answering pair scores 3, each sector the two
items share 2, each word they share 1 (at most three per pair; words of four letters or
more, folded with ``twins.search.fold`` so either script and spelling match); sectors and
technology fields the profiles share add 1 each once something answers. ``met_before`` marks
organisations that met at an earlier event, which the list puts after every new partner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from twins.search import fold

from .models import B2BItem, B2BProfile

_ANSWERS = {
    B2BItem.Kind.COOPERATION_OFFER: B2BItem.Kind.COOPERATION_REQUEST,
    B2BItem.Kind.COOPERATION_REQUEST: B2BItem.Kind.COOPERATION_OFFER,
}
_WORD = re.compile(r"\w{4,}")
_COMMON_WORDS = frozenset(["with", "from", "that", "this", "have", "will", "your", "their"])


def words(text: str) -> set[str]:
    return {word for word in _WORD.findall(fold(text)) if word not in _COMMON_WORDS}


def _answers(seek: B2BItem, offer: B2BItem) -> bool:
    return offer.kind in (seek.kind, _ANSWERS.get(seek.kind))


@dataclass
class B2BMatch:
    """A suggested partner and why: the types of their offers that answer what I seek
    (``they_offer``) and of their needs I answer (``they_seek``), the sectors and words in
    common; ``met_before``: our organisations met at an earlier event."""

    profile: B2BProfile
    score: int = 0
    met_before: bool = False
    they_offer: list[str] = field(default_factory=list)
    they_seek: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def _match_items(match: B2BMatch, seeks, offers, kinds: list[str]) -> None:
    for seek in seeks:
        for offer in offers:
            if not _answers(seek, offer):
                continue
            match.score += 3
            label = str(offer.get_kind_display())
            if label not in kinds:
                kinds.append(label)
            seek_sectors = {sector.name for sector in seek.sectors.all()}
            for sector in sorted(seek_sectors & {sector.name for sector in offer.sectors.all()}):
                match.score += 2
                if sector not in match.sectors:
                    match.sectors.append(sector)
            for word in sorted(words(seek.text) & words(offer.text))[:3]:
                match.score += 1
                if word not in match.words:
                    match.words.append(word)


def _by_direction(profile: B2BProfile) -> tuple[list[B2BItem], list[B2BItem]]:
    items = list(profile.items.all())
    seeks = [item for item in items if item.direction == B2BItem.Direction.SEEK]
    offers = [item for item in items if item.direction == B2BItem.Direction.OFFER]
    return seeks, offers


def match_profiles(mine: B2BProfile, other: B2BProfile, *, met: set[frozenset]) -> B2BMatch | None:
    """How ``other`` answers ``mine``, or ``None`` when nothing does; ``met``: the pairs of
    organisations that met before (``selectors.b2b_organisation_pairs_met``)."""
    my_seeks, my_offers = _by_direction(mine)
    seeks, offers = _by_direction(other)
    match = B2BMatch(profile=other)
    _match_items(match, my_seeks, offers, match.they_offer)
    _match_items(match, seeks, my_offers, match.they_seek)
    if not match.score:
        return None
    my_sectors = {sector.name for sector in mine.sectors.all()}
    shared = sorted((my_sectors & {s.name for s in other.sectors.all()}) - set(match.sectors))
    match.sectors.extend(shared)
    my_fields = {term.name for term in mine.technology_fields.all()}
    match.score += len(shared) + len(my_fields & {t.name for t in other.technology_fields.all()})
    match.met_before = bool(
        mine.organisation_id
        and other.organisation_id
        and frozenset((mine.organisation_id, other.organisation_id)) in met
    )
    return match
