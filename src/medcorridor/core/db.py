"""Database helpers below every domain."""

from functools import cache

from django.db import connection


def repeated_statements_cursor():
    """``connection.cursor()`` for the few hand-written statements the product sends on every write (a
    case transition, an audit row). On PostgreSQL each of them becomes a prepared statement of the
    session: parsed and planned once per connection instead of on every call, which was about half of a
    transition's backend CPU time. Django binds parameters on the client and prepares nothing, because
    the ORM's SQL is not always preparable; these statements are, and this cursor binds them on the
    server. A ``prepare_threshold`` in the database ``OPTIONS`` is psycopg's own setting and is kept:
    ``None`` (for a pooler in transaction mode, whose server sessions do not keep a client's prepared
    statements) turns preparing off, a number delays it. One statement per ``execute``."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if "prepare_threshold" not in connection.settings_dict["OPTIONS"]:
        # Django leaves psycopg's threshold at None (never prepare). Only server-binding cursors, these,
        # ever prepare: Django's own cursors bind on the client.
        raw.prepare_threshold = 0
    with connection.wrap_database_errors:
        cursor = _server_binding_cursor_class()(raw)
        # As Django's own cursors: times read in the connection's zone.
        if connection.timezone != raw.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT).timezone:
            register_tzloader(connection.timezone, cursor)
        return connection._prepare_cursor(cursor)


@cache
def _server_binding_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class RepeatedStatementsCursor(ServerBindingCursor):
        """Keeps the statement it last sent where Django's query log reads it (``cursor._query``), as
        psycopg's client-binding cursor does; there it shows with its $1, $2 … placeholders."""

        def _convert_query(self, query, params=None):
            self._query = super()._convert_query(query, params)
            return self._query

    return RepeatedStatementsCursor
