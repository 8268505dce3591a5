"""What a list page (news, events, search) shows, read from its HTML for the tests of lists
in several languages: each entry's title, address, language and language label; and where
the language switcher leads."""

import re

from wagtail.models import Locale

_LISTS = re.compile(r'<(ul|ol) class="(?:card-list|search-results)">(.*?)</\1>', re.S)
_ENTRY = re.compile(
    r'<h[23][^>]*?(?: lang="(?P<lang>[^"]+)")?><a href="(?P<url>[^"]+)"[^>]*>(?P<title>[^<]+)</a>'
    r'</h[23]>(?:\s*<p class="(?:card__language|search-results__language)">(?P<label>[^<]+)</p>)?'
    r"(?P<rest>.*?)</li>",
    re.S,
)
_SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)
_SWITCHER_LINK = re.compile(r'<a href="([^"]+)" lang="([^"]+)"')


def entries(content: str) -> list[dict]:
    """The entries of the page's lists, in order: ``title``, ``url``, ``lang`` (the ``lang``
    attribute of the title, None when the entry is in the reader's language), ``label`` (the
    "In English" line, None when there is none) and ``summary_lang`` (the ``lang`` of the
    summary paragraph, None when it has none)."""
    found = []
    for _tag, body in _LISTS.findall(content):
        for match in _ENTRY.finditer(body):
            summary_lang = re.findall(r'<p lang="([^"]+)">', match["rest"])
            found.append(
                {
                    "title": match["title"],
                    "url": match["url"],
                    "lang": match["lang"],
                    "label": match["label"],
                    "summary_lang": summary_lang[-1] if summary_lang else None,
                }
            )
    return found


def titles(content: str) -> list[str]:
    return [entry["title"] for entry in entries(content)]


def switcher_links(content: str) -> dict[str, str]:
    """Where the language switcher sends the reader, by language code (the current language
    is no link)."""
    switcher = _SWITCHER.search(content)
    assert switcher is not None, "no language switcher on the page"
    return {code: url.replace("&amp;", "&") for url, code in _SWITCHER_LINK.findall(switcher[0])}


def without_cyrillic_twins(*pages) -> None:
    """Publishing these Latin pages wrote their Cyrillic twins (twins/): deleted here, the
    pages are in Latin only, as a page is before its Cyrillic exists."""
    cyrillic = Locale.objects.get(language_code="sr")
    for page in pages:
        twin = page.get_translation_or_none(cyrillic)
        if twin is not None:
            twin.delete()
