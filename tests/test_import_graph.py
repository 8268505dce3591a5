"""The apps' one-way dependencies (docs/architecture.md), read from the source: an import
that runs upwards fails here, wherever in a module it is written (inside a function too)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "association",
    "payments",
    "twins",
    "home",
    "news",
    "membership",
    "events",
    "newsletter",
    "sitesetup",
    "demo",
]

# What each app may import besides itself. The base (association, payments, home) builds on
# nothing above it; sitesetup (setup_site, staff roles and invitations) may use every app
# below it; demo, at the top, may use everything (sitesetup's page and menu building among
# it) and nothing uses it.
ALLOWED = {
    "association": {"home"},
    "payments": {"association"},
    "twins": {"association"},
    "home": {"association", "twins"},
    "membership": {"association", "payments", "home", "twins"},
    "news": {"association", "home", "membership", "twins"},
    "events": {"association", "payments", "home", "membership", "twins"},
    "newsletter": {"association", "payments", "home", "news", "membership", "events", "twins"},
    "sitesetup": set(APPS) - {"demo"},
    "demo": set(APPS),
}


def _imports(app: str) -> dict[str, set[str]]:
    """The project apps each non-test module of ``app`` imports: {app: {module paths}}."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        relative = path.relative_to(ROOT)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in APPS and top != app:
                    found.setdefault(top, set()).add(str(relative))
    return found


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    upwards = {
        imported: sorted(modules)
        for imported, modules in _imports(app).items()
        if imported not in ALLOWED[app]
    }

    assert upwards == {}, f"{app} imports upwards: {upwards}"


def test_make_test_collects_every_apps_tests():
    """pytest's testpaths name every app, so no app's tests are left out of `make test`."""
    import tomllib

    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"][
        "ini_options"
    ]["testpaths"]
    assert set(APPS) <= set(testpaths)
