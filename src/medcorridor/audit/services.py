"""Writing audit and access-log rows. Call these inside the service's own transaction."""

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from .models import AccessLog, AuditEvent

GENESIS = "0" * 64
# Advisory-lock keys of the two chains (PostgreSQL): arbitrary constants, one per chain.
CHAIN_LOCKS = {"audit.AuditEvent": 7_310_001, "audit.AccessLog": 7_310_002}


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


def _lock_chain(model) -> None:
    """Serialise appends to one chain until the transaction commits.

    SQLite already runs one writer at a time (IMMEDIATE transactions). PostgreSQL runs writers side by
    side, and two that read the same tail would fork the chain, so there each append first takes a
    transaction-level advisory lock, one per chain."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCKS[model._meta.label]])


def _tail(model) -> str:
    return model.objects.order_by("-id").values_list("row_hash", flat=True).first() or GENESIS


def _link(previous: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, cls=DjangoJSONEncoder, sort_keys=True, default=str)
    return hashlib.sha256((previous + payload).encode()).hexdigest()


def _append(model, rows: list[dict[str, Any]]) -> list:
    """Append rows to a chain in one statement: one lock, one read of the tail, one insert."""
    with transaction.atomic():
        _lock_chain(model)
        previous = _tail(model)
        objects = []
        for fields in rows:
            row_hash = _link(previous, fields)
            objects.append(model(previous_hash=previous, row_hash=row_hash, **fields))
            previous = row_hash
        return model.objects.bulk_create(objects)


def _actor_label(actor) -> str:
    return getattr(actor, "username", "") if actor else "system"


def record(
    *,
    actor,
    action: str,
    instance: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    before: dict | None = None,
    after: dict | None = None,
    summary: str = "",
) -> AuditEvent:
    if instance is not None:
        target_type, target_id = target_label(instance), target_key(instance)
    fields = {
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
    return _append(AuditEvent, [fields])[0]


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
) -> AccessLog:
    if instance is not None:
        target_type, target_id = target_label(instance), target_key(instance)
    return record_access_many(
        actor=actor,
        targets=[(target_type, target_id)],
        purpose=purpose,
        granted=granted,
        channel=channel,
        organisation_label=organisation_label,
    )[0]


def record_access_many(
    *,
    actor,
    targets: list[tuple[str, str]],
    purpose: str = "list",
    granted: bool = True,
    channel: str = "web",
    organisation_label: str = "",
) -> list[AccessLog]:
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
    return _append(AccessLog, rows) if rows else []


def verify_chain(model=AuditEvent) -> tuple[bool, int | None]:
    """Recompute the chain; returns (intact, id of the first broken row)."""
    previous = GENESIS
    names = [f.attname for f in model._meta.concrete_fields if f.name not in ("id", "previous_hash", "row_hash")]
    for row in model.objects.order_by("id").values("id", "previous_hash", "row_hash", *names).iterator():
        fields = {name: row[name] for name in names}
        payload = json.dumps(fields, cls=DjangoJSONEncoder, sort_keys=True, default=str)
        expected = hashlib.sha256((previous + payload).encode()).hexdigest()
        if row["previous_hash"] != previous or row["row_hash"] != expected:
            return False, row["id"]
        previous = row["row_hash"]
    return True, None


def changed_fields(before: dict, after: dict) -> dict[str, dict]:
    return {k: {"before": before.get(k), "after": after.get(k)} for k in after if before.get(k) != after.get(k)}
