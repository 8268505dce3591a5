"""SQL queries per request of each page of bench/pages.py, through Django's test client in a
process with the benchmark settings, and whether the page answers 200.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python bench/measure.py

Each page is requested twice and the second request is counted: the first fills the caches
(Wagtail's site root paths in Redis, template loaders) as the traffic before it would have.
"""

import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Run as a script, this file's folder is on sys.path rather than the project's.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import setup_django  # noqa: E402
from bench.pages import PAGES, BenchPage  # noqa: E402


@dataclass
class Measurement:
    page: BenchPage
    url: str
    status: int | None = None
    queries: int | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.error


def describe_exception(exc: BaseException) -> str:
    """The traceback of the first exception of the chain, where the page failed, and the last
    one's line: Django's error handling wraps the first in others (a failing 500 page would
    add one for each middleware), which say little more."""
    first = exc
    while (first.__cause__ or first.__context__) is not None:
        first = first.__cause__ or first.__context__
    text = "".join(traceback.format_exception(first, chain=False))
    if first is not exc:
        text += f"... then, while handling it: {type(exc).__name__}: {exc}\n"
    return text


def measure(pages: list[BenchPage], *, host: str = "127.0.0.1") -> list[Measurement]:
    client = Client(HTTP_HOST=host)
    results = []
    for page in pages:
        result = Measurement(page=page, url=page.url)
        try:
            result.url = page.get_url()
            client.get(result.url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(result.url)
        except Exception as exc:  # reported with its traceback; the other pages still run
            result.error = describe_exception(exc)
        else:
            result.status = response.status_code
            result.queries = len(queries)
            if response.status_code != 200:
                result.error = f"answered {response.status_code}, not 200"
        results.append(result)
    return results


def main() -> int:
    setup_django()
    results = measure(PAGES)
    width = max(len(result.page.name) for result in results)
    for result in results:
        status = result.status if result.status is not None else "error"
        queries = "-" if result.queries is None else result.queries
        print(f"{result.page.name:<{width}}  {status!s:>5}  {queries!s:>4} queries  {result.url}")
        if result.error:
            print(result.error, file=sys.stderr)
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
