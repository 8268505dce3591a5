"""Publishing with a script twin: BENCH_PUBLISHES publishes of a Serbian Latin page (each
writes and publishes its Cyrillic twin) against as many of an English page (no twin), both
with the same body, the size of the demo site's "About" page. Run by bench/twins/run.sh."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import django  # noqa: E402

django.setup()

from wagtail.models import Locale, Page, Site  # noqa: E402

from home.models import HomePage, StandardPage  # noqa: E402

PARAGRAPH = (
    "<p>Srpska klasterska asocijacija okuplja klastere iz svih sektora: od informacionih "
    "tehnologija i prehrambene industrije do građevinarstva, turizma i kreativnih industrija. "
    "Džepni vodič za članove, ljudi iz Niša, Novog Sada i Beograda.</p>"
)
BODY = [
    {"type": "heading", "value": {"text": f"Poglavlje {n}", "level": "h2"}} for n in range(6)
] + [{"type": "paragraph", "value": PARAGRAPH} for _ in range(18)]


def _homes() -> dict[str, Page]:
    root = Page.get_first_root_node()
    homes = {}
    for code in ("en", "sr-latn", "sr"):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        home = HomePage(title=f"Home {code}", slug=f"home-{code}", hero_heading="Klasteri")
        home.locale = locale
        root.add_child(instance=home)
        home.save_revision().publish()
        homes[code] = home
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": homes["en"], "hostname": "127.0.0.1", "port": 80},
    )
    return homes


def _publish_times(parent: Page, count: int) -> list[float]:
    page = StandardPage(title="O nama", slug=f"o-nama-{parent.pk}", intro="Uvod.", body=BODY)
    parent.add_child(instance=page)
    page.save_revision().publish()  # the first publish creates the twin: not measured
    times = []
    for n in range(count):
        page.intro = f"Uvod, izmena {n}."
        started = time.perf_counter()
        page.save_revision().publish()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    count = int(os.environ.get("BENCH_PUBLISHES", "20"))
    homes = _homes()
    without = _publish_times(homes["en"], count)
    with_twin = _publish_times(homes["sr-latn"], count)
    twins = StandardPage.objects.filter(locale__language_code="sr").count()
    print(f"== publish, {count} times each, body of {len(BODY)} blocks")
    for name, times in (("without a twin (en)", without), ("with its twin (sr-latn)", with_twin)):
        ordered = sorted(times)
        p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
        print(f"{name:26} p50 {statistics.median(times):7.1f} ms   p90 {p90:7.1f} ms")
    print(
        f"ratio p50 with/without: {statistics.median(with_twin) / statistics.median(without):.2f}"
    )
    print(f"Cyrillic twins written: {twins}")


if __name__ == "__main__":
    main()
