"""Writing, sealing and verifying audit and access-log rows. Call ``record``/``record_access`` inside the
service's own transaction; ``seal`` runs after it commits (docs/adr/0002-sealed-audit-chain.md)."""

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial
from typing import Any, NamedTuple

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from medcorridor.core.db import repeated_statements_cursor

from .models import AccessLog, AuditEvent

GENESIS = "0" * 64
# Advisory-lock keys of the two chains (PostgreSQL): arbitrary constants, one per chain.
CHAIN_LOCKS = {"audit.AuditEvent": 7_310_001, "audit.AccessLog": 7_310_002}
CHAINS = (AuditEvent, AccessLog)
CHAIN_COLUMNS = ("position", "previous_hash", "row_hash")
VERIFY_STEP = 5_000
INSERT_BATCH = 500  # rows per INSERT: well under SQLite's limit of bound parameters per statement
SEAL_BATCH = 5_000  # unsealed rows read and linked per statement


def snapshot(instance: models.Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A JSON-able picture of a record's own fields, for the before/after columns."""
    data = model_to_dict(instance, exclude=list(exclude))
    for field in instance._meta.concrete_fields:
        if field.name not in exclude and field.name not in data:
            data[field.name] = getattr(instance, field.attname)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))


def target_label(instance: models.Model) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def target_key(instance: models.Model) -> str:
    return str(getattr(instance, "public_id", None) or instance.pk)


def _writers_serialised() -> bool:
    """SQLite runs one writer at a time (IMMEDIATE transactions take the write lock at BEGIN), so a row
    can be chained while it is written. PostgreSQL runs writers side by side: rows are sealed after
    commit, in commit order, by one sealer at a time."""
    return connection.vendor == "sqlite"


def _lock_chain(model, *, wait: bool = True) -> bool:
    """Take the chain's seal until the transaction ends (PostgreSQL; SQLite's write lock does it).
    With ``wait=False`` returns False at once if another sealer holds it."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        key = CHAIN_LOCKS[model._meta.label]
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
        return cursor.fetchone()[0]


def _hashed_names(model) -> list[str]:
    """The columns a row's hash covers: all but its id and the chain's own bookkeeping."""
    return [f.attname for f in model._meta.concrete_fields if f.name not in ("id", *CHAIN_COLUMNS)]


class _ChainSQL:
    """A chain's hot statements, written once per model and connection vendor: compiling them through
    the ORM on every append was over half of a case transition's CPU time."""

    def __init__(self, model):
        quote = connection.ops.quote_name
        self.model = model
        self.table = quote(model._meta.db_table)
        self.names = _hashed_names(model)
        fields = [model._meta.get_field(name) for name in self.names]
        columns = ", ".join(f"u.{quote(field.column)}" for field in fields)
        self.tail = (
            f"SELECT position, row_hash FROM {self.table} WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1"
        )
        # The tail and the oldest unsealed rows in one round trip. Always at least one row: the tail's
        # columns are NULL for an empty chain, the unsealed row's when none waits.
        self.state = (
            f"SELECT t.position, t.row_hash, u.id, {columns} FROM (SELECT 1) one "
            f"LEFT JOIN ({self.tail}) t ON true "
            f"LEFT JOIN (SELECT * FROM {self.table} WHERE position IS NULL ORDER BY id LIMIT %s) u ON true "
            "ORDER BY u.id"
        )
        self.link = f"UPDATE {self.table} SET position = %s, previous_hash = %s, row_hash = %s WHERE id = %s"
        waiting = f"EXISTS (SELECT 1 FROM {self.table} WHERE position IS NULL)"
        if connection.vendor == "postgresql":
            # Is there a row waiting for the sealer, and nobody sealing? One round trip: a look that finds
            # the chain taken needs no transaction of its own, as the holder looks again once it lets go.
            # Whether the chain is free is asked by taking its lock for the session and letting go of it at
            # once (CASE keeps the order), only when a row waits. Reading pg_locks instead, as before, copied
            # the server's whole lock table under all its partition locks, which every other writer's row
            # and table locks then queued behind: with 8 writers rows wait at almost every look. Advisory
            # locks are per database, like the chain. Someone who finds the chain taken during this moment
            # is covered: a look that says free is followed by a seal, which looks again afterwards.
            key = CHAIN_LOCKS[model._meta.label]
            free = f"CASE WHEN pg_try_advisory_lock({key}) THEN pg_advisory_unlock({key}) ELSE false END"
            self.pending = f"SELECT CASE WHEN {waiting} THEN {free} ELSE false END"
            self.links = f"{model._meta.db_table}_links"
            self._linked_inserts: dict[tuple, tuple[str, str, str]] = {}
            # All the rows a seal links, in one statement (one plan, one round trip): the column arrays.
            self.link_many = (
                f"UPDATE {self.table} t SET position = v.position, previous_hash = v.previous_hash, "
                "row_hash = v.row_hash FROM unnest(CAST(%s AS bigint[]), CAST(%s AS varchar[]), CAST(%s AS varchar[]), "
                "CAST(%s AS bigint[])) v(position, previous_hash, row_hash, id) WHERE t.id = v.id"
            )
        else:
            self.pending = f"SELECT {waiting}"
        # The conversions the ORM applies when it reads these columns (JSON text, SQLite's datetimes).
        self.converters = [
            connection.ops.get_db_converters(field.get_col(model._meta.db_table)) + field.get_db_converters(connection)
            for field in fields
        ]

    def linked_insert(self, names: tuple[str, ...], count: int, after: str) -> tuple[str, str, str]:
        """PostgreSQL: the parts of a statement that inserts ``count`` rows of fields ``names`` with the chain
        columns the links function gives them: its CTEs (the rows' payloads are their first parameter, the
        rows' values follow), and the columns and sources of the final SELECT (each row's id, whether the
        chain is held, whether the rows were sealed). With ``after``, the name of an earlier CTE, the rows
        are inserted only if it has a row, and the chain is only asked for then. Written once per set of
        columns, number of rows and ``after``."""
        key = (names, count, after)
        if key not in self._linked_inserts:
            fields = [self.model._meta.get_field(name) for name in names]
            quote = connection.ops.quote_name
            columns = ", ".join(quote(field.column) for field in fields)
            chain = ", ".join(quote(name) for name in CHAIN_COLUMNS)
            # Typed placeholders: in VALUES an untyped parameter is text.
            typed = ", ".join(f"CAST(%s AS {field.db_type(connection)})" for field in fields)
            values = ", ".join(f"({n}, {typed})" for n in range(1, count + 1))
            names = ", ".join(f"v{n}" for n in range(len(fields)))
            # Without a row in ``after`` the payloads are NULL, and the function returns at once.
            payloads = f"(SELECT CAST(%s AS text[]) FROM {after})" if after else "%s"
            self._linked_inserts[key] = (
                f"chain_links AS (SELECT * FROM {self.links}({payloads}) WITH ORDINALITY), "
                f"chain_appended AS (INSERT INTO {self.table} ({columns}, {chain}) "
                f"SELECT {names}, link_position, link_previous, link_hash FROM (VALUES {values}) v(n, {names}) "
                "JOIN chain_links ON chain_links.ordinality = v.n RETURNING id)",
                "chain_appended.id, chain_first.chain_held, chain_first.link_position IS NOT NULL",
                "chain_appended, (SELECT chain_held, link_position FROM chain_links WHERE ordinality = 1) chain_first",
            )
        return self._linked_inserts[key]

    def stored(self, values) -> dict[str, Any]:
        """A row's hashed values as the ORM would read them back."""
        row = {}
        for name, value, converters in zip(self.names, values, self.converters, strict=True):
            for convert in converters:
                value = convert(value, None, connection)
            row[name] = value
        return row


_STATEMENTS: dict[tuple[str, str], _ChainSQL] = {}


def _sql(model) -> _ChainSQL:
    key = (model._meta.label, connection.vendor)
    if key not in _STATEMENTS:
        _STATEMENTS[key] = _ChainSQL(model)
    return _STATEMENTS[key]


def _tail(model) -> tuple[int, str]:
    """Position and hash of the last sealed row (0 and the genesis hash for an empty chain)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(model).tail)
        return cursor.fetchone() or (0, GENESIS)


def _payload(fields: dict[str, Any]) -> str:
    """What a row's hash covers besides the previous hash: its values as JSON (ASCII: non-ASCII escaped)."""
    return json.dumps(fields, cls=DjangoJSONEncoder, sort_keys=True, default=str)


def _link(previous: str, fields: dict[str, Any]) -> str:
    """The row's hash. The links functions of migration ``audit.0003`` compute the same in SQL."""
    return hashlib.sha256((previous + _payload(fields)).encode()).hexdigest()


def _chained(tail: tuple[int, str], contents: Iterable[dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
    """Position, previous hash and own hash of each row appended, in order, after ``tail``."""
    position, previous = tail
    for fields in contents:
        position += 1
        row_hash = _link(previous, fields)
        yield position, previous, row_hash
        previous = row_hash


def _with_links(tail: tuple[int, str], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with their chain columns, appended after ``tail``, ready to be inserted sealed."""
    links = _chained(tail, rows)
    return [{**fields, **dict(zip(CHAIN_COLUMNS, link, strict=True))} for fields, link in zip(rows, links, strict=True)]


def _append(model, rows: list[dict[str, Any]]) -> list[int]:
    """Append rows to a chain in one insert; returns their ids. Where writers are serialised (SQLite) they
    are chained at once. Elsewhere (PostgreSQL) the insert asks for the chain without waiting. Free, and
    nothing left unsealed by others: the rows are inserted already sealed (no second version of the row).
    Free, but others' committed rows wait: the rows are inserted unsealed and all of them are sealed in
    place, oldest first (one commit for all). Taken: they are inserted unsealed, and sealed just after
    this transaction commits, by whoever looks last. Rows whose values the database would store in
    another form are sealed as read back. No writer ever waits for the chain, so concurrent writers'
    commits can share a WAL flush.

    No savepoint: a failed append must fail the caller's whole transaction anyway (no change without its
    audit row), and a savepoint costs two round trips."""
    with transaction.atomic(savepoint=False):
        as_written = all(map(_stored_as_written, rows))
        if _writers_serialised():
            # SQLite's write lock is the chain's; rows left unsealed there (by a process that died) wait for
            # the periodic seal, so only the tail is read.
            if as_written:
                return _insert(model, _with_links(_tail(model), rows))
            ids = _insert(model, rows)
            _seal_locked(model)
            return ids
        if as_written:
            return _insert_linked(model, rows)
        ids = _insert(model, rows)
        _appended(model, held=_lock_chain(model, wait=False), sealed=False)
        return ids


def _appended(model, *, held: bool, sealed: bool) -> None:
    """What follows a PostgreSQL writer's insert in its transaction: if it holds the chain but its rows
    are unsealed (others' rows went first, or values stored in another form), seal them all in place, as
    read back; and look again once the transaction has committed and let go of the chain."""
    if held and not sealed:
        _seal_locked(model)
    transaction.on_commit(partial(_seal_after_commit, model), robust=True)


class ChainedInsert:
    """Rows appended to a chain by the caller's own statement (PostgreSQL), so that they cost no round
    trip of their own: a case transition's audit row rides on its versioned update. Put ``ctes`` into the
    statement's WITH after the CTE named ``after`` (the rows are inserted only if it has a row), pass
    ``params`` in their place, select ``columns`` from ``sources`` in the final SELECT, and give what they
    return to ``written``, inside the same transaction."""

    def __init__(self, model, rows: list[dict[str, Any]], *, after: str = ""):
        self.model = model
        fields = [model._meta.get_field(name) for name in rows[0]]
        self.ctes, self.columns, self.sources = _sql(model).linked_insert(tuple(rows[0]), len(rows), after)
        prepared = _value_preparer(len(rows))
        self.params = [[_payload(row) for row in rows]]
        self.params += [prepared(field, row[field.attname]) for row in rows for field in fields]

    def written(self, held: bool, sealed: bool) -> None:
        _appended(self.model, held=held, sealed=sealed)


def chained_insert(model, rows: list[dict[str, Any]], *, after: str = "") -> ChainedInsert | None:
    """The rows as a ``ChainedInsert``, or None where they cannot be chained by their own insert: on
    SQLite (its writers chain rows as they write them), and for values the database stores in another
    form (``_stored_as_written``). Then write them with ``record_row`` or ``_append``."""
    if _writers_serialised() or not all(map(_stored_as_written, rows)):
        return None
    return ChainedInsert(model, rows, after=after)


def _insert_linked(model, rows: list[dict[str, Any]]) -> list[int]:
    """PostgreSQL: insert ``rows`` through the chain's links function (migration ``audit.0003``), which
    takes the chain if it is free and then hashes the rows after its tail, in the same round trip."""
    ids, held, sealed = [], False, True
    for start in range(0, len(rows), INSERT_BATCH):
        insert = ChainedInsert(model, rows[start : start + INSERT_BATCH])
        with repeated_statements_cursor() as cursor:
            cursor.execute(f"WITH {insert.ctes} SELECT {insert.columns} FROM {insert.sources}", insert.params)
            result = cursor.fetchall()
        ids += [row[0] for row in result]
        held, sealed = held or result[0][1], sealed and result[0][2]
    _appended(model, held=held, sealed=sealed)
    return ids


def _chain_state(rows: list[tuple]) -> tuple[tuple[int, str], list[tuple]]:
    """The tail (position, hash) and the unsealed rows from the rows of ``_ChainSQL.state``."""
    tail = (rows[0][0] or 0, rows[0][1] or GENESIS)
    return tail, [row for row in rows if row[2] is not None]


def _stored_as_written(row: dict[str, Any]) -> bool:
    """Whether the database gives every value of ``row`` back exactly as written, so that the row can be
    hashed before it is stored and still verify as read back. Text, integers, booleans, UTC times and JSON
    made of those do; a float in JSON may not (jsonb prints 1e+16 as an integer), nor does a time
    in another zone (it is read back in UTC)."""
    return all(_kept_as_written(value) for value in row.values())


_PLAIN = frozenset({str, int, bool, type(None)})


def _kept_as_written(value: Any) -> bool:
    if type(value) in _PLAIN or isinstance(value, str | int):  # the usual values first, without isinstance
        return True
    if isinstance(value, datetime):
        return value.utcoffset() == timedelta(0)
    if isinstance(value, list | tuple):
        return all(map(_kept_as_written, value))
    if isinstance(value, dict):
        return all(isinstance(key, str) and _kept_as_written(item) for key, item in value.items())
    return False


def _value_preparer(rows: int) -> Callable[[models.Field, Any], Any]:
    """``field.get_db_prep_save`` for ``rows`` rows, computed once per distinct value when there are
    several: the rows of one list share their time, actor, purpose and channel, and converting those fifty
    times was a tenth of the page."""
    cache: dict[tuple[str, Any], Any] = {}
    db = connections[DEFAULT_DB_ALIAS]  # once: each ``connection.x`` goes through a thread-local proxy
    if rows == 1:  # nothing to share: the cache's keys would cost more than they save
        return lambda field, value: field.get_db_prep_save(value, db)

    def prepared(field: models.Field, value: Any) -> Any:
        if isinstance(value, dict | list):  # JSON: unhashable, and only ever one row (``record``)
            return field.get_db_prep_save(value, db)
        key = (field.attname, value)
        if key not in cache:
            cache[key] = field.get_db_prep_save(value, db)
        return cache[key]

    return prepared


def _insert(model, rows: list[dict[str, Any]]) -> list[int]:
    """A multi-row INSERT straight from the dicts: a list page logs fifty rows per request, and building
    fifty model instances for ``bulk_create`` cost more than the page's own queries. Returns the ids."""
    fields = [model._meta.get_field(name) for name in rows[0]]
    prepared = _value_preparer(len(rows))
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    ids = []
    for start in range(0, len(rows), INSERT_BATCH):
        batch = rows[start : start + INSERT_BATCH]
        values = ", ".join([f"({', '.join(['%s'] * len(fields))})"] * len(batch))
        params = [prepared(field, row[field.attname]) for row in batch for field in fields]
        with repeated_statements_cursor() as cursor:
            cursor.execute(f'INSERT INTO {table} ({columns}) VALUES {values} RETURNING "id"', params)
            ids += [row[0] for row in cursor.fetchall()]
    return ids


def seal(model, *, wait: bool = True, batch: int = SEAL_BATCH) -> int | None:
    """Chain every committed unsealed row of ``model``, oldest id first; returns how many were sealed,
    or None when ``wait=False`` and another sealer is at work.

    One sealer at a time: the chain lock lasts until the surrounding transaction ends (a writer's, when
    ``_append`` seals in place), and only the periodic job ever waits for it."""
    with transaction.atomic(savepoint=False):
        if not _lock_chain(model, wait=wait):
            return None
        return _seal_locked(model, batch)


def _seal_locked(model, batch: int = SEAL_BATCH) -> int:
    """Seal under the chain lock already held. The rows are read back from the database (a writer's own
    uncommitted rows included), so the hash covers what is stored. The read is a statement of its own,
    after the one that took the lock: its snapshot then shows everything the previous sealer committed."""
    sealed = 0
    while True:
        with repeated_statements_cursor() as cursor:
            cursor.execute(_sql(model).state, [batch])
            tail, rows = _chain_state(cursor.fetchall())
        if not rows:
            return sealed
        _link_rows(model, tail, rows)
        sealed += len(rows)
        if len(rows) < batch:
            return sealed


def _link_rows(model, tail: tuple[int, str], rows: list[tuple]) -> tuple[int, str]:
    """Seal unsealed ``rows`` (as read by ``_ChainSQL.state``) after ``tail``, hashing their stored
    values; returns the new tail."""
    if not rows:
        return tail
    sql = _sql(model)
    chained = _chained(tail, (sql.stored(row[3:]) for row in rows))
    links = [(*link, row[2]) for link, row in zip(chained, rows, strict=True)]
    with repeated_statements_cursor() as cursor:
        if len(links) == 1:
            cursor.execute(sql.link, links[0])
        elif connection.vendor == "postgresql":
            cursor.execute(sql.link_many, [list(column) for column in zip(*links, strict=True)])
        else:
            cursor.executemany(sql.link, links)
    return links[-1][0], links[-1][2]


def _sealing_needed(model) -> bool:
    """Committed rows wait for the sealer, and (PostgreSQL) nobody holds the chain."""
    with repeated_statements_cursor() as cursor:
        cursor.execute(_sql(model).pending)
        return bool(cursor.fetchone()[0])


def _seal_after_commit(model) -> None:
    """Seal what is committed without queueing behind another sealer. A sealer that finds the chain
    taken leaves; every sealer, once it has let go of the chain, looks again (here, after its commit),
    so a committed row is never left behind: whoever looks last after its commit seals it."""
    while _sealing_needed(model):
        if seal(model, wait=False) is None:
            return


def seal_all() -> dict[str, int]:
    """Seal both chains (the periodic job's work: rows whose after-commit sealing did not run)."""
    counts = {model._meta.label: seal(model) for model in CHAINS}
    for model in CHAINS:  # look again after letting go, like every sealer
        _seal_after_commit(model)
    return counts


def _actor_label(actor) -> str:
    return getattr(actor, "username", "") if actor else "system"


def audit_row(
    *,
    actor,
    action: str,
    instance: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    before: dict | None = None,
    after: dict | None = None,
    summary: str = "",
) -> dict[str, Any]:
    """The values of one audit row (``record`` writes it; ``ChainedInsert`` lets a service's own statement)."""
    if instance is not None:
        target_type, target_id = target_label(instance), target_key(instance)
    return {
        "occurred_at": timezone.now(),
        "actor_id": getattr(actor, "pk", None),
        "actor_label": _actor_label(actor),
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "summary": summary[:255],
        "before": before,
        "after": after,
    }


def record(**row) -> AuditEvent:
    """Write one audit row (``audit_row``'s arguments); returns it as written (on PostgreSQL its hashes are
    set once sealed)."""
    return record_row(audit_row(**row))


def record_row(fields: dict[str, Any]) -> AuditEvent:
    """Write the audit row ``audit_row`` made."""
    return AuditEvent(id=_append(AuditEvent, [fields])[0], **fields)


@contextmanager
def audited(
    *, actor, action: str, instance: models.Model, summary: str = "", exclude: tuple[str, ...] = ()
) -> Iterator[None]:
    """Audit the change the ``with`` block makes to ``instance``: its snapshot before the block, and after
    it (once the block has saved it). Use it inside the service's transaction."""
    before = snapshot(instance, exclude=exclude)
    yield
    after = snapshot(instance, exclude=exclude)
    record(actor=actor, action=action, instance=instance, before=before, after=after, summary=summary)


def record_access(
    *,
    actor,
    instance: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    purpose: str = "view",
    granted: bool = True,
    channel: str = "web",
    organisation_label: str = "",
) -> None:
    if instance is not None:
        target_type, target_id = target_label(instance), target_key(instance)
    record_access_many(
        actor=actor,
        targets=[(target_type, target_id)],
        purpose=purpose,
        granted=granted,
        channel=channel,
        organisation_label=organisation_label,
    )


def record_access_many(
    *,
    actor,
    targets: list[tuple[str, str]],
    purpose: str = "list",
    granted: bool = True,
    channel: str = "web",
    organisation_label: str = "",
) -> int:
    """One access-log row per (target_type, target_id), written together: a list page logs every patient
    record it shows in one insert instead of one round trip per row."""
    now = timezone.now()
    rows = [
        {
            "occurred_at": now,
            "actor_id": getattr(actor, "pk", None),
            "organisation_label": organisation_label,
            "target_type": target_type,
            "target_id": target_id,
            "purpose": purpose,
            "granted": granted,
            "channel": channel,
        }
        for target_type, target_id in targets
    ]
    return len(_append(AccessLog, rows)) if rows else 0


class ChainCheck(NamedTuple):
    intact: bool
    broken_id: int | None  # the first row, in chain order, whose links or content do not match
    unsealed: int  # rows written but not chained yet: not covered by the check


def verify_chain(model=AuditEvent, *, advance: Callable[[int], Any] | None = None) -> ChainCheck:
    """Recompute the sealed chain in position order and count the rows still waiting for the sealer.
    ``advance(n)`` is told every ``VERIFY_STEP`` rows checked (for a progress bar)."""
    previous = GENESIS
    names = _hashed_names(model)
    unsealed = model.objects.filter(position__isnull=True).count()
    sealed = model.objects.filter(position__isnull=False).order_by("position")
    rows = sealed.values("id", "previous_hash", "row_hash", *names).iterator(chunk_size=VERIFY_STEP)
    for checked, row in enumerate(rows, start=1):
        expected = _link(previous, {name: row[name] for name in names})
        if row["previous_hash"] != previous or row["row_hash"] != expected:
            return ChainCheck(False, row["id"], unsealed)
        previous = row["row_hash"]
        if advance and checked % VERIFY_STEP == 0:
            advance(VERIFY_STEP)
    return ChainCheck(True, None, unsealed)


def changed_fields(before: dict, after: dict) -> dict[str, dict]:
    return {k: {"before": before.get(k), "after": after.get(k)} for k in after if before.get(k) != after.get(k)}
