"""The registry of benchmark data generators.

A generator is a function registered under a name. One with a size takes the number of items
to create, which ``bench/generate.py`` reads from its ``--<name> N`` option (0 skips it); one
without a size takes no argument and always runs. Generators run in registration order, and a
module's generators may rely on what earlier modules created (the site and its home page
first). A domain adds its generators in a module of this package listed in ``MODULES``, in
the dependency order of docs/architecture.md. Each returns a one-line summary of what it
created, and
must tolerate a second run against the same database.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

MODULES = [
    "bench.generators.site",
    "bench.generators.membership",
    "bench.generators.news",
    "bench.generators.events",
]


@dataclass(frozen=True)
class Generator:
    name: str
    func: Callable[..., str]
    size: int | None
    description: str


REGISTRY: dict[str, Generator] = {}


def generator(name: str, *, description: str, size: int | None = None):
    """Register the decorated function as the generator ``name``; ``size`` is its default."""

    def register(func: Callable[..., str]) -> Callable[..., str]:
        if name in REGISTRY:
            raise ValueError(f"two generators are named {name!r}")
        REGISTRY[name] = Generator(name=name, func=func, size=size, description=description)
        return func

    return register


def load() -> dict[str, Generator]:
    for module in MODULES:
        importlib.import_module(module)
    return REGISTRY
