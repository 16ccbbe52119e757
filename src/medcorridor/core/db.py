"""Database helpers below every domain."""

import weakref
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections


def repeated_statements_cursor():
    """``connection.cursor()`` for the few hand-written statements the product sends on every write (a
    case transition, an audit row). On PostgreSQL each of them becomes a prepared statement of the
    session: parsed and planned once per connection instead of on every call, which was about half of a
    transition's backend CPU time. Django binds parameters on the client and prepares nothing, because
    the ORM's SQL is not always preparable; these statements are, and this cursor binds them on the
    server. A ``prepare_threshold`` in the database ``OPTIONS`` is psycopg's own setting and is kept:
    ``None`` (for a pooler in transaction mode, whose server sessions do not keep a client's prepared
    statements) turns preparing off, a number delays it. One statement per ``execute``."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each ``connection.x`` goes through a thread-local proxy
    if db.vendor != "postgresql":
        return db.cursor()
    db.close_if_health_check_failed()
    db.ensure_connection()
    raw = db.connection
    if raw not in _ZONE_LOADER_NEEDED:
        _ZONE_LOADER_NEEDED[raw] = _configure(db, raw)
    with db.wrap_database_errors:
        cursor = _server_binding_cursor_class()(raw)
        if _ZONE_LOADER_NEEDED[raw]:
            from django.db.backends.postgresql.psycopg_any import register_tzloader

            register_tzloader(db.timezone, cursor)
        return db._prepare_cursor(cursor)


# Per psycopg connection: whether its cursors need the zone's time loader (see ``_configure``).
_ZONE_LOADER_NEEDED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _configure(db, raw) -> bool:
    """Once per psycopg connection: let it prepare, and tell whether its cursors must read times in
    another zone than the connection's (as Django's own cursors do)."""
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID
    from psycopg.pq import Format

    if "prepare_threshold" not in db.settings_dict["OPTIONS"]:
        # Django leaves psycopg's threshold at None (never prepare). Only server-binding cursors, these,
        # ever prepare: Django's own cursors bind on the client.
        raw.prepare_threshold = 0
    return db.timezone != raw.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT).timezone


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
