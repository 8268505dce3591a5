"""What the worker's main process does before its pool forks (association/celery.py): work
each pool process would otherwise do for itself is done once, where the forks share it."""

import cffi.cparser
import pytest
from django.db import connection

from association.celery import _warm_cffi_parser, _warm_database


@pytest.mark.django_db(transaction=True)
def test_the_database_warm_up_closes_its_connection_so_no_pool_process_inherits_the_socket():
    connection.ensure_connection()

    _warm_database()

    assert connection.connection is None


def test_cffis_parser_is_built_once_in_the_main_process_for_the_pool_to_share(monkeypatch):
    # billiard's set_pdeathsig, run first thing in every pool process, calls FFI().cdef(),
    # which builds this parser only when cffi has none kept yet.
    monkeypatch.setattr(cffi.cparser, "_parser_cache", None)

    _warm_cffi_parser()

    assert cffi.cparser._parser_cache is not None
