"""What the fuzz tests (``test_fuzz_*.py`` here) share: their markers, how a full run's
examples are shared out between the areas of the site, ``drive`` that sends an area's
requests, and the strategies for requests, headers, languages, paths and signed tokens.

The fuzz test drives every public form, filter and signed link of the site with hostile values
(huge and negative integers, NUL and control characters, 10 kB strings, right-to-left and
combining Unicode, quotes and SQL/full-text syntax, HTML and script), in all three languages.
No answer may be a server error, and a request answered 4xx must leave the database as it was.

Runs on PostgreSQL with the rest of the suite and on `make run`'s configuration (SQLite,
the filesystem broker, mail to files) with ``-m sqlite``; see ``scripts/test.sh``. A full
run sends over 10,000 requests per database; ``FUZZ_EXAMPLES=500`` makes a quick one. The
counts are printed at the end of pytest's output (``tests/fuzz/report.py``). The requests
are the same in every run; ``FUZZ_SEED=<n>`` explores others.
"""

from __future__ import annotations

import os

import pytest
from django.core import signing
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from .conftest import LANGUAGES
from .harness import Req, segment, total_examples
from .hostile import hostile_text, raw_bytes

FUZZ_MARKS = [
    pytest.mark.fuzz,
    pytest.mark.sqlite,
    pytest.mark.django_db,
    # Hostile values end up in cache keys; only memcached would mind.
    pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning"),
]

# How the examples of a full run are shared out (the sum of the weights is 100).
WEIGHTS = {
    "pages": 12,
    "news": 9,
    "directory": 13,
    "events": 14,
    "tickets": 12,
    "newsletter": 14,
    "accounts": 12,
    "webhooks": 5,
    "staff": 4,
    "api": 5,
}


def drive(fuzzer, strategy, area: str, known: tuple[Req, ...] = ()) -> None:
    """Send ``strategy``'s requests (a Req or a list of them per example) for this area's
    share of the examples, then fail with every finding at once. ``known`` are requests that
    once answered 500 (issue 12): they are sent first, in every run."""
    examples = max(1, round(total_examples() * WEIGHTS[area] / sum(WEIGHTS.values())))
    for req in known:
        fuzzer.send(req)

    chosen_seed = os.environ.get("FUZZ_SEED")

    @settings(
        max_examples=examples,
        deadline=None,
        # The same requests in every run unless FUZZ_SEED asks for others.
        derandomize=chosen_seed is None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(requests):
        for req in requests if isinstance(requests, list) else [requests]:
            fuzzer.send(req)

    if chosen_seed is not None:
        run = seed(int(chosen_seed))(run)
    run()
    fuzzer.assert_clean()


def printable(text: str) -> str:
    # What an HTTP server passes on in a header: no control characters.
    return "".join(c for c in text if c >= " " and c != "\x7f")[:8000]


headers = st.one_of(
    st.just({}),
    st.just({}),
    st.just({}),
    st.fixed_dictionaries(
        {},
        optional={
            "User-Agent": hostile_text.map(printable),
            "Accept-Language": st.one_of(
                st.sampled_from(["sr-latn", "sr", "sr-Latn-RS;q=0.9", "*", "xx-XX", "en;q=x"]),
                hostile_text.map(printable),
            ),
            "Referer": hostile_text.map(printable),
            "X-Forwarded-For": hostile_text.map(printable),
        },
    ),
)
language = st.sampled_from(LANGUAGES)
NOTHING = st.just([])
hostile_segment = st.one_of(hostile_text, raw_bytes).map(segment).filter(bool)


def get(endpoint, path, query=NOTHING, user="anonymous"):
    return st.builds(
        lambda p, q, h: Req(endpoint, "GET", p, query=q, headers=h, user=user),
        path,
        query,
        headers,
    )


def post(endpoint, path, form, query=NOTHING, user="anonymous"):
    return st.builds(
        lambda p, f, q, h: Req(endpoint, "POST", p, query=q, form=f, headers=h, user=user),
        path,
        form,
        query,
        headers,
    )


def in_languages(path: str):
    return language.map(lambda prefix: prefix + path)


def under(prefix: str, suffix: str = "/"):
    """``prefix`` + a hostile path segment + ``suffix``, in any language."""
    return st.builds(lambda lang, seg: f"{lang}{prefix}{seg}{suffix}", language, hostile_segment)


# --- signed links ---------------------------------------------------------------------------


def signed_tokens(real: list[str], salt: str, *, compress: bool = False):
    """Real tokens, tampered ones, ones signed with someone else's key or for another
    purpose, and plain hostile strings."""
    payloads = st.one_of(
        st.integers(-(2**70), 2**70),
        st.sampled_from([0, -1, 2**31, 2**63, None, True, [], {}, [1, "x"], ["s", 1], ["h", 1]]),
        hostile_text,
    )

    def tampered(token: str, index: int, char: str) -> str:
        index %= max(len(token), 1)
        return token[:index] + char + token[index + 1 :]

    return st.one_of(
        st.sampled_from(real),
        st.builds(tampered, st.sampled_from(real), st.integers(0, 200), st.sampled_from("Aa0-_:.")),
        st.builds(str.__add__, st.sampled_from(real), hostile_text),
        st.builds(lambda t, n: t[:n], st.sampled_from(real), st.integers(0, 60)),
        st.builds(
            lambda p: signing.dumps(p, key="not-our-secret", salt=salt, compress=compress), payloads
        ),
        st.builds(
            lambda p, s: signing.dumps(p, salt=s, compress=compress),
            payloads,
            st.sampled_from(["newsletter.confirm", "newsletter.unsubscribe", "other", ""]),
        ),
        hostile_text,
    ).map(segment)
