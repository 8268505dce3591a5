"""Serbian is one language in two scripts: Latin <-> Cyrillic, exactly and reversibly.

Our own table rather than a library: the Serbian alphabet maps letter for letter (30 letters,
three of them Latin digraphs), and what matters is the context around it, which the
transliteration packages we looked at leave out: digraph capitals in all-caps and title case
(LJ/Lj -> Љ and back), the few words where "nj" and "dž" are two letters, and everything that
must stay as written: URLs, e-mail addresses, code, foreign words, brand names and acronyms in
Latin, numbers with their units, and text staff marked "do not transliterate".

The rules, in the order they apply to a piece of text:

1. Protected spans stay as written: URLs (``https://``, ``www.``, bare domains such as
   ``klasteri.rs``), e-mail addresses, site paths (``/events/``), format placeholders
   (``%(name)s``, ``{name}``), the terms of ``protected`` (whole words, case-sensitive: brand
   names and Latin acronyms such as SCAN or ICT) and, in HTML, tags, entities,
   ``<code>``/``<pre>`` and elements marked ``translate="no"``.
2. A Latin word stays Latin when it is foreign (it has q, w, x or y), when it is written the
   foreign way with a capital after a small letter ("NiCAT", "IoT"), or when it is a unit
   right after a number ("25 km", "3 MW").
3. Everything else is transliterated letter by letter, digraphs first, except in the few
   words where "nj" or "dž" are two letters (nadživeti, podžanr, injekcija, konjunktura).
   Acronyms in capitals are Serbian words too, as the orthography writes them (IKT -> ИКТ,
   EU -> ЕУ); those that must stay Latin belong in ``protected``.

Cyrillic to Latin has no exceptions: every Cyrillic letter has one Latin spelling, and Љ, Њ, Џ
become "LJ", "NJ", "DŽ" next to another capital and "Lj", "Nj", "Dž" otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape

LATIN = "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš"
CYRILLIC = "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш"
LATIN_DIGRAPHS = {
    "LJ": "Љ",
    "Lj": "Љ",
    "lj": "љ",
    "NJ": "Њ",
    "Nj": "Њ",
    "nj": "њ",
    "DŽ": "Џ",
    "Dž": "Џ",
    "dž": "џ",
}
TO_CYRILLIC = dict(zip(LATIN, CYRILLIC, strict=True))
TO_LATIN = dict(zip(CYRILLIC, LATIN, strict=True)) | {
    "Љ": "Lj",
    "љ": "lj",
    "Њ": "Nj",
    "њ": "nj",
    "Џ": "Dž",
    "џ": "dž",
}

# Words in which "nj" or "dž" are two letters (н+ј, д+ж): the prefixes nad-/pod- before ž,
# and the Latin loans in -njek-, -njunk-, van-jezički.
TWO_LETTER = re.compile(r"^(?:nad|pod)ž|injek|konjunk|injunk|vanjez", re.IGNORECASE)

# Units after a number ("s" for seconds and "A" for amperes are left out: "s" and "a" are
# Serbian words, as in "2026. s partnerima").
UNITS = frozenset(
    {"mm", "cm", "dm", "m", "km", "m2", "m3", "km2", "ha", "g", "kg", "t", "l", "ml", "W"}
    | {"kW", "MW", "GW", "kWh", "MWh", "GWh", "V", "kV", "Hz", "MHz", "GHz", "B", "kB", "MB"}
    | {"GB", "TB", "ms", "min", "h", "EUR", "RSD", "USD"}
)
FOREIGN_LETTERS = re.compile(r"[QWXYqwxy]")
LATIN_LETTERS = re.compile(r"[A-Za-zĐđŽžĆćČčŠš]")
# A "word" for the rules above: letters (any script), digits, and the joins inside words.
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
PROTECTED_SPAN = re.compile(
    r"(?:https?|ftp)://[^\s<>\"']+|www\.[^\s<>\"']+|mailto:[^\s<>\"']+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@])[\w-]+(?:\.[\w-]+)*\.(?:rs|srb|com|org|net|eu|info|io)\b(?:/[^\s<>\"']*)?"
    r"|(?<![\w/])/[\w./-]*"
    r"|%\(\w+\)[sdif]|%[sdif]|\{\w*\}",
    re.UNICODE,
)
# A capital after a small letter: a name or acronym written the foreign way (NiCAT, IoT).
INNER_CAPITAL = re.compile(r"[a-zčćđšž][A-ZČĆĐŠŽ]")
NUMBER_BEFORE = re.compile(r"\d[\d.,]*\s*$")


def to_cyrillic(text: str, *, protected: Iterable[str] = ()) -> str:
    """Serbian Latin -> Cyrillic, leaving alone what must stay (see the module's rules)."""
    if not text:
        return text
    terms = _terms_pattern(protected)
    out = []
    for chunk, keep in _split_protected(text, terms):
        out.append(chunk if keep else _words_to_cyrillic(chunk))
    return "".join(out)


def to_latin(text: str) -> str:
    """Serbian Cyrillic -> Latin. Latin already in the text stays as it is."""
    if not text:
        return text
    out = []
    for index, char in enumerate(text):
        latin = TO_LATIN.get(char)
        if latin is None:
            out.append(char)
        elif len(latin) == 2 and _capital_nearby(text, index):
            out.append(latin.upper())
        else:
            out.append(latin)
    return "".join(out)


def html_to_cyrillic(html: str, *, protected: Iterable[str] = ()) -> str:
    """Rich text (HTML or Wagtail's stored format): only text and the ``alt``/``title``
    attributes change; tags, entities, code and ``translate="no"`` elements stay."""
    return _convert_html(html, lambda text: to_cyrillic(text, protected=protected))


def html_to_latin(html: str) -> str:
    return _convert_html(html, to_latin)


def script_of(text: str) -> str | None:
    """ "sr" (Cyrillic) or "sr-latn" by which script has more letters; None without letters."""
    cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    latin = len(LATIN_LETTERS.findall(text))
    if not cyrillic and not latin:
        return None
    return "sr" if cyrillic > latin else "sr-latn"


# -- plain text ------------------------------------------------------------------------------


def _terms_pattern(protected: Iterable[str]) -> re.Pattern | None:
    terms = sorted({term.strip() for term in protected if term and term.strip()}, key=len)
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in reversed(terms))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def _split_protected(text: str, terms: re.Pattern | None):
    """(chunk, keep) pairs covering ``text``: URLs, addresses and protected terms are kept."""
    spans = [match.span() for match in PROTECTED_SPAN.finditer(text)]
    if terms is not None:
        spans += [match.span() for match in terms.finditer(text)]
    position = 0
    for start, end in sorted(spans):
        if start < position:
            continue
        if start > position:
            yield text[position:start], False
        yield text[start:end], True
        position = end
    if position < len(text):
        yield text[position:], False


def _words_to_cyrillic(chunk: str) -> str:
    def replace(match: re.Match) -> str:
        word = match.group(0)
        if _stays_latin(word, before=chunk[: match.start()]):
            return word
        return _word_to_cyrillic(word)

    return WORD.sub(replace, chunk)


def _stays_latin(word: str, *, before: str) -> bool:
    if not LATIN_LETTERS.search(word) or FOREIGN_LETTERS.search(word):
        return True
    if any(ch.isdigit() for ch in word):  # B2B, 5G, COVID-19: codes, not words
        return True
    if word in UNITS and NUMBER_BEFORE.search(before):
        return True
    return bool(INNER_CAPITAL.search(word))


def _word_to_cyrillic(word: str) -> str:
    out = []
    index = 0
    two_letters = {_digraph_at(match) for match in TWO_LETTER.finditer(word)}
    while index < len(word):
        pair = word[index : index + 2]
        if pair in LATIN_DIGRAPHS and index not in two_letters:
            out.append(LATIN_DIGRAPHS[pair])
            index += 2
            continue
        out.append(TO_CYRILLIC.get(word[index], word[index]))
        index += 1
    return "".join(out)


def _digraph_at(match: re.Match) -> int:
    """Where the "nj" or "dž" of a two-letter stem starts in the word."""
    stem = match.group(0).lower()
    offset = stem.find("nj") if "nj" in stem else stem.find("dž")
    return match.start() + offset


def _capital_nearby(text: str, index: int) -> bool:
    """Љ/Њ/Џ at ``index`` is written all-caps when a neighbouring letter is a capital."""
    char = text[index]
    if not char.isupper():
        return False
    after = text[index + 1] if index + 1 < len(text) else ""
    before = text[index - 1] if index > 0 else ""
    if after.isalpha():
        return after.isupper()
    return before.isalpha() and before.isupper()


# -- HTML ------------------------------------------------------------------------------------

TAG_OR_ENTITY = re.compile(r"(<!--.*?-->|<[^>]*>|&[#\w]+;)", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")
KEPT_ELEMENTS = frozenset({"code", "pre", "script", "style", "kbd", "samp"})
NO_TRANSLATE = re.compile(r"""\btranslate\s*=\s*["']?no\b""", re.IGNORECASE)
TEXT_ATTRIBUTE = re.compile(r"""(\s(?:alt|title)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
VOID_ELEMENTS = frozenset({"br", "hr", "img", "embed", "input", "meta", "link", "wbr", "source"})


def _convert_html(html: str, convert) -> str:
    if not html:
        return html
    out = []
    kept: list[str] = []  # the open elements whose text stays as written
    for part in TAG_OR_ENTITY.split(html):
        if not part:
            continue
        if part.startswith("<"):
            out.append(_convert_tag(part, convert, kept))
        elif part.startswith("&") and part.endswith(";") and unescape(part) != part:
            out.append(part)
        else:
            out.append(part if kept else convert(part))
    return "".join(out)


def _convert_tag(tag: str, convert, kept: list[str]) -> str:
    match = TAG_NAME.match(tag)
    if not match or tag.startswith("<!--"):
        return tag
    closing, name = match.group(1) == "/", match.group(2).lower()
    if closing:
        if kept and kept[-1] == name:
            kept.pop()
        return tag
    self_closing = tag.rstrip(">").rstrip().endswith("/") or name in VOID_ELEMENTS
    if kept or name in KEPT_ELEMENTS or NO_TRANSLATE.search(tag):
        if not self_closing:
            kept.append(name)
        return tag
    return TEXT_ATTRIBUTE.sub(
        lambda m: m.group(1) + m.group(2) + convert(m.group(3)) + m.group(2), tag
    )
