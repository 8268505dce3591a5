"""Database helpers the apps share."""

from django.db import connection


def set_lock_timeout(milliseconds: int) -> None:
    """How long the current transaction waits for a row lock before PostgreSQL raises
    ``OperationalError`` (which callers turn into "busy, try again"). SQLite has no row locks:
    writers queue on the database file, up to its own busy timeout."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true)", [f"{int(milliseconds)}ms"]
            )
