"""Fill the database with the benchmark's data, one registered generator after the other.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python bench/generate.py --pages 2000

Every generator of bench/generators/ with a size has an option ``--<name> N`` (0 skips it);
each runs in its own transaction and prints what it created and how long it took.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import django
from django.db import transaction

REPO_ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder is on sys.path rather than the project's.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench import generators  # noqa: E402


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()


def main(argv: list[str] | None = None) -> int:
    setup_django()
    registry = generators.load()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for gen in registry.values():
        if gen.size is not None:
            parser.add_argument(
                f"--{gen.name}",
                type=int,
                default=gen.size,
                metavar="N",
                help=f"{gen.description} (default {gen.size})",
            )
    options = vars(parser.parse_args(argv))

    started = time.perf_counter()
    for gen in registry.values():
        size = options.get(gen.name.replace("-", "_"))
        if gen.size is not None and size <= 0:
            print(f"{gen.name}: skipped")
            continue
        began = time.perf_counter()
        with transaction.atomic():
            summary = gen.func() if gen.size is None else gen.func(size)
        print(f"{gen.name}: {summary} in {time.perf_counter() - began:.1f} s", flush=True)
    # The benchmark runs no Celery worker: the search and reference index updates that
    # publishing queued (association/background.py) are run here, as the worker would.
    from association.background import run_all

    began = time.perf_counter()
    print(f"index updates: {run_all()} run in {time.perf_counter() - began:.1f} s", flush=True)
    print(f"generated in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
