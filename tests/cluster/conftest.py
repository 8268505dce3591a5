"""The tests of `make test-cluster` (scripts/cluster/run.sh): they run on the topology's client
host against the running hosts, with the production settings and the topology's shared
database, Redis and bucket. Outside that run there is nothing to test against, so they are
not even collected (and `make test`, `make test-fast` leave the marker `cluster` out)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

if not os.environ.get("CLUSTER_RUN_DIR"):
    collect_ignore_glob = ["test_*.py"]

sys.path.insert(0, str(REPO / "scripts" / "cluster"))

_FIGURES: dict[str, str] = {}


@pytest.fixture(scope="session", autouse=True)
def _cluster_database(django_db_blocker):
    """The topology's own database, not a test database: these tests look at what the hosts
    wrote, as an operator would."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """The root conftest empties the cache before each test; here the cache is the hosts'
    shared Redis (sessions, throttles, Celery's queue), which must be left alone."""


@pytest.fixture(scope="session")
def topology():
    from topology import Topology

    return Topology.load()


@pytest.fixture(scope="session")
def figures():
    """Figures the tests measured, printed at the end of the run (for a note)."""
    return _FIGURES


def pytest_terminal_summary(terminalreporter):
    if not _FIGURES:
        return
    terminalreporter.section("cluster figures")
    lines = [f"{name}: {value}" for name, value in _FIGURES.items()]
    for line in lines:
        terminalreporter.write_line(line)
    kept = REPO / "var" / "cluster"
    kept.mkdir(parents=True, exist_ok=True)
    (kept / "figures.txt").write_text("\n".join(lines) + "\n")
